package dev.evoplan.rules;

import static dev.evoplan.rules.RuleFixtures.ORDERS;
import static dev.evoplan.rules.RuleFixtures.only;
import static org.assertj.core.api.Assertions.assertThat;

import dev.evoplan.diff.Change;
import dev.evoplan.model.IdentityKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UnjudgedChangeTest {
    private final ChangeRule rule = new UnjudgedChange();
    private final Change identity =
            // An identity added to a column that has none: no rule judges it (its sequence must
            // start past the values already there, which a person checks).
            new Change.AlterIdentity(ORDERS, "id", IdentityKind.NONE, IdentityKind.ALWAYS);

    @ParameterizedTest(name = "{0} on PG {1} -> needs-review")
    @CsvSource({"written, 10", "planned, 18"})
    void needsReview(String mode, int pg) {
        Finding f = only(rule.check(identity, RuleFixtures.context(mode).pg(pg).build()));
        assertThat(f.ruleId()).isEqualTo("unjudged-change");
        assertThat(f.safety()).isEqualTo(Safety.NEEDS_REVIEW);
        assertThat(f.lock()).isEqualTo(LockLevel.ACCESS_EXCLUSIVE);
        assertThat(f.what())
                .contains("identity change on orders.id")
                .contains("no rule of evoplan knows");
    }

    @Test
    void needsReviewTripsEveryGate() {
        Finding f = only(rule.check(identity, RuleFixtures.written().build()));
        for (Safety gate : Safety.values()) {
            assertThat(f.safety().trips(gate)).isTrue();
        }
    }

    @Test
    void theJudgeUsesItOnlyWhenNothingElseSpoke() {
        // A known brief change never falls to it, even though it would accept any kind.
        Change comment = new Change.SetTableComment(ORDERS, null, "x");
        assertThat(Judge.judge(comment, RuleFixtures.written().build()))
                .extracting(Finding::ruleId)
                .containsExactly("metadata-only-change");
        assertThat(Judge.judge(identity, RuleFixtures.written().build()))
                .extracting(Finding::ruleId)
                .containsExactly("unjudged-change");
    }
}
