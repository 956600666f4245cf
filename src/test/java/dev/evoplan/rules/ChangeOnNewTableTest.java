package dev.evoplan.rules;

import static dev.evoplan.rules.RuleFixtures.INVOICES;
import static dev.evoplan.rules.RuleFixtures.ORDERS;
import static dev.evoplan.rules.RuleFixtures.index;
import static dev.evoplan.rules.RuleFixtures.only;
import static org.assertj.core.api.Assertions.assertThat;

import dev.evoplan.diff.Change;
import dev.evoplan.model.Column;
import dev.evoplan.model.SqlType;
import dev.evoplan.model.Table;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ChangeOnNewTableTest {
    private final ChangeRule rule = new ChangeOnNewTable();
    private final Change index =
            new Change.CreateIndex(index("invoices_order_id_idx", INVOICES, false, "order_id"));

    @ParameterizedTest(name = "{0} on PG {1} -> safe")
    @CsvSource({"written, 10", "written, 18", "planned, 16"})
    void anythingOnANewTableIsSafe(String mode, int pg) {
        Finding f =
                only(rule.check(index, RuleFixtures.context(mode).pg(pg).fresh(INVOICES).build()));
        assertThat(f.ruleId()).isEqualTo("change-on-new-table");
        assertThat(f.safety()).isEqualTo(Safety.SAFE);
        assertThat(f.lock()).isEqualTo(LockLevel.SHARE);
        assertThat(f.table()).isEqualTo(INVOICES);
        assertThat(f.sizeNote()).isEqualTo("invoices: created earlier in this migration (empty)");
        assertThat(f.what()).contains("invoices is created earlier in this migration");
    }

    @Test
    void itTakesPrecedenceOverTheHazardRules() {
        Change notNull =
                RuleFixtures.addColumn(Column.of("tenant_id", SqlType.of("bigint"), false));
        JudgeContext ctx = RuleFixtures.written().fresh(ORDERS).build();
        assertThat(Judge.judge(notNull, ctx))
                .extracting(Finding::ruleId)
                .containsExactly("change-on-new-table");
        assertThat(Judge.judge(index, RuleFixtures.written().fresh(INVOICES).build()))
                .extracting(Finding::ruleId)
                .containsExactly("change-on-new-table");
    }

    @Test
    void existingTablesAndTheCreateItselfAreNotCovered() {
        assertThat(rule.check(index, RuleFixtures.written().build())).isEmpty();
        Change create = new Change.CreateTable(Table.empty(INVOICES));
        assertThat(rule.appliesTo(Change.Kind.CREATE_TABLE)).isFalse();
        assertThat(rule.check(create, RuleFixtures.written().fresh(INVOICES).build())).isEmpty();
        assertThat(
                        rule.check(
                                new Change.Opaque("sql", "x"),
                                RuleFixtures.written().fresh(INVOICES).build()))
                .isEmpty();
    }
}
