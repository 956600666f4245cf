package dev.evoplan.plan;

import dev.evoplan.diff.Change;
import dev.evoplan.model.Column;
import dev.evoplan.model.QualifiedName;
import dev.evoplan.model.Schema;
import dev.evoplan.model.SchemaEdits.Owner;
import dev.evoplan.model.Sequence;
import dev.evoplan.model.Table;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the planner knows while it walks the changes: the schema as the earlier changes leave it,
 * which tables are new, and which names stay taken until the contract stage (an object dropped in
 * CONTRACT still exists while EXPAND runs, so a replacement is built under a temporary name and
 * renamed at the end).
 */
final class PlanContext {
    static final String TEMP_SUFFIX = "__evoplan";

    private final PlanOptions options;
    private final List<Change> changes;

    /**
     * The tables the plan's own changes create, shared with the options; and those marked new while
     * planning.
     */
    private final Set<QualifiedName> newTables;

    private final Set<QualifiedName> markedNew = new HashSet<>();
    private final Set<QualifiedName> indexNamesFreedInContract = new HashSet<>();
    private final Map<String, String> deferredDrops = new HashMap<>();
    private final Set<String> notNullOnlyAfterValidate = new HashSet<>();
    private final Set<String> defaultDroppedInContract = new HashSet<>();
    private final Set<String> notNullHeldUntilContract = new HashSet<>();
    private final Set<QualifiedName> ownershipPending = new HashSet<>();
    private final Set<String> replacedColumns = new HashSet<>();
    private final Map<QualifiedName, List<QualifiedName[]>> renamesAfterDrop = new HashMap<>();
    private Schema schema;
    private int position;

    /** The positions of the DROP TABLEs in {@link #changes}, by the index names each holds. */
    private Map<QualifiedName, List<Integer>> dropsHolding;

    PlanContext(Schema from, List<Change> changes, PlanOptions options) {
        this.schema = from;
        this.changes = List.copyOf(changes);
        this.options = options;
        // Not copied: a fix is planned for each finding, and copying made that cost the tables
        // created so far.
        this.newTables = options.newTables();
    }

    PlanOptions options() {
        return options;
    }

    int pgVersion() {
        return options.pgVersion();
    }

    Schema schema() {
        return schema;
    }

    /** Moves past {@code change}: the schema now includes it. */
    void advance(Change change) {
        schema = SchemaEvolution.apply(schema, change);
        position++;
    }

    /** The changes after the one being planned. */
    List<Change> later() {
        return changes.subList(Math.min(position + 1, changes.size()), changes.size());
    }

    boolean isNew(QualifiedName table) {
        return newTables.contains(table) || markedNew.contains(table);
    }

    /**
     * True when the user said the table is small (--table-rows): a rewrite or scan of it takes
     * milliseconds, so the plain statement is the better plan than an expand/contract dance.
     */
    boolean isKnownSmall(QualifiedName table) {
        return options.stats().isKnownSmall(table);
    }

    void markNew(QualifiedName table) {
        markedNew.add(table);
    }

    Table table(QualifiedName name) {
        Table t = schema.tables().get(name);
        if (t == null) {
            throw new IllegalArgumentException(
                    "table "
                            + name
                            + " is not in the schema the plan starts from"
                            + " nor created earlier in it");
        }
        return t;
    }

    Column column(QualifiedName table, String column) {
        if (!schema.tables().containsKey(table)
                && schema.objects().get(dev.evoplan.model.Partition.key(table))
                        instanceof dev.evoplan.model.Partition p) {
            // A partition has its parent's columns; its own primary key makes its key columns
            // NOT NULL on it alone.
            Column c = column(p.parent(), column);
            return p.primaryKey() != null && p.primaryKey().columns().contains(column)
                    ? c.withNullable(false)
                    : c;
        }
        return table(table)
                .column(column)
                .orElseThrow(
                        () ->
                                new IllegalArgumentException(
                                        "column "
                                                + table
                                                + "."
                                                + column
                                                + " is not in the schema the plan starts from nor added earlier in it"));
    }

    /** A name for an object built now and renamed to {@code name} in CONTRACT. */
    static String tempName(String name) {
        return SqlWriter.generatedName(name, TEMP_SUFFIX);
    }

    void indexNameFreedInContract(QualifiedName index) {
        indexNamesFreedInContract.add(index);
    }

    boolean indexNameTakenUntilContract(QualifiedName index) {
        return indexNamesFreedInContract.contains(index);
    }

