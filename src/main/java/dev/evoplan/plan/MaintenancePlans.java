package dev.evoplan.plan;

import dev.evoplan.diff.Change;
import dev.evoplan.rules.LockLevel;
import java.util.List;

/**
 * Safe forms of the statements that rebuild a table or index without changing the schema:
 * the concurrent variant where PostgreSQL has one, otherwise a checkpoint for a person to run
 * it in a quiet window (or with an online tool) rather than inside a deploy.
 */
final class MaintenancePlans {
    private MaintenancePlans() {}

    static List<StagedStep> maintenance(PlanContext ctx, Change.Maintenance change) {
        StepList steps = new StepList(ctx, change.summary());
        switch (change.operation()) {
            case REINDEX -> {
                // REINDEX SYSTEM has no concurrent form; every other target has one from 12.
                if (ctx.pgVersion() >= 12 && !change.text().toUpperCase(java.util.Locale.ROOT).matches("(?s).*\\bSYSTEM\\b.*")) {
                    steps.sql(StageKind.EXPAND, concurrently(change.text(),
                                    "^(?is)(\\s*REINDEX\\s*(\\([^)]*\\)\\s*)?(INDEX|TABLE|SCHEMA|DATABASE|SYSTEM))\\s+"),
                                    "rebuild " + change.table() + " CONCURRENTLY: a new index is built beside the old"
                                            + " one under SHARE UPDATE EXCLUSIVE, reads and writes go on")
                            .lock(LockLevel.SHARE_UPDATE_EXCLUSIVE, change.table())
                            .nonTransactional()
                            .onFailure("a failed REINDEX CONCURRENTLY leaves an INVALID index named *_ccnew;"
                                    + " drop it CONCURRENTLY and run the step again");
                } else {
                    steps.checkpoint(StageKind.EXPAND, "run " + change.summary() + " in a quiet window: before"
                            + " PostgreSQL 12 REINDEX blocks writes to the table for the whole rebuild");
                }
            }
            case REFRESH_MATERIALIZED_VIEW -> steps.sql(StageKind.EXPAND,
                            concurrently(change.text(), "^(?is)(\\s*REFRESH\\s+MATERIALIZED\\s+VIEW)\\s+"),
                            "recompute " + change.table() + " CONCURRENTLY: readers keep the old rows until it"
                                    + " finishes (needs a unique index on the view covering all rows)")
                    .lock(LockLevel.EXCLUSIVE, change.table())
                    .onFailure("CONCURRENTLY needs a unique index on the materialized view without a WHERE clause;"
                            + " create one (CREATE UNIQUE INDEX CONCURRENTLY) and run the step again");
            case VACUUM_FULL, CLUSTER -> steps.checkpoint(StageKind.EXPAND, "do not run " + change.summary()
                    + " in a deploy: it rewrites the table under ACCESS EXCLUSIVE; rebuild it online with pg_repack"
                    + " (or pg_squeeze), or run it in a maintenance window");
            case SET_LOGGED, SET_UNLOGGED -> steps.checkpoint(StageKind.EXPAND, "run " + change.summary()
                    + " in a maintenance window: it rewrites the table under ACCESS EXCLUSIVE"
                    + (change.operation() == Change.Maintenance.Operation.SET_LOGGED
                    ? " and writes all of it to the WAL" : ""));
            // Plain VACUUM refuses a transaction block: it runs on its own.
            case VACUUM -> steps.sql(StageKind.EXPAND, statement(change.text()), "vacuum " + (change.table() == null
                            ? "every table" : change.table()) + " outside a transaction: reads and writes go on")
                    .lock(LockLevel.SHARE_UPDATE_EXCLUSIVE, change.table())
                    .nonTransactional();
            // Brief catalog updates and ANALYZE: run as written, with the lock_timeout every step gets.
            case ANALYZE, SET_STATISTICS, SET_STORAGE, SET_PARAMETERS, TRIGGER_STATE, REPLICA_IDENTITY, OWNER_TO,
                 SEQUENCE_RESTART -> steps.sql(StageKind.EXPAND, statement(change.text()), change.summary());
        }
        return steps.build();
    }

    private static String statement(String text) {
        String sql = text.strip();
        return sql.endsWith(";") ? sql : sql + ";";
    }

    /**
     * The statement as written with CONCURRENTLY after the words {@code head} matches (group 1),
     * so names stay spelled as the author wrote them; a statement already concurrent stays as is.
     */
    private static String concurrently(String text, String head) {
        String sql = text.strip();
        if (sql.endsWith(";")) {
            sql = sql.substring(0, sql.length() - 1).strip();
        }
        if (!sql.toUpperCase(java.util.Locale.ROOT).matches("(?s).*\\bCONCURRENTLY\\b.*")) {
            sql = sql.replaceFirst(head, "$1 CONCURRENTLY ");
        }
        return sql + ";";
    }
}
