package dev.evoplan.plan;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.function.Predicate;

/**
 * Runs a plan's SQL steps on a real server the way the plan says: checkpoints skipped,
 * transactional steps in one transaction each (with {@code SET LOCAL lock_timeout}),
 * the others in autocommit. A stand-in until verify.PlanRunner exists.
 */
final class LocalRunner {
    private LocalRunner() {}

    static void run(Connection c, Plan plan) throws SQLException {
        run(c, plan.steps(), s -> true);
    }

    static void runStages(Connection c, Plan plan, StageKind... stages) throws SQLException {
        List<StageKind> wanted = List.of(stages);
        for (Stage stage : plan.stages()) {
            if (wanted.contains(stage.kind())) {
                run(c, stage.steps(), s -> true);
            }
        }
    }

    static void run(Connection c, List<Step> steps, Predicate<Step> which) throws SQLException {
        for (Step step : steps) {
            if (step.kind() == Step.Kind.CHECKPOINT || !which.test(step)) {
                continue;
            }
            try {
                if (step.transactional()) {
                    c.setAutoCommit(false);
                    try (Statement st = c.createStatement()) {
                        if (step.lockTimeout() != null) {
                            st.execute("SET LOCAL lock_timeout = '" + step.lockTimeout() + "'");
                        }
                        st.execute(step.sql());
                        c.commit();
                    } catch (SQLException e) {
                        c.rollback();
                        throw e;
                    } finally {
                        c.setAutoCommit(true);
                    }
                } else {
                    try (Statement st = c.createStatement()) {
                        st.execute(step.sql());
                    }
                }
            } catch (SQLException e) {
                throw new SQLException("step failed: " + step.description() + "\n" + step.sql() + "\n" + e.getMessage(), e);
            }
        }
    }
}
