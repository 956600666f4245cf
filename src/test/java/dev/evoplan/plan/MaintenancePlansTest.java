package dev.evoplan.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evoplan.diff.Change;
import dev.evoplan.model.QualifiedName;
import dev.evoplan.model.Schema;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The safe forms of maintenance statements: concurrent where PostgreSQL has one, else a checkpoint.
 */
class MaintenancePlansTest {
    private static Step only(Change change, int pgVersion) {
        List<Step> steps =
                Planner.plan(Schema.EMPTY, List.of(change), PlanOptions.defaults(pgVersion))
                        .steps();
        assertThat(steps).hasSize(1);
        return steps.get(0);
    }

    private static Change reindex(String sql, QualifiedName table) {
        return new Change.Maintenance(table, Change.Maintenance.Operation.REINDEX, false, sql);
    }

    @Test
    void reindexIsRebuiltConcurrentlyFromTwelveWhateverItNames() {
        Step table = only(reindex("REINDEX TABLE orders;", QualifiedName.of("orders")), 16);
        assertThat(table.sql()).isEqualTo("REINDEX TABLE CONCURRENTLY orders;");
        assertThat(table.transactional()).isFalse();
        // A schema names no one table: it still has a concurrent form.
        Step schema = only(reindex("REINDEX SCHEMA public", null), 16);
        assertThat(schema.sql()).isEqualTo("REINDEX SCHEMA CONCURRENTLY public;");
    }

    @Test
    void aKeywordInACommentIsNotTakenForWhatTheStatementSays() {
        // The parser's fact (not concurrent) decides, not the word CONCURRENTLY in a comment.
        Step commented =
                only(
                        reindex(
                                "REINDEX /* TODO CONCURRENTLY */ TABLE orders;",
                                QualifiedName.of("orders")),
                        16);
        assertThat(commented.sql()).isEqualTo("REINDEX TABLE CONCURRENTLY orders;");
        // SYSTEM in a comment does not make the table a system catalog.
        Step notSystem =
                only(reindex("REINDEX TABLE orders -- not SYSTEM", QualifiedName.of("orders")), 16);
        assertThat(notSystem.kind()).isNotEqualTo(Step.Kind.CHECKPOINT);
        assertThat(notSystem.sql()).isEqualTo("REINDEX TABLE CONCURRENTLY orders;");
    }

    @Test
    void reindexBeforeTwelveAndOfTheSystemCatalogsIsACheckpoint() {
        assertThat(only(reindex("REINDEX TABLE orders", QualifiedName.of("orders")), 11).kind())
                .isEqualTo(Step.Kind.CHECKPOINT);
        assertThat(
                        only(
                                        new Change.Maintenance(
                                                null,
                                                Change.Maintenance.Operation.REINDEX,
                                                false,
                                                "REINDEX SYSTEM app",
                                                dev.evoplan.model.ReindexTarget.SYSTEM),
                                        16)
                                .kind())
                .isEqualTo(Step.Kind.CHECKPOINT);
    }

    @Test
    void refreshIsConcurrentAndVacuumFullIsACheckpoint() {
        Step refresh =
                only(
                        new Change.Maintenance(
                                QualifiedName.of("totals"),
                                Change.Maintenance.Operation.REFRESH_MATERIALIZED_VIEW,
                                false,
                                "REFRESH MATERIALIZED VIEW totals"),
                        16);
        assertThat(refresh.sql()).isEqualTo("REFRESH MATERIALIZED VIEW CONCURRENTLY totals;");
        assertThat(
                        only(
                                        new Change.Maintenance(
                                                QualifiedName.of("orders"),
                                                Change.Maintenance.Operation.VACUUM_FULL,
                                                false,
                                                "VACUUM FULL orders"),
                                        16)
                                .description())
                .contains("pg_repack");
    }

    @Test
    void setAccessMethodIsACheckpointForAMaintenanceWindow() {
        Step step =
                only(
                        new Change.Maintenance(
                                QualifiedName.of("orders"),
                                Change.Maintenance.Operation.SET_ACCESS_METHOD,
                                false,
                                "ALTER TABLE orders SET ACCESS METHOD heap2"),
                        16);
        assertThat(step.kind()).isEqualTo(Step.Kind.CHECKPOINT);
        assertThat(step.description())
                .contains("maintenance window")
                .contains("rewrites the table under ACCESS EXCLUSIVE");
    }

