package dev.evoplan.plan;

import dev.evoplan.diff.Change;
import dev.evoplan.model.EnumType;
import dev.evoplan.model.Identifiers;
import dev.evoplan.model.QualifiedName;
import dev.evoplan.model.Sequence;
import dev.evoplan.model.View;
import dev.evoplan.rules.LockLevel;
import java.util.List;

/**
 * Plans for objects beside tables: index renames, sequences, enum types, views. Single statements.
 */
final class ObjectPlans {
    private ObjectPlans() {}

    static List<StagedStep> renameIndex(PlanContext ctx, Change.RenameIndex change) {
        QualifiedName index = change.table().sibling(change.from());
        StepList steps = new StepList(ctx, change.summary());
        // 12+ renames an index under SHARE UPDATE EXCLUSIVE; before, ACCESS EXCLUSIVE on it.
        LockLevel lock =
                ctx.pgVersion() >= 12
                        ? LockLevel.SHARE_UPDATE_EXCLUSIVE
                        : LockLevel.ACCESS_EXCLUSIVE;
        steps.sql(
                        StageKind.EXPAND,
                        SqlWriter.renameIndex(index, change.to()),
                        "rename index " + change.from() + " to " + change.to())
                .lock(lock, index)
                .rollback(SqlWriter.renameIndex(index.sibling(change.to()), change.from()));
        return steps.build();
    }

    static List<StagedStep> createSequence(PlanContext ctx, Change.CreateSequence change) {
        Sequence s = change.sequence();
        StepList steps = new StepList(ctx, change.summary());
        boolean ownerExists =
                s.ownedBy() == null
                        || ctx.schema().tables().values().stream()
                                .anyMatch(
                                        t ->
                                                t.columns().stream()
                                                        .anyMatch(
                                                                c ->
                                                                        PlanContext.ownedBy(
                                                                                s, t.name(),
                                                                                c.name())));
        if (!ownerExists) {
            ctx.ownershipPending(s.name());
        }
        steps.sql(
                        StageKind.EXPAND,
                        SqlWriter.createSequence(s, ownerExists),
                        "create sequence "
                                + s.name()
                                + (ownerExists
                                        ? ""
                                        : " (OWNED BY follows once " + s.ownedBy() + " exists)"))
                .rollback("DROP SEQUENCE " + s.name().sql() + ";");
        return steps.build();
    }

    static List<StagedStep> dropSequence(PlanContext ctx, Change.DropSequence change) {
        Sequence s = change.sequence();
        StepList steps = new StepList(ctx, change.summary());
        // Running code that still calls nextval on it fails once it is gone, and its value cannot
        // be brought back (created again, it starts over): like a table, it is dropped only after
        // the deploy that stops using it.
        steps.checkpoint(
                StageKind.MIGRATE_READS,
                "deploy the application that no longer calls nextval, currval or setval on "
                        + s.name());
        steps.sql(
                        StageKind.CONTRACT,
                        "DROP SEQUENCE " + s.name().sql() + ";",
                        "drop sequence "
                                + s.name()
                                + ": its current value is gone for good (a sequence created again"
                                + " starts over); brief ACCESS EXCLUSIVE on it")
                .lock(LockLevel.ACCESS_EXCLUSIVE, s.name())
                .rollback(SqlWriter.createSequence(s, true));
        return steps.build();
    }

    static List<StagedStep> alterSequence(PlanContext ctx, Change.AlterSequence change) {
        StepList steps = new StepList(ctx, change.summary());
        steps.sql(
                        StageKind.EXPAND,
                        SqlWriter.alterSequence(change.from(), change.to()),
                        "alter sequence "
                                + change.to().name()
                                + " (SHARE ROW EXCLUSIVE on the sequence, brief)")
                .lock(LockLevel.SHARE_ROW_EXCLUSIVE, change.to().name())
                .rollback(SqlWriter.alterSequence(change.to(), change.from()));
        return steps.build();
    }

