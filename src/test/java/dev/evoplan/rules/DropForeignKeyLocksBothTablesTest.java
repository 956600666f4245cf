package dev.evoplan.rules;

import static dev.evoplan.rules.RuleFixtures.CUSTOMERS;
import static dev.evoplan.rules.RuleFixtures.ORDERS;
import static dev.evoplan.rules.RuleFixtures.fk;
import static dev.evoplan.rules.RuleFixtures.only;
import static org.assertj.core.api.Assertions.assertThat;

import dev.evoplan.diff.Change;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DropForeignKeyLocksBothTablesTest {
    private final ChangeRule rule = new DropForeignKeyLocksBothTables();
    private final Change drop =
            new Change.DropForeignKey(
                    ORDERS, fk("orders_customer_id_fkey", "customer_id", CUSTOMERS, true));

    @ParameterizedTest(name = "{0} on PG {1}, {2} table -> safe")
    @CsvSource({"written, 10, unknown", "written, 18, large", "planned, 16, unknown"})
    void safeButLocksBothTables(String mode, int pg, String size) {
        Finding f =
                only(
                        rule.check(
                                drop,
                                RuleFixtures.context(mode).pg(pg).size(ORDERS, size).build()));
        assertThat(f.ruleId()).isEqualTo("drop-foreign-key-locks-both-tables");
        assertThat(f.safety()).isEqualTo(Safety.SAFE);
        assertThat(f.lock()).isEqualTo(LockLevel.ACCESS_EXCLUSIVE);
        assertThat(f.what())
                .endsWith(
                        "DROP CONSTRAINT orders_customer_id_fkey takes an ACCESS EXCLUSIVE lock on"
                                + " orders and on customers only for a catalog update, which blocks all reads and writes");
    }

    @Test
    void doesNotJudgeOtherChanges() {
        assertThat(rule.appliesTo(Change.Kind.ADD_FOREIGN_KEY)).isFalse();
        Change add =
                new Change.AddForeignKey(
                        ORDERS, fk("orders_customer_id_fkey", "customer_id", CUSTOMERS, true));
        assertThat(rule.check(add, RuleFixtures.written().build())).isEmpty();
    }
}
