package dev.evoplan.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.groups.Tuple.tuple;

import dev.evoplan.model.QualifiedName;
import dev.evoplan.plan.Plan;
import dev.evoplan.plan.Stage;
import dev.evoplan.plan.StageKind;
import dev.evoplan.plan.Step;
import dev.evoplan.rules.LockLevel;
import dev.evoplan.testing.PostgresServers;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Tag("postgres")
class PlanRunnerTest {
    private static final QualifiedName ITEMS = QualifiedName.of("items");

    private static Step sql(String sql, boolean transactional) {
        String description = "run " + sql.strip().split("\\s+")[0].toLowerCase(Locale.ROOT);
        return new Step(
                Step.Kind.SQL,
                sql,
                description,
                transactional,
                LockLevel.ACCESS_EXCLUSIVE,
                ITEMS,
                null,
                null,
                null,
                null,
                "test");
    }

    private static Step withTimeouts(Step s, String lockTimeout, String statementTimeout) {
        return new Step(
                s.kind(),
                s.sql(),
                s.description(),
                s.transactional(),
                s.lock(),
                s.table(),
                lockTimeout,
                statementTimeout,
                s.rollback(),
                s.onFailure(),
                s.forChange());
    }

    private static final String CREATE_ITEMS =
            """
            CREATE TABLE items (id integer PRIMARY KEY, price integer, doubled integer);
            INSERT INTO items (id, price) SELECT g, g FROM generate_series(1, 1000) g;
            """;

    private static final String CREATE_INDEX_CONCURRENTLY =
            "CREATE INDEX CONCURRENTLY items_price_idx ON items (price)";

    /** A batched backfill as the planner writes it: one DO block that commits after each batch. */
    private static final String BACKFILL =
            """
            DO $$
            DECLARE
                n integer;
            BEGIN
                LOOP
                    UPDATE items SET doubled = price * 2
                    WHERE id IN (SELECT id FROM items WHERE doubled IS NULL ORDER BY id LIMIT 100);
                    GET DIAGNOSTICS n = ROW_COUNT;
                    EXIT WHEN n = 0;
                    COMMIT;
                END LOOP;
            END $$""";

    @ParameterizedTest
    @ValueSource(ints = {14, 16, 18})
    void runsAStagedPlanWithConcurrentIndexAndCommittedBatches(int major) throws Exception {
        Plan plan =
                new Plan(
                        List.of(
                                new Stage(
                                        StageKind.EXPAND,
                                        List.of(
                                                sql(CREATE_ITEMS, true),
                                                sql(CREATE_INDEX_CONCURRENTLY, false))),
                                new Stage(StageKind.BACKFILL, List.of(sql(BACKFILL, false))),
                                new Stage(
                                        StageKind.MIGRATE_READS,
                                        List.of(
                                                Step.checkpoint(
                                                        "deploy the app that reads doubled",
                                                        "test"))),
                                new Stage(
                                        StageKind.CONTRACT,
                                        List.of(
                                                sql(
                                                        "ALTER TABLE items ALTER COLUMN doubled SET NOT NULL",
                                                        true)))));
        try (Connection c = PostgresServers.freshDatabase(major)) {
            RunResult result = PlanRunner.run(c, plan);

            assertThat(result.steps())
                    .extracting(
                            RunResult.StepRun::index,
                            RunResult.StepRun::stage,
                            RunResult.StepRun::kind)
                    .containsExactly(
                            tuple(1, StageKind.EXPAND, Step.Kind.SQL),
                            tuple(2, StageKind.EXPAND, Step.Kind.SQL),
                            tuple(3, StageKind.BACKFILL, Step.Kind.SQL),
                            tuple(4, StageKind.MIGRATE_READS, Step.Kind.CHECKPOINT),
                            tuple(5, StageKind.CONTRACT, Step.Kind.SQL));
            assertThat(result.steps().get(3).durationMillis()).isZero();
            assertThat(c.getAutoCommit()).isTrue();

            assertThat(
                            query(
                                    c,
                                    "SELECT indisvalid FROM pg_index WHERE indexrelid = 'items_price_idx'::regclass"))
                    .isEqualTo("t");
            assertThat(query(c, "SELECT count(*) FROM items WHERE doubled = id * 2"))
                    .isEqualTo("1000");
            // Each committed batch leaves its own transaction id on the rows it wrote.
            assertThat(Integer.parseInt(query(c, "SELECT count(DISTINCT xmin::text) FROM items")))
                    .isEqualTo(10);
        }
    }

