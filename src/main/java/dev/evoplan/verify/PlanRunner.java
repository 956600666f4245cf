package dev.evoplan.verify;

import dev.evoplan.plan.Plan;
import dev.evoplan.plan.Stage;
import dev.evoplan.plan.Step;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a plan's SQL steps, in order, on a real PostgreSQL connection, the way an operator would run
 * them: each transactional step in its own transaction, each non-transactional one alone in
 * autocommit, so that what the plan promises (short locks, committed batches, {@code CONCURRENTLY})
 * is what the server sees.
 */
public final class PlanRunner {
    private static final String SET_LOCAL = "SELECT set_config(?, ?, true)";
    private static final String SET_SESSION = "SELECT set_config(?, ?, false)";
    private static final String CURRENT = "SELECT current_setting(?)";

    private PlanRunner() {}

    /**
     * Runs every SQL step of the plan in order on the connection; checkpoints are skipped
     * (recorded). Steps with transactional=false run in autocommit alone; transactional steps run
     * each in its own transaction, preceded by SET LOCAL lock_timeout / statement_timeout when the
     * step has them. A non-transactional step's timeouts are set for the session around it and then
     * put back. Throws PlanRunException naming the step (index, description, SQL) and PostgreSQL's
     * message on the first failure; the steps before it stay committed. Work the caller left
     * uncommitted on the connection is committed with the first step; the connection's autocommit
     * setting is restored at the end.
     */
    public static RunResult run(Connection connection, Plan plan) throws PlanRunException {
        List<RunResult.StepRun> done = new ArrayList<>();
        boolean autoCommit;
        try {
            autoCommit = connection.getAutoCommit();
        } catch (SQLException e) {
            throw new IllegalStateException("the connection is not usable: " + e.getMessage(), e);
        }
        int index = 0;
        try {
            for (Stage stage : plan.stages()) {
                for (Step step : stage.steps()) {
                    index++;
                    long millis = 0;
                    if (step.kind() == Step.Kind.SQL) {
                        long start = System.nanoTime();
                        try {
                            if (step.transactional()) {
                                runInTransaction(connection, step);
                            } else {
                                runAlone(connection, step);
                            }
                        } catch (SQLException e) {
                            throw new PlanRunException(
                                    index, stage.kind(), step, e, new RunResult(done));
                        }
                        millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                    }
                    done.add(
                            new RunResult.StepRun(
                                    index, stage.kind(), step.kind(), step.description(), millis));
                }
            }
        } finally {
            try {
                connection.setAutoCommit(autoCommit);
            } catch (SQLException ignored) {
                // A connection that broke during a step has nothing left to restore.
            }
        }
        return new RunResult(done);
    }

    private static void runInTransaction(Connection connection, Step step) throws SQLException {
        runInTransaction(connection, step, c -> {});
    }

    /** What {@link Verifier} does inside a step's transaction, after the SQL, before the commit. */
    interface BeforeCommit {
        void accept(Connection connection) throws SQLException;
    }

    /**
     * A transactional step as {@link #run} runs it, with {@code beforeCommit} seeing the locks
     * still held.
     */
    static void runInTransaction(Connection connection, Step step, BeforeCommit beforeCommit)
            throws SQLException {
        connection.setAutoCommit(false);
        try {
            for (Map.Entry<String, String> setting : timeouts(step).entrySet()) {
                set(connection, SET_LOCAL, setting.getKey(), setting.getValue());
            }
            execute(connection, step.sql());
            beforeCommit.accept(connection);
            connection.commit();
        } catch (SQLException e) {
            try {
                connection.rollback();
            } catch (SQLException rollback) {
                e.addSuppressed(rollback);
            }
            throw e;
        }
    }

    /**
     * Autocommit, and nothing else sent with the SQL: {@code CREATE INDEX CONCURRENTLY} refuses a
     * transaction block, and a batched backfill's {@code COMMIT} inside a DO block needs to be at
     * top level.
     */
    static void runAlone(Connection connection, Step step) throws SQLException {
        connection.setAutoCommit(true);
        Map<String, String> timeouts = timeouts(step);
        Map<String, String> previous = new LinkedHashMap<>();
        for (String name : timeouts.keySet()) {
            previous.put(name, current(connection, name));
        }
        SQLException failure = null;
        try {
            for (Map.Entry<String, String> setting : timeouts.entrySet()) {
                set(connection, SET_SESSION, setting.getKey(), setting.getValue());
            }
            execute(connection, step.sql());
        } catch (SQLException e) {
            failure = e;
        }
        try {
            for (Map.Entry<String, String> setting : previous.entrySet()) {
                set(connection, SET_SESSION, setting.getKey(), setting.getValue());
            }
        } catch (SQLException e) {
            if (failure == null) {
                failure = e;
            } else {
                failure.addSuppressed(e);
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private static Map<String, String> timeouts(Step step) {
        Map<String, String> settings = new LinkedHashMap<>();
        if (step.lockTimeout() != null) {
            settings.put("lock_timeout", step.lockTimeout());
        }
        if (step.statementTimeout() != null) {
            settings.put("statement_timeout", step.statementTimeout());
        }
        return settings;
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement st = connection.createStatement()) {
            // The SQL goes to the server exactly as the plan wrote it: no JDBC {escape} rewriting.
            st.setEscapeProcessing(false);
            st.execute(sql);
        }
    }

    private static void set(Connection connection, String sql, String name, String value)
            throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setString(1, name);
            ps.setString(2, value);
            ps.execute();
        }
    }

    private static String current(Connection connection, String name) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(CURRENT)) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }
}
