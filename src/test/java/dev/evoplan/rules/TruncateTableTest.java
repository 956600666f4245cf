package dev.evoplan.rules;

import static dev.evoplan.rules.RuleFixtures.ORDERS;
import static dev.evoplan.rules.RuleFixtures.assertNamesLock;
import static dev.evoplan.rules.RuleFixtures.only;
import static org.assertj.core.api.Assertions.assertThat;

import dev.evoplan.diff.Change;
import org.junit.jupiter.api.Test;

class TruncateTableTest {
    private final ChangeRule rule = new TruncateTable();

    @Test
    void truncateOfAnExistingTableIsMultiStepUnderAccessExclusive() {
        Change truncate = new Change.DataChange(ORDERS, "TRUNCATE", "truncate orders");
        Finding f = only(Judge.judge(truncate, RuleFixtures.written().build()));
        assertThat(f.ruleId()).isEqualTo("truncate-table");
        assertThat(f.safety()).isEqualTo(Safety.MULTI_STEP);
        assertThat(f.lock()).isEqualTo(LockLevel.ACCESS_EXCLUSIVE);
        assertThat(f.table()).isEqualTo(ORDERS);
        assertNamesLock(f, LockLevel.ACCESS_EXCLUSIVE);
        assertThat(f.why()).contains("gone");
        assertThat(f.fix()).contains("batches").contains("lock_timeout");
        assertThat(
                        only(rule.check(
                                        new Change.DataChange(ORDERS, "truncate", "x"),
                                        RuleFixtures.written().build()))
                                .ruleId())
                .isEqualTo("truncate-table");
    }

    @Test
    void onANewTableItIsChangeOnNewTable() {
        Change truncate = new Change.DataChange(ORDERS, "TRUNCATE", "truncate orders");
        assertThat(
                        only(Judge.judge(truncate, RuleFixtures.written().fresh(ORDERS).build()))
                                .ruleId())
                .isEqualTo("change-on-new-table");
    }

    @Test
    void otherDataChangesAreNotTruncates() {
        assertThat(
                        rule.check(
                                new Change.DataChange(
                                        ORDERS, "DELETE", "delete orders, every row (no WHERE)"),
                                RuleFixtures.written().build()))
                .isEmpty();
        assertThat(rule.appliesTo(Change.Kind.MAINTENANCE)).isFalse();
    }
}
