package dev.evoplan.plan;

import dev.evoplan.diff.Change;
import dev.evoplan.model.Index;
import dev.evoplan.model.PostgresNames;
import dev.evoplan.model.PrimaryKey;
import dev.evoplan.model.QualifiedName;
import dev.evoplan.model.Table;
import dev.evoplan.model.UniqueConstraint;
import dev.evoplan.rules.LockLevel;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Indexes of partitioned tables. PostgreSQL refuses {@code CREATE INDEX CONCURRENTLY} and {@code
 * DROP INDEX CONCURRENTLY} on a partitioned table, and a plain {@code CREATE INDEX} on the parent
 * holds SHARE on every partition for the whole build (measured: LintLocksOnPostgresTest). So a new
 * index is the parent's own, empty and invalid ({@code ON ONLY}), then one concurrent build per
 * partition, each attached to it; the parent index turns valid when the last one is attached.
 */
final class PartitionPlans {
    private PartitionPlans() {}

    /** The partitioned table the index is on, or null when it is a plain table. */
    static Table partitionedTable(PlanContext ctx, Index index) {
        Table t = ctx.schema().tables().get(index.table());
        return t != null && t.partitioned() ? t : null;
    }

    static List<StagedStep> createIndex(PlanContext ctx, Change.CreateIndex change, Table parent) {
        Index i = change.index();
        StepList steps = new StepList(ctx, change.summary());
        // Under a temporary name while an old index of this name lives until CONTRACT; the
        // partitions' indexes too, so that they get PostgreSQL's own names once the old ones go.
        boolean temporary = ctx.indexNameTakenUntilContract(i.qualifiedName());
        Index own = temporary ? SchemaEvolution.renamed(i, PlanContext.tempName(i.name())) : i;
        steps.sql(
                        StageKind.EXPAND,
                        SqlWriter.createIndexOnOnly(own),
                        "create "
                                + own.name()
                                + " on "
                                + i.table()
                                + " only: no partition is read, and it stays invalid until every"
                                + " partition's index is attached")
                .lock(LockLevel.SHARE, i.table())
                .rollback(SqlWriter.dropIndex(own.qualifiedName(), false, true));
        Set<QualifiedName> chosen = new HashSet<>();
        for (QualifiedName partition : parent.partitioning().partitions()) {
            String name =
                    PostgresNames.choose(
                            partition.name(),
                            PostgresNames.columnsPart(PostgresNames.indexKeyNames(i.elements())),
                            "idx",
                            n ->
                                    chosen.contains(partition.sibling(n))
                                            || ctx.schema().relationExists(partition.sibling(n)));
            chosen.add(partition.sibling(name));
            Index local =
                    new Index(
                            temporary ? PlanContext.tempName(name) : name,
                            partition,
                            i.unique(),
                            i.method(),
                            i.elements(),
                            i.include(),
                            i.predicate());
            ConstraintPlans.buildConcurrently(
                    steps,
                    StageKind.EXPAND,
                    local,
                    "build " + local.name() + " on partition " + partition);
            steps.sql(
                            StageKind.EXPAND,
                            SqlWriter.attachIndexPartition(
                                    own.qualifiedName(), local.qualifiedName()),
                            "attach "
                                    + local.name()
                                    + " to "
                                    + own.name()
                                    + ": a catalog update under ACCESS SHARE on "
                                    + i.table()
                                    + " and "
                                    + partition)
                    .lock(LockLevel.ACCESS_SHARE, i.table());
            if (temporary) {
                steps.sql(
                                StageKind.CONTRACT,
                                SqlWriter.renameIndex(local.qualifiedName(), name),
                                "give " + partition + "'s new index its name")
                        .lock(LockLevel.SHARE_UPDATE_EXCLUSIVE, local.qualifiedName());
            }
        }
        if (temporary) {
            steps.sql(
                            StageKind.CONTRACT,
                            SqlWriter.renameIndex(own.qualifiedName(), i.name()),
                            "give the new index its name")
                    .lock(LockLevel.SHARE_UPDATE_EXCLUSIVE, own.qualifiedName());
        }
        return steps.build();
    }

    /**
     * A partitioned index goes with a plain DROP INDEX (PostgreSQL refuses CONCURRENTLY): ACCESS
     * EXCLUSIVE on the parent and every partition, for a catalog update only.
     */
    static List<StagedStep> dropIndex(PlanContext ctx, Change.DropIndex change) {
        Index i = change.index();
        StepList steps = new StepList(ctx, change.summary());
        ctx.indexNameFreedInContract(i.qualifiedName());
        steps.sql(
                        StageKind.CONTRACT,
                        SqlWriter.dropIndex(i.qualifiedName(), false, false),
                        "drop index "
                                + i.name()
                                + " of a partitioned table: PostgreSQL refuses CONCURRENTLY, so"
                                + " it takes ACCESS EXCLUSIVE on "
                                + i.table()
                                + " and each partition, briefly (no scan)")
                .lock(LockLevel.ACCESS_EXCLUSIVE, i.table())
                .rollback(SqlWriter.createIndex(i, false));
        return steps.build();
    }

