package dev.evoplan.plan;

import dev.evoplan.diff.Change;
import dev.evoplan.model.CheckConstraint;
import dev.evoplan.model.Column;
import dev.evoplan.model.DefaultValue;
import dev.evoplan.model.ForeignKey;
import dev.evoplan.model.IdentityKind;
import dev.evoplan.model.Index;
import dev.evoplan.model.IndexElement;
import dev.evoplan.model.QualifiedName;
import dev.evoplan.model.Sequence;
import dev.evoplan.model.SqlText;
import dev.evoplan.model.Table;
import dev.evoplan.model.View;
import dev.evoplan.rules.LockLevel;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Replaces a column by a new one while the application runs: the rename of a column and a type
 * change that would rewrite the table. The new column is added bare, a trigger keeps it equal to
 * the old one on every insert and update, a batched backfill fills the old rows, the column becomes
 * NOT NULL online, and every index and constraint that used the old column is rebuilt on the new
 * one under a temporary name (concurrently / NOT VALID then VALIDATE). A single short transaction
 * then switches over and gives the rebuilt objects their names.
 */
final class ColumnReplacement {
    private ColumnReplacement() {}

    static List<StagedStep> renameColumn(PlanContext ctx, Change.RenameColumn change) {
        QualifiedName t = change.table();
        String a = change.from();
        String b = change.to();
        StepList steps = new StepList(ctx, change.summary());
        String plainRename =
                "ALTER TABLE "
                        + t.sql()
                        + " RENAME COLUMN "
                        + SqlWriter.id(a)
                        + " TO "
                        + SqlWriter.id(b)
                        + ";";
        String plainBack =
                "ALTER TABLE "
                        + t.sql()
                        + " RENAME COLUMN "
                        + SqlWriter.id(b)
                        + " TO "
                        + SqlWriter.id(a)
                        + ";";
        if (ctx.isNew(t)) {
            steps.sql(StageKind.EXPAND, plainRename, "rename column (new table)")
                    .lock(LockLevel.ACCESS_EXCLUSIVE, t)
                    .rollback(plainBack);
            return steps.build();
        }
        Column old = ctx.column(t, a);
        if (old.generatedExpression() != null) {
            steps.checkpoint(
                    StageKind.MIGRATE_READS,
                    "have the application that reads "
                            + b
                            + " ready: a stored generated"
                            + " column cannot be kept in sync by a trigger, so it is renamed in place and code reading "
                            + a
                            + " breaks");
            steps.sql(
                            StageKind.MIGRATE_READS,
                            plainRename,
                            "rename generated column "
                                    + a
                                    + " to "
                                    + b
                                    + " in place (brief ACCESS EXCLUSIVE); deploy the new application right after")
                    .lock(LockLevel.ACCESS_EXCLUSIVE, t)
                    .rollback(plainBack);
            return steps.build();
        }
        Table table = ctx.table(t);
        Dependents deps = Dependents.of(ctx, table, a, b);
        addBare(
                steps,
                t,
                old,
                b,
                "add column "
                        + b
                        + " ("
                        + old.type().sql()
                        + ", nullable, no default) beside "
                        + a);
        QualifiedName fn = syncFunction(t, a);
        String ra = SqlWriter.id(a);
        String rb = SqlWriter.id(b);
        String body =
                String.join(
                        "\n",
                        "  IF TG_OP = 'INSERT' THEN",
                        "    IF NEW." + rb + " IS NULL THEN",
                        "      NEW." + rb + " := NEW." + ra + ";",
                        "    ELSE",
                        "      NEW." + ra + " := NEW." + rb + ";",
                        "    END IF;",
                        "  ELSIF NEW." + rb + " IS DISTINCT FROM OLD." + rb + " THEN",
                        "    NEW." + ra + " := NEW." + rb + ";",
                        "  ELSIF NEW." + ra + " IS DISTINCT FROM OLD." + ra + " THEN",
                        "    NEW." + rb + " := NEW." + ra + ";",
                        "  END IF;");
        trigger(
                ctx,
                steps,
                t,
                fn,
                body,
                "keep "
                        + a
                        + " and "
                        + b
                        + " equal on every insert and update, whichever"
                        + " the running application writes");
        Backfill.plan(
                ctx,
                steps,
                t,
                rb + " = " + ra,
                rb + " IS NULL AND " + ra + " IS NOT NULL",
                "copy " + a + " into " + b,
                true);
        if (!old.nullable()) {
            NotNullPath.plan(ctx, steps, t, b, StageKind.VALIDATE);
        }
        deps.rebuild(steps);
        steps.checkpoint(
                StageKind.MIGRATE_READS,
                "deploy the application that reads and writes "
                        + t
                        + "."
                        + b
                        + " (the trigger keeps "
                        + a
                        + " in step for the instances still running the old code)");
        steps.checkpoint(
                StageKind.CONTRACT,
                "no running code writes "
                        + t
                        + "."
                        + a
                        + " any more (every instance runs the"
                        + " application that uses "
                        + b
                        + ")");
        List<String> sql = new ArrayList<>();
        sql.add(dropTrigger(t, fn));
        sql.addAll(deps.dropOld());
        for (Sequence s : ctx.sequencesOwnedBy(t, a)) {
            // Dropping the column would drop a sequence it owns, and b's default still needs it.
            sql.add("ALTER SEQUENCE " + s.name().sql() + " OWNED BY " + t.sql() + "." + rb + ";");
        }
        sql.add(SqlWriter.dropColumn(t, a));
        if (old.defaultValue() != null && old.identity() == IdentityKind.NONE) {
            sql.add(SqlWriter.alterColumn(t, b, "SET DEFAULT " + old.defaultValue().expression()));
        }
        sql.addAll(deps.attachNew());
        if (old.identity() != IdentityKind.NONE) {
            sql.add(SqlWriter.alterColumn(t, b, "ADD " + SqlWriter.identity(old)));
            sql.add(
                    ColumnPlans.restartIdentity(
                            t,
                            b,
                            "(SELECT coalesce(max(" + rb + "), 0) + 1 FROM " + t.sql() + ")"));
        }
        if (old.comment() != null) {
            sql.add(SqlWriter.commentOnColumn(t, b, old.comment()));
        }
        steps.sql(
                        StageKind.CONTRACT,
                        String.join("\n", sql),
                        "in one transaction: drop the trigger and "
                                + a
                                + ", move the default, and give the rebuilt"
                                + " indexes and constraints their names (brief ACCESS EXCLUSIVE, no scan)")
                .lock(LockLevel.ACCESS_EXCLUSIVE, t);
        return steps.build();
    }

