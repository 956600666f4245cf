package dev.evoplan.rules;

import static dev.evoplan.rules.RuleFixtures.ORDERS;
import static dev.evoplan.rules.RuleFixtures.only;
import static org.assertj.core.api.Assertions.assertThat;

import dev.evoplan.diff.Change;
import dev.evoplan.model.QualifiedName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RenameTableBreaksRunningCodeTest {
    private final ChangeRule rule = new RenameTableBreaksRunningCode();
    private final Change rename = new Change.RenameTable(ORDERS, QualifiedName.of("purchases"));

    @ParameterizedTest(name = "{0} on PG {1}, {2} table -> multi-step")
    @CsvSource({
        "written, 10, unknown",
        "written, 18, small",
        "planned, 16, large",
        "planned, 12, unknown"
    })
    void alwaysMultiStep(String mode, int pg, String size) {
        Finding f =
                only(
                        rule.check(
                                rename,
                                RuleFixtures.context(mode).pg(pg).size(ORDERS, size).build()));
        assertThat(f.ruleId()).isEqualTo("rename-table-breaks-running-code");
        assertThat(f.safety()).isEqualTo(Safety.MULTI_STEP);
        assertThat(f.lock()).isEqualTo(LockLevel.ACCESS_EXCLUSIVE);
        assertThat(f.table()).isEqualTo(ORDERS);
    }

    @Test
    void messagesNameTheOldTable() {
        assertThat(only(rule.check(rename, RuleFixtures.written().build())).what())
                .startsWith("ALTER TABLE orders RENAME TO purchases takes an ACCESS EXCLUSIVE lock")
                .endsWith("every statement that names orders fails");
        assertThat(only(rule.check(rename, RuleFixtures.planned().build())).what())
                .contains("view named orders");
    }

    @Test
    void doesNotJudgeOtherChanges() {
        assertThat(rule.appliesTo(Change.Kind.RENAME_COLUMN)).isFalse();
        assertThat(
                        rule.check(
                                new Change.RenameColumn(ORDERS, "a", "b"),
                                RuleFixtures.written().build()))
                .isEmpty();
    }
}
