package dev.evoplan.plan;

import dev.evoplan.diff.Change;
import dev.evoplan.model.Column;
import dev.evoplan.model.DefaultValue;
import dev.evoplan.model.IdentityKind;
import dev.evoplan.model.IdentityOptions;
import dev.evoplan.model.QualifiedName;
import dev.evoplan.model.SqlType;
import dev.evoplan.model.Volatility;
import dev.evoplan.rules.LockLevel;
import dev.evoplan.rules.TypeChange;
import java.util.List;

/** Plans for columns: add, drop, type, nullability, defaults, identity, comments. */
final class ColumnPlans {
    private ColumnPlans() {}

    static List<StagedStep> addColumn(PlanContext ctx, Change.AddColumn change) {
        QualifiedName t = change.table();
        Column c = change.column();
        StepList steps = new StepList(ctx, change.summary());
        String plain = SqlWriter.addColumn(t, c);
        String rollback = SqlWriter.dropColumn(t, c.name());
        DefaultValue d = c.defaultValue();
        if (ctx.isNew(t)) {
            steps.sql(StageKind.EXPAND, plain, "add column " + c.name() + " (new, empty table)")
                    .lock(LockLevel.ACCESS_EXCLUSIVE, t)
                    .rollback(rollback);
        } else if (c.generatedExpression() != null) {
            steps.sql(
                            StageKind.EXPAND,
                            plain,
                            "add stored generated column "
                                    + c.name()
                                    + ": REWRITES the whole table under"
                                    + " ACCESS EXCLUSIVE (reads and writes wait). No online path exists: PostgreSQL cannot turn"
                                    + " a filled column into a stored generated one; run it in a maintenance window")
                    .lock(LockLevel.ACCESS_EXCLUSIVE, t)
                    .rollback(rollback);
        } else if (c.identity() != IdentityKind.NONE) {
            addIdentityColumn(ctx, steps, t, c);
        } else if (d != null && (d.volatility() == Volatility.VOLATILE || ctx.pgVersion() < 11)) {
            // A volatile default is evaluated per row, so PostgreSQL rewrites the table; before
            // 11 every default did. Add the column bare, let new rows get the default, fill the
            // old rows in batches.
            String why =
                    d.volatility() == Volatility.VOLATILE
                            ? "volatile default " + d.expression() + " would rewrite the table"
                            : "before PostgreSQL 11 any default rewrites the table";
            addBare(
                    steps,
                    t,
                    c,
                    "add column " + c.name() + " without default (" + why + "): no rewrite");
            steps.sql(
                            StageKind.EXPAND,
                            SqlWriter.alterColumn(t, c.name(), "SET DEFAULT " + d.expression()),
                            "new rows get the default from now on")
                    .lock(LockLevel.ACCESS_EXCLUSIVE, t)
                    .rollback(SqlWriter.alterColumn(t, c.name(), "DROP DEFAULT"));
            TablePlans.ownedByNewColumn(ctx, steps, t, c.name());
            String col = SqlWriter.id(c.name());
            Backfill.plan(
                    ctx,
                    steps,
                    t,
                    col + " = " + d.expression(),
                    col + " IS NULL",
                    "fill " + c.name() + " of existing rows with " + d.expression());
            if (!c.nullable()) {
                NotNullPath.plan(ctx, steps, t, c.name(), StageKind.VALIDATE);
            }
        } else if (d == null && !c.nullable()) {
            addBare(
                    steps,
                    t,
                    c,
                    "add column "
                            + c.name()
                            + " as nullable: NOT NULL without a default fails on a"
                            + " table with rows (23502)");
            steps.checkpoint(
                    StageKind.EXPAND,
                    "deploy the application that writes "
                            + c.name()
                            + " on every insert into "
                            + t);
            if (!DataChangeBatches.filledLater(ctx, t, c.name())) {
                fillByHand(ctx, steps, t, c);
            }
            NotNullPath.plan(ctx, steps, t, c.name(), StageKind.VALIDATE);
        } else {
            steps.sql(
                            StageKind.EXPAND,
                            plain,
                            "add column "
                                    + c.name()
                                    + (d == null
                                            ? ""
                                            : " with a "
                                                    + d.volatility()
                                                            .name()
                                                            .toLowerCase(java.util.Locale.ROOT)
                                                    + " default (stored once in the catalog: no rewrite)")
                                    + ": brief ACCESS EXCLUSIVE")
                    .lock(LockLevel.ACCESS_EXCLUSIVE, t)
                    .rollback(rollback);
        }
        if (c.comment() != null) {
            steps.sql(
                            StageKind.EXPAND,
                            SqlWriter.commentOnColumn(t, c.name(), c.comment()),
                            "comment on column " + t + "." + c.name())
                    .lock(LockLevel.SHARE_UPDATE_EXCLUSIVE, t);
        }
        TablePlans.ownedByNewColumn(ctx, steps, t, c.name());
        return steps.build();
    }

