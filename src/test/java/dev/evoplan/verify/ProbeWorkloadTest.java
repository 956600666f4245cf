package dev.evoplan.verify;

import static dev.evoplan.verify.SeederTest.exec;
import static dev.evoplan.verify.SeederTest.scalar;
import static org.assertj.core.api.Assertions.assertThat;

import dev.evoplan.engine.AnalysisOptions;
import dev.evoplan.engine.Analyzer;
import dev.evoplan.model.LoadedSchema;
import dev.evoplan.model.QualifiedName;
import dev.evoplan.plan.Plan;
import dev.evoplan.plan.PlanOptions;
import dev.evoplan.plan.Stage;
import dev.evoplan.plan.StageKind;
import dev.evoplan.plan.Step;
import dev.evoplan.render.Format;
import dev.evoplan.rules.LockLevel;
import dev.evoplan.rules.TableStats;
import dev.evoplan.source.liquibase.LiquibaseOptions;
import dev.evoplan.source.liquibase.LiquibaseSource;
import dev.evoplan.testing.PostgresServers;
import dev.evoplan.verify.VerifyReport.StepCheck;
import dev.evoplan.verify.VerifyReport.StepVerdict;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Probe clients stand in for the application: what a step makes them wait, and the rule on it. */
@Tag("postgres")
class ProbeWorkloadTest {
    @TempDir Path dir;

    private static final String ITEMS =
            """
              - changeSet:
                  id: 1
                  author: t
                  changes:
                    - createTable:
                        tableName: items
                        columns:
                          - column: { name: id, type: int, constraints: { primaryKey: true, primaryKeyName: pk_items } }
                          - column: { name: qty, type: int }
                          - column: { name: note, type: varchar(40), constraints: { nullable: false } }
            """;

    /**
     * A few rows: how long a step keeps its lock is set by the holds below, which wait for the
     * probes themselves, not by a table large enough to outlast a loaded machine's noise.
     */
    private static final int ROWS = 1_000;

    /**
     * Gives up a hold that saw nothing after this long, so a broken probe fails the test instead of
     * hanging it.
     */
    private static final String HOLD_CAP = "interval '5 minutes'";

    // Both holds clear the statistics snapshot on each pass: a transaction reads pg_stat_activity
    // once and keeps that copy, so without it the loop saw only the first pass's states and ran
    // to HOLD_CAP whenever no probe had finished a statement in the step's first milliseconds
    // (300 s instead of 7 in some CI runs).

    /**
     * SQL that keeps the step's transaction, and the locks it took, open until a session has been
     * blocked by this one for {@code millis}: a long step, whatever the machine's load.
     */
    static String holdUntilAProbeHasWaited(long millis) {
        return "DO $$ BEGIN WHILE NOT EXISTS (SELECT 1 FROM pg_stat_activity"
                + " WHERE pg_backend_pid() = ANY (pg_blocking_pids(pid))"
                + " AND clock_timestamp() - query_start >= interval '"
                + millis
                + " milliseconds')"
                + " AND clock_timestamp() - now() < "
                + HOLD_CAP
                + " LOOP PERFORM pg_stat_clear_snapshot(); PERFORM pg_sleep(0.01); END LOOP; END $$";
    }

    /**
     * SQL that keeps the step's transaction open until a probe has finished a statement on items
     * since that transaction began: the application went on while the step held its locks.
     */
    static String holdUntilAProbeFinishesAStatement() {
        return "DO $$ BEGIN WHILE NOT EXISTS (SELECT 1 FROM pg_stat_activity"
                + " WHERE datname = current_database() AND pid <> pg_backend_pid() AND state = 'idle'"
                + " AND query LIKE '%items%' AND query NOT LIKE '%pg_locks%' AND state_change > now())"
                + " AND clock_timestamp() - now() < "
                + HOLD_CAP
                + " LOOP PERFORM pg_stat_clear_snapshot(); PERFORM pg_sleep(0.01); END LOOP; END $$";
    }

