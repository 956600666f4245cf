package dev.evoplan.rules;

import static dev.evoplan.rules.RuleFixtures.ORDERS;
import static dev.evoplan.rules.RuleFixtures.only;
import static org.assertj.core.api.Assertions.assertThat;

import dev.evoplan.diff.Change;
import dev.evoplan.model.Column;
import dev.evoplan.model.SqlType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RenameColumnBreaksRunningCodeTest {
    private final ChangeRule rule = new RenameColumnBreaksRunningCode();
    private final Change rename = new Change.RenameColumn(ORDERS, "email", "contact_email");

    @ParameterizedTest(name = "{0} on PG {1}, {2} table -> multi-step")
    @CsvSource({
        "written, 10, unknown",
        "written, 16, small",
        "planned, 18, large",
        "planned, 11, new"
    })
    void alwaysMultiStep(String mode, int pg, String size) {
        Finding f =
                only(
                        rule.check(
                                rename,
                                RuleFixtures.context(mode).pg(pg).size(ORDERS, size).build()));
        assertThat(f.ruleId()).isEqualTo("rename-column-breaks-running-code");
        assertThat(f.safety()).isEqualTo(Safety.MULTI_STEP);
        assertThat(f.lock()).isEqualTo(LockLevel.ACCESS_EXCLUSIVE);
    }

    @Test
    void messagesNameBothNames() {
        Finding f = only(rule.check(rename, RuleFixtures.written().build()));
        assertThat(f.what())
                .startsWith(
                        "RENAME COLUMN orders.email TO contact_email takes an ACCESS EXCLUSIVE lock");
        assertThat(f.why()).contains("email").contains("contact_email");
        assertThat(only(rule.check(rename, RuleFixtures.planned().build())).what())
                .contains("trigger");
    }

    @Test
    void doesNotJudgeOtherChanges() {
        assertThat(rule.appliesTo(Change.Kind.RENAME_TABLE)).isFalse();
        assertThat(
                        rule.check(
                                new Change.DropColumn(
                                        ORDERS, Column.of("email", SqlType.of("text"), true)),
                                RuleFixtures.written().build()))
                .isEmpty();
    }
}