    @Test
    void briefCatalogUpdatesRunAsWrittenWithTheLockTheyTakeAndALockTimeout() {
        // The step states the lock its finding states, so the plan does not say "lock: none" for
        // an ACCESS EXCLUSIVE statement, and one that blocks writes waits at most lock_timeout.
        QualifiedName t = QualifiedName.of("t");
        List<Change.Maintenance> brief =
                List.of(
                        new Change.Maintenance(
                                t, Change.Maintenance.Operation.ANALYZE, false, "ANALYZE t"),
                        new Change.Maintenance(
                                t,
                                Change.Maintenance.Operation.SET_STATISTICS,
                                false,
                                "ALTER TABLE t ALTER COLUMN c SET STATISTICS 500"),
                        new Change.Maintenance(
                                t,
                                Change.Maintenance.Operation.SET_STORAGE,
                                false,
                                "ALTER TABLE t ALTER COLUMN c SET STORAGE EXTERNAL"),
                        new Change.Maintenance(
                                t,
                                Change.Maintenance.Operation.SET_PARAMETERS,
                                false,
                                "ALTER TABLE t SET (fillfactor = 70)"),
                        new Change.Maintenance(
                                t,
                                Change.Maintenance.Operation.SET_ATTRIBUTE_OPTIONS,
                                false,
                                "ALTER TABLE t ALTER COLUMN c SET (n_distinct = 100)"),
                        new Change.Maintenance(
                                t,
                                Change.Maintenance.Operation.SET_COMPRESSION,
                                false,
                                "ALTER TABLE t ALTER COLUMN c SET COMPRESSION lz4"),
                        new Change.Maintenance(
                                t,
                                Change.Maintenance.Operation.CLUSTER_ON,
                                false,
                                "ALTER TABLE t CLUSTER ON t_pkey"),
                        new Change.Maintenance(
                                t,
                                Change.Maintenance.Operation.SET_WITHOUT_CLUSTER,
                                false,
                                "ALTER TABLE t SET WITHOUT CLUSTER"),
                        new Change.Maintenance(
                                t,
                                Change.Maintenance.Operation.SET_WITHOUT_OIDS,
                                false,
                                "ALTER TABLE t SET WITHOUT OIDS"),
                        new Change.Maintenance(
                                t,
                                Change.Maintenance.Operation.TRIGGER_STATE,
                                false,
                                "ALTER TABLE t DISABLE TRIGGER audit"),
                        new Change.Maintenance(
                                t,
                                Change.Maintenance.Operation.REPLICA_IDENTITY,
                                false,
                                "ALTER TABLE t REPLICA IDENTITY FULL"),
                        new Change.Maintenance(
                                t,
                                Change.Maintenance.Operation.OWNER_TO,
                                false,
                                "ALTER TABLE t OWNER TO app"),
                        new Change.Maintenance(
                                QualifiedName.of("t_id_seq"),
                                Change.Maintenance.Operation.SEQUENCE_RESTART,
                                false,
                                "ALTER SEQUENCE t_id_seq RESTART"),
                        new Change.Maintenance(
                                t,
                                Change.Maintenance.Operation.IDENTITY_RESTART,
                                false,
                                "ALTER TABLE t ALTER COLUMN id RESTART"));
        for (Change.Maintenance change : brief) {
            Step step = only(change, 16);
            assertThat(step.kind()).as(change.text()).isEqualTo(Step.Kind.SQL);
            assertThat(step.lock())
                    .as(change.text())
                    .isNotEqualTo(dev.evoplan.rules.LockLevel.NONE)
                    .isEqualTo(dev.evoplan.rules.Judge.plainLock(change, 16));
            assertThat(step.table()).as(change.text()).isEqualTo(change.table());
            // Locks above SHARE UPDATE EXCLUSIVE block reads or writes: those wait at most the
            // lock_timeout.
            boolean blocksWrites =
                    step.lock().compareTo(dev.evoplan.rules.LockLevel.SHARE_UPDATE_EXCLUSIVE) > 0;
            assertThat(step.lockTimeout() != null).as(change.text()).isEqualTo(blocksWrites);
        }
    }
}