    private static VerifyOptions options(int rows, int probes) {
        return new VerifyOptions(
                new AnalysisOptions(
                        16,
                        TableStats.UNKNOWN,
                        PlanOptions.DEFAULT_BATCH_SIZE,
                        PlanOptions.DEFAULT_LOCK_TIMEOUT),
                RowCounts.everyTable(rows),
                probes,
                Progress.SILENT);
    }

    private LoadedSchema changelog(String name, String changes) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, "databaseChangeLog:\n" + changes);
        return new LiquibaseSource().load(file, LiquibaseOptions.defaults());
    }

    private static Plan oneStep(Step step) {
        return new Plan(List.of(new Stage(StageKind.EXPAND, List.of(step))));
    }

    private static long maxWait(List<StepCheck> steps) {
        return steps.stream()
                .filter(s -> s.probe() != null)
                .mapToLong(s -> s.probe().maxWaitMillis())
                .max()
                .orElse(-1);
    }

    @Test
    void theNaiveSetNotNullMakesProbesWaitTheStagedPlanDoesNot() throws Exception {
        LoadedSchema from = changelog("from.yaml", ITEMS);
        LoadedSchema to =
                changelog(
                        "to.yaml",
                        ITEMS.replace(
                                "{ name: qty, type: int }",
                                "{ name: qty, type: int, constraints: { nullable: false } }"));
        VerifyOptions options = options(ROWS, 4);
        // SET NOT NULL scans the table under ACCESS EXCLUSIVE; the hold stands in for a table big
        // enough for the scan to take a second.
        Step naive =
                new Step(
                        Step.Kind.SQL,
                        "ALTER TABLE items ALTER COLUMN qty SET NOT NULL; "
                                + holdUntilAProbeHasWaited(1_200),
                        "set items.qty not null",
                        true,
                        LockLevel.ACCESS_EXCLUSIVE,
                        QualifiedName.of("items"),
                        null,
                        null,
                        null,
                        null,
                        "set not null");

        VerifyReport naiveReport =
                Verifier.verify(PostgresServers.server(16), from, to, oneStep(naive), options);
        Plan planned = Analyzer.analyze(from, to, options.analysis()).plan();
        // The staged plan's scan (VALIDATE) is held open in the same way, until a probe has got
        // through during it.
        Step validation =
                planned.steps().stream()
                        .filter(s -> s.sql() != null && s.sql().contains("VALIDATE CONSTRAINT"))
                        .findFirst()
                        .orElseThrow();
        assertThat(validation.transactional()).isTrue();
        Plan staged =
                new Plan(
                        planned.stages().stream()
                                .map(
                                        stage ->
                                                new Stage(
                                                        stage.kind(),
                                                        stage.steps().stream()
                                                                .map(
                                                                        s ->
                                                                                s != validation
                                                                                        ? s
                                                                                        : new Step(
                                                                                                s
                                                                                                        .kind(),
                                                                                                s
                                                                                                                .sql()
                                                                                                        + "; "
                                                                                                        + holdUntilAProbeFinishesAStatement(),
                                                                                                s
                                                                                                        .description(),
                                                                                                s
                                                                                                        .transactional(),
                                                                                                s
                                                                                                        .lock(),
                                                                                                s
                                                                                                        .table(),
                                                                                                s
                                                                                                        .lockTimeout(),
                                                                                                s
                                                                                                        .statementTimeout(),
                                                                                                s
                                                                                                        .rollback(),
                                                                                                s
                                                                                                        .onFailure(),
                                                                                                s
                                                                                                        .forChange()))
                                                                .toList()))
                                .toList());
        VerifyReport stagedReport =
                Verifier.verify(PostgresServers.server(16), from, to, staged, options);

        long naiveWait = maxWait(naiveReport.steps());
        long stagedWait = maxWait(stagedReport.steps());
        System.out.printf(
                "probe max wait: naive %d ms, staged %d ms over %d steps%n",
                naiveWait, stagedWait, stagedReport.steps().size());
        // Every probe queues behind the naive step's ACCESS EXCLUSIVE.
        assertThat(naiveReport.steps())
                .singleElement()
                .satisfies(
                        s -> {
                            assertThat(s.probe()).isNotNull();
                            assertThat(s.probe().statements()).isPositive();
                            assertThat(s.probe().table()).isEqualTo("items");
                        });
        // The hold ends once the server sees a probe blocked for 1.2 s by its own clock; the probe
        // times itself by the JVM's, which CI once read 2 ms short of the server's: the margin
        // keeps the test about a long wait, not about two clocks.
        assertThat(naiveWait).isGreaterThanOrEqualTo(1_000);
        // It predicted ACCESS EXCLUSIVE, so it said the application would wait: the rule does not
        // fail it.
        assertThat(naiveReport.passed())
                .as(VerifyRenderer.render(naiveReport, Format.TEXT))
                .isTrue();

        assertThat(stagedReport.passed())
                .as(VerifyRenderer.render(stagedReport, Format.TEXT))
                .isTrue();
        assertThat(staged.steps()).hasSizeGreaterThan(1);
        assertThat(stagedReport.steps())
                .allSatisfy(
                        s -> {
                            Step step = staged.steps().get(s.index() - 1);
                            assertThat(s.probe()).as(s.description()).isNotNull();
                            assertThat(s.probe().maxWaitMillis())
                                    .as(s.description())
                                    .isLessThanOrEqualTo(ProbeRule.limitMillis(step));
                        });
        // The long part of the staged plan (the validation) ran while the probes went on.
        StepCheck validated =
                stagedReport
                        .steps()
                        .get(
                                staged.steps()
                                        .indexOf(
                                                staged.steps().stream()
                                                        .filter(
                                                                s ->
                                                                        s.sql() != null
                                                                                && s.sql()
                                                                                        .contains(
                                                                                                "VALIDATE CONSTRAINT"))
                                                        .findFirst()
                                                        .orElseThrow()));
        assertThat(validated.probe().statements()).isPositive();
        assertThat(naiveWait).isGreaterThan(stagedWait);
    }

    /**
     * Holds one row's lock in the step's transaction until a probe updating that row has waited for
     * it a second.
     */
    private static Step rowLockHolder(String lockTimeout) {
        return rowLock(lockTimeout, "; " + holdUntilAProbeHasWaited(1_000));
    }

    /**
     * Takes one row's lock in the step's transaction, then runs {@code andThen} before it commits.
     */
    private static Step rowLock(String lockTimeout, String andThen) {
        return new Step(
                Step.Kind.SQL,
                "UPDATE items SET note = note WHERE ctid = (SELECT ctid FROM items LIMIT 1)"
                        + andThen,
                "hold a row lock",
                true,
                LockLevel.ROW_EXCLUSIVE,
                QualifiedName.of("items"),
                lockTimeout,
                null,
                null,
                null,
                "touch a row");
    }

    @Test
    void aStepPredictedToLetWritesOnThatMakesProbesWaitPastItsLockTimeoutFails() throws Exception {
        LoadedSchema schema = changelog("from.yaml", ITEMS);

        VerifyReport report =
                Verifier.verify(
                        PostgresServers.server(16),
                        schema,
                        schema,
                        oneStep(rowLockHolder("300ms")),
                        options(1000, 4));

        assertThat(report.passed()).isFalse();
        assertThat(report.steps())
                .singleElement()
                .satisfies(
                        s -> {
                            assertThat(s.observed()).isEqualTo(LockLevel.ROW_EXCLUSIVE);
                            assertThat(s.verdict()).isEqualTo(StepVerdict.MISMATCH);
                            assertThat(s.probe().maxWaitMillis()).isGreaterThan(300);
                            assertThat(s.reasons())
                                    .singleElement()
                                    .asString()
                                    .contains(
                                            "made probes on items wait",
                                            "longer than its lock_timeout 300ms");
                        });
        // verify writes text, Markdown and JSON (the CI formats are for findings: plan, check,
        // lint).
        for (Format format : new Format[] {Format.TEXT, Format.MARKDOWN, Format.JSON}) {
            assertThat(VerifyRenderer.render(report, format))
                    .as(format.name())
                    .containsIgnoringCase(
                            format == Format.JSON ? "probeMaxWaitMs" : "probe max wait")
                    .contains("longer than its lock_timeout 300ms");
        }
    }

    @Test
    void theSameWaitWithinTheLockTimeoutPasses() throws Exception {
        LoadedSchema schema = changelog("from.yaml", ITEMS);

        // A lock_timeout far beyond any wait this machine can add to the one-second hold.
        VerifyReport report =
                Verifier.verify(
                        PostgresServers.server(16),
                        schema,
                        schema,
                        oneStep(rowLockHolder("10min")),
                        options(1000, 4));

        assertThat(report.passed()).as(VerifyRenderer.render(report, Format.TEXT)).isTrue();
        assertThat(report.steps())
                .singleElement()
                .satisfies(
                        s -> {
                            // Probes ran while the step held the row: the rule passed on
                            // statements it saw, not on none. (How long the longest one waited
                            // depends on when a loaded machine schedules the probe, so it is not
                            // asserted here; the test above proves a long wait is seen and
                            // judged.)
                            assertThat(s.probe().statements()).isPositive();
                            assertThat(s.reasons()).isEmpty();
                        });
    }

    @Test
    void noProbeClientsMeansNoProbeFigures() throws Exception {
        LoadedSchema schema = changelog("from.yaml", ITEMS);

        VerifyReport report =
                Verifier.verify(
                        PostgresServers.server(16),
                        schema,
                        schema,
                        oneStep(rowLock("300ms", "")),
                        options(1000, 0));

        assertThat(report.passed()).isTrue();
        assertThat(report.steps()).singleElement().satisfies(s -> assertThat(s.probe()).isNull());
        assertThat(VerifyRenderer.render(report, Format.TEXT)).doesNotContain("probe max wait");
        assertThat(VerifyRenderer.render(report, Format.JSON)).contains("\"probeMaxWaitMs\": null");
    }

    @Test
    void lockTimeoutsReadAsPostgresReadsThem() {
        assertThat(ProbeRule.millis("5s")).isEqualTo(5000);
        assertThat(ProbeRule.millis("300ms")).isEqualTo(300);
        assertThat(ProbeRule.millis("2min")).isEqualTo(120_000);
        assertThat(ProbeRule.millis("250")).isEqualTo(250);
        assertThat(ProbeRule.millis("soon")).isNull();
        Step none = rowLockHolder(null);
        assertThat(ProbeRule.limitMillis(none)).isEqualTo(5000);
        assertThat(ProbeRule.limitMillis(rowLockHolder("0"))).isEqualTo(5000);
        assertThat(ProbeRule.limitMillis(rowLockHolder("1s"))).isEqualTo(1000);
    }

    @Test
    void probesRunOnlyOnThisMachine() {
        assertThat(ProbeWorkload.loopback("jdbc:postgresql://localhost:5432/db?user=postgres"))
                .isTrue();
        assertThat(ProbeWorkload.loopback("jdbc:postgresql://127.0.0.1:5432/db")).isTrue();
        assertThat(ProbeWorkload.loopback("jdbc:postgresql://[::1]:5432/db")).isTrue();
        assertThat(ProbeWorkload.loopback("jdbc:postgresql://db.example.com:5432/db")).isFalse();
        assertThat(ProbeWorkload.loopback("jdbc:postgresql://10.0.0.7/db")).isFalse();
        assertThat(ProbeWorkload.loopback(null)).isFalse();
    }

    @Test
    void theReadProbeGoesInKeyOrderAndDoesNotWalkRowsABackfillLeftDead() throws Exception {
        LoadedSchema from = changelog("from.yaml", ITEMS);
        Plan plan = oneStep(rowLockHolder(null));
        String read =
                ProbeWorkload.targets(from.schema(), from.schema(), plan)
                        .get(0)
                        .statements()
                        .stream()
                        .filter(q -> q.startsWith("SELECT"))
                        .findFirst()
                        .orElseThrow();
        assertThat(read).isEqualTo("SELECT * FROM items ORDER BY \"id\" LIMIT 5");
        try (Connection db = PostgresServers.freshDatabase(16)) {
            exec(
                    db,
                    "CREATE TABLE items (id int CONSTRAINT pk_items PRIMARY KEY, qty int, note varchar(40) NOT NULL)");
            exec(db, "INSERT INTO items SELECT g, g, 'n' || g FROM generate_series(1, 20000) g");
            exec(db, "ANALYZE items");
            // Every row updated once, as a backfill does: the old versions fill the front pages.
            exec(db, "UPDATE items SET qty = qty + 1");
            long pages = scalar(db, "SELECT pg_relation_size('items') / 8192");
            assertThat(pages).isGreaterThan(150);

            // A plain scan reads every page of dead versions before the first live row: half the
            // table. In key order: the index's root and leaf, and the few rows' pages.
            assertThat(buffersTouched(db, read)).isLessThan(pages / 8);
        }
        // A key column the plan changes is not relied on: the read goes unordered.
        LoadedSchema keyChanges =
                changelog(
                        "to.yaml",
                        ITEMS.replace("{ name: id, type: int,", "{ name: id, type: bigint,"));
        assertThat(
                        ProbeWorkload.targets(from.schema(), keyChanges.schema(), plan)
                                .get(0)
                                .statements())
                .contains("SELECT * FROM items LIMIT 5");
    }

    /** Shared buffers the statement read (hits and reads), from its EXPLAIN (ANALYZE, BUFFERS). */
    private static long buffersTouched(Connection db, String sql) throws Exception {
        try (Statement st = db.createStatement();
                ResultSet rs = st.executeQuery("EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) " + sql)) {
            rs.next();
            String json = rs.getString(1);
            long total = 0;
            for (String field : List.of("\"Shared Hit Blocks\": ", "\"Shared Read Blocks\": ")) {
                int at = json.indexOf(field) + field.length();
                int end = at;
                while (Character.isDigit(json.charAt(end))) {
                    end++;
                }
                total += Long.parseLong(json.substring(at, end));
            }
            return total;
        }
    }

    @Test
    void probesWriteOnlyAColumnThePlanLeavesAloneAndOnlyTablesThatExistBefore() throws Exception {
        LoadedSchema from = changelog("from.yaml", ITEMS);
        LoadedSchema noteChanges =
                changelog("to.yaml", ITEMS.replace("varchar(40)", "varchar(80)"));
        LoadedSchema qtyChanges =
                changelog(
                        "to2.yaml",
                        ITEMS.replace("{ name: qty, type: int }", "{ name: qty, type: bigint }"));
        Step onItems = rowLockHolder(null);
        Step onNew =
                new Step(
                        Step.Kind.SQL,
                        "CREATE TABLE fresh (id int)",
                        "create fresh",
                        true,
                        LockLevel.ACCESS_EXCLUSIVE,
                        QualifiedName.of("fresh"),
                        null,
                        null,
                        null,
                        null,
                        "create");
        Plan plan = new Plan(List.of(new Stage(StageKind.EXPAND, List.of(onItems, onNew))));

        // qty is untouched: it is the column written; the table the plan creates is not probed.
        assertThat(ProbeWorkload.targets(from.schema(), noteChanges.schema(), plan))
                .singleElement()
                .satisfies(
                        t -> {
                            assertThat(t.table()).isEqualTo("items");
                            assertThat(t.statements())
                                    .anyMatch(q -> q.startsWith("SELECT"))
                                    .anyMatch(q -> q.contains("SET \"qty\" = \"qty\""));
                        });
        // qty changes type, so note is written instead; never the primary key.
        assertThat(ProbeWorkload.targets(from.schema(), qtyChanges.schema(), plan))
                .singleElement()
                .satisfies(
                        t ->
                                assertThat(t.statements())
                                        .anyMatch(q -> q.contains("SET \"note\" = \"note\""))
                                        .noneMatch(
                                                q ->
                                                        q.contains("SET \"qty\"")
                                                                || q.contains("SET \"id\"")));
        // Both non-key columns change: reads only.
        LoadedSchema both =
                changelog(
                        "to3.yaml",
                        ITEMS.replace("varchar(40)", "varchar(80)")
                                .replace(
                                        "{ name: qty, type: int }", "{ name: qty, type: bigint }"));
        assertThat(ProbeWorkload.targets(from.schema(), both.schema(), plan))
                .singleElement()
                .satisfies(t -> assertThat(t.statements()).allMatch(q -> q.startsWith("SELECT")));
    }
}
