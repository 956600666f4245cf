package dev.evoplan.plan;

import dev.evoplan.verify.PlanRunException;
import dev.evoplan.verify.PlanRunner;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/** Runs a plan, or some of its stages, through {@link PlanRunner}, as the acceptance tests do. */
final class LocalRunner {
    private LocalRunner() {}

    static void run(Connection c, Plan plan) throws SQLException {
        try {
            PlanRunner.run(c, plan);
        } catch (PlanRunException e) {
            throw new SQLException(e.getMessage(), e);
        }
    }

    /** Only the named stages, so a test can look at the database between them. */
    static void runStages(Connection c, Plan plan, StageKind... stages) throws SQLException {
        List<StageKind> wanted = List.of(stages);
        run(c, new Plan(plan.stages().stream().filter(s -> wanted.contains(s.kind())).toList()));
    }
}
