package dev.evoplan.rules;

import static dev.evoplan.rules.RuleFixtures.ORDERS;
import static dev.evoplan.rules.RuleFixtures.only;
import static org.assertj.core.api.Assertions.assertThat;

import dev.evoplan.diff.Change;
import dev.evoplan.model.IdentityKind;
import dev.evoplan.model.IdentityOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IdentityChangeBreaksInsertsTest {
    private final ChangeRule rule = new IdentityChangeBreaksInserts();

    @ParameterizedTest(name = "{0} -> {1}, {2}")
    @CsvSource({
        "ALWAYS,     NONE,   written, INSERT that leaves the column out fails",
        "BY_DEFAULT, NONE,   planned, a deploy checkpoint first has the application supply",
        "BY_DEFAULT, ALWAYS, written, INSERT that writes the column is refused",
        "BY_DEFAULT, ALWAYS, planned, INSERT that writes the column is refused",
    })
    void anIdentityThatStopsGeneratingOrRefusesValuesIsMultiStep(
            IdentityKind from, IdentityKind to, String mode, String says) {
        Finding f =
                only(
                        rule.check(
                                new Change.AlterIdentity(ORDERS, "id", from, to),
                                RuleFixtures.context(mode).build()));
        assertThat(f.ruleId()).isEqualTo("identity-change-breaks-inserts");
        assertThat(f.safety()).isEqualTo(Safety.MULTI_STEP);
        assertThat(f.lock()).isEqualTo(LockLevel.ACCESS_EXCLUSIVE);
        assertThat(f.what()).contains(says).contains("orders.id").contains("no rewrite, no scan");
        // The judge gives this rule's finding alone, no longer unjudged-change's.
        assertThat(
                        Judge.judge(
                                        new Change.AlterIdentity(ORDERS, "id", from, to),
                                        RuleFixtures.context(mode).build())
                                .stream()
                                .map(Finding::ruleId))
                .containsExactly("identity-change-breaks-inserts");
    }

    @Test
    void anIdentityAddedOrMadeByDefaultOrNarrowedIsNotThisRules() {
        JudgeContext ctx = RuleFixtures.written().build();
        // Added: its start against the values already there is for a person.
        assertThat(
                        rule.check(
                                new Change.AlterIdentity(
                                        ORDERS, "id", IdentityKind.NONE, IdentityKind.ALWAYS),
                                ctx))
                .isEmpty();
        // ALWAYS to BY DEFAULT accepts more than before: breaks nothing.
        assertThat(
                        rule.check(
                                new Change.AlterIdentity(
                                        ORDERS, "id", IdentityKind.ALWAYS, IdentityKind.BY_DEFAULT),
                                ctx))
                .isEmpty();
        // Options of an ALWAYS identity that keep the current value: a brief catalog change.
        assertThat(
                        rule.check(
                                new Change.AlterIdentity(
                                        ORDERS,
                                        "id",
                                        IdentityKind.ALWAYS,
                                        IdentityKind.ALWAYS,
                                        IdentityOptions.DEFAULTS,
                                        new IdentityOptions(null, 5L, null, null, null, false)),
                                ctx))
                .isEmpty();
        // A raised minimum can be refused by PostgreSQL: left for review.
        IdentityOptions raised = new IdentityOptions(null, null, 1000L, null, null, false);
        assertThat(
                        rule.check(
                                new Change.AlterIdentity(
                                        ORDERS,
                                        "id",
                                        IdentityKind.BY_DEFAULT,
                                        IdentityKind.ALWAYS,
                                        IdentityOptions.DEFAULTS,
                                        raised),
                                ctx))
                .isEmpty();
        assertThat(rule.check(new Change.SetNotNull(ORDERS, "id"), ctx)).isEmpty();
    }
}
