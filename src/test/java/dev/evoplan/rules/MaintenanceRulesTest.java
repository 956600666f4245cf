package dev.evoplan.rules;

import static dev.evoplan.rules.RuleFixtures.ORDERS;
import static dev.evoplan.rules.RuleFixtures.assertNamesLock;
import static dev.evoplan.rules.RuleFixtures.only;
import static dev.evoplan.rules.RuleFixtures.sqlSource;
import static org.assertj.core.api.Assertions.assertThat;

import dev.evoplan.diff.Change;
import dev.evoplan.diff.Change.Maintenance.Operation;
import dev.evoplan.model.QualifiedName;
import dev.evoplan.model.SourceChange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * EP217 table-rewrite-statement, EP218 reindex-non-concurrent, EP219
 * refresh-materialized-view-blocks-reads.
 */
class MaintenanceRulesTest {
    private static final QualifiedName TOTALS = QualifiedName.of("order_totals");

    static Change.Maintenance m(Operation op, boolean concurrently) {
        QualifiedName on = op == Operation.REFRESH_MATERIALIZED_VIEW ? TOTALS : ORDERS;
        return new Change.Maintenance(
                on, op, concurrently, op.sql() + (concurrently ? " CONCURRENTLY " : " ") + on);
    }

    static JudgeContext linted(Change.Maintenance m, boolean inTransaction, String size) {
        SourceChange source =
                sqlSource(
                        SourceChange.Kind.MAINTENANCE,
                        m.operation().sql(),
                        m.table(),
                        "",
                        m.text());
        return RuleFixtures.written()
                .size(ORDERS, size)
                .source(source)
                .statement(inTransaction, "5s")
                .build();
    }

    @ParameterizedTest(
            name = "{0} concurrently={1} in a transaction={2}, {3} table: {4} -> {5} {6}")
    @CsvSource({
        "VACUUM_FULL,  false, false, unknown, table-rewrite-statement, DOWNTIME, ACCESS_EXCLUSIVE",
        "VACUUM_FULL,  false, false, small,   table-rewrite-statement, SAFE,     ACCESS_EXCLUSIVE",
        "CLUSTER,      false, true,  large,   table-rewrite-statement, DOWNTIME, ACCESS_EXCLUSIVE",
        "SET_LOGGED,   false, true,  unknown, table-rewrite-statement, DOWNTIME, ACCESS_EXCLUSIVE",
        "SET_UNLOGGED, false, true,  small,   table-rewrite-statement, SAFE,     ACCESS_EXCLUSIVE",
        "REINDEX,      false, true,  unknown, reindex-non-concurrent,  DOWNTIME, SHARE",
        "REINDEX,      false, true,  small,   reindex-non-concurrent,  SAFE,     SHARE",
        "REINDEX,      true,  false, large,   reindex-non-concurrent,  SAFE,     SHARE_UPDATE_EXCLUSIVE",
        "REFRESH_MATERIALIZED_VIEW, false, true, unknown, refresh-materialized-view-blocks-reads, DOWNTIME, ACCESS_EXCLUSIVE",
        "REFRESH_MATERIALIZED_VIEW, true,  true, unknown, refresh-materialized-view-blocks-reads, SAFE, EXCLUSIVE",
    })
    void eachMaintenanceStatementHasOneVerdict(
            Operation op,
            boolean concurrently,
            boolean inTransaction,
            String size,
            String rule,
            Safety safety,
            LockLevel lock) {
        Change.Maintenance change = m(op, concurrently);
        Finding f = only(Judge.judge(change, linted(change, inTransaction, size)));
        assertThat(f.ruleId()).isEqualTo(rule);
        assertThat(f.safety()).isEqualTo(safety);
        assertThat(f.lock()).isEqualTo(lock);
        assertThat(f.table()).isEqualTo(change.table());
        assertThat(f.change()).isSameAs(change);
        assertNamesLock(f, lock);
    }

    @Test
    void aRewriteOfANewTableIsChangeOnNewTable() {
        Change.Maintenance change = m(Operation.VACUUM_FULL, false);
        Finding f = only(Judge.judge(change, linted(change, false, "new")));
        assertThat(f.ruleId()).isEqualTo("change-on-new-table");
        assertThat(f.safety()).isEqualTo(Safety.SAFE);
    }

    @Test
    void rewriteRuleIgnoresReindexAndRefreshAndTheOthersIgnoreRewrites() {
        Change.Maintenance vacuum = m(Operation.VACUUM_FULL, false);
        JudgeContext ctx = linted(vacuum, false, "unknown");
        assertThat(new TableRewriteStatement().check(m(Operation.REINDEX, false), ctx)).isEmpty();
        assertThat(
                        new TableRewriteStatement()
                                .check(m(Operation.REFRESH_MATERIALIZED_VIEW, false), ctx))
                .isEmpty();
        assertThat(new ReindexNonConcurrent().check(vacuum, ctx)).isEmpty();
        assertThat(new RefreshMaterializedViewBlocksReads().check(vacuum, ctx)).isEmpty();
        assertThat(
                        new TableRewriteStatement()
                                .check(
                                        new Change.DataChange(
                                                ORDERS, "TRUNCATE", "truncate orders"),
                                        ctx))
                .isEmpty();
    }
}