    static List<StagedStep> changeType(PlanContext ctx, Change.AlterColumnType change) {
        QualifiedName t = change.table();
        String c = change.column();
        StepList steps = new StepList(ctx, change.summary());
        Column old = ctx.column(t, c);
        String typeChange =
                "TYPE "
                        + change.to().sql()
                        + (change.using() == null ? "" : " USING " + change.using());
        if (old.generatedExpression() != null) {
            steps.sql(
                            StageKind.EXPAND,
                            SqlWriter.alterColumn(t, c, typeChange),
                            "change the type of generated column "
                                    + c
                                    + ": REWRITES the table under ACCESS EXCLUSIVE; a generated column cannot be filled by a"
                                    + " trigger, so no online path exists")
                    .lock(LockLevel.ACCESS_EXCLUSIVE, t);
            return steps.build();
        }
        Table table = ctx.table(t);
        ctx.markReplaced(t, c);
        String n = SqlWriter.generatedName(c, "__evoplan_new");
        String o = SqlWriter.generatedName(c, "__evoplan_old");
        Set<String> columns =
                table.columns().stream().map(Column::name).collect(Collectors.toSet());
        Dependents deps =
                Dependents.of(ctx, table, c, n)
                        .forTypeChange()
                        .withChecksAddedLater(ctx)
                        .withKeysAddedLater(ctx)
                        .withIndexesAndForeignKeysAddedLater(ctx);
        addBare(
                steps,
                t,
                old.withType(change.to()).withCollation(change.toCollation()),
                n,
                "add column " + n + " (" + change.to().sql() + ", nullable) beside " + c);
        QualifiedName fn = syncFunction(t, c);
        String rc = SqlWriter.id(c);
        String rn = SqlWriter.id(n);
        trigger(
                ctx,
                steps,
                t,
                fn,
                "  NEW." + rn + " := " + conversion(change, columns, "NEW.") + ";",
                "compute " + n + " from " + c + " on every insert and update");
        Backfill.plan(
                ctx,
                steps,
                t,
                rn + " = " + conversion(change, columns, ""),
                rn + " IS NULL AND " + rc + " IS NOT NULL",
                "convert " + c + " into " + n,
                true);
        // The column's other edits of this diff (planned on the old column, which goes) land on the
        // new one.
        boolean notNullAfter = finallyNotNull(ctx, t, c, !old.nullable());
        DefaultValue defaultAfter = finalDefault(ctx, t, c, old.defaultValue());
        String commentAfter = finalComment(ctx, t, c, old.comment());
        if (notNullAfter) {
            NotNullPath.plan(ctx, steps, t, n, StageKind.VALIDATE);
        }
        deps.rebuild(steps);
        steps.checkpoint(
                StageKind.MIGRATE_READS,
                "the backfill has finished and the application works with "
                        + t
                        + "."
                        + c
                        + " as "
                        + change.to().sql()
                        + ": the next step swaps the columns");
        List<String> sql = new ArrayList<>();
        sql.add(dropTrigger(t, fn));
        // PostgreSQL binds a view to the column, not its name: left alone, a view of c would read
        // the old column after the swap and stop the old one from being dropped. Dropped and
        // created again inside the swap, it reads the new c.
        List<View> views = viewsReading(viewsAtSwap(ctx), t, c);
        for (int i = views.size() - 1; i >= 0; i--) {
            sql.add(SqlWriter.dropView(views.get(i)));
        }
        sql.addAll(deps.dropOld());
        sql.add("ALTER TABLE " + t.sql() + " RENAME COLUMN " + rc + " TO " + SqlWriter.id(o) + ";");
        sql.add("ALTER TABLE " + t.sql() + " RENAME COLUMN " + rn + " TO " + rc + ";");
        for (View v : views) {
            sql.add(SqlWriter.createView(v, false));
        }
        if (old.identity() != IdentityKind.NONE) {
            // PostgreSQL refuses DROP NOT NULL of an identity column (42601): its identity goes
            // first, with its sequence.
            sql.add(SqlWriter.alterColumn(t, o, "DROP IDENTITY"));
        }
        if (!old.nullable()) {
            sql.add(SqlWriter.alterColumn(t, o, "DROP NOT NULL"));
            if (ctx.pgVersion() >= 18 && notNullAfter) {
                // Keep the NOT NULL constraint under the name PostgreSQL gives it.
                sql.add(
                        SqlWriter.renameConstraint(
                                t,
                                NotNullPath.constraintName(t, n),
                                NotNullPath.constraintName(t, c)));
            }
        }
        if (old.defaultValue() != null && old.identity() == IdentityKind.NONE) {
            sql.add(SqlWriter.alterColumn(t, o, "DROP DEFAULT"));
        }
        if (defaultAfter != null && old.identity() == IdentityKind.NONE) {
            sql.add(SqlWriter.alterColumn(t, c, "SET DEFAULT " + defaultAfter.expression()));
        }
        for (Sequence s : ctx.sequencesOwnedBy(t, c)) {
            sql.add("ALTER SEQUENCE " + s.name().sql() + " OWNED BY " + t.sql() + "." + rc + ";");
        }
        sql.addAll(deps.attachNew());
        if (old.identity() != IdentityKind.NONE) {
            sql.add(
                    SqlWriter.alterColumn(
                            t, c, "ADD " + SqlWriter.identity(old.withType(change.to()))));
            sql.add(
                    ColumnPlans.restartIdentity(
                            t,
                            c,
                            "(SELECT coalesce(max(" + rc + "), 0) + 1 FROM " + t.sql() + ")"));
        }
        if (commentAfter != null) {
            sql.add(SqlWriter.commentOnColumn(t, c, commentAfter));
        }
        steps.sql(
                        StageKind.MIGRATE_READS,
                        String.join("\n", sql),
                        "swap in one transaction: "
                                + c
                                + " becomes "
                                + o
                                + ", "
                                + n
                                + " becomes "
                                + c
                                + "; NOT NULL, default and the rebuilt indexes and constraints move over (brief ACCESS"
                                + " EXCLUSIVE, no scan)")
                .lock(LockLevel.ACCESS_EXCLUSIVE, t)
                .onFailure("the transaction rolls back as a whole: nothing changed; retry");
        steps.sql(
                        StageKind.CONTRACT,
                        SqlWriter.dropColumn(t, o),
                        "drop the old column " + o + " (brief ACCESS EXCLUSIVE, no rewrite)")
                .lock(LockLevel.ACCESS_EXCLUSIVE, t);
        return steps.build();
    }

