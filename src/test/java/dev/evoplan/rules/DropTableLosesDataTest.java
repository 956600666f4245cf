package dev.evoplan.rules;

import static dev.evoplan.rules.RuleFixtures.CUSTOMERS;
import static dev.evoplan.rules.RuleFixtures.ORDERS;
import static dev.evoplan.rules.RuleFixtures.fk;
import static dev.evoplan.rules.RuleFixtures.only;
import static org.assertj.core.api.Assertions.assertThat;

import dev.evoplan.diff.Change;
import dev.evoplan.model.Table;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DropTableLosesDataTest {
    private final ChangeRule rule = new DropTableLosesData();
    private final Table orders =
            RuleFixtures.shop()
                    .tables()
                    .get(ORDERS)
                    .withForeignKeys(
                            List.of(fk("orders_customer_id_fkey", "customer_id", CUSTOMERS, true)));
    private final Change drop = new Change.DropTable(orders);

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
        assertThat(f.ruleId()).isEqualTo("drop-table-loses-data");
        assertThat(f.safety()).isEqualTo(Safety.MULTI_STEP);
        assertThat(f.lock()).isEqualTo(LockLevel.ACCESS_EXCLUSIVE);
    }

    @Test
    void referencedTablesAreLockedToo() {
        Finding f = only(rule.check(drop, RuleFixtures.written().build()));
        assertThat(f.what())
                .isEqualTo(
                        "DROP TABLE orders takes an ACCESS EXCLUSIVE lock on orders and on customers"
                                + " (referenced by its foreign keys) only for a catalog update, which blocks all reads and writes;"
                                + " its rows are gone when it commits");
        Finding alone =
                only(
                        rule.check(
                                new Change.DropTable(Table.empty(ORDERS)),
                                RuleFixtures.written().build()));
        assertThat(alone.what()).doesNotContain("customers");
    }

    @Test
    void doesNotJudgeOtherChanges() {
        assertThat(rule.appliesTo(Change.Kind.CREATE_TABLE)).isFalse();
        assertThat(rule.check(new Change.CreateTable(orders), RuleFixtures.written().build()))
                .isEmpty();
    }
}