    @Test
    void aConcurrentIndexBuildRunsOnlyOutsideATransaction() throws Exception {
        try (Connection c = PostgresServers.freshDatabase(PostgresServers.REFERENCE)) {
            execute(c, CREATE_ITEMS);

            RunResult result =
                    PlanRunner.run(
                            c,
                            new Plan(
                                    List.of(
                                            new Stage(
                                                    StageKind.EXPAND,
                                                    List.of(
                                                            sql(
                                                                    CREATE_INDEX_CONCURRENTLY,
                                                                    false))))));
            assertThat(result.steps()).hasSize(1);
            assertThat(
                            query(
                                    c,
                                    "SELECT indisvalid FROM pg_index WHERE indexrelid = 'items_price_idx'::regclass"))
                    .isEqualTo("t");

            Step inTransaction =
                    sql(
                            CREATE_INDEX_CONCURRENTLY.replace(
                                    "items_price_idx", "items_price_2_idx"),
                            true);
            PlanRunException e =
                    catchThrowableOfType(
                            PlanRunException.class,
                            () ->
                                    PlanRunner.run(
                                            c,
                                            new Plan(
                                                    List.of(
                                                            new Stage(
                                                                    StageKind.EXPAND,
                                                                    List.of(inTransaction))))));
            assertThat(e.stepIndex()).isEqualTo(1);
            assertThat(e.sqlState()).isEqualTo("25001");
            assertThat(e.serverMessage()).contains("cannot run inside a transaction block");
        }
    }

    @Test
    void aBackfillThatCommitsRunsOnlyOutsideATransaction() throws Exception {
        try (Connection c = PostgresServers.freshDatabase(PostgresServers.REFERENCE)) {
            execute(c, CREATE_ITEMS);

            PlanRunException e =
                    catchThrowableOfType(
                            PlanRunException.class,
                            () ->
                                    PlanRunner.run(
                                            c,
                                            new Plan(
                                                    List.of(
                                                            new Stage(
                                                                    StageKind.BACKFILL,
                                                                    List.of(
                                                                            sql(
                                                                                    BACKFILL,
                                                                                    true)))))));
            assertThat(e.sqlState()).isEqualTo("2D000");
            assertThat(e.serverMessage()).contains("invalid transaction termination");
            assertThat(query(c, "SELECT count(*) FROM items WHERE doubled IS NOT NULL"))
                    .as("the failed transaction left no batch behind")
                    .isEqualTo("0");

            PlanRunner.run(
                    c,
                    new Plan(
                            List.of(new Stage(StageKind.BACKFILL, List.of(sql(BACKFILL, false))))));
            assertThat(query(c, "SELECT count(*) FROM items WHERE doubled IS NOT NULL"))
                    .isEqualTo("1000");
        }
    }

    @Test
    void theFirstFailureStopsTheRunAndNamesTheStep() throws Exception {
        Step broken =
                new Step(
                        Step.Kind.SQL,
                        "INSERT INTO missing_table VALUES (1)",
                        "fill missing_table",
                        true,
                        LockLevel.ROW_EXCLUSIVE,
                        null,
                        null,
                        null,
                        null,
                        null,
                        "test");
        Plan plan =
                new Plan(
                        List.of(
                                new Stage(
                                        StageKind.EXPAND,
                                        List.of(sql("CREATE TABLE first (id integer)", true))),
                                new Stage(
                                        StageKind.BACKFILL,
                                        List.of(Step.checkpoint("deploy", "test"), broken)),
                                new Stage(
                                        StageKind.CONTRACT,
                                        List.of(sql("CREATE TABLE never (id integer)", true)))));
        try (Connection c = PostgresServers.freshDatabase(PostgresServers.REFERENCE)) {
            PlanRunException e =
                    catchThrowableOfType(PlanRunException.class, () -> PlanRunner.run(c, plan));

            assertThat(e.stepIndex()).isEqualTo(3);
            assertThat(e.stage()).isEqualTo(StageKind.BACKFILL);
            assertThat(e.step()).isSameAs(broken);
            assertThat(e.sqlState()).isEqualTo("42P01");
            assertThat(e.serverMessage())
                    .isEqualTo("ERROR: relation \"missing_table\" does not exist");
            assertThat(e.getMessage())
                    .isEqualTo(
                            """
                    step 3 (backfill: fill missing_table) failed: ERROR: relation "missing_table" does not exist \
                    [SQLSTATE 42P01]
                    INSERT INTO missing_table VALUES (1)""");
            assertThat(e.completed().steps())
                    .extracting(RunResult.StepRun::index)
                    .containsExactly(1, 2);
            assertThat(query(c, "SELECT to_regclass('first')::text")).isEqualTo("first");
            assertThat(query(c, "SELECT to_regclass('never')::text")).isNull();
            assertThat(c.getAutoCommit()).isTrue();
        }
    }