    /** Whether a check this diff adds reads the column {@code column} (its expression names it). */
    private static boolean readsColumn(Change.AddCheck add, String column) {
        return !ExpressionRewriter.renameColumn(
                        add.constraint().expression(), column, column + "__evoplan_probe")
                .equals(add.constraint().expression());
    }

    /**
     * Whether the check is carried by the replacement column of a type change planned earlier in
     * this plan: built on the new column beside the others ({@code withChecksAddedLater}), it must
     * not be added to the old column, whose old type may not even accept the expression ({@code
     * varchar > 0}).
     */
    static boolean carriedByReplacement(PlanContext ctx, Change.AddCheck add) {
        QualifiedName t = add.table();
        Table table = ctx.schema().tables().get(t);
        if (table == null) {
            return false;
        }
        return table.columns().stream()
                .anyMatch(c -> ctx.isReplaced(t, c.name()) && readsColumn(add, c.name()));
    }

    /**
     * Whether the column is NOT NULL once this diff's later edits of it (SET / DROP NOT NULL) are
     * done.
     */
    private static boolean finallyNotNull(PlanContext ctx, QualifiedName t, String c, boolean now) {
        boolean notNull = now;
        for (Change later : ctx.later()) {
            if (later instanceof Change.DropNotNull d
                    && d.table().equals(t)
                    && d.column().equals(c)) {
                notNull = false;
            } else if (later instanceof Change.SetNotNull s
                    && s.table().equals(t)
                    && s.column().equals(c)) {
                notNull = true;
            }
        }
        return notNull;
    }

