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

class AddForeignKeyScansBothTablesTest {
    private final ChangeRule rule = new AddForeignKeyScansBothTables();

    private static Change add(boolean validated) {
        return new Change.AddForeignKey(
                ORDERS, fk("orders_customer_id_fkey", "customer_id", CUSTOMERS, validated));
    }

    @ParameterizedTest(name = "{0} on PG {1}, orders {2}, customers {3} -> {4}")
    @CsvSource({
        "written, 16, unknown, unknown, DOWNTIME, 'size unknown: assumed large (pass --table-rows orders=N); size unknown: assumed large (pass --table-rows customers=N)'",
        "written, 10, small,   unknown, DOWNTIME, 'orders: 1,000 rows (small); size unknown: assumed large (pass --table-rows customers=N)'",
        "written, 18, large,   small,   DOWNTIME, 'orders: 50,000,000 rows (large); customers: 1,000 rows (small)'",
        "written, 16, small,   small,   SAFE,     'orders: 1,000 rows (small); customers: 1,000 rows (small)'",
        "written, 16, small,   new,     SAFE,     'orders: 1,000 rows (small); customers: created earlier in this migration (empty)'",
        "planned, 16, unknown, unknown, MULTI_STEP, ",
        "planned, 11, large,   large,   MULTI_STEP, ",
    })
    void validatingKeyBlocksWritesOnBothTables(
            String mode, int pg, String orders, String customers, Safety safety, String sizeNote) {
        JudgeContext ctx =
                RuleFixtures.context(mode)
                        .pg(pg)
                        .size(ORDERS, orders)
                        .size(CUSTOMERS, customers)
                        .build();
        Finding f = only(rule.check(add(true), ctx));
        assertThat(f.ruleId()).isEqualTo("add-foreign-key-scans-both-tables");
        assertThat(f.safety()).isEqualTo(safety);
        assertThat(f.lock()).isEqualTo(LockLevel.SHARE_ROW_EXCLUSIVE);
        assertThat(f.sizeNote()).isEqualTo(sizeNote);
    }

    @Test
    void messageNamesBothTables() {
        assertThat(only(rule.check(add(true), RuleFixtures.written().build())).what())
                .isEqualTo(
                        "ADD CONSTRAINT orders_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES customers takes"
                                + " a SHARE ROW EXCLUSIVE lock on orders and on customers for the whole scan of orders, which"
                                + " blocks writes (reads go on)");
        assertThat(only(rule.check(add(true), RuleFixtures.planned().build())).what())
                .contains("NOT VALID")
                .contains("VALIDATE CONSTRAINT")
                .contains("customers gets only ROW SHARE");
    }

    @Test
    void planOnPartitionedTableIsTheWrittenStatement() {
        // PostgreSQL has no NOT VALID path on a partitioned table: the plan checks every row.
        var partitioned =
                RuleFixtures.shop()
                        .withTable(
                                RuleFixtures.shop()
                                        .tables()
                                        .get(ORDERS)
                                        .withPartitioning(
                                                dev.evoplan.model.Partitioning.by("LIST")));
        Finding f = only(rule.check(add(true), RuleFixtures.planned().before(partitioned).build()));
        assertThat(f.safety()).isEqualTo(Safety.DOWNTIME);
        assertThat(f.what()).doesNotContain("NOT VALID");
        // Its negative: the same key on the plain table is staged.
        assertThat(only(rule.check(add(true), RuleFixtures.planned().build())).safety())
                .isEqualTo(Safety.MULTI_STEP);
    }

    @ParameterizedTest(name = "NOT VALID key, {0}: no finding")
    @CsvSource({"written", "planned"})
    void notValidKeyIsBrief(String mode) {
        assertThat(rule.check(add(false), RuleFixtures.context(mode).build())).isEmpty();
    }

    @Test
    void doesNotJudgeOtherChanges() {
        assertThat(rule.appliesTo(Change.Kind.DROP_FOREIGN_KEY)).isFalse();
        Change drop =
                new Change.DropForeignKey(
                        ORDERS, fk("orders_customer_id_fkey", "customer_id", CUSTOMERS, true));
        assertThat(rule.check(drop, RuleFixtures.written().build())).isEmpty();
    }
}
