package dev.evoplan.plan;

import dev.evoplan.diff.Change;
import dev.evoplan.model.CheckConstraint;
import dev.evoplan.model.Column;
import dev.evoplan.model.ForeignKey;
import dev.evoplan.model.Index;
import dev.evoplan.model.IndexElement;
import dev.evoplan.model.PrimaryKey;
import dev.evoplan.model.QualifiedName;
import dev.evoplan.model.SqlText;
import dev.evoplan.model.Table;
import dev.evoplan.model.UniqueConstraint;
import dev.evoplan.rules.LockLevel;
import java.util.List;

/**
 * Plans for constraints and indexes. On an existing table nothing scans while holding a lock that
 * blocks traffic: indexes are built {@code CONCURRENTLY}, checks and foreign keys are added {@code
 * NOT VALID} and validated under SHARE UPDATE EXCLUSIVE, unique and primary keys are attached to a
 * concurrently built index. Dropping a constraint relaxes the schema, so it goes in EXPAND (the new
 * application may rely on it being gone); dropping an index only costs speed, so it waits for
 * CONTRACT.
 */
final class ConstraintPlans {
    /** Key under which a primary key being replaced waits for its successor. */
    private static final String PRIMARY_KEY = " primary key";

    private ConstraintPlans() {}

    static List<StagedStep> addPrimaryKey(PlanContext ctx, Change.AddPrimaryKey change) {
        QualifiedName t = change.table();
        PrimaryKey pk = change.primaryKey();
        StepList steps = new StepList(ctx, change.summary());
        if (ctx.isNew(t)) {
            steps.sql(
                            StageKind.EXPAND,
                            SqlWriter.addPrimaryKey(t, pk),
                            "add primary key " + pk.name() + " (new table)")
                    .lock(LockLevel.ACCESS_EXCLUSIVE, t)
                    .rollback(SqlWriter.dropConstraint(t, pk.name()));
            return steps.build();
        }
        String replaced = ctx.takeDeferredDrop(t, PRIMARY_KEY);
        boolean late = false;
        for (String col : pk.columns()) {
            Column c = ctx.column(t, col);
            if (c.nullable()) {
                NotNullPath.plan(ctx, steps, t, col, StageKind.EXPAND);
            }
            late |= ctx.isNotNullOnlyAfterValidate(t, col);
        }
        attachThroughIndex(ctx, steps, t, pk.name(), pk.columns(), true, false, replaced, late);
        return steps.build();
    }

    static List<StagedStep> addUnique(PlanContext ctx, Change.AddUnique change) {
        QualifiedName t = change.table();
        UniqueConstraint u = change.constraint();
        StepList steps = new StepList(ctx, change.summary());
        if (ctx.isNew(t)) {
            steps.sql(
                            StageKind.EXPAND,
                            SqlWriter.addUnique(t, u),
                            "add unique constraint " + u.name() + " (new table)")
                    .lock(LockLevel.ACCESS_EXCLUSIVE, t)
                    .rollback(SqlWriter.dropConstraint(t, u.name()));
            return steps.build();
        }
        String replaced = ctx.takeDeferredDrop(t, u.name());
        attachThroughIndex(
                ctx, steps, t, u.name(), u.columns(), false, u.deferrable(), replaced, false);
        return steps.build();
    }

    /**
     * Builds the unique index concurrently, then attaches it as the constraint (a brief ACCESS
     * EXCLUSIVE, no scan). {@code replaced} is the constraint this one replaces, dropped in the
     * same transaction as the attach so the table is never without it.
     */
    private static void attachThroughIndex(
            PlanContext ctx,
            StepList steps,
            QualifiedName t,
            String name,
            List<String> columns,
            boolean primaryKey,
            boolean deferrable,
            String replaced,
            boolean afterValidate) {
        Table parent = ctx.schema().tables().get(t);
        if (parent != null && parent.partitioned()) {
            PartitionPlans.addKey(
                    ctx,
                    steps,
                    parent,
                    name,
                    columns,
                    primaryKey,
                    deferrable,
                    replaced,
                    afterValidate);
            return;
        }
        QualifiedName indexName = t.sibling(name);
        boolean nameBusy = replaced != null || ctx.indexNameTakenUntilContract(indexName);
        String index = nameBusy ? PlanContext.tempName(name) : name;
        Index idx =
                new Index(
                        index,
                        t,
                        true,
                        "btree",
                        columns.stream().map(IndexElement::column).toList(),
                        List.of(),
                        null);
        buildConcurrently(
                steps,
                StageKind.EXPAND,
                idx,
                "build the unique index for " + name + " without blocking writes");
        StageKind stage =
                ctx.indexNameTakenUntilContract(indexName)
                        ? StageKind.CONTRACT
                        : afterValidate ? StageKind.VALIDATE : StageKind.EXPAND;
        String attach = SqlWriter.addConstraintUsingIndex(t, name, primaryKey, index, deferrable);
        String kind = primaryKey ? "primary key" : "unique constraint";
        String sql =
                replaced == null ? attach : SqlWriter.dropConstraint(t, replaced) + "\n" + attach;
        steps.sql(
                        stage,
                        sql,
                        (replaced == null ? "" : "replace " + replaced + ": ")
                                + "attach the index as "
                                + kind
                                + " "
                                + name
                                + " (no scan; the index takes the constraint's name)")
                .lock(LockLevel.ACCESS_EXCLUSIVE, t)
                .rollback(SqlWriter.dropConstraint(t, name));
    }