    @Test
    void eachStepCommitsAndTheCallersAutocommitSettingComesBack() throws Exception {
        try (Connection c = PostgresServers.freshDatabase(PostgresServers.REFERENCE);
                Connection other =
                        PostgresServers.connect(PostgresServers.REFERENCE, c.getCatalog())) {
            c.setAutoCommit(false);
            PlanRunner.run(
                    c,
                    new Plan(
                            List.of(
                                    new Stage(
                                            StageKind.EXPAND,
                                            List.of(
                                                    sql("CREATE TABLE seen (id integer)", true),
                                                    sql(
                                                            "CREATE TABLE also_seen (id integer)",
                                                            false))))));

            assertThat(c.getAutoCommit()).isFalse();
            assertThat(
                            query(
                                    other,
                                    "SELECT count(*) FROM pg_class WHERE relname IN ('seen', 'also_seen')"))
                    .as("committed, so another session sees both")
                    .isEqualTo("2");
            c.rollback();
        }
    }

    @Test
    void aTransactionalStepWithSeveralStatementsIsAllOrNothing() throws Exception {
        try (Connection c = PostgresServers.freshDatabase(PostgresServers.REFERENCE)) {
            Step twoStatements =
                    sql(
                            "CREATE TABLE half (id integer); INSERT INTO half VALUES ('not a number')",
                            true);
            catchThrowableOfType(
                    PlanRunException.class,
                    () ->
                            PlanRunner.run(
                                    c,
                                    new Plan(
                                            List.of(
                                                    new Stage(
                                                            StageKind.EXPAND,
                                                            List.of(twoStatements))))));
            assertThat(query(c, "SELECT to_regclass('half')::text")).isNull();

            PlanRunner.run(
                    c,
                    new Plan(
                            List.of(
                                    new Stage(
                                            StageKind.EXPAND,
                                            List.of(
                                                    sql(
                                                            "CREATE TABLE whole (id integer); INSERT INTO whole VALUES (1), (2)",
                                                            true))))));
            assertThat(query(c, "SELECT count(*) FROM whole")).isEqualTo("2");
        }
    }

    @Test
    void aStepsLockTimeoutMakesItFailFastBehindAHeldLock() throws Exception {
        ScheduledExecutorService releaser = Executors.newSingleThreadScheduledExecutor();
        try (Connection c = PostgresServers.freshDatabase(PostgresServers.REFERENCE);
                Connection holder =
                        PostgresServers.connect(PostgresServers.REFERENCE, c.getCatalog())) {
            execute(c, CREATE_ITEMS);
            holder.setAutoCommit(false);
            execute(holder, "LOCK TABLE items IN ACCESS SHARE MODE");
            // Should lock_timeout not be applied, the step waits until this release and then
            // succeeds.
            releaser.schedule(() -> rollbackQuietly(holder), 15, TimeUnit.SECONDS);

            Step addColumn =
                    withTimeouts(
                            sql("ALTER TABLE items ADD COLUMN note text", true), "200ms", null);
            long start = System.nanoTime();
            PlanRunException e =
                    catchThrowableOfType(
                            PlanRunException.class,
                            () ->
                                    PlanRunner.run(
                                            c,
                                            new Plan(
                                                    List.of(
                                                            new Stage(
                                                                    StageKind.EXPAND,
                                                                    List.of(addColumn))))));
            long waitedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

            assertThat(e).isNotNull();
            assertThat(e.sqlState()).isEqualTo("55P03");
            assertThat(e.serverMessage()).contains("lock timeout");
            assertThat(waitedMillis).isLessThan(5_000);
            assertThat(query(c, "SHOW lock_timeout"))
                    .as("SET LOCAL ends with the step's transaction")
                    .isEqualTo("0");
        } finally {
            releaser.shutdownNow();
        }
    }

