package dev.evoplan.rules;

import static dev.evoplan.rules.RuleFixtures.ORDERS;
import static dev.evoplan.rules.RuleFixtures.only;
import static org.assertj.core.api.Assertions.assertThat;

import dev.evoplan.diff.Change;
import dev.evoplan.model.CheckConstraint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AddCheckScansTableTest {
    private final ChangeRule rule = new AddCheckScansTable();

    private static Change check(boolean validated) {
        return new Change.AddCheck(
                ORDERS, new CheckConstraint("orders_total_check", "total >= 0", validated));
    }

    @ParameterizedTest(name = "{0} on PG {1}, {2} table -> {3}")
    @CsvSource({
        "written, 10, unknown, DOWNTIME",
        "written, 18, large,   DOWNTIME",
        "written, 16, small,   SAFE",
        "written, 16, new,     SAFE",
        "planned, 16, unknown, MULTI_STEP",
        "planned, 11, large,   MULTI_STEP",
    })
    void validatedCheckScans(String mode, int pg, String size, Safety safety) {
        Finding f =
                only(
                        rule.check(
                                check(true),
                                RuleFixtures.context(mode).pg(pg).size(ORDERS, size).build()));
        assertThat(f.ruleId()).isEqualTo("add-check-scans-table");
        assertThat(f.safety()).isEqualTo(safety);
        assertThat(f.lock()).isEqualTo(LockLevel.ACCESS_EXCLUSIVE);
    }

    @Test
    void messagesNameScanAndPlannedSteps() {
        assertThat(only(rule.check(check(true), RuleFixtures.written().build())).what())
                .isEqualTo(
                        "ADD CONSTRAINT orders_total_check CHECK (total >= 0) on orders takes an ACCESS EXCLUSIVE"
                                + " lock for the whole scan of the table, which blocks all reads and writes");
        assertThat(only(rule.check(check(true), RuleFixtures.planned().build())).what())
                .contains("NOT VALID")
                .contains("VALIDATE CONSTRAINT orders_total_check takes a SHARE UPDATE EXCLUSIVE");
    }

    @ParameterizedTest(name = "NOT VALID check, {0}: no finding")
    @CsvSource({"written", "planned"})
    void notValidCheckIsACatalogUpdate(String mode) {
        assertThat(rule.check(check(false), RuleFixtures.context(mode).build())).isEmpty();
    }

    @Test
    void doesNotJudgeOtherChanges() {
        assertThat(rule.appliesTo(Change.Kind.VALIDATE_CHECK)).isFalse();
        Change validate =
                new Change.ValidateCheck(ORDERS, new CheckConstraint("c", "total >= 0", true));
        assertThat(rule.check(validate, RuleFixtures.written().build())).isEmpty();
    }
}
