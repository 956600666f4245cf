package dev.evoplan.plan;

import dev.evoplan.diff.Change;
import dev.evoplan.model.CheckConstraint;
import dev.evoplan.model.Column;
import dev.evoplan.model.ForeignKey;
import dev.evoplan.model.Index;
import dev.evoplan.model.QualifiedName;
import dev.evoplan.model.Sequence;
import dev.evoplan.model.Table;
import dev.evoplan.rules.LockLevel;
import java.util.List;

/**
 * Plans for whole tables, table comments, and the changes evoplan cannot plan (data, opaque SQL).
 */
final class TablePlans {
    private TablePlans() {}

    /** A new table is empty: plain statements, all in EXPAND. */
    static List<StagedStep> createTable(PlanContext ctx, Change.CreateTable change) {
        Table t = change.definition();
        ctx.markNew(t.name());
        StepList steps = new StepList(ctx, change.summary());
        steps.sql(
                        StageKind.EXPAND,
                        SqlWriter.createTable(t),
                        "create table " + t.name() + " (new and empty)")
                .lock(LockLevel.ACCESS_EXCLUSIVE, t.name())
                .rollback("DROP TABLE " + t.name().sql() + ";");
        for (CheckConstraint c : t.checks()) {
            if (!c.validated()) {
                steps.sql(
                                StageKind.EXPAND,
                                SqlWriter.addCheck(t.name(), c, true),
                                "add check " + c.name() + " (NOT VALID, as the target has it)")
                        .lock(LockLevel.ACCESS_EXCLUSIVE, t.name());
            }
        }
        if (t.comment() != null) {
            steps.sql(
                            StageKind.EXPAND,
                            SqlWriter.commentOnTable(t.name(), t.comment()),
                            "comment on table " + t.name())
                    .lock(LockLevel.SHARE_UPDATE_EXCLUSIVE, t.name());
        }
        for (Column c : t.columns()) {
            if (c.comment() != null) {
                steps.sql(
                                StageKind.EXPAND,
                                SqlWriter.commentOnColumn(t.name(), c.name(), c.comment()),
                                "comment on column " + t.name() + "." + c.name())
                        .lock(LockLevel.SHARE_UPDATE_EXCLUSIVE, t.name());
            }
        }
        // The differ emits a new table's foreign keys and indexes as changes of their own; a
        // definition that carries them anyway (another source) still gets them.
        for (ForeignKey fk : t.foreignKeys()) {
            steps.addAll(ConstraintPlans.foreignKeyOnNewTable(ctx, change.summary(), t.name(), fk));
        }
        for (Index i : t.indexes()) {
            steps.sql(
                            StageKind.EXPAND,
                            SqlWriter.createIndex(i, false),
                            "create index " + i.name() + " on the new table")
                    .lock(LockLevel.SHARE, t.name());
        }
        for (Column c : t.columns()) {
            ownedByNewColumn(ctx, steps, t.name(), c.name());
        }
        return steps.build();
    }

    /**
     * {@code ALTER SEQUENCE ... OWNED BY} for sequences created before the column that owns them.
     */
    static void ownedByNewColumn(
            PlanContext ctx, StepList steps, QualifiedName table, String column) {
        for (Sequence s : ctx.takePendingOwnership(table, column)) {
            steps.sql(
                            StageKind.EXPAND,
                            "ALTER SEQUENCE "
                                    + s.name().sql()
                                    + " OWNED BY "
                                    + SqlWriter.ownedBySql(s)
                                    + ";",
                            "make "
                                    + s.name()
                                    + " owned by "
                                    + table
                                    + "."
                                    + column
                                    + " (it was created before the column)")
                    .lock(LockLevel.SHARE_ROW_EXCLUSIVE, s.name())
                    .rollback("ALTER SEQUENCE " + s.name().sql() + " OWNED BY NONE;");
        }
    }

    static List<StagedStep> dropTable(PlanContext ctx, Change.DropTable change) {
        QualifiedName t = change.table();
        StepList steps = new StepList(ctx, change.summary());
        if (ctx.isNew(t)) {
            steps.sql(
                            StageKind.EXPAND,
                            "DROP TABLE " + t.sql() + ";",
                            "drop table " + t + " (created by this plan)")
                    .lock(LockLevel.ACCESS_EXCLUSIVE, t);
            return steps.build();
        }
        steps.checkpoint(
                StageKind.MIGRATE_READS,
                "deploy the application that no longer reads or writes " + t);
        steps.sql(
                        StageKind.CONTRACT,
                        "DROP TABLE " + t.sql() + ";",
                        "drop table "
                                + t
                                + ": its data is gone for good (take a backup first if it may be needed);"
                                + " brief ACCESS EXCLUSIVE on it and on every table its foreign keys reference")
                .lock(LockLevel.ACCESS_EXCLUSIVE, t);
        for (QualifiedName[] rename : ctx.takeRenamesAfterDrop(t)) {
            steps.sql(
                            StageKind.CONTRACT,
                            SqlWriter.renameIndex(rename[0], rename[1].name()),
                            "give index " + rename[1].name() + " the name " + t + " held")
                    .lock(LockLevel.SHARE_UPDATE_EXCLUSIVE, rename[0])
                    .rollback(SqlWriter.renameIndex(rename[1], rename[0].name()));
        }
        return steps.build();
    }