    static List<StagedStep> dropPrimaryKey(PlanContext ctx, Change.DropPrimaryKey change) {
        QualifiedName t = change.table();
        boolean replacedLater =
                ctx.later().stream()
                        .anyMatch(
                                c ->
                                        c.kind() == Change.Kind.ADD_PRIMARY_KEY
                                                && t.equals(c.table()));
        if (replacedLater && !ctx.isNew(t)) {
            change.primaryKey().columns().forEach(col -> ctx.notNullHeldUntilContract(t, col));
        }
        List<StagedStep> steps =
                dropKey(
                        ctx,
                        change,
                        t,
                        change.primaryKey().name(),
                        replacedLater ? PRIMARY_KEY : null,
                        SqlWriter.addPrimaryKey(t, change.primaryKey()));
        if (!(ctx.schema().objects().get(dev.evoplan.model.Partition.key(t))
                instanceof dev.evoplan.model.Partition p)) {
            return steps;
        }
        // A partition's own key made its columns NOT NULL on it alone, and they stay so when the
        // key goes: columns its parent leaves nullable, and no new key of its own holds, become
        // nullable again (in CONTRACT, once any key replacing this one is attached).
        List<String> stillKey =
                ctx.later().stream()
                        .filter(c -> c.kind() == Change.Kind.ADD_PRIMARY_KEY && t.equals(c.table()))
                        .flatMap(c -> ((Change.AddPrimaryKey) c).primaryKey().columns().stream())
                        .toList();
        StepList relax = new StepList(ctx, change.summary());
        for (String col : change.primaryKey().columns()) {
            Column parentColumn = ctx.column(p.parent(), col);
            if (parentColumn.nullable() && !stillKey.contains(col)) {
                relax.sql(
                                StageKind.CONTRACT,
                                SqlWriter.alterColumn(t, col, "DROP NOT NULL"),
                                "drop the NOT NULL the partition's key left on "
                                        + t
                                        + "."
                                        + col
                                        + ": brief ACCESS EXCLUSIVE, no scan")
                        .lock(LockLevel.ACCESS_EXCLUSIVE, t)
                        .rollback(SqlWriter.alterColumn(t, col, "SET NOT NULL"));
            }
        }
        List<StagedStep> out = new java.util.ArrayList<>(steps);
        out.addAll(relax.build());
        return out;
    }

    static List<StagedStep> dropUnique(PlanContext ctx, Change.DropUnique change) {
        QualifiedName t = change.table();
        String name = change.constraint().name();
        boolean replacedLater =
                ctx.later().stream()
                        .anyMatch(
                                c ->
                                        c.kind() == Change.Kind.ADD_UNIQUE
                                                && t.equals(c.table())
                                                && ((Change.AddUnique) c)
                                                        .constraint()
                                                        .name()
                                                        .equals(name));
        return dropKey(
                ctx,
                change,
                t,
                name,
                replacedLater ? name : null,
                SqlWriter.addUnique(t, change.constraint()));
    }

    private static List<StagedStep> dropKey(
            PlanContext ctx,
            Change change,
            QualifiedName t,
            String name,
            String replacedBy,
            String recreate) {
        StepList steps = new StepList(ctx, change.summary());
        if (replacedBy != null && !ctx.isNew(t)) {
            // Dropped in the same transaction that attaches its replacement (see
            // attachThroughIndex).
            ctx.deferConstraintDrop(t, replacedBy, name);
            return steps.build();
        }
        steps.sql(
                        StageKind.EXPAND,
                        SqlWriter.dropConstraint(t, name),
                        "drop " + name + " (and its index): brief ACCESS EXCLUSIVE, no scan")
                .lock(LockLevel.ACCESS_EXCLUSIVE, t)
                .rollback(recreate);
        return steps.build();
    }