    /**
     * A primary key or unique constraint on a partitioned table. PostgreSQL refuses {@code CREATE
     * INDEX CONCURRENTLY} and {@code USING INDEX} on the parent, and a plain {@code ADD CONSTRAINT}
     * builds every partition's index under ACCESS EXCLUSIVE. So each partition's unique index is
     * built concurrently, then, in one transaction with brief locks and no scan: each becomes its
     * partition's constraint (under the name PostgreSQL would give it), the parent's constraint is
     * added {@code ONLY} (its index empty and invalid), and each partition's index is attached to
     * it, which makes it valid. {@code replaced} is a constraint this one replaces, dropped first
     * in that transaction (a partition cannot hold two primary keys).
     */
    static void addKey(
            PlanContext ctx,
            StepList steps,
            Table parent,
            String name,
            List<String> columns,
            boolean primaryKey,
            boolean deferrable,
            String replaced,
            boolean afterValidate) {
        QualifiedName t = parent.name();
        StringBuilder attach = new StringBuilder();
        if (replaced != null) {
            attach.append(SqlWriter.dropConstraint(t, replaced)).append('\n');
        }
        List<LocalKey> locals = new java.util.ArrayList<>();
        Set<QualifiedName> chosen = new HashSet<>();
        for (QualifiedName partition : parent.partitioning().partitions()) {
            String local =
                    PostgresNames.choose(
                            partition.name(),
                            primaryKey ? null : PostgresNames.columnsPart(columns),
                            primaryKey ? "pkey" : "key",
                            n ->
                                    chosen.contains(partition.sibling(n))
                                            || ctx.schema().relationExists(partition.sibling(n)));
            chosen.add(partition.sibling(local));
            // Built under a temporary name: the name PostgreSQL chooses may belong to the key
            // being replaced until the attach transaction drops it.
            String building = PlanContext.tempName(local);
            ConstraintPlans.buildConcurrently(
                    steps,
                    StageKind.EXPAND,
                    new Index(
                            building,
                            partition,
                            true,
                            "btree",
                            columns.stream().map(dev.evoplan.model.IndexElement::column).toList(),
                            List.of(),
                            null),
                    "build the unique index for " + name + " on partition " + partition);
            locals.add(new LocalKey(partition, local));
            attach.append(
                            SqlWriter.addConstraintUsingIndex(
                                    partition, local, primaryKey, building, deferrable))
                    .append('\n');
        }
        attach.append(
                SqlWriter.addToParentOnly(
                        t,
                        primaryKey
                                ? SqlWriter.primaryKeyClause(new PrimaryKey(name, columns))
                                        + (deferrable ? " DEFERRABLE" : "")
                                : SqlWriter.uniqueClause(
                                        new UniqueConstraint(name, columns, deferrable))));
        for (LocalKey local : locals) {
            attach.append('\n')
                    .append(
                            SqlWriter.attachIndexPartition(
                                    t.sibling(name), local.partition().sibling(local.name())));
        }
        // A name still held by an index that goes in CONTRACT (the key this one replaces, or a
        // partition's old index) is free only then.
        boolean nameBusy =
                ctx.indexNameTakenUntilContract(t.sibling(name))
                        || locals.stream()
                                .anyMatch(
                                        l ->
                                                ctx.indexNameTakenUntilContract(
                                                        l.partition().sibling(l.name())));
        steps.sql(
                        nameBusy
                                ? StageKind.CONTRACT
                                : afterValidate ? StageKind.VALIDATE : StageKind.EXPAND,
                        attach.toString(),
                        (replaced == null ? "" : "replace " + replaced + ": ")
                                + "attach each partition's index as its "
                                + (primaryKey ? "primary key" : "unique constraint")
                                + ", add "
                                + name
                                + " to "
                                + t
                                + " only and attach the partitions' indexes to it (brief locks,"
                                + " no scan)")
                .lock(LockLevel.ACCESS_EXCLUSIVE, t)
                .rollback(SqlWriter.dropConstraint(t, name));
    }

    /** A partition's own key of a partitioned key, under the name PostgreSQL gives it. */
    private record LocalKey(QualifiedName partition, String name) {}
}
