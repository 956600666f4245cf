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

class DropColumnBreaksRunningCodeTest {
    private final ChangeRule rule = new DropColumnBreaksRunningCode();
    private final Change drop =
            new Change.DropColumn(ORDERS, Column.of("status", SqlType.of("text"), true));

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
                                drop,
                                RuleFixtures.context(mode).pg(pg).size(ORDERS, size).build()));
        assertThat(f.ruleId()).isEqualTo("drop-column-breaks-running-code");
        assertThat(f.safety()).isEqualTo(Safety.MULTI_STEP);
        assertThat(f.lock()).isEqualTo(LockLevel.ACCESS_EXCLUSIVE);
        assertThat(f.sizeNote()).isNull();
    }

    @Test
    void messagesSayWhatBreaksAndThePlannedOrder() {
        assertThat(only(rule.check(drop, RuleFixtures.written().build())).what())
                .isEqualTo(
                        "DROP COLUMN orders.status takes an ACCESS EXCLUSIVE lock only for a catalog update, which"
                                + " blocks all reads and writes (no rewrite), and from that moment statements that name the"
                                + " column fail");
        assertThat(only(rule.check(drop, RuleFixtures.planned().build())).what())
                .startsWith("As planned, a deploy checkpoint first")
                .contains("contract stage");
    }

    @Test
    void doesNotJudgeOtherChanges() {
        assertThat(rule.appliesTo(Change.Kind.ADD_COLUMN)).isFalse();
        assertThat(
                        rule.check(
                                new Change.RenameColumn(ORDERS, "a", "b"),
                                RuleFixtures.written().build()))
                .isEmpty();
    }
}