    @Test
    void withoutALockTimeoutAStepWaitsForTheLock() throws Exception {
        ScheduledExecutorService releaser = Executors.newSingleThreadScheduledExecutor();
        try (Connection c = PostgresServers.freshDatabase(PostgresServers.REFERENCE);
                Connection holder =
                        PostgresServers.connect(PostgresServers.REFERENCE, c.getCatalog())) {
            execute(c, CREATE_ITEMS);
            holder.setAutoCommit(false);
            execute(holder, "LOCK TABLE items IN ACCESS SHARE MODE");
            releaser.schedule(() -> rollbackQuietly(holder), 1, TimeUnit.SECONDS);

            RunResult result =
                    PlanRunner.run(
                            c,
                            new Plan(
                                    List.of(
                                            new Stage(
                                                    StageKind.EXPAND,
                                                    List.of(
                                                            sql(
                                                                    "ALTER TABLE items ADD COLUMN note text",
                                                                    true))))));

            assertThat(result.steps().get(0).durationMillis()).isGreaterThanOrEqualTo(900);
            assertThat(
                            query(
                                    c,
                                    "SELECT count(*) FROM pg_attribute WHERE attrelid = 'items'::regclass "
                                            + "AND attname = 'note'"))
                    .isEqualTo("1");
        } finally {
            releaser.shutdownNow();
        }
    }

    @Test
    void aNonTransactionalStepsTimeoutsHoldForItAloneAndAreThenPutBack() throws Exception {
        ScheduledExecutorService releaser = Executors.newSingleThreadScheduledExecutor();
        try (Connection c = PostgresServers.freshDatabase(PostgresServers.REFERENCE);
                Connection holder =
                        PostgresServers.connect(PostgresServers.REFERENCE, c.getCatalog())) {
            execute(c, CREATE_ITEMS);
            execute(c, "SET lock_timeout = '7s'");
            holder.setAutoCommit(false);
            // SHARE ROW EXCLUSIVE conflicts with the SHARE UPDATE EXCLUSIVE a concurrent build
            // takes.
            execute(holder, "LOCK TABLE items IN SHARE ROW EXCLUSIVE MODE");
            releaser.schedule(() -> rollbackQuietly(holder), 15, TimeUnit.SECONDS);

            Step build = withTimeouts(sql(CREATE_INDEX_CONCURRENTLY, false), "300ms", null);
            long start = System.nanoTime();
            PlanRunException e =
                    catchThrowableOfType(
                            PlanRunException.class,
                            () ->
                                    PlanRunner.run(
                                            c,
                                            new Plan(
                                                    List.of(
                                                            new Stage(
                                                                    StageKind.EXPAND,
                                                                    List.of(build))))));
            long waitedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

            assertThat(e).isNotNull();
            assertThat(e.sqlState()).isEqualTo("55P03");
            assertThat(waitedMillis).isLessThan(5_000);
            assertThat(query(c, "SHOW lock_timeout")).isEqualTo("7s");
        } finally {
            releaser.shutdownNow();
        }
    }

    @Test
    void aStepsStatementTimeoutStopsALongStatement() throws Exception {
        try (Connection c = PostgresServers.freshDatabase(PostgresServers.REFERENCE)) {
            Step slow = withTimeouts(sql("SELECT pg_sleep(10)", true), null, "200ms");
            PlanRunException e =
                    catchThrowableOfType(
                            PlanRunException.class,
                            () ->
                                    PlanRunner.run(
                                            c,
                                            new Plan(
                                                    List.of(
                                                            new Stage(
                                                                    StageKind.VALIDATE,
                                                                    List.of(slow))))));
            assertThat(e).isNotNull();
            assertThat(e.sqlState()).isEqualTo("57014");
            assertThat(e.serverMessage()).contains("statement timeout");

            RunResult quick =
                    PlanRunner.run(
                            c,
                            new Plan(
                                    List.of(
                                            new Stage(
                                                    StageKind.VALIDATE,
                                                    List.of(
                                                            withTimeouts(
                                                                    sql(
                                                                            "SELECT pg_sleep(0.05)",
                                                                            true),
                                                                    null,
                                                                    "5s"))))));
            assertThat(quick.steps()).hasSize(1);
            assertThat(query(c, "SHOW statement_timeout")).isEqualTo("0");
        }
    }

    private static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // The test is over and has closed the connection.
        }
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    private static String query(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }
}