    /**
     * The column's default once this diff's later SET DEFAULT of it is done (a DROP DEFAULT runs
     * after the swap).
     */
    private static DefaultValue finalDefault(
            PlanContext ctx, QualifiedName t, String c, DefaultValue now) {
        DefaultValue value = now;
        for (Change later : ctx.later()) {
            if (later instanceof Change.SetDefault s
                    && s.table().equals(t)
                    && s.column().equals(c)) {
                value = s.to();
            } else if (later instanceof Change.DropDefault d
                    && d.table().equals(t)
                    && d.column().equals(c)) {
                value = null;
            }
        }
        return value;
    }

    /**
     * The views that exist when the swap runs: those of the schema now, and those this diff's later
     * changes create or replace. A view whose output type changes with the column is dropped and
     * created again in the expand stage, before the swap, so it too must be created again in it.
     */
    private static java.util.Collection<View> viewsAtSwap(PlanContext ctx) {
        java.util.Map<QualifiedName, View> views =
                new java.util.LinkedHashMap<>(ctx.schema().views());
        for (Change later : ctx.later()) {
            if (later instanceof Change.CreateView cv) {
                views.put(cv.view().name(), cv.view());
            } else if (later instanceof Change.ReplaceView rv) {
                views.put(rv.to().name(), rv.to());
            }
        }
        return views.values();
    }

    /**
     * The views that read {@code table.column}, then the views that read those, in an order they
     * can be created in. A textual test on the query's words: a false positive only drops and
     * creates a view again with its own definition.
     */
    static List<View> viewsReading(
            java.util.Collection<View> all, QualifiedName table, String column) {
        List<View> out = new ArrayList<>();
        for (View v : all) {
            Set<String> words = SqlText.identifiers(v.query());
            if (words.contains(table.name()) && words.contains(column)) {
                out.add(v);
            }
        }
        for (int i = 0; i < out.size(); i++) {
            String name = out.get(i).name().name();
            for (View v : all) {
                if (!out.contains(v) && SqlText.identifiers(v.query()).contains(name)) {
                    out.add(v);
                }
            }
        }
        return out;
    }

    /**
     * The column's comment after this diff's later edits of it (planned on the old column, which
     * goes).
     */
    private static String finalComment(PlanContext ctx, QualifiedName t, String c, String now) {
        String value = now;
        for (Change later : ctx.later()) {
            if (later instanceof Change.SetColumnComment s
                    && s.table().equals(t)
                    && s.column().equals(c)) {
                value = s.to();
            }
        }
        return value;
    }