    /** The changelog gives no value for the new column's old rows: a person fills them. */
    private static void fillByHand(PlanContext ctx, StepList steps, QualifiedName t, Column c) {
        steps.checkpoint(
                StageKind.BACKFILL,
                "fill "
                        + t
                        + "."
                        + c.name()
                        + " on existing rows: evoplan cannot know the"
                        + " value. Update in committed batches, e.g. UPDATE "
                        + t.sql()
                        + " SET "
                        + SqlWriter.id(c.name())
                        + " = <value> WHERE <key> IN (SELECT <key> FROM "
                        + t.sql()
                        + " WHERE "
                        + SqlWriter.id(c.name())
                        + " IS NULL LIMIT "
                        + ctx.options().batchSize()
                        + "), repeated until it updates no row");
    }

    private static void addBare(StepList steps, QualifiedName t, Column c, String description) {
        Column bare =
                new Column(c.name(), c.type(), true, null, IdentityKind.NONE, null, null)
                        .withCollation(c.collation());
        steps.sql(StageKind.EXPAND, SqlWriter.addColumn(t, bare), description)
                .lock(LockLevel.ACCESS_EXCLUSIVE, t)
                .rollback(SqlWriter.dropColumn(t, c.name()));
    }

    /**
     * An identity column would rewrite the table. Instead: a bare column fed by a temporary
     * sequence (new rows by default, old rows by a batched backfill), made NOT NULL online, then
     * turned into an identity that continues where the sequence stopped.
     */
    private static void addIdentityColumn(
            PlanContext ctx, StepList steps, QualifiedName t, Column c) {
        QualifiedName seq =
                t.sibling(
                        SqlWriter.generatedName(
                                t.name() + "_" + c.name(), "_seq" + PlanContext.TEMP_SUFFIX));
        String col = SqlWriter.id(c.name());
        addBare(
                steps,
                t,
                c,
                "add column "
                        + c.name()
                        + " without identity (an identity column rewrites the table)");
        steps.sql(
                        StageKind.EXPAND,
                        "CREATE SEQUENCE "
                                + seq.sql()
                                + " AS "
                                + c.type().sql()
                                // The identity's own options, so the rows numbered now and the
                                // identity continuing from them keep to its bounds and step.
                                + (c.identityOptions().written().isEmpty()
                                        ? ""
                                        : " " + c.identityOptions().written())
                                + " OWNED BY "
                                + t.sql()
                                + "."
                                + col
                                + ";\n"
                                + SqlWriter.alterColumn(
                                        t,
                                        c.name(),
                                        "SET DEFAULT nextval("
                                                + dev.evoplan.model.Identifiers.literal(seq.sql())
                                                + ")"),
                        "a temporary sequence numbers new rows until the column becomes an identity")
                .lock(LockLevel.ACCESS_EXCLUSIVE, t)
                .rollback(
                        SqlWriter.alterColumn(t, c.name(), "DROP DEFAULT")
                                + "\nDROP SEQUENCE "
                                + seq.sql()
                                + ";");
        Backfill.plan(
                ctx,
                steps,
                t,
                col + " = nextval(" + dev.evoplan.model.Identifiers.literal(seq.sql()) + ")",
                col + " IS NULL",
                "number the existing rows");
        NotNullPath.plan(ctx, steps, t, c.name(), StageKind.VALIDATE);
        steps.sql(
                        StageKind.VALIDATE,
                        String.join(
                                "\n",
                                SqlWriter.alterColumn(t, c.name(), "DROP DEFAULT"),
                                SqlWriter.alterColumn(t, c.name(), "ADD " + SqlWriter.identity(c)),
                                restartIdentity(
                                        t,
                                        c.name(),
                                        "nextval("
                                                + dev.evoplan.model.Identifiers.literal(seq.sql())
                                                + ")"),
                                "DROP SEQUENCE " + seq.sql() + ";"),
                        "in one transaction: make "
                                + c.name()
                                + " an identity continuing after the temporary sequence,"
                                + " and drop that sequence (brief ACCESS EXCLUSIVE, no scan)")
                .lock(LockLevel.ACCESS_EXCLUSIVE, t);
    }