    static List<StagedStep> renameSequence(PlanContext ctx, Change.RenameSequence change) {
        StepList steps = new StepList(ctx, change.summary());
        steps.sql(
                        StageKind.EXPAND,
                        "ALTER SEQUENCE "
                                + change.from().sql()
                                + " RENAME TO "
                                + SqlWriter.id(change.to().name())
                                + ";",
                        "rename sequence "
                                + change.from()
                                + " (column defaults follow it; code naming it does not)")
                .lock(LockLevel.ACCESS_EXCLUSIVE, change.from())
                .rollback(
                        "ALTER SEQUENCE "
                                + change.to().sql()
                                + " RENAME TO "
                                + SqlWriter.id(change.from().name())
                                + ";");
        return steps.build();
    }

    static List<StagedStep> createEnum(PlanContext ctx, Change.CreateEnum change) {
        EnumType e = change.type();
        StepList steps = new StepList(ctx, change.summary());
        steps.sql(StageKind.EXPAND, SqlWriter.createEnum(e), "create enum type " + e.name())
                .rollback("DROP TYPE " + e.name().sql() + ";");
        return steps.build();
    }

    /**
     * IF NOT EXISTS: an extension is database-wide, and one installed beside the schema (by a DBA,
     * by another application) is the one wanted, not an error.
     */
    static List<StagedStep> createExtension(PlanContext ctx, Change.CreateExtension change) {
        dev.evoplan.model.Extension e = change.extension();
        StepList steps = new StepList(ctx, change.summary());
        steps.sql(
                        StageKind.EXPAND,
                        e.createSql() + ";",
                        "create extension "
                                + e.name()
                                + " (its files must be installed on the server)")
                .rollback("DROP EXTENSION " + Identifiers.quote(e.name()) + ";");
        return steps.build();
    }

    /**
     * Without CASCADE: what still uses the extension's objects makes the drop fail rather than
     * vanish with it. Running code may still call its functions, so the drop waits for a deploy.
     */
    static List<StagedStep> dropExtension(PlanContext ctx, Change.DropExtension change) {
        dev.evoplan.model.Extension e = change.extension();
        StepList steps = new StepList(ctx, change.summary());
        steps.checkpoint(
                StageKind.CONTRACT,
                "deploy the application that no longer calls functions or uses types"
                        + " or operators of extension "
                        + e.name());
        steps.sql(
                        StageKind.CONTRACT,
                        "DROP EXTENSION " + Identifiers.quote(e.name()) + ";",
                        "drop extension " + e.name())
                .rollback(e.createSql() + ";");
        return steps.build();
    }

    static List<StagedStep> dropEnum(PlanContext ctx, Change.DropEnum change) {
        EnumType e = change.type();
        StepList steps = new StepList(ctx, change.summary());
        steps.sql(
                        StageKind.CONTRACT,
                        "DROP TYPE " + e.name().sql() + ";",
                        "drop enum type " + e.name())
                .rollback(SqlWriter.createEnum(e));
        return steps.build();
    }

    /** Before PostgreSQL 12, {@code ADD VALUE} refuses to run inside a transaction block. */
    static List<StagedStep> addEnumValue(PlanContext ctx, Change.AddEnumValue change) {
        StepList steps = new StepList(ctx, change.summary());
        EnumType e = ctx.schema().enums().get(change.type());
        String position = "";
        if (change.after() != null) {
            position = " AFTER " + Identifiers.literal(change.after());
        } else if (e != null && !e.values().isEmpty()) {
            position = " BEFORE " + Identifiers.literal(e.values().get(0));
        }
        StepList.Draft d =
                steps.sql(
                        StageKind.EXPAND,
                        "ALTER TYPE "
                                + change.type().sql()
                                + " ADD VALUE "
                                + Identifiers.literal(change.value())
                                + position
                                + ";",
                        "add value '"
                                + change.value()
                                + "' to "
                                + change.type()
                                + " (no table lock; a value cannot be removed again)");
        if (ctx.pgVersion() < 12) {
            d.nonTransactional();
        }
        return steps.build();
    }

    static List<StagedStep> createView(PlanContext ctx, Change.CreateView change) {
        View v = change.view();
        StepList steps = new StepList(ctx, change.summary());
        steps.sql(
                        StageKind.EXPAND,
                        SqlWriter.createView(v, false),
                        "create "
                                + (v.materialized() ? "materialized " : "")
                                + "view "
                                + v.name()
                                + (v.materialized() ? " (runs its query once)" : ""))
                .rollback(SqlWriter.dropView(v));
        return steps.build();
    }