    /**
     * The conversion of the old value, with the table's columns read from {@code prefix} (NEW. in a
     * trigger).
     */
    static String conversion(Change.AlterColumnType change, Set<String> columns, String prefix) {
        if (change.using() == null) {
            return "CAST("
                    + prefix
                    + SqlWriter.id(change.column())
                    + " AS "
                    + change.to().sql()
                    + ")";
        }
        return "("
                + ExpressionRewriter.map(
                        change.using(),
                        name -> columns.contains(name) ? prefix + SqlWriter.id(name) : null)
                + ")";
    }

    private static void addBare(
            StepList steps, QualifiedName t, Column like, String name, String description) {
        Column bare =
                new Column(name, like.type(), true, null, IdentityKind.NONE, null, null)
                        .withCollation(like.collation());
        steps.sql(
                        StageKind.EXPAND,
                        SqlWriter.addColumn(t, bare),
                        description + ": no rewrite, brief ACCESS EXCLUSIVE")
                .lock(LockLevel.ACCESS_EXCLUSIVE, t)
                .rollback(SqlWriter.dropColumn(t, name));
    }

    static QualifiedName syncFunction(QualifiedName t, String column) {
        return t.sibling(SqlWriter.generatedName(t.name() + "_" + column, "__evoplan_sync"));
    }

    private static void trigger(
            PlanContext ctx,
            StepList steps,
            QualifiedName t,
            QualifiedName fn,
            String body,
            String what) {
        String execute = ctx.pgVersion() >= 11 ? "EXECUTE FUNCTION " : "EXECUTE PROCEDURE ";
        String sql =
                String.join(
                        "\n",
                        "CREATE FUNCTION "
                                + fn.sql()
                                + "() RETURNS trigger LANGUAGE plpgsql AS $evoplan$",
                        "BEGIN",
                        body,
                        "  RETURN NEW;",
                        "END",
                        "$evoplan$;",
                        "CREATE TRIGGER "
                                + SqlWriter.id(fn.name())
                                + " BEFORE INSERT OR UPDATE ON "
                                + t.sql(),
                        "  FOR EACH ROW " + execute + fn.sql() + "();");
        steps.sql(StageKind.EXPAND, sql, what + " (CREATE TRIGGER: brief SHARE ROW EXCLUSIVE)")
                .lock(LockLevel.SHARE_ROW_EXCLUSIVE, t)
                .rollback(dropTrigger(t, fn));
    }

    private static String dropTrigger(QualifiedName t, QualifiedName fn) {
        return "DROP TRIGGER "
                + SqlWriter.id(fn.name())
                + " ON "
                + t.sql()
                + ";\nDROP FUNCTION "
                + fn.sql()
                + "();";
    }