    /**
     * A DO block restarting the identity of {@code table.column} at the value of {@code
     * nextExpression}.
     */
    static String restartIdentity(QualifiedName table, String column, String nextExpression) {
        return "DO $evoplan$\nBEGIN\n  EXECUTE format('ALTER TABLE "
                + table.sql().replace("'", "''")
                + " ALTER COLUMN "
                + SqlWriter.id(column).replace("'", "''")
                + " RESTART WITH %s', "
                + nextExpression
                + ");\nEND\n$evoplan$;";
    }

    static List<StagedStep> dropColumn(PlanContext ctx, Change.DropColumn change) {
        QualifiedName t = change.table();
        String name = change.column().name();
        StepList steps = new StepList(ctx, change.summary());
        if (ctx.isNew(t)) {
            steps.sql(
                            StageKind.EXPAND,
                            SqlWriter.dropColumn(t, name),
                            "drop column " + name + " (new table)")
                    .lock(LockLevel.ACCESS_EXCLUSIVE, t);
            return steps.build();
        }
        Column c = ctx.column(t, name);
        // A column still in a primary key that is replaced only later refuses DROP NOT NULL; it
        // keeps it until it is dropped.
        if (!c.nullable()
                && c.defaultValue() == null
                && c.identity() == IdentityKind.NONE
                && c.generatedExpression() == null
                && !ctx.isNotNullHeldUntilContract(t, name)) {
            steps.sql(
                            StageKind.EXPAND,
                            SqlWriter.alterColumn(t, name, "DROP NOT NULL"),
                            "let inserts leave "
                                    + name
                                    + " out, so the application can stop writing it before it is dropped")
                    .lock(LockLevel.ACCESS_EXCLUSIVE, t)
                    .rollback(SqlWriter.alterColumn(t, name, "SET NOT NULL"));
        }
        steps.checkpoint(
                StageKind.MIGRATE_READS,
                "deploy the application that no longer reads or writes " + t + "." + name);
        steps.sql(
                        StageKind.CONTRACT,
                        SqlWriter.dropColumn(t, name),
                        "drop column "
                                + name
                                + ": brief ACCESS EXCLUSIVE, no rewrite; its data is gone")
                .lock(LockLevel.ACCESS_EXCLUSIVE, t);
        return steps.build();
    }

    /**
     * Whether {@link #alterType} plans the change as a replacement column swapped in ({@link
     * ColumnReplacement#changeType}) rather than in place or as a checkpoint: the same tests, in
     * the same order, read before the change is planned (a foreign key over two replaced columns is
     * rebuilt once, by the last of them).
     */
    static boolean replacesColumn(PlanContext ctx, Change.AlterColumnType change) {
        QualifiedName t = change.table();
        if (!ctx.schema().tables().containsKey(t)
                || change.using() == null && !TypeChange.hasCast(change.from(), change.to())
                || ctx.isNew(t)
                || TypeChange.isBinaryCompatible(change.from(), change.to(), change.using())
                || !TypeChange.replaceableByNewColumn(ctx.table(t))
                || ctx.isKnownSmall(t)) {
            return false;
        }
        return ctx.column(t, change.column()).generatedExpression() == null;
    }