    /**
     * An existing table is renamed and, in the same transaction, a view with its old name is put in
     * its place: a single-table {@code SELECT *} view is automatically updatable, so running code
     * keeps reading and writing through the old name until it is deployed anew.
     */
    static List<StagedStep> renameTable(PlanContext ctx, Change.RenameTable change) {
        QualifiedName from = change.from();
        QualifiedName to = change.to();
        StepList steps = new StepList(ctx, change.summary());
        String rename = "ALTER TABLE " + from.sql() + " RENAME TO " + SqlWriter.id(to.name()) + ";";
        String back = "ALTER TABLE " + to.sql() + " RENAME TO " + SqlWriter.id(from.name()) + ";";
        if (ctx.isNew(from)) {
            steps.sql(
                            StageKind.EXPAND,
                            rename,
                            "rename table " + from + " to " + to.name() + " (created by this plan)")
                    .lock(LockLevel.ACCESS_EXCLUSIVE, from)
                    .rollback(back);
            ctx.markNew(to);
            return steps.build();
        }
        steps.sql(
                        StageKind.EXPAND,
                        rename
                                + "\nCREATE VIEW "
                                + from.sql()
                                + " AS SELECT * FROM "
                                + to.sql()
                                + ";",
                        "rename table "
                                + from
                                + " to "
                                + to.name()
                                + " and leave an updatable view under the old name,"
                                + " in one transaction: running code keeps working")
                .lock(LockLevel.ACCESS_EXCLUSIVE, from)
                .rollback("DROP VIEW " + from.sql() + ";\n" + back);
        steps.checkpoint(
                StageKind.MIGRATE_READS,
                "deploy the application that reads and writes " + to + " instead of " + from);
        steps.sql(
                        StageKind.CONTRACT,
                        "DROP VIEW " + from.sql() + ";",
                        "drop the compatibility view " + from)
                .lock(LockLevel.ACCESS_EXCLUSIVE, from)
                .rollback("CREATE VIEW " + from.sql() + " AS SELECT * FROM " + to.sql() + ";");
        return steps.build();
    }

    static List<StagedStep> tableComment(PlanContext ctx, Change.SetTableComment change) {
        StepList steps = new StepList(ctx, change.summary());
        steps.sql(
                        StageKind.EXPAND,
                        SqlWriter.commentOnTable(change.table(), change.to()),
                        "comment on table " + change.table())
                .lock(LockLevel.SHARE_UPDATE_EXCLUSIVE, change.table())
                .rollback(SqlWriter.commentOnTable(change.table(), change.from()));
        return steps.build();
    }

    /**
     * Rows to change: evoplan cannot judge their size or meaning, a person runs them (in batches).
     */
    static List<StagedStep> dataChange(PlanContext ctx, Change.DataChange change) {
        StepList steps = new StepList(ctx, change.summary());
        if (!change.sql().isEmpty()) {
            // The statements the changelog runs, as its tool generates them for PostgreSQL: a
            // step a team can run, taking the row locks of what it touches. An UPDATE or DELETE
            // of an existing table not known to be small stays a stop that carries the SQL:
            // run as one statement it holds its row locks until commit on every row it touches,
            // which the plan's own finding (data-change-unbatched) warns of.
            String op = change.operation().toLowerCase(java.util.Locale.ROOT);
            boolean unbatched =
                    change.table() != null
                            && !ctx.isNew(change.table())
                            && !ctx.isKnownSmall(change.table())
                            && (op.equals("update") || op.equals("delete"));
            if (unbatched && change.sql().size() == 1) {
                DataChangeBatches.plan(ctx, steps, change.table(), change.sql().get(0));
                return steps.build();
            }
            if (unbatched) {
                steps.checkpoint(
                        StageKind.BACKFILL,
                        "run in committed batches ("
                                + change.table().name()
                                + " is not known to be small): "
                                + String.join(
                                        " ", change.sql().stream().map(String::strip).toList()));
                return steps.build();
            }
            for (String statement : change.sql()) {
                String sql = statement.strip();
                steps.sql(StageKind.BACKFILL, sql.endsWith(";") ? sql : sql + ";", change.summary())
                        .lock(dev.evoplan.rules.LockLevel.ROW_EXCLUSIVE, change.table());
            }
            return steps.build();
        }
        steps.checkpoint(
                StageKind.BACKFILL,
                "review and run by hand: "
                        + change.summary()
                        + (change.table() != null && !ctx.isNew(change.table())
                                ? " (on a large table, update or delete in committed batches)"
                                : ""));
        return steps.build();
    }

    static List<StagedStep> opaque(PlanContext ctx, Change.Opaque change) {
        StepList steps = new StepList(ctx, change.summary());
        Change.Opaque.NamedSchema schema = change.schema();
        if (schema != null && !schema.dropped()) {
            // Planner.createSchemas runs it first of all.
            return steps.build();
        }
        if (change.extensionUpdate() != null) {
            // Its own scripts run: what they lock is unknown (judged needs review), but the
            // statement is the one the target needs.
            steps.sql(
                    StageKind.EXPAND,
                    change.extensionUpdate().updateSql() + ";",
                    "update extension "
                            + change.extensionUpdate().name()
                            + ": runs the extension's own update scripts (review what they lock)");
            return steps.build();
        }
        if (schema != null) {
            // Last of all, once its objects are gone; without CASCADE, so that an object the
            // model does not hold makes it fail rather than vanish with it.
            steps.sql(
                            StageKind.CONTRACT,
                            SqlWriter.dropSchema(schema.name()),
                            "drop schema " + schema.name() + " (empty by now)")
                    .lock(dev.evoplan.rules.LockLevel.NONE, null)
                    .rollback(SqlWriter.createSchema(schema.name()));
            return steps.build();
        }
        steps.checkpoint(
                StageKind.EXPAND,
                "review and run by hand: "
                        + change.changeType()
                        + (change.text() == null || change.text().isBlank()
                                ? ""
                                : "\n" + change.text().strip()));
        return steps.build();
    }
}