    static List<StagedStep> addCheck(PlanContext ctx, Change.AddCheck change) {
        QualifiedName t = change.table();
        CheckConstraint c = change.constraint();
        StepList steps = new StepList(ctx, change.summary());
        if (ColumnReplacement.carriedByReplacement(ctx, change)) {
            return steps.build();
        }
        if (ctx.isNew(t)) {
            steps.sql(
                            StageKind.EXPAND,
                            SqlWriter.addCheck(t, c, !c.validated()),
                            "add check " + c.name() + " (new table)")
                    .lock(LockLevel.ACCESS_EXCLUSIVE, t)
                    .rollback(SqlWriter.dropConstraint(t, c.name()));
            return steps.build();
        }
        addCheckNotValid(steps, StageKind.EXPAND, t, c);
        if (c.validated()) {
            validateCheck(steps, t, c);
        }
        return steps.build();
    }

    static void addCheckNotValid(
            StepList steps, StageKind stage, QualifiedName t, CheckConstraint c) {
        steps.sql(
                        stage,
                        SqlWriter.addCheck(t, c, true),
                        "add check "
                                + c.name()
                                + " as NOT VALID: enforced for new and updated rows, no scan")
                .lock(LockLevel.ACCESS_EXCLUSIVE, t)
                .rollback(SqlWriter.dropConstraint(t, c.name()));
    }

    static void validateCheck(StepList steps, QualifiedName t, CheckConstraint c) {
        steps.sql(
                        StageKind.VALIDATE,
                        SqlWriter.validateConstraint(t, c.name()),
                        "validate "
                                + c.name()
                                + ": scans the table under SHARE UPDATE EXCLUSIVE (reads and writes go on)")
                .lock(LockLevel.SHARE_UPDATE_EXCLUSIVE, t)
                .onFailure(
                        "rows violate it (SELECT * FROM "
                                + t.sql()
                                + " WHERE NOT ("
                                + SqlText.withoutOuterParentheses(c.expression())
                                + ")): fix them, then run this step again");
    }

    static List<StagedStep> dropCheck(PlanContext ctx, Change.DropCheck change) {
        QualifiedName t = change.table();
        CheckConstraint c = change.constraint();
        StepList steps = new StepList(ctx, change.summary());
        steps.sql(
                        StageKind.EXPAND,
                        SqlWriter.dropConstraint(t, c.name()),
                        "drop check " + c.name() + ": brief ACCESS EXCLUSIVE, no scan")
                .lock(LockLevel.ACCESS_EXCLUSIVE, t)
                .rollback(SqlWriter.addCheck(t, c, true));
        return steps.build();
    }

    static List<StagedStep> addForeignKey(PlanContext ctx, Change.AddForeignKey change) {
        QualifiedName t = change.table();
        ForeignKey fk = change.foreignKey();
        StepList steps = new StepList(ctx, change.summary());
        if (ctx.isNew(t)) {
            steps.addAll(foreignKeyOnNewTable(ctx, change.summary(), t, fk));
            return steps.build();
        }
        if (fk.validated()
                && dev.evoplan.rules.AddForeignKeyScansBothTables.noNotValidPath(
                        ctx.schema(), t, fk)) {
            // PostgreSQL refuses NOT VALID on a partitioned table, and on one referencing a
            // partitioned table VALIDATE leaves the per-partition copies unvalidated: the plain
            // statement, which checks every row under SHARE ROW EXCLUSIVE on both sides.
            steps.sql(
                            StageKind.EXPAND,
                            SqlWriter.addForeignKey(t, fk, false),
                            "add foreign key "
                                    + fk.name()
                                    + " on partitioned tables: PostgreSQL has no NOT VALID path"
                                    + " here, so every row is checked while SHARE ROW EXCLUSIVE"
                                    + " blocks writes to "
                                    + t
                                    + " and "
                                    + fk.target())
                    .lock(LockLevel.SHARE_ROW_EXCLUSIVE, t)
                    .rollback(SqlWriter.dropConstraint(t, fk.name()));
            return steps.build();
        }
        addForeignKeyNotValid(steps, StageKind.EXPAND, t, fk);
        if (fk.validated()) {
            validateForeignKey(steps, t, fk);
        }
        return steps.build();
    }