    static List<StagedStep> alterType(PlanContext ctx, Change.AlterColumnType change) {
        QualifiedName t = change.table();
        StepList steps = new StepList(ctx, change.summary());
        String action =
                "TYPE "
                        + change.to().sql()
                        + SqlWriter.collate(change.toCollation())
                        + (change.using() == null ? "" : " USING " + change.using());
        String back = "TYPE " + change.from().sql() + SqlWriter.collate(change.fromCollation());
        // PostgreSQL keeps a default through ALTER TYPE as it was (with its old type's cast):
        // set again in the same statement, it is read for the new type, as the target has it.
        Column before =
                ctx.schema().tables().containsKey(t) ? ctx.column(t, change.column()) : null;
        if (before != null
                && before.defaultValue() != null
                && before.identity() == IdentityKind.NONE
                && before.generatedExpression() == null) {
            action +=
                    ", ALTER COLUMN "
                            + SqlWriter.id(change.column())
                            + " SET DEFAULT "
                            + before.defaultValue().expression();
        }
        if (change.using() == null && !TypeChange.hasCast(change.from(), change.to())) {
            // A plan that fails halfway is worse than none: the conversion is the user's to write
            // (needs review).
            steps.checkpoint(
                    StageKind.EXPAND,
                    "change "
                            + t
                            + "."
                            + change.column()
                            + " from "
                            + change.from().sql()
                            + " to "
                            + change.to().sql()
                            + " by hand: PostgreSQL has no cast between them, so it needs a USING expression"
                            + " only the team can write; evoplan plans no step for it");
            return steps.build();
        }
        if (ctx.isNew(t)) {
            steps.sql(
                            StageKind.EXPAND,
                            SqlWriter.alterColumn(t, change.column(), action),
                            "change type (new table)")
                    .lock(LockLevel.ACCESS_EXCLUSIVE, t)
                    .rollback(SqlWriter.alterColumn(t, change.column(), back));
            return steps.build();
        }
        if (change.collationChanges()
                && TypeChange.isBinaryCompatible(change.from(), change.to(), change.using())) {
            // No row is rewritten, but PostgreSQL builds every index on the column again for the
            // new collation (measured: docs/lock-facts.md); a new column would not avoid that.
            List<String> indexes = TypeChange.indexesOn(ctx.table(t), change.column());
            steps.sql(
                            StageKind.EXPAND,
                            SqlWriter.alterColumn(t, change.column(), action),
                            change.summary()
                                    + " in place: no table rewrite; "
                                    + (indexes.isEmpty()
                                            ? "no index uses the column, so catalog only; brief ACCESS EXCLUSIVE"
                                            : "rebuilds "
                                                    + String.join(", ", indexes)
                                                    + " under ACCESS EXCLUSIVE"))
                    .lock(LockLevel.ACCESS_EXCLUSIVE, t)
                    .rollback(SqlWriter.alterColumn(t, change.column(), back));
            return steps.build();
        }
        if (TypeChange.isBinaryCompatible(change.from(), change.to(), change.using())) {
            steps.sql(
                            StageKind.EXPAND,
                            SqlWriter.alterColumn(t, change.column(), action),
                            "widen "
                                    + change.column()
                                    + " from "
                                    + change.from().sql()
                                    + " to "
                                    + change.to().sql()
                                    + ": binary-compatible, catalog only (no rewrite, no index rebuild); brief ACCESS EXCLUSIVE")
                    .lock(LockLevel.ACCESS_EXCLUSIVE, t);
            return steps.build();
        }
        if (!TypeChange.replaceableByNewColumn(ctx.table(t))) {
            // A replacement column's indexes would be built CONCURRENTLY on the parent, which
            // PostgreSQL refuses for a partitioned table: the type changes in place, rewriting
            // every partition under ACCESS EXCLUSIVE (the downtime the verdict says).
            steps.sql(
                            StageKind.EXPAND,
                            SqlWriter.alterColumn(t, change.column(), action),
                            "change type of "
                                    + change.column()
                                    + " in place: "
                                    + t
                                    + " is partitioned, so no replacement column (its indexes cannot"
                                    + " be built concurrently there); every partition is rewritten"
                                    + " under ACCESS EXCLUSIVE")
                    .lock(LockLevel.ACCESS_EXCLUSIVE, t)
                    .rollback(SqlWriter.alterColumn(t, change.column(), back));
            return steps.build();
        }
        if (ctx.isKnownSmall(t)) {
            steps.sql(
                            StageKind.EXPAND,
                            SqlWriter.alterColumn(t, change.column(), action),
                            "change type of "
                                    + change.column()
                                    + " in place: "
                                    + t
                                    + " is small ("
                                    + ctx.options().stats().rowsOf(t).getAsLong()
                                    + " rows), so the rewrite under ACCESS EXCLUSIVE takes milliseconds")
                    .lock(LockLevel.ACCESS_EXCLUSIVE, t)
                    .rollback(SqlWriter.alterColumn(t, change.column(), back));
            return steps.build();
        }
        return ColumnReplacement.changeType(ctx, change);
    }

