package dev.evoplan.rules;

import static dev.evoplan.rules.RuleFixtures.ORDERS;
import static dev.evoplan.rules.RuleFixtures.index;
import static dev.evoplan.rules.RuleFixtures.only;
import static dev.evoplan.rules.RuleFixtures.sqlSource;
import static org.assertj.core.api.Assertions.assertThat;

import dev.evoplan.diff.Change;
import dev.evoplan.model.Origin;
import dev.evoplan.model.SourceChange;
import dev.evoplan.model.SourceChangeset;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConcurrentlyInTransactionTest {
    private final ChangeRule rule = new ConcurrentlyInTransaction();
    private final Change create =
            new Change.CreateIndex(index("orders_created_at_idx", ORDERS, false, "created_at"));
    private final SourceChange concurrent =
            sqlSource(
                    SourceChange.Kind.SCHEMA,
                    "CREATE INDEX",
                    ORDERS,
                    "",
                    "CREATE INDEX CONCURRENTLY orders_created_at_idx ON orders (created_at)");

    @Test
    void aConcurrentBuildInsideATransactionBlockFails() {
        JudgeContext ctx = RuleFixtures.written().source(concurrent).statement(true, "5s").build();
        Finding f = only(rule.check(create, ctx));
        assertThat(f.ruleId()).isEqualTo("concurrently-in-transaction");
        assertThat(f.safety()).isEqualTo(Safety.DOWNTIME);
        assertThat(f.lock()).isEqualTo(LockLevel.NONE);
        assertThat(f.table()).isEqualTo(ORDERS);
        assertThat(f.what())
                .startsWith(
                        "CREATE INDEX CONCURRENTLY orders_created_at_idx on orders runs inside a"
                                + " transaction block")
                .contains("\"CREATE INDEX CONCURRENTLY cannot run inside a transaction block\"")
                .contains("takes no table lock");
        assertThat(f.fix()).contains("outside a transaction");
        assertThat(f.origin()).isEqualTo(RuleFixtures.SQL_ORIGIN);
    }

    @Test
    void outsideATransactionOrWithoutConcurrentlyItDoesNotFire() {
        assertThat(
                        rule.check(
                                create,
                                RuleFixtures.written()
                                        .source(concurrent)
                                        .statement(false, null)
                                        .build()))
                .isEmpty();
        SourceChange plain =
                sqlSource(
                        SourceChange.Kind.SCHEMA,
                        "CREATE INDEX",
                        ORDERS,
                        "",
                        "CREATE INDEX orders_created_at_idx ON orders (created_at)");
        assertThat(
                        rule.check(
                                create,
                                RuleFixtures.written().source(plain).statement(true, null).build()))
                .isEmpty();
        assertThat(rule.check(create, RuleFixtures.planned().statement(true, null).build()))
                .isEmpty();
    }

    @Test
    void aLiquibaseChangesetFollowsRunInTransaction() {
        SourceChange sql =
                RuleFixtures.source(
                        "sql",
                        "CREATE INDEX CONCURRENTLY orders_created_at_idx ON orders (created_at)");
        SourceChangeset inTx =
                new SourceChangeset(
                        "new.yaml::1::a", Origin.file("new.yaml", 3), null, true, List.of(sql));
        SourceChangeset noTx =
                new SourceChangeset(
                        "new.yaml::1::a", Origin.file("new.yaml", 3), null, false, List.of(sql));
        Finding f =
                only(
                        rule.check(
                                create,
                                RuleFixtures.written().source(sql).changeset(inTx).build()));
        assertThat(f.what()).contains("runInTransaction");
        assertThat(rule.check(create, RuleFixtures.written().source(sql).changeset(noTx).build()))
                .isEmpty();
        // Neither a statement nor a changeset: the transaction is unknown, so no failure is
        // claimed.
        assertThat(rule.check(create, RuleFixtures.written().source(sql).build())).isEmpty();
    }

    @Test
    void createIndexNonConcurrentLeavesTheFailureToThisRule() {
        JudgeContext ctx = RuleFixtures.written().source(concurrent).statement(true, null).build();
        assertThat(new CreateIndexNonConcurrent().check(create, ctx)).isEmpty();
        assertThat(Judge.judge(create, ctx))
                .extracting(Finding::ruleId)
                .containsExactly("concurrently-in-transaction");
    }

    @Test
    void dropIndexAndReindexConcurrentlyFailToo() {
        Change drop =
                new Change.DropIndex(index("orders_created_at_idx", ORDERS, false, "created_at"));
        SourceChange dropSql =
                sqlSource(
                        SourceChange.Kind.SCHEMA,
                        "DROP INDEX",
                        ORDERS,
                        "",
                        "DROP INDEX CONCURRENTLY orders_created_at_idx");
        JudgeContext ctx = RuleFixtures.written().source(dropSql).statement(true, null).build();
        assertThat(Judge.judge(drop, ctx))
                .extracting(Finding::ruleId)
                .containsExactly("concurrently-in-transaction");
        assertThat(only(rule.check(drop, ctx)).what())
                .contains("\"DROP INDEX CONCURRENTLY cannot run");

        Change reindex =
                new Change.Maintenance(
                        ORDERS,
                        Change.Maintenance.Operation.REINDEX,
                        true,
                        "REINDEX TABLE CONCURRENTLY orders");
        SourceChange reindexSql =
                sqlSource(
                        SourceChange.Kind.MAINTENANCE,
                        "REINDEX",
                        ORDERS,
                        "reindex table orders",
                        "REINDEX TABLE CONCURRENTLY orders");
        JudgeContext rctx = RuleFixtures.written().source(reindexSql).statement(true, null).build();
        assertThat(Judge.judge(reindex, rctx))
                .extracting(Finding::ruleId)
                .containsExactly("concurrently-in-transaction");
        assertThat(only(rule.check(reindex, rctx)).what())
                .contains("\"REINDEX CONCURRENTLY cannot run");
    }

    @Test
    void refreshConcurrentlyMayRunInATransaction() {
        Change refresh =
                new Change.Maintenance(
                        ORDERS,
                        Change.Maintenance.Operation.REFRESH_MATERIALIZED_VIEW,
                        true,
                        "REFRESH MATERIALIZED VIEW CONCURRENTLY orders");
        SourceChange sql =
                sqlSource(
                        SourceChange.Kind.MAINTENANCE,
                        "REFRESH MATERIALIZED VIEW",
                        ORDERS,
                        "",
                        "REFRESH MATERIALIZED VIEW CONCURRENTLY orders");
        assertThat(
                        rule.check(
                                refresh,
                                RuleFixtures.written().source(sql).statement(true, null).build()))
                .isEmpty();
    }

    @Test
    void detachPartitionConcurrentlyIsReadFromTheSql() {
        Change opaque = new Change.Opaque("ALTER TABLE", "partitions are not modelled");
        SourceChange sql =
                sqlSource(
                        SourceChange.Kind.OPAQUE,
                        "ALTER TABLE",
                        null,
                        "partitions are not modelled",
                        "ALTER TABLE orders DETACH PARTITION orders_2020 CONCURRENTLY");
        Finding f =
                only(
                        rule.check(
                                opaque,
                                RuleFixtures.written().source(sql).statement(true, null).build()));
        assertThat(f.table()).isEqualTo(ORDERS);
        assertThat(f.what())
                .startsWith("DETACH PARTITION orders_2020 CONCURRENTLY")
                .contains(
                        "ALTER TABLE ... DETACH CONCURRENTLY cannot run inside a transaction block");
        SourceChange plain =
                sqlSource(
                        SourceChange.Kind.OPAQUE,
                        "ALTER TABLE",
                        null,
                        "",
                        "ALTER TABLE orders DETACH PARTITION orders_2020");
        assertThat(
                        rule.check(
                                opaque,
                                RuleFixtures.written().source(plain).statement(true, null).build()))
                .isEmpty();
    }
}
