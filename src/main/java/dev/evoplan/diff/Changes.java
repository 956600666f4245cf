package dev.evoplan.diff;

import dev.evoplan.model.QualifiedName;
import dev.evoplan.model.Schema;
import dev.evoplan.model.SourceChange;
import dev.evoplan.model.Table;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Questions about a list of changes as a whole. */
public final class Changes {
    private Changes() {}

    /** The tables the changes create (so rules can tell a change on a brand-new table), sorted. */
    public static Set<QualifiedName> createdTables(List<Change> changes) {
        Set<QualifiedName> created = new TreeSet<>();
        for (Change c : changes) {
            if (c.kind() == Change.Kind.CREATE_TABLE) {
                created.add(c.table());
            }
        }
        return Collections.unmodifiableSet(created);
    }

    /**
     * The typed changes one source change makes: a schema change is the diff of its before and
     * after; data, maintenance and opaque changes keep their own kinds.
     */
    public static List<Change> of(SourceChange source) {
        return switch (source.kind()) {
            case SCHEMA -> {
                // A statement is judged by what it is written as (its source kind); what it adds to
                // or removes from the unmodelled objects is for state diffs, so both sides share
                // them.
                Schema before =
                        PartitionChanges.withPartitionsOf(
                                source.before().withUnmodelledOf(source.after()), source.before());
                Schema[] touched = touched(before, source.after());
                List<Change> diffed =
                        touched == null
                                ? SchemaDiffer.diff(before, source.after(), source.renames())
                                : SchemaDiffer.diff(touched[0], touched[1], source.renames());
                yield source.written().unshownOperations().isEmpty()
                        ? diffed
                        : withUnshown(diffed, source);
            }
            case DATA ->
                    List.of(
                            new Change.DataChange(
                                    source.table(),
                                    source.changeType(),
                                    source.description(),
                                    source.writtenSql()));
            case MAINTENANCE -> {
                Change.Maintenance.Operation operation =
                        Change.Maintenance.Operation.ofSql(source.changeType());
                if (operation == null) {
                    yield List.of(new Change.Opaque(source.changeType(), source.description()));
                }
                String text = String.join("\n", source.writtenSql());
                // As the parser read it: a CONCURRENTLY in a comment or an option turned off is not
                // one.
                yield List.of(
                        new Change.Maintenance(
                                source.table(),
                                operation,
                                source.written().concurrently(),
                                text,
                                source.written().reindexTarget()));
            }
            case OPAQUE -> List.of(new Change.Opaque(source.changeType(), source.description()));
            case NONE -> List.of();
        };
    }

    /**
     * The diffed changes and, after them, the operations the statement also ran that the model does
     * not show, each as its own maintenance change judged by its own lock.
     */
    private static List<Change> withUnshown(List<Change> diffed, SourceChange source) {
        List<Change> all = new java.util.ArrayList<>(diffed);
        String text = String.join("\n", source.writtenSql());
        for (String spelled : source.written().unshownOperations()) {
            Change.Maintenance.Operation operation = Change.Maintenance.Operation.ofSql(spelled);
            all.add(
                    operation == null
                            ? new Change.Opaque(source.changeType(), spelled + ": " + text)
                            : new Change.Maintenance(
                                    source.written().alteredTable(), operation, false, text));
        }
        return List.copyOf(all);
    }

    /**
     * Both states cut down to the tables one statement touched (a different table object on either
     * side) and the tables whose foreign keys point at those, or null when that would not save
     * much. Schema states share every table an edit left alone, so this makes typing one statement
     * cost what it changed rather than the size of the whole schema; the differ's result is the
     * same, since untouched tables give no changes and views, sequences and enums (extensions,
     * unmodelled objects) are kept whole.
     */
    static Schema[] touched(Schema before, Schema after) {
        int total = Math.max(before.tables().size(), after.tables().size());
        if (total < 64) {
            return null;
        }
        Set<QualifiedName> changed = new java.util.HashSet<>();
        boolean[] keyLost = {false};
        Schema.forEachChangedTable(
                before,
                after,
                (was, now) -> {
                    changed.add(was != null ? was.name() : now.name());
                    keyLost[0] = keyLost[0] || losesAKey(was, now);
                });
        if (changed.size() * 4 > total) {
            return null;
        }
        Set<QualifiedName> keep = new java.util.HashSet<>(changed);
        // Tables whose foreign keys point at a changed one matter only when a key they may use
        // goes (the differ recreates those foreign keys). A referencing table that did not
        // change is in both states, one that did is kept already: reading before is enough.
        if (keyLost[0]) {
            for (Table t : before.tables().values()) {
                for (dev.evoplan.model.ForeignKey fk : t.foreignKeys()) {
                    if (changed.contains(fk.target())) {
                        keep.add(t.name());
                        break;
                    }
                }
            }
        }
        return new Schema[] {only(before, keep), only(after, keep)};
    }

    /** The table went, or lost its primary key, a unique constraint or a unique index. */
    private static boolean losesAKey(Table was, Table now) {
        if (was == null) {
            return false;
        }
        if (now == null) {
            return true;
        }
        if (was.primaryKey() != null && !was.primaryKey().equals(now.primaryKey())) {
            return true;
        }
        if (was.uniques() != now.uniques() && !now.uniques().containsAll(was.uniques())) {
            return true;
        }
        if (was.indexes() != now.indexes()) {
            for (dev.evoplan.model.Index index : was.indexes()) {
                if (index.unique() && !now.indexes().contains(index)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Schema only(Schema s, Set<QualifiedName> keep) {
        java.util.TreeMap<QualifiedName, Table> tables = new java.util.TreeMap<>();
        for (QualifiedName name : keep) {
            Table t = s.tables().get(name);
            if (t != null) {
                tables.put(name, t);
            }
        }
        return new Schema(
                tables,
                s.sequences(),
                s.enums(),
                s.views(),
                s.extensions(),
                s.unmodelled(),
                s.objects());
    }
}