    static List<StagedStep> setNotNull(PlanContext ctx, Change.SetNotNull change) {
        QualifiedName t = change.table();
        StepList steps = new StepList(ctx, change.summary());
        if (ctx.isReplaced(t, change.column())) {
            // The replacement column gets NOT NULL before the swap; the old one is dropped.
            return steps.build();
        }
        if (ctx.isNew(t) || ctx.isKnownSmall(t)) {
            steps.sql(
                            StageKind.EXPAND,
                            SqlWriter.alterColumn(t, change.column(), "SET NOT NULL"),
                            ctx.isNew(t)
                                    ? "set NOT NULL (new table)"
                                    : "set NOT NULL: "
                                            + t
                                            + " is small, so the scan under ACCESS EXCLUSIVE takes milliseconds")
                    .lock(LockLevel.ACCESS_EXCLUSIVE, t)
                    .rollback(SqlWriter.alterColumn(t, change.column(), "DROP NOT NULL"));
        } else if (DataChangeBatches.filledLater(ctx, t, change.column())) {
            // The changelog fills the NULLs (addNotNullConstraint's defaultNullValue): a NOT VALID
            // check added before that backfill would refuse every update of a row still NULL,
            // the backfill's own batches and the other backfills included.
            NotNullPath.plan(ctx, steps, t, change.column(), StageKind.VALIDATE);
        } else {
            NotNullPath.plan(ctx, steps, t, change.column(), StageKind.EXPAND);
        }
        return steps.build();
    }

    static List<StagedStep> dropNotNull(PlanContext ctx, Change.DropNotNull change) {
        QualifiedName t = change.table();
        StepList steps = new StepList(ctx, change.summary());
        // An identity or key column refuses DROP NOT NULL until its identity or key goes.
        boolean afterIdentity = ctx.isNotNullHeldUntilContract(t, change.column());
        steps.sql(
                        afterIdentity ? StageKind.CONTRACT : StageKind.EXPAND,
                        SqlWriter.alterColumn(t, change.column(), "DROP NOT NULL"),
                        "drop NOT NULL on "
                                + change.column()
                                + (afterIdentity
                                        ? ", once its identity or primary key is gone"
                                        : "")
                                + ": catalog only, brief ACCESS EXCLUSIVE")
                .lock(LockLevel.ACCESS_EXCLUSIVE, t)
                .rollback(SqlWriter.alterColumn(t, change.column(), "SET NOT NULL"));
        return steps.build();
    }

    static List<StagedStep> setDefault(PlanContext ctx, Change.SetDefault change) {
        QualifiedName t = change.table();
        StepList steps = new StepList(ctx, change.summary());
        if (ctx.isReplaced(t, change.column())) {
            // The swap sets it on the new column; the old column's type may not accept it.
            return steps.build();
        }
        steps.sql(
                        StageKind.EXPAND,
                        SqlWriter.alterColumn(
                                t, change.column(), "SET DEFAULT " + change.to().expression()),
                        "set the default of "
                                + change.column()
                                + " (applies to new rows only: no rewrite)")
                .lock(LockLevel.ACCESS_EXCLUSIVE, t)
                .rollback(
                        SqlWriter.alterColumn(
                                t,
                                change.column(),
                                change.from() == null
                                        ? "DROP DEFAULT"
                                        : "SET DEFAULT " + change.from().expression()));
        return steps.build();
    }

    /**
     * Running code may rely on the default when it inserts, so it goes only once that code is gone.
     */
    static List<StagedStep> dropDefault(PlanContext ctx, Change.DropDefault change) {
        QualifiedName t = change.table();
        StepList steps = new StepList(ctx, change.summary());
        boolean fresh = ctx.isNew(t);
        if (!fresh) {
            ctx.defaultDroppedInContract(t, change.column());
        }
        steps.sql(
                        fresh ? StageKind.EXPAND : StageKind.CONTRACT,
                        SqlWriter.alterColumn(t, change.column(), "DROP DEFAULT"),
                        "drop the default of "
                                + change.column()
                                + ": catalog only, brief ACCESS EXCLUSIVE")
                .lock(LockLevel.ACCESS_EXCLUSIVE, t)
                .rollback(
                        change.from() == null
                                ? null
                                : SqlWriter.alterColumn(
                                        t,
                                        change.column(),
                                        "SET DEFAULT " + change.from().expression()));
        return steps.build();
    }

