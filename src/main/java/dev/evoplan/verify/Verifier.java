package dev.evoplan.verify;

import dev.evoplan.engine.Analyzer;
import dev.evoplan.model.LoadedSchema;
import dev.evoplan.model.QualifiedName;
import dev.evoplan.model.Schema;
import dev.evoplan.plan.Plan;
import dev.evoplan.plan.Planner;
import dev.evoplan.plan.Stage;
import dev.evoplan.plan.Step;
import dev.evoplan.rules.LockLevel;
import dev.evoplan.source.jdbc.CatalogReader;
import dev.evoplan.verify.VerifyReport.StepCheck;
import dev.evoplan.verify.VerifyReport.StepVerdict;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Proves a plan on a real PostgreSQL: creates the old schema, seeds it, runs the plan step by step
 * as {@link PlanRunner} does while watching the locks each step takes and whether it rewrites its
 * table, compares that with the plan's predictions, and requires the result to be the new schema.
 *
 * <p>Rewrite rule: the planner states no rewrite flag, only a lock, and PostgreSQL rewrites a table
 * only under ACCESS EXCLUSIVE; so a step predicted below ACCESS EXCLUSIVE that rewrites its table
 * is a mismatch, and a rewrite under a predicted ACCESS EXCLUSIVE is reported, not failed.
 */
