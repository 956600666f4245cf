package dev.evoplan.rules;

import static dev.evoplan.rules.SuppressionRulesTest.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.evoplan.model.Suppression;
import org.junit.jupiter.api.Test;

/** EP502 suppression-unused: an unknown rule, and a known one with nothing on its target. */
class SuppressionUnusedTest {
    @Test
    void anUnknownRuleSuppressesNothing() {
        Finding f = SuppressionUnused.of(next("create-index-non-concurent", "small table"));
        assertThat(f.ruleId()).isEqualTo("suppression-unused");
        assertThat(f.safety()).isEqualTo(Safety.SAFE);
        assertThat(f.lock()).isEqualTo(LockLevel.NONE);
        assertThat(f.what())
                .contains("names create-index-non-concurent, which is not a rule of evoplan");
    }

    @Test
    void aKnownRuleWithoutAFindingOnItsTargetSuppressesNothing() {
        assertThat(SuppressionUnused.of(next("create-index-non-concurrent", "small")).what())
                .contains(
                        "suppresses nothing: create-index-non-concurrent (EP101) raised no finding on the statement"
                                + " at line 5");
        Suppression file = new Suppression(AT, Suppression.Scope.FILE, "ep213", "reviewed", 0);
        assertThat(SuppressionUnused.of(file).what())
                .startsWith("The comment -- evoplan:ignore-file ep213")
                .contains("data-change-unbatched (EP213) raised no finding on this file");
        assertThat(SuppressionUnused.of(next("", "")).what()).contains("names no rule");
    }

    @Test
    void judgeReportsOnlyAReasonedSuppressionThatCoversNothing() {
        SuppressionUnused rule = new SuppressionUnused();
        assertThat(rule.checkSuppression(next("EP101", "small table"), false))
                .extracting(Finding::ruleId)
                .containsExactly("suppression-unused");
        assertThat(rule.checkSuppression(next("EP101", "small table"), true)).isEmpty();
        // Without a reason it is EP501's to report, not this rule's.
        assertThat(rule.checkSuppression(next("EP101", ""), false)).isEmpty();
    }
}