    /**
     * The table a later DROP TABLE of this diff removes whose index or key holds the relation name
     * {@code name}, or null: an index of that name built before then must take a temporary name and
     * get its own once the table is gone ({@link #renameAfterDrop}).
     */
    QualifiedName droppedLaterHolding(QualifiedName name) {
        if (dropsHolding == null) {
            // Gathered once: scanning the later changes for each new index made a plan of
            // 170,000 indexes quadratic.
            dropsHolding = new HashMap<>();
            for (int i = 0; i < changes.size(); i++) {
                if (changes.get(i) instanceof Change.DropTable d) {
                    for (QualifiedName held : d.definition().indexRelationNames()) {
                        dropsHolding.computeIfAbsent(held, k -> new java.util.ArrayList<>()).add(i);
                    }
                }
            }
        }
        List<Integer> at = dropsHolding.getOrDefault(name, List.of());
        for (int i : at) {
            if (i > position) {
                return changes.get(i).table();
            }
        }
        return null;
    }

    /**
     * Index {@code temporary} (built under a temporary name) is renamed to {@code name} once the
     * DROP TABLE of {@code table} ran.
     */
    void renameAfterDrop(QualifiedName table, QualifiedName temporary, QualifiedName name) {
        renamesAfterDrop
                .computeIfAbsent(table, k -> new java.util.ArrayList<>())
                .add(new QualifiedName[] {temporary, name});
    }

    /** The renames waiting for {@code table} to be dropped: pairs of temporary name, name. */
    List<QualifiedName[]> takeRenamesAfterDrop(QualifiedName table) {
        List<QualifiedName[]> out = renamesAfterDrop.remove(table);
        return out == null ? List.of() : out;
    }

    /**
     * A unique or primary key constraint that a later change replaces: its drop waits for the
     * replacement's index, and then goes in the same transaction as the replacement's attach.
     */
    void deferConstraintDrop(QualifiedName table, String replacedBy, String oldName) {
        deferredDrops.put(table + "|" + replacedBy, oldName);
    }

    /** The old constraint to drop just before {@code name} is attached, or null. */
    String takeDeferredDrop(QualifiedName table, String name) {
        return deferredDrops.remove(table + "|" + name);
    }

    /** The column becomes NOT NULL only in the VALIDATE stage (after a backfill or validation). */
    void notNullOnlyAfterValidate(QualifiedName table, String column) {
        notNullOnlyAfterValidate.add(table + "|" + column);
    }

    boolean isNotNullOnlyAfterValidate(QualifiedName table, String column) {
        return notNullOnlyAfterValidate.contains(table + "|" + column);
    }

    void defaultDroppedInContract(QualifiedName table, String column) {
        defaultDroppedInContract.add(table + "|" + column);
    }

    boolean isDefaultDroppedInContract(QualifiedName table, String column) {
        return defaultDroppedInContract.contains(table + "|" + column);
    }

    /**
     * The column stays an identity or in a primary key until CONTRACT (DROP IDENTITY waits for the
     * application; a replaced key goes when its successor attaches): PostgreSQL refuses DROP NOT
     * NULL on it before then.
     */
    void notNullHeldUntilContract(QualifiedName table, String column) {
        notNullHeldUntilContract.add(table + "|" + column);
    }

    boolean isNotNullHeldUntilContract(QualifiedName table, String column) {
        return notNullHeldUntilContract.contains(table + "|" + column);
    }

    /**
     * The column's type change is planned as a replacement column swapped in: the column's later
     * edits of this diff (default, NOT NULL, checks on it) are carried by the new column, and must
     * not be applied to the old one, which keeps its old type until the swap.
     */
    void markReplaced(QualifiedName table, String column) {
        replacedColumns.add(table + "\u0000" + column);
    }

    /** Whether {@link #markReplaced} was called for the column earlier in this plan. */
    boolean isReplaced(QualifiedName table, String column) {
        return replacedColumns.contains(table + "\u0000" + column);
    }

    /** A sequence created before the column that owns it exists: OWNED BY follows the column. */
    void ownershipPending(QualifiedName sequence) {
        ownershipPending.add(sequence);
    }

    /** Sequences whose OWNED BY waits for {@code table.column}, now taken off the waiting list. */
    List<Sequence> takePendingOwnership(QualifiedName table, String column) {
        List<Sequence> due =
                schema.sequences().values().stream()
                        .filter(
                                s ->
                                        ownershipPending.contains(s.name())
                                                && ownedBy(s, table, column))
                        .toList();
        due.forEach(s -> ownershipPending.remove(s.name()));
        return due;
    }

    /** Sequences owned by {@code table.column} in the current schema. */
    List<Sequence> sequencesOwnedBy(QualifiedName table, String column) {
        return schema.sequences().values().stream().filter(s -> ownedBy(s, table, column)).toList();
    }

    /** Whether {@code s} is owned by {@code table.column} (its owner read by {@link Owner}). */
    static boolean ownedBy(Sequence s, QualifiedName table, String column) {
        Owner owner = Owner.of(s);
        return owner != null && owner.column().equals(column) && owner.table().equals(table);
    }
}
