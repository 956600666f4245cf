package dev.evoplan.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evoplan.diff.Change;
import dev.evoplan.model.Origin;
import dev.evoplan.model.Suppression;
import org.junit.jupiter.api.Test;

/** EP501 suppression-without-reason and EP502 suppression-unused: findings built for the linter. */
class SuppressionRulesTest {
    private static final Origin AT = Origin.statement("V3__x.sql", 4, 1);

    private static Suppression next(String rule, String reason) {
        return new Suppression(AT, Suppression.Scope.NEXT_STATEMENT, rule, reason, 5);
    }

    @Test
    void aSuppressionWithoutReasonNeedsReview() {
        Finding f = SuppressionWithoutReason.of(next("EP101", ""));
        assertThat(f.ruleId()).isEqualTo("suppression-without-reason");
        assertThat(f.safety()).isEqualTo(Safety.NEEDS_REVIEW);
        assertThat(f.lock()).isEqualTo(LockLevel.NONE);
        assertThat(f.origin()).isEqualTo(AT);
        assertThat(f.what()).isEqualTo("The comment -- evoplan:ignore EP101 at V3__x.sql:4:1 gives no reason for"
                + " silencing create-index-non-concurrent (EP101); it takes no lock");
        assertThat(f.fix()).contains("-- evoplan:ignore EP101 <reason>");
        assertThat(SuppressionWithoutReason.of(next("EP101", ""), "custom").what()).isEqualTo("custom");
    }

    @Test
    void anUnknownRuleSuppressesNothing() {
        Finding f = SuppressionUnused.of(next("create-index-non-concurent", "small table"));
        assertThat(f.ruleId()).isEqualTo("suppression-unused");
        assertThat(f.safety()).isEqualTo(Safety.SAFE);
        assertThat(f.lock()).isEqualTo(LockLevel.NONE);
        assertThat(f.what()).contains("names create-index-non-concurent, which is not a rule of evoplan");
    }

    @Test
    void aKnownRuleWithoutAFindingOnItsTargetSuppressesNothing() {
        assertThat(SuppressionUnused.of(next("create-index-non-concurrent", "small")).what())
                .contains("suppresses nothing: create-index-non-concurrent (EP101) raised no finding on the statement"
                        + " at line 5");
        Suppression file = new Suppression(AT, Suppression.Scope.FILE, "ep213", "reviewed", 0);
        assertThat(SuppressionUnused.of(file).what()).startsWith("The comment -- evoplan:ignore-file ep213")
                .contains("data-change-unbatched (EP213) raised no finding on this file");
        assertThat(SuppressionUnused.of(next("", "")).what()).contains("names no rule");
    }

    @Test
    void theyExplainThemselvesButJudgeNoChange() {
        for (Rule rule : new Rule[] {new SuppressionWithoutReason(), new SuppressionUnused()}) {
            assertThat(RuleCatalogue.byId(rule.info().id())).isPresent();
            assertThat(rule).isInstanceOf(SuppressionRule.class).isNotInstanceOf(ChangeRule.class);
        }
        assertThat(RuleCatalogue.byIdOrCode("ep502")).map(r -> r.info().id()).contains("suppression-unused");
        assertThat(RuleCatalogue.byIdOrCode("EP999")).isEmpty();
    }
}