    /**
     * The table is empty, so the plain statement checks nothing; the referenced table is briefly
     * locked.
     */
    static StepList foreignKeyOnNewTable(
            PlanContext ctx, String forChange, QualifiedName t, ForeignKey fk) {
        StepList steps = new StepList(ctx, forChange);
        boolean targetExists = !ctx.isNew(fk.target());
        steps.sql(
                        StageKind.EXPAND,
                        SqlWriter.addForeignKey(t, fk, !fk.validated()),
                        "add foreign key "
                                + fk.name()
                                + " (new, empty table: nothing to check)"
                                + (targetExists
                                        ? "; SHARE ROW EXCLUSIVE on "
                                                + fk.target()
                                                + " briefly blocks its writes"
                                        : ""))
                .lock(LockLevel.SHARE_ROW_EXCLUSIVE, targetExists ? fk.target() : t)
                .rollback(SqlWriter.dropConstraint(t, fk.name()));
        return steps;
    }

    static void addForeignKeyNotValid(
            StepList steps, StageKind stage, QualifiedName t, ForeignKey fk) {
        steps.sql(
                        stage,
                        SqlWriter.addForeignKey(t, fk, true),
                        "add foreign key "
                                + fk.name()
                                + " as NOT VALID: enforced for new rows, no scan; brief SHARE ROW"
                                + " EXCLUSIVE on "
                                + t
                                + " and "
                                + fk.target())
                .lock(LockLevel.SHARE_ROW_EXCLUSIVE, t)
                .rollback(SqlWriter.dropConstraint(t, fk.name()));
    }

    static void validateForeignKey(StepList steps, QualifiedName t, ForeignKey fk) {
        steps.sql(
                        StageKind.VALIDATE,
                        SqlWriter.validateConstraint(t, fk.name()),
                        "validate "
                                + fk.name()
                                + ": scans "
                                + t
                                + " under SHARE UPDATE EXCLUSIVE and "
                                + fk.target()
                                + " under ROW SHARE (reads and writes go on)")
                .lock(LockLevel.SHARE_UPDATE_EXCLUSIVE, t)
                .onFailure(
                        "rows of "
                                + t
                                + " reference missing rows of "
                                + fk.target()
                                + ": fix or delete them, then run this step again");
    }

    static List<StagedStep> dropForeignKey(PlanContext ctx, Change.DropForeignKey change) {
        QualifiedName t = change.table();
        ForeignKey fk = change.foreignKey();
        StepList steps = new StepList(ctx, change.summary());
        steps.sql(
                        StageKind.EXPAND,
                        SqlWriter.dropConstraint(t, fk.name()),
                        "drop foreign key "
                                + fk.name()
                                + ": brief ACCESS EXCLUSIVE on "
                                + t
                                + " and on "
                                + fk.target())
                .lock(LockLevel.ACCESS_EXCLUSIVE, t)
                .rollback(SqlWriter.addForeignKey(t, fk, true));
        return steps.build();
    }

    /** VALIDATE of a constraint that exists NOT VALID. */
    static List<StagedStep> validate(
            PlanContext ctx, Change change, QualifiedName t, String name, boolean foreignKey) {
        StepList steps = new StepList(ctx, change.summary());
        steps.sql(
                        ctx.isNew(t) ? StageKind.EXPAND : StageKind.VALIDATE,
                        SqlWriter.validateConstraint(t, name),
                        "validate "
                                + name
                                + ": scans under SHARE UPDATE EXCLUSIVE (reads and writes go on)"
                                + (foreignKey ? "; the referenced table takes ROW SHARE" : ""))
                .lock(LockLevel.SHARE_UPDATE_EXCLUSIVE, t)
                .onFailure("rows violate " + name + ": fix them, then run this step again");
        return steps.build();
    }