    static List<StagedStep> alterIdentity(PlanContext ctx, Change.AlterIdentity change) {
        QualifiedName t = change.table();
        String col = change.column();
        StepList steps = new StepList(ctx, change.summary());
        if (change.to() == IdentityKind.NONE) {
            if (!ctx.isNew(t)) {
                ctx.notNullHeldUntilContract(t, col);
            }
            steps.sql(
                            ctx.isNew(t) ? StageKind.EXPAND : StageKind.CONTRACT,
                            SqlWriter.alterColumn(t, col, "DROP IDENTITY"),
                            "stop generating "
                                    + col
                                    + " (after the application supplies it): brief ACCESS EXCLUSIVE")
                    .lock(LockLevel.ACCESS_EXCLUSIVE, t)
                    .rollback(
                            SqlWriter.alterColumn(
                                    t,
                                    col,
                                    "ADD "
                                            + SqlWriter.identity(
                                                    ctx.column(t, col)
                                                            .withIdentity(change.from())
                                                            .withIdentityOptions(
                                                                    change.fromOptions()))));
            return steps.build();
        }
        if (change.from() != IdentityKind.NONE) {
            SqlType type = ctx.column(t, col).type();
            String how =
                    identitySwitch(change.from(), change.to())
                            + " "
                            + change.toOptions().setClauses(change.fromOptions(), type);
            String back =
                    identitySwitch(change.to(), change.from())
                            + " "
                            + change.fromOptions().setClauses(change.toOptions(), type);
            steps.sql(
                            StageKind.EXPAND,
                            SqlWriter.alterColumn(t, col, how.strip()),
                            (change.from() == change.to()
                                            ? "change the identity sequence options of "
                                            : "switch the identity kind of ")
                                    + col
                                    + ": catalog only (the sequence's next value stays)")
                    .lock(LockLevel.ACCESS_EXCLUSIVE, t)
                    .rollback(SqlWriter.alterColumn(t, col, back.strip()));
            return steps.build();
        }
        Column c = ctx.column(t, col);
        if (c.nullable() && !ctx.isNew(t)) {
            NotNullPath.plan(ctx, steps, t, col, StageKind.EXPAND);
        }
        StageKind stage =
                ctx.isDefaultDroppedInContract(t, col)
                        ? StageKind.CONTRACT
                        : ctx.isNotNullOnlyAfterValidate(t, col)
                                ? StageKind.VALIDATE
                                : StageKind.EXPAND;
        steps.sql(
                        stage,
                        SqlWriter.alterColumn(
                                        t,
                                        col,
                                        "ADD "
                                                + SqlWriter.identity(
                                                        c.withIdentity(change.to())
                                                                .withIdentityOptions(
                                                                        change.toOptions())))
                                + "\n"
                                + restartIdentity(t, col, afterLargest(t, c, change.toOptions())),
                        "make "
                                + col
                                + " an identity that continues after the largest existing value (max() reads the"
                                + " column's index if it has one, else scans under the ACCESS EXCLUSIVE lock)")
                .lock(LockLevel.ACCESS_EXCLUSIVE, t)
                .rollback(SqlWriter.alterColumn(t, col, "DROP IDENTITY"));
        return steps.build();
    }

    /**
     * The value an identity added to a column with rows restarts at: one past the largest value,
     * and on an empty table its START (the default START is 1, so the plain form stays for it).
     */
    private static String afterLargest(QualifiedName t, Column c, IdentityOptions options) {
        String colSql = SqlWriter.id(c.name());
        if (options.equals(IdentityOptions.DEFAULTS)) {
            return "(SELECT coalesce(max(" + colSql + "), 0) + 1 FROM " + t.sql() + ")";
        }
        return "(SELECT coalesce(max("
                + colSql
                + ") + 1, "
                + options.firstValue(c.type())
                + ") FROM "
                + t.sql()
                + ")";
    }

    /** {@code SET GENERATED ...} when the identity kind changes, else nothing. */
    private static String identitySwitch(IdentityKind from, IdentityKind to) {
        if (from == to) {
            return "";
        }
        return to == IdentityKind.ALWAYS ? "SET GENERATED ALWAYS" : "SET GENERATED BY DEFAULT";
    }

    static List<StagedStep> columnComment(PlanContext ctx, Change.SetColumnComment change) {
        StepList steps = new StepList(ctx, change.summary());
        steps.sql(
                        StageKind.EXPAND,
                        SqlWriter.commentOnColumn(change.table(), change.column(), change.to()),
                        "comment on column " + change.table() + "." + change.column())
                .lock(LockLevel.SHARE_UPDATE_EXCLUSIVE, change.table())
                .rollback(
                        SqlWriter.commentOnColumn(change.table(), change.column(), change.from()));
        return steps.build();
    }
}