public final class Verifier {
    /**
     * Sessions that seed independent tables at once: seeding is CPU work in the server, one core
     * per session.
     */
    private static final int SEED_SESSIONS =
            Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));

    private Verifier() {}

    /**
     * Analyses {@code from -> to}, starts an embedded server of the options' major, and verifies
     * the plan on it.
     */
    public static VerifyReport verify(LoadedSchema from, LoadedSchema to, VerifyOptions options) {
        try (ServerStart server = ServerStart.embedded(options.pgVersion())) {
            return verify(server, from, to, options);
        }
    }

    /**
     * Analyses {@code from -> to} while {@code server} starts, then verifies the plan on it; the
     * caller closes the server.
     */
    public static VerifyReport verify(
            ServerStart server, LoadedSchema from, LoadedSchema to, VerifyOptions options) {
        Timings.Phase t = Timings.start();
        Plan plan = Analyzer.analyze(from, to, options.analysis()).plan();
        t.end("analyze");
        t = Timings.start();
        VerifyServer started = server.get();
        t.end("wait for the server");
        return verify(started, from, to, plan, options);
    }

    /**
     * Analyses {@code from -> to} and verifies the plan in scratch databases on {@code server},
     * which the caller closes.
     */
    public static VerifyReport verify(
            VerifyServer server, LoadedSchema from, LoadedSchema to, VerifyOptions options) {
        return verify(
                server, from, to, Analyzer.analyze(from, to, options.analysis()).plan(), options);
    }

    /**
     * Verifies {@code plan} (which should turn {@code from} into {@code to}) in a new database on a
     * running server; the database is dropped afterwards.
     */
    public static VerifyReport verify(
            EmbeddedPostgres server,
            LoadedSchema from,
            LoadedSchema to,
            Plan plan,
            VerifyOptions options) {
        return verify(VerifyServer.embedded(server), from, to, plan, options);
    }

    /**
     * Verifies {@code plan} in new scratch databases on {@code server}, dropped afterwards whether
     * the run passes, fails or throws.
     */
    public static VerifyReport verify(
            VerifyServer server,
            LoadedSchema from,
            LoadedSchema to,
            Plan plan,
            VerifyOptions options) {
        long start = System.nanoTime();
        String name = null;
        String scratch = null;
        try {
            name = server.createDatabase("");
            scratch = server.createDatabase("_target");
            Run run = new Run(server, name, options);
            return run.execute(from, to, plan, scratch, start);
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "verify could not use the server: " + e.getMessage(), e);
        } finally {
            Timings.Phase t = Timings.start();
            if (name != null) {
                server.dropDatabase(name);
            }
            if (scratch != null) {
                server.dropDatabase(scratch);
            }
            t.end("drop databases");
        }
    }

    /** One verification: the database, the sampler, what has been seen so far. */
    private static final class Run {
        private final VerifyServer server;
        private final String database;
        private final VerifyOptions options;

        Run(VerifyServer server, String database, VerifyOptions options) {
            this.server = server;
            this.database = database;
            this.options = options;
        }

        VerifyReport execute(
                LoadedSchema from, LoadedSchema to, Plan plan, String scratch, long start)
                throws SQLException {
            int major = options.pgVersion();
            List<StepCheck> checks = new ArrayList<>();
            List<SeedResult> seeded = List.of();
            String failure = null;
            List<String> differences = List.of();
            int replan = 0;
            String version;
            try (Connection db = connect(server, database);
                    Connection expected = connect(server, scratch)) {
                version = scalar(db, "SHOW server_version");
                if (Timings.on()) {
                    Timings.watchBackend(Long.parseLong(scalar(db, "SELECT pg_backend_pid()")));
                }
                // Both sides are built by their own statements, not from evoplan's model of them:
                // whatever the model misses is then in the databases, and the comparison sees it.
                Timings.Phase t = Timings.start();
                failure = build(db, from, major, "the old schema");
                t.end("build old");
                if (failure == null) {
                    t = Timings.start();
                    failure = build(expected, to, major, "the new schema");
                    t.end("build new");
                }
                if (failure == null) {
                    t = Timings.start();
                    Schema built = CatalogReader.read(db, Set.of());
                    Schema wanted = CatalogReader.read(expected, Set.of());
                    t.end("read both catalogs");
                    t = Timings.start();
                    seeded =
                            Seeder.seed(
                                    db,
                                    () -> connect(server, database),
                                    SEED_SESSIONS,
                                    built,
                                    wanted,
                                    options.rows(),
                                    options.progress());
                    t.end("seed");
                    t = Timings.start();
                    failure = runSteps(db, plan, from.schema(), to.schema(), checks);
                    t.end("steps");
                }
                if (failure == null) {
                    t = Timings.start();
                    differences =
                            CatalogSnapshot.differences(
                                    CatalogSnapshot.read(db), CatalogSnapshot.read(expected));
                    replan =
                            Planner.between(
                                            CatalogReader.read(db, Set.of()),
                                            CatalogReader.read(expected, Set.of()),
                                            major)
                                    .steps()
                                    .size();
                    t.end("compare and re-plan");
                }
            }
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            return new VerifyReport(
                    from.location(),
                    to.location(),
                    major,
                    version,
                    server.label(),
                    seeded,
                    checks,
                    failure,
                    differences,
                    replan,
                    millis);
        }

        /**
         * Builds {@code source} in the empty database {@code db}: its own statements in order when
         * it has a history (SQL files, changelogs), else (a live database) the plan from nothing to
         * its model, named schemas first. Returns why it could not, or null.
         */
        private static String build(Connection db, LoadedSchema source, int major, String what) {
            try {
                if (!source.history().isEmpty()) {
                    Shadow.runHistory(db, source);
                    return null;
                }
                createSchemas(db, source.schema());
                PlanRunner.run(db, Planner.between(Schema.EMPTY, source.schema(), major));
                return null;
            } catch (dev.evoplan.model.InputException e) {
                return "creating " + what + " from its statements failed: " + e.getMessage();
            } catch (PlanRunException | SQLException e) {
                return "creating " + what + " failed: " + e.getMessage();
            }
        }

        private static void createSchemas(Connection db, Schema schema) throws SQLException {
            java.util.Set<String> names = new java.util.TreeSet<>();
            schema.tables().keySet().forEach(n -> names.add(n.schema()));
            schema.views().keySet().forEach(n -> names.add(n.schema()));
            schema.sequences().keySet().forEach(n -> names.add(n.schema()));
            schema.enums().keySet().forEach(n -> names.add(n.schema()));
            for (String name : names) {
                if (name != null && !name.equals("public")) {
                    try (Statement st = db.createStatement()) {
                        st.execute(
                                "CREATE SCHEMA IF NOT EXISTS "
                                        + dev.evoplan.model.Identifiers.quote(name));
                    }
                }
            }
        }

        /** Runs the steps, recording each; returns the error that stopped them, or null. */
        private String runSteps(
                Connection db, Plan plan, Schema source, Schema target, List<StepCheck> checks)
                throws SQLException {
            int pid = Integer.parseInt(scalar(db, "SELECT pg_backend_pid()"));
            int total = plan.steps().size();
            Timings.Phase probesStarted = Timings.start();
            try (LockSampler sampler = new LockSampler(connect(server, database), pid);
                    ProbeWorkload probes =
                            ProbeWorkload.start(
                                    () -> connect(server, database),
                                    source,
                                    target,
                                    plan,
                                    options.probeClients())) {
                probesStarted.end("lock sampler and probes start");
                int index = 0;
                for (Stage stage : plan.stages()) {
                    for (Step step : stage.steps()) {
                        index++;
                        options.progress().step(index, total, step.description());
                        probes.stepStarted();
                        if (step.kind() == Step.Kind.CHECKPOINT) {
                            Timings.Phase standIn = Timings.start();
                            long t0 = System.nanoTime();
                            List<String> notes =
                                    Backfills.standIn(
                                            db, target, Backfills.filledAfter(plan.steps(), index));
                            checks.add(
                                    ProbeRule.apply(
                                            step,
                                            new StepCheck(
                                                    index,
                                                    stage.kind(),
                                                    step.kind(),
                                                    step.description(),
                                                    null,
                                                    step.lock(),
                                                    LockLevel.NONE,
                                                    false,
                                                    TimeUnit.NANOSECONDS.toMillis(
                                                            System.nanoTime() - t0),
                                                    StepVerdict.OK,
                                                    List.of(),
                                                    notes),
                                            probes.stepEnded()));
                            standIn.end("step " + index + " (checkpoint stand-in)");
                            continue;
                        }
                        Long oid = step.table() == null ? null : oid(db, step.table());
                        Long fileBefore = oid == null ? null : relfilenode(db, oid);
                        sampler.watch();
                        Map<Long, LockLevel> held = new HashMap<>();
                        Timings.Phase sqlStep = Timings.start();
                        long t0 = System.nanoTime();
                        try {
                            if (step.transactional()) {
                                PlanRunner.runInTransaction(
                                        db, step, c -> held.putAll(ownLocks(c)));
                            } else {
                                PlanRunner.runAlone(db, step);
                            }
                        } catch (SQLException e) {
                            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
                            String message = firstLine(e);
                            checks.add(
                                    ProbeRule.apply(
                                            step,
                                            new StepCheck(
                                                    index,
                                                    stage.kind(),
                                                    step.kind(),
                                                    step.description(),
                                                    name(step),
                                                    step.lock(),
                                                    LockLevel.NONE,
                                                    false,
                                                    ms,
                                                    StepVerdict.FAILED,
                                                    List.of(message),
                                                    List.of()),
                                            probes.stepEnded()));
                            return "step " + index + " failed: " + message;
                        } finally {
                            db.setAutoCommit(true);
                        }
                        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
                        if (step.backfill() != null || ms > 1000) {
                            sqlStep.end("step " + index + " (" + stage.kind() + ")");
                        }
                        sampler.drain()
                                .forEach(
                                        (rel, mode) -> held.merge(rel, mode, LockLevel::strongest));
                        LockLevel observed =
                                oid == null
                                        ? LockLevel.NONE
                                        : held.getOrDefault(oid, LockLevel.NONE);
                        Long fileAfter = oid == null ? null : relfilenode(db, oid);
                        // Only a table's (or materialized view's) data is rewritten in the sense
                        // that matters: ALTER SEQUENCE also swaps a relfilenode.
                        boolean rewrite =
                                fileBefore != null
                                        && fileAfter != null
                                        && !fileBefore.equals(fileAfter)
                                        && holdsRows(db, oid);
                        List<String> reasons = new ArrayList<>();
                        if (observed.compareTo(step.lock()) > 0) {
                            reasons.add(
                                    "took "
                                            + observed.sqlName()
                                            + " on "
                                            + step.table()
                                            + ", predicted "
                                            + step.lock().sqlName());
                        }
                        if (rewrite && step.lock().compareTo(LockLevel.ACCESS_EXCLUSIVE) < 0) {
                            reasons.add(
                                    "rewrote "
                                            + step.table()
                                            + " under a predicted "
                                            + step.lock().sqlName());
                        }
                        if (step.backfill() != null) {
                            String broken = Backfills.broken(db, step.backfill());
                            if (broken != null) {
                                reasons.add(broken);
                            }
                        }
                        checks.add(
                                ProbeRule.apply(
                                        step,
                                        new StepCheck(
                                                index,
                                                stage.kind(),
                                                step.kind(),
                                                step.description(),
                                                name(step),
                                                step.lock(),
                                                observed,
                                                rewrite,
                                                ms,
                                                reasons.isEmpty()
                                                        ? StepVerdict.OK
                                                        : StepVerdict.MISMATCH,
                                                reasons,
                                                List.of()),
                                        probes.stepEnded()));
                    }
                }
            }
            return null;
        }
    }

    private static String name(Step step) {
        return step.table() == null ? null : step.table().toString();
    }

    /**
     * This session's granted relation locks, strongest per oid (read inside the step's
     * transaction).
     */
    private static Map<Long, LockLevel> ownLocks(Connection c) throws SQLException {
        Map<Long, LockLevel> locks = new HashMap<>();
        try (Statement st = c.createStatement();
                ResultSet rs =
                        st.executeQuery(
                                "SELECT relation::bigint, mode FROM pg_locks WHERE pid = pg_backend_pid() "
                                        + "AND locktype = 'relation' AND granted AND relation IS NOT NULL")) {
            while (rs.next()) {
                locks.merge(
                        rs.getLong(1), LockLevel.fromPgName(rs.getString(2)), LockLevel::strongest);
            }
        }
        return locks;
    }

    private static Long oid(Connection db, QualifiedName table) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement("SELECT to_regclass(?)::oid::bigint")) {
            ps.setString(1, table.sql());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                long v = rs.getLong(1);
                return rs.wasNull() ? null : v;
            }
        }
    }

    private static Long relfilenode(Connection db, long oid) throws SQLException {
        try (PreparedStatement ps =
                db.prepareStatement(
                        "SELECT relfilenode::bigint FROM pg_class WHERE oid = ?::oid")) {
            ps.setLong(1, oid);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : null;
            }
        }
    }

    private static boolean holdsRows(Connection db, long oid) throws SQLException {
        try (PreparedStatement ps =
                db.prepareStatement(
                        "SELECT relkind IN ('r', 'p', 'm') FROM pg_class WHERE oid = ?::oid")) {
            ps.setLong(1, oid);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    private static String scalar(Connection db, String sql) throws SQLException {
        try (Statement st = db.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static Connection connect(VerifyServer server, String database) throws SQLException {
        return server.connect(database);
    }

    private static String firstLine(SQLException e) {
        String m = e.getMessage() == null ? e.toString() : e.getMessage().strip();
        int nl = m.indexOf('\n');
        return (nl < 0 ? m : m.substring(0, nl))
                + (e.getSQLState() == null ? "" : " [SQLSTATE " + e.getSQLState() + "]");
    }
}