    /**
     * Running code may read the view, so a dropped view goes in CONTRACT; one that is dropped to be
     * created anew later in the plan goes right away, or the new one could not be created.
     */
    static List<StagedStep> dropView(PlanContext ctx, Change.DropView change) {
        View v = change.view();
        boolean recreated =
                ctx.later().stream()
                        .anyMatch(
                                c ->
                                        c.kind() == Change.Kind.CREATE_VIEW
                                                && ((Change.CreateView) c)
                                                        .view()
                                                        .name()
                                                        .equals(v.name()));
        StepList steps = new StepList(ctx, change.summary());
        steps.sql(
                        recreated ? StageKind.EXPAND : StageKind.CONTRACT,
                        SqlWriter.dropView(v),
                        "drop view " + v.name() + (recreated ? " (created anew below)" : ""))
                .lock(LockLevel.ACCESS_EXCLUSIVE, v.name())
                .rollback(SqlWriter.createView(v, false));
        return steps.build();
    }

    static List<StagedStep> replaceView(PlanContext ctx, Change.ReplaceView change) {
        View from = change.from();
        View to = change.to();
        StepList steps = new StepList(ctx, change.summary());
        if (from.sameQueryAs(to)) {
            // Only the options differ: set them in place (a materialized view keeps its rows).
            steps.sql(
                            StageKind.EXPAND,
                            SqlWriter.alterViewOptions(from, to),
                            "set the options of " + to.name())
                    .lock(dev.evoplan.rules.Judge.plainLock(change, ctx.pgVersion()), to.name())
                    .rollback(SqlWriter.alterViewOptions(to, from));
            return steps.build();
        }
        String sql =
                to.materialized() || from.materialized()
                        ? SqlWriter.dropView(from) + "\n" + SqlWriter.createView(to, false)
                        : replaceOrRecreate(from, to);
        steps.sql(
                        StageKind.EXPAND,
                        sql,
                        "replace view "
                                + to.name()
                                + (to.materialized()
                                        ? " (drop and create in one"
                                                + " transaction: a materialized view cannot be replaced)"
                                        : ""))
                .lock(LockLevel.ACCESS_EXCLUSIVE, to.name())
                .rollback(
                        to.materialized() || from.materialized()
                                ? SqlWriter.dropView(to) + "\n" + SqlWriter.createView(from, false)
                                : SqlWriter.createView(from, true));
        return steps.build();
    }

    /**
     * CREATE OR REPLACE VIEW keeps the view's grants and comment but PostgreSQL refuses it when the
     * new query drops, renames or retypes a column (invalid_table_definition); evoplan does not
     * know the view's columns, so the step tries the replace and, on that refusal only, drops and
     * creates the view in the same transaction.
     */
    static String replaceOrRecreate(View from, View to) {
        return String.join(
                "\n",
                "DO $evoplan$",
                "BEGIN",
                SqlWriter.createView(to, true),
                "EXCEPTION WHEN invalid_table_definition THEN",
                "  -- a column is dropped, renamed or retyped: the view cannot be replaced in place",
                SqlWriter.dropView(from),
                SqlWriter.createView(to, false),
                "END",
                "$evoplan$;");
    }

    static List<StagedStep> renameView(PlanContext ctx, Change.RenameView change) {
        View v = ctx.schema().views().get(change.from());
        String kind = v != null && v.materialized() ? "ALTER MATERIALIZED VIEW " : "ALTER VIEW ";
        StepList steps = new StepList(ctx, change.summary());
        steps.sql(
                        StageKind.EXPAND,
                        kind
                                + change.from().sql()
                                + " RENAME TO "
                                + SqlWriter.id(change.to().name())
                                + ";",
                        "rename view " + change.from() + " to " + change.to().name())
                .lock(LockLevel.ACCESS_EXCLUSIVE, change.from())
                .rollback(
                        kind
                                + change.to().sql()
                                + " RENAME TO "
                                + SqlWriter.id(change.from().name())
                                + ";");
        return steps.build();
    }
}
