package dev.evoplan.plan;

import dev.evoplan.diff.Change;
import dev.evoplan.model.UnmodelledObject;
import dev.evoplan.rules.LockLevel;
import java.util.List;

/**
 * Safe forms of the statements that rebuild a table or index without changing the schema: the
 * concurrent variant where PostgreSQL has one, otherwise a checkpoint for a person to run it in a
 * quiet window (or with an online tool) rather than inside a deploy.
 */
final class MaintenancePlans {
    private MaintenancePlans() {}

    static List<StagedStep> maintenance(PlanContext ctx, Change.Maintenance change) {
        StepList steps = new StepList(ctx, change.summary());
        switch (change.operation()) {
            case REINDEX -> {
                // REINDEX SYSTEM has no concurrent form; every other target has one from 12. The
                // target is the parser's fact, never a search of the text.
                if (ctx.pgVersion() >= 12
                        && (change.reindexTarget() == null
                                || change.reindexTarget().hasConcurrentForm())) {
                    steps.sql(
                                    StageKind.EXPAND,
                                    concurrently(
                                            change,
                                            "^(?is)(\\s*REINDEX\\s*(\\([^)]*\\)\\s*)?(INDEX|TABLE|SCHEMA|DATABASE|SYSTEM))\\s+"),
                                    "rebuild "
                                            + change.table()
                                            + " CONCURRENTLY: a new index is built beside the old"
                                            + " one under SHARE UPDATE EXCLUSIVE, reads and writes go on")
                            .lock(LockLevel.SHARE_UPDATE_EXCLUSIVE, change.table())
                            .nonTransactional()
                            .onFailure(
                                    "a failed REINDEX CONCURRENTLY leaves an INVALID index named *_ccnew;"
                                            + " drop it CONCURRENTLY and run the step again");
                } else {
                    steps.checkpoint(
                            StageKind.EXPAND,
                            "run "
                                    + change.summary()
                                    + (ctx.pgVersion() >= 12
                                            ? " in a quiet window: REINDEX SYSTEM has no concurrent"
                                                    + " form and blocks writes to each catalog it rebuilds"
                                            : " in a quiet window: before PostgreSQL 12 REINDEX"
                                                    + " blocks writes to the table for the whole rebuild"));
                }
            }
            case REFRESH_MATERIALIZED_VIEW ->
                    steps.sql(
                                    StageKind.EXPAND,
                                    concurrently(
                                            change,
                                            "^(?is)(\\s*REFRESH\\s+MATERIALIZED\\s+VIEW)\\s+"),
                                    "recompute "
                                            + change.table()
                                            + " CONCURRENTLY: readers keep the old rows until it"
                                            + " finishes (needs a unique index on the view covering all rows)")
                            .lock(LockLevel.EXCLUSIVE, change.table())
                            .onFailure(
                                    "CONCURRENTLY needs a unique index on the materialized view without a WHERE clause;"
                                            + " create one (CREATE UNIQUE INDEX CONCURRENTLY) and run the step again");
            case VACUUM_FULL, CLUSTER ->
                    steps.checkpoint(
                            StageKind.EXPAND,
                            "do not run "
                                    + change.summary()
                                    + " in a deploy: it rewrites the table under ACCESS EXCLUSIVE; rebuild it online with pg_repack"
                                    + " (or pg_squeeze), or run it in a maintenance window");
            case SET_LOGGED, SET_UNLOGGED, SET_ACCESS_METHOD ->
                    steps.checkpoint(
                            StageKind.EXPAND,
                            "run "
                                    + change.summary()
                                    + " in a maintenance window: it rewrites the table under ACCESS EXCLUSIVE"
                                    + (change.operation() == Change.Maintenance.Operation.SET_LOGGED
                                            ? " and writes all of it to the WAL"
                                            : ""));
            // Plain VACUUM refuses a transaction block: it runs on its own.
            case VACUUM ->
                    steps.sql(
                                    StageKind.EXPAND,
                                    statement(change.text()),
                                    "vacuum "
                                            + (change.table() == null
                                                    ? "every table"
                                                    : change.table())
                                            + " outside a transaction: reads and writes go on")
                            .lock(LockLevel.SHARE_UPDATE_EXCLUSIVE, change.table())
                            .nonTransactional();
            case ADD_DOMAIN_CONSTRAINT -> {
                java.util.regex.Matcher named = DOMAIN_CONSTRAINT.matcher(statement(change.text()));
                if (named.matches() && named.group(4) == null) {
                    // NOT VALID checks no existing value; VALIDATE then scans under SHARE UPDATE
                    // EXCLUSIVE.
                    steps.sql(
                            StageKind.EXPAND,
                            named.group(1) + " NOT VALID;",
                            "add the domain constraint without" + " checking existing values");
                    steps.sql(
                                    StageKind.EXPAND,
                                    "ALTER DOMAIN "
                                            + named.group(2)
                                            + " VALIDATE CONSTRAINT "
                                            + named.group(3)
                                            + ";",
                                    "check existing values; writes go on")
                            .lock(LockLevel.SHARE_UPDATE_EXCLUSIVE, change.table());
                } else {
                    steps.sql(StageKind.EXPAND, statement(change.text()), change.summary())
                            .lock(
                                    dev.evoplan.rules.Judge.plainLock(change, ctx.pgVersion()),
                                    change.table());
                }
            }
            // Brief catalog updates, ANALYZE and the statements judged by their known lock run as
            // written, with the lock_timeout every step gets; the rules say what each blocks.
            case ANALYZE,
                    SET_STATISTICS,
                    SET_STORAGE,
                    SET_ATTRIBUTE_OPTIONS,
                    SET_COMPRESSION,
                    CLUSTER_ON,
                    SET_WITHOUT_CLUSTER,
                    SET_WITHOUT_OIDS,
                    SET_PARAMETERS,
                    TRIGGER_STATE,
                    REPLICA_IDENTITY,
                    OWNER_TO,
                    SEQUENCE_RESTART,
                    IDENTITY_RESTART,
                    CREATE_STATISTICS,
                    DROP_STATISTICS,
                    ALTER_CONSTRAINT,
                    SETVAL,
                    LOCK_TABLE,
                    CREATE_DOMAIN,
                    DROP_DOMAIN_CONSTRAINT,
                    DROP_DOMAIN,
                    DROP_SCHEMA,
                    CREATE_FOREIGN_TABLE,
                    CREATE_TABLE_AS,
                    CREATE_TABLE_LIKE,
                    CREATE_PARTITION,
                    CREATE_INDEX_ON_ONLY,
                    ATTACH_INDEX_PARTITION,
                    RENAME_ENUM_VALUE,
                    INDEX_MATERIALIZED_VIEW,
                    CREATE_FUNCTION,
                    CREATE_PROCEDURE,
                    CREATE_TRIGGER,
                    DROP_TRIGGER,
                    DROP_FUNCTION,
                    DROP_PROCEDURE,
                    ALTER_FUNCTION,
                    RENAME_ROUTINE,
                    RENAME_TRIGGER,
                    CREATE_POLICY,
                    ALTER_POLICY,
                    DROP_POLICY,
                    ROW_LEVEL_SECURITY,
                    COMMENT ->
                    steps.sql(StageKind.EXPAND, statement(change.text()), change.summary())
                            .lock(
                                    dev.evoplan.rules.Judge.plainLock(change, ctx.pgVersion()),
                                    change.table());
            case DROP_DATABASE ->
                    steps.checkpoint(
                            StageKind.EXPAND,
                            "a migration of a schema does not drop a"
                                    + " database: drop it by hand, with nobody connected, if it really must go");
        }
        return steps.build();
    }

    private static final java.util.regex.Pattern DOMAIN_CONSTRAINT =
            java.util.regex.Pattern.compile(
                    "(?is)\\s*(ALTER\\s+DOMAIN\\s+(\\S+)\\s+ADD\\s+CONSTRAINT\\s+(\\S+)\\s.*?)(\\s+NOT\\s+VALID)?\\s*;");

    private static String statement(String text) {
        String sql = text.strip();
        return sql.endsWith(";") ? sql : sql + ";";
    }

    /**
     * The statement as written with CONCURRENTLY after the words {@code head} matches (group 1), so
     * names stay spelled as the author wrote them; a statement the parser read as concurrent stays
     * as is. Comments go (a comment between the words would hide them from {@code head}), and the
     * word CONCURRENTLY in a comment or literal is not taken for the option.
     */
    private static String concurrently(Change.Maintenance change, String head) {
        String sql =
                change.concurrently()
                        ? change.text().strip()
                        : UnmodelledObject.normalize(change.text());
        if (sql.endsWith(";")) {
            sql = sql.substring(0, sql.length() - 1).strip();
        }
        if (!change.concurrently()) {
            sql = sql.replaceFirst(head, "$1 CONCURRENTLY ");
        }
        return sql + ";";
    }
}