    /**
     * The indexes and constraints that use the replaced column, and their rebuilt twins on the new
     * column.
     */
    private record Dependents(
            PlanContext ctx,
            Table table,
            String from,
            String to,
            List<Index> indexes,
            List<dev.evoplan.model.UniqueConstraint> uniques,
            dev.evoplan.model.PrimaryKey primaryKey,
            List<CheckConstraint> checks,
            List<Owned<ForeignKey>> foreignKeys,
            Set<String> checksAddedLater,
            boolean typeChange) {

        /**
         * A foreign key with the table that holds it (the replaced column's table, or one
         * referencing it).
         */
        record Owned<T>(QualifiedName table, T value) {}

        static Dependents of(PlanContext ctx, Table table, String from, String to) {
            List<Index> indexes =
                    table.indexes().stream()
                            .filter(i -> !SchemaEvolution.renameInIndex(i, from, to).equals(i))
                            .toList();
            var uniques = table.uniques().stream().filter(u -> u.columns().contains(from)).toList();
            dev.evoplan.model.PrimaryKey pk =
                    table.primaryKey() != null && table.primaryKey().columns().contains(from)
                            ? table.primaryKey()
                            : null;
            List<CheckConstraint> checks =
                    table.checks().stream()
                            .filter(
                                    c ->
                                            !ExpressionRewriter.renameColumn(
                                                            c.expression(), from, to)
                                                    .equals(c.expression()))
                            .toList();
            List<Owned<ForeignKey>> fks = new ArrayList<>();
            for (Table other : ctx.schema().tables().values()) {
                for (ForeignKey fk : other.foreignKeys()) {
                    if (usesColumn(fk, other.name(), table.name(), from)) {
                        fks.add(new Owned<>(other.name(), fk));
                    }
                }
            }
            return new Dependents(
                    ctx, table, from, to, indexes, uniques, pk, checks, fks, Set.of(), false);
        }

        /**
         * Whether {@code fk}, held by {@code holder}, uses column {@code column} of {@code table}:
         * as one of its own columns or as one it references.
         */
        private static boolean usesColumn(
                ForeignKey fk, QualifiedName holder, QualifiedName table, String column) {
            boolean own = holder.equals(table) && fk.columns().contains(column);
            boolean incoming = fk.target().equals(table) && fk.targetColumns().contains(column);
            return own || incoming;
        }

        /**
         * With the checks this diff adds on the column too: each is planned on the old column,
         * which the swap drops (PostgreSQL binds a check to the column, not its name), so it is
         * rebuilt on the new column and moved over in the swap like the column's own checks.
         */
        Dependents withChecksAddedLater(PlanContext ctx) {
            List<CheckConstraint> all = new ArrayList<>(checks);
            Set<String> added = new java.util.HashSet<>();
            for (Change later : ctx.later()) {
                if (later instanceof Change.AddCheck add
                        && add.table().equals(t())
                        && all.stream().noneMatch(c -> c.name().equals(add.constraint().name()))
                        && readsColumn(add, from)) {
                    all.add(add.constraint());
                    added.add(add.constraint().name());
                }
            }
            return new Dependents(
                    ctx,
                    table,
                    from,
                    to,
                    indexes,
                    uniques,
                    primaryKey,
                    List.copyOf(all),
                    foreignKeys,
                    Set.copyOf(added),
                    typeChange);
        }

        /**
         * With the keys this diff adds on the column too: each is planned on the old column first
         * (a new primary key replaces the old one there), so the swap moves it to the new column
         * like the column's own keys; without this the old column would stay in the key and refuse
         * DROP NOT NULL.
         */
        Dependents withKeysAddedLater(PlanContext ctx) {
            dev.evoplan.model.PrimaryKey key = primaryKey;
            List<dev.evoplan.model.UniqueConstraint> allUniques = new ArrayList<>(uniques);
            for (Change later : ctx.later()) {
                if (later instanceof Change.AddPrimaryKey add && add.table().equals(t())) {
                    // The key at swap time is the new one, whatever the old one held.
                    key = add.primaryKey().columns().contains(from) ? add.primaryKey() : null;
                } else if (later instanceof Change.AddUnique add
                        && add.table().equals(t())
                        && add.constraint().columns().contains(from)
                        && allUniques.stream()
                                .noneMatch(u -> u.name().equals(add.constraint().name()))) {
                    allUniques.add(add.constraint());
                }
            }
            return new Dependents(
                    ctx,
                    table,
                    from,
                    to,
                    indexes,
                    List.copyOf(allUniques),
                    key,
                    checks,
                    foreignKeys,
                    checksAddedLater,
                    typeChange);
        }

        /**
         * With the indexes and foreign keys this diff adds on the column (or, for a foreign key,
         * referencing it): each is built on the old column first, which the swap drops, and
         * PostgreSQL would drop them with it; so they are rebuilt on the new column and moved over
         * in the swap like the column's own.
         */
        Dependents withIndexesAndForeignKeysAddedLater(PlanContext ctx) {
            List<Index> allIndexes = new ArrayList<>(indexes);
            List<Owned<ForeignKey>> allForeignKeys = new ArrayList<>(foreignKeys);
            for (Change later : ctx.later()) {
                if (later instanceof Change.CreateIndex add
                        && add.index().table().equals(t())
                        && !SchemaEvolution.renameInIndex(add.index(), from, to).equals(add.index())
                        && allIndexes.stream()
                                .noneMatch(i -> i.name().equals(add.index().name()))) {
                    allIndexes.add(add.index());
                } else if (later instanceof Change.AddForeignKey add) {
                    ForeignKey fk = add.foreignKey();
                    if (usesColumn(fk, add.table(), t(), from)
                            && allForeignKeys.stream()
                                    .noneMatch(
                                            o ->
                                                    o.table().equals(add.table())
                                                            && o.value()
                                                                    .name()
                                                                    .equals(fk.name()))) {
                        allForeignKeys.add(new Owned<>(add.table(), fk));
                    }
                }
            }
            return new Dependents(
                    ctx,
                    table,
                    from,
                    to,
                    List.copyOf(allIndexes),
                    uniques,
                    primaryKey,
                    checks,
                    List.copyOf(allForeignKeys),
                    checksAddedLater,
                    typeChange);
        }

        private QualifiedName t() {
            return table.name();
        }

        private List<String> swap(List<String> cols) {
            return cols.stream().map(c -> c.equals(from) ? to : c).toList();
        }

        private Index uniqueIndex(String constraintName, List<String> cols) {
            return new Index(
                    PlanContext.tempName(constraintName),
                    t(),
                    true,
                    "btree",
                    swap(cols).stream().map(IndexElement::column).toList(),
                    List.of(),
                    null);
        }

        /**
         * A type change's dependents: a foreign key may also use a column another type change of
         * this plan replaces, and its twin then names both new columns (see {@link
         * #twinBuiltHere}).
         */
        Dependents forTypeChange() {
            return new Dependents(
                    ctx,
                    table,
                    from,
                    to,
                    indexes,
                    uniques,
                    primaryKey,
                    checks,
                    foreignKeys,
                    checksAddedLater,
                    true);
        }

        /**
         * The name {@code table.column} has until its swap: this replacement's new column, or, for
         * a type change, the new column of another type change of this plan (planned before or
         * after this one) that replaces it; the column itself otherwise.
         */
        private String nameBeforeSwap(QualifiedName holder, String column) {
            if (holder.equals(t()) && column.equals(from)) {
                return to;
            }
            return otherReplaced(holder, column, true) || otherReplaced(holder, column, false)
                    ? SqlWriter.generatedName(column, "__evoplan_new")
                    : column;
        }

        /**
         * Whether another type change of this plan replaces {@code holder.column}: one planned
         * before this one ({@code earlier}) or one planned after it.
         */
        private boolean otherReplaced(QualifiedName holder, String column, boolean earlier) {
            if (!typeChange || holder.equals(t()) && column.equals(from)) {
                return false;
            }
            if (earlier) {
                return ctx.isReplaced(holder, column);
            }
            for (Change later : ctx.later()) {
                if (later instanceof Change.AlterColumnType a
                        && a.table().equals(holder)
                        && a.column().equals(column)
                        && ColumnPlans.replacesColumn(ctx, a)) {
                    return true;
                }
            }
            return false;
        }

        /** Whether another type change of this plan, before or after this one, also rebuilds o. */
        private boolean sharedWith(Owned<ForeignKey> o, boolean earlier) {
            ForeignKey f = o.value();
            return f.columns().stream().anyMatch(c -> otherReplaced(o.table(), c, earlier))
                    || f.targetColumns().stream()
                            .anyMatch(c -> otherReplaced(f.target(), c, earlier));
        }

        /**
         * A foreign key between columns that several type changes replace gets one twin, built by
         * the last of them, when every new column it names exists and is filled (the backfills all
         * run before the validate stage).
         */
        private boolean twinBuiltHere(Owned<ForeignKey> o) {
            return !sharedWith(o, false);
        }

        /**
         * ... and the first swap drops the old key and names the twin: left until a later swap, the
         * old key would check new rows against a swapped-out column nobody fills any more.
         */
        private boolean twinNamedHere(Owned<ForeignKey> o) {
            return !sharedWith(o, true);
        }

        private ForeignKey rebuilt(Owned<ForeignKey> o) {
            ForeignKey f = o.value();
            List<String> cols =
                    f.columns().stream().map(c -> nameBeforeSwap(o.table(), c)).toList();
            List<String> targetCols =
                    f.targetColumns().stream().map(c -> nameBeforeSwap(f.target(), c)).toList();
            return new ForeignKey(
                    PlanContext.tempName(f.name()),
                    cols,
                    f.target(),
                    targetCols,
                    f.onDelete(),
                    f.onUpdate(),
                    f.deferrable(),
                    f.initiallyDeferred(),
                    f.validated());
        }

        /**
         * VALIDATE stage, after the backfill: indexes first (a foreign key needs its unique index),
         * then checks and keys.
         */
        void rebuild(StepList steps) {
            for (Index i : indexes) {
                Index twin =
                        SchemaEvolution.renamed(
                                SchemaEvolution.renameInIndex(i, from, to),
                                PlanContext.tempName(i.name()));
                ConstraintPlans.buildConcurrently(
                        steps, StageKind.VALIDATE, twin, "rebuild index " + i.name() + " on " + to);
            }
            if (primaryKey != null) {
                ConstraintPlans.buildConcurrently(
                        steps,
                        StageKind.VALIDATE,
                        uniqueIndex(primaryKey.name(), primaryKey.columns()),
                        "build the index of primary key " + primaryKey.name() + " on " + to);
            }
            for (var u : uniques) {
                ConstraintPlans.buildConcurrently(
                        steps,
                        StageKind.VALIDATE,
                        uniqueIndex(u.name(), u.columns()),
                        "build the index of unique constraint " + u.name() + " on " + to);
            }
            for (CheckConstraint c : checks) {
                CheckConstraint twin =
                        c.withName(PlanContext.tempName(c.name()))
                                .withExpression(
                                        ExpressionRewriter.renameColumn(c.expression(), from, to));
                ConstraintPlans.addCheckNotValid(steps, StageKind.VALIDATE, t(), twin);
                if (c.validated()) {
                    ConstraintPlans.validateCheck(steps, t(), twin);
                }
            }
            for (Owned<ForeignKey> o : foreignKeys) {
                if (!twinBuiltHere(o)) {
                    continue;
                }
                ForeignKey twin = rebuilt(o);
                ConstraintPlans.addForeignKeyNotValid(steps, StageKind.VALIDATE, o.table(), twin);
                if (twin.validated()) {
                    ConstraintPlans.validateForeignKey(steps, o.table(), twin);
                }
            }
        }

        /** Drops the old objects by name (foreign keys first: they depend on the key indexes). */
        List<String> dropOld() {
            List<String> sql = new ArrayList<>();
            foreignKeys.stream()
                    .filter(this::twinNamedHere)
                    .forEach(o -> sql.add(SqlWriter.dropConstraint(o.table(), o.value().name())));
            if (primaryKey != null) {
                sql.add(SqlWriter.dropConstraint(t(), primaryKey.name()));
            }
            uniques.forEach(u -> sql.add(SqlWriter.dropConstraint(t(), u.name())));
            // A check this diff adds on the column is never built on the old column (see
            // carriedByReplacement): only its twin exists.
            checks.stream()
                    .filter(c -> !checksAddedLater.contains(c.name()))
                    .forEach(c -> sql.add(SqlWriter.dropConstraint(t(), c.name())));
            indexes.forEach(i -> sql.add(SqlWriter.dropIndex(i.qualifiedName(), false, false)));
            return sql;
        }

        /**
         * Gives the rebuilt objects the old names: keys attach their index, the rest are renamed.
         */
        List<String> attachNew() {
            List<String> sql = new ArrayList<>();
            if (primaryKey != null) {
                String name = primaryKey.name();
                sql.add(
                        SqlWriter.addConstraintUsingIndex(
                                t(), name, true, PlanContext.tempName(name), false));
            }
            uniques.forEach(
                    u ->
                            sql.add(
                                    SqlWriter.addConstraintUsingIndex(
                                            t(),
                                            u.name(),
                                            false,
                                            PlanContext.tempName(u.name()),
                                            u.deferrable())));
            checks.forEach(
                    c ->
                            sql.add(
                                    SqlWriter.renameConstraint(
                                            t(), PlanContext.tempName(c.name()), c.name())));
            indexes.forEach(
                    i ->
                            sql.add(
                                    SqlWriter.renameIndex(
                                            i.qualifiedName()
                                                    .sibling(PlanContext.tempName(i.name())),
                                            i.name())));
            foreignKeys.stream()
                    .filter(this::twinNamedHere)
                    .forEach(
                            o ->
                                    sql.add(
                                            SqlWriter.renameConstraint(
                                                    o.table(),
                                                    PlanContext.tempName(o.value().name()),
                                                    o.value().name())));
            return sql;
        }
    }
}