    static List<StagedStep> createIndex(PlanContext ctx, Change.CreateIndex change) {
        Index i = change.index();
        StepList steps = new StepList(ctx, change.summary());
        QualifiedName holder = ctx.droppedLaterHolding(i.qualifiedName());
        if (holder != null
                && (ctx.isNew(i.table()) || PartitionPlans.partitionedTable(ctx, i) == null)) {
            // The name is an index or key of a table this diff drops, in CONTRACT. (An index on an
            // existing partitioned table is built per partition: PartitionPlans.)
            Index temp = SchemaEvolution.renamed(i, PlanContext.tempName(i.name()));
            if (ctx.isNew(i.table())) {
                steps.sql(
                                StageKind.EXPAND,
                                SqlWriter.createIndex(temp, false),
                                "create index "
                                        + i.name()
                                        + " under a temporary name (new, empty table; "
                                        + holder
                                        + " holds the name until it is dropped)")
                        .lock(LockLevel.SHARE, i.table())
                        .rollback(SqlWriter.dropIndex(temp.qualifiedName(), false, false));
            } else {
                buildConcurrently(
                        steps,
                        StageKind.EXPAND,
                        temp,
                        "build "
                                + i.name()
                                + " under a temporary name ("
                                + holder
                                + " holds the name until it is dropped)");
            }
            ctx.renameAfterDrop(holder, temp.qualifiedName(), i.qualifiedName());
            return steps.build();
        }
        if (ctx.isNew(i.table())) {
            steps.sql(
                            StageKind.EXPAND,
                            SqlWriter.createIndex(i, false),
                            "create index " + i.name() + " (new, empty table)")
                    .lock(LockLevel.SHARE, i.table())
                    .rollback(SqlWriter.dropIndex(i.qualifiedName(), false, false));
            return steps.build();
        }
        Table partitioned = PartitionPlans.partitionedTable(ctx, i);
        if (partitioned != null) {
            return PartitionPlans.createIndex(ctx, change, partitioned);
        }
        if (ctx.indexNameTakenUntilContract(i.qualifiedName())) {
            String temp = PlanContext.tempName(i.name());
            buildConcurrently(
                    steps,
                    StageKind.EXPAND,
                    SchemaEvolution.renamed(i, temp),
                    "build "
                            + i.name()
                            + " under a temporary name (the old index of that name goes in CONTRACT)");
            steps.sql(
                            StageKind.CONTRACT,
                            SqlWriter.renameIndex(i.qualifiedName().sibling(temp), i.name()),
                            "give the new index its name")
                    .lock(LockLevel.SHARE_UPDATE_EXCLUSIVE, i.qualifiedName().sibling(temp))
                    .rollback(SqlWriter.renameIndex(i.qualifiedName(), temp));
            return steps.build();
        }
        buildConcurrently(
                steps, StageKind.EXPAND, i, "build " + i.name() + " without blocking writes");
        return steps.build();
    }

    /**
     * {@code CREATE INDEX CONCURRENTLY}: outside a transaction, SHARE UPDATE EXCLUSIVE, cleanup on
     * failure.
     */
    static void buildConcurrently(StepList steps, StageKind stage, Index i, String description) {
        String drop = SqlWriter.dropIndex(i.qualifiedName(), true, true);
        steps.sql(
                        stage,
                        SqlWriter.createIndex(i, true),
                        description
                                + ": CONCURRENTLY reads the table twice under SHARE UPDATE EXCLUSIVE (reads and writes go on)")
                .nonTransactional()
                .lock(LockLevel.SHARE_UPDATE_EXCLUSIVE, i.table())
                .rollback(drop)
                .onFailure(
                        "an INVALID index is left behind: "
                                + drop
                                + " then retry"
                                + (i.unique()
                                        ? " (for a unique index, remove the duplicate rows first)"
                                        : ""));
    }

    static List<StagedStep> dropIndex(PlanContext ctx, Change.DropIndex change) {
        Index i = change.index();
        StepList steps = new StepList(ctx, change.summary());
        if (ctx.isNew(i.table())) {
            steps.sql(
                            StageKind.EXPAND,
                            SqlWriter.dropIndex(i.qualifiedName(), false, false),
                            "drop index " + i.name() + " (new table)")
                    .lock(LockLevel.ACCESS_EXCLUSIVE, i.table());
            return steps.build();
        }
        if (PartitionPlans.partitionedTable(ctx, i) != null) {
            return PartitionPlans.dropIndex(ctx, change);
        }
        ctx.indexNameFreedInContract(i.qualifiedName());
        steps.sql(
                        StageKind.CONTRACT,
                        SqlWriter.dropIndex(i.qualifiedName(), true, false),
                        "drop index "
                                + i.name()
                                + " CONCURRENTLY: waits for running queries instead of blocking them")
                .nonTransactional()
                .lock(LockLevel.SHARE_UPDATE_EXCLUSIVE, i.table())
                .rollback(SqlWriter.createIndex(i, true))
                .onFailure(
                        "if it was interrupted the index may be left INVALID: run this step again");
        return steps.build();
    }
}
