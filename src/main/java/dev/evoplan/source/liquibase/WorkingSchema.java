package dev.evoplan.source.liquibase;

import dev.evoplan.model.Column;
import dev.evoplan.model.Index;
import dev.evoplan.model.QualifiedName;
import dev.evoplan.model.Schema;
import dev.evoplan.model.Sequence;
import dev.evoplan.model.Table;
import dev.evoplan.model.UniqueConstraint;
import dev.evoplan.model.View;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The schema while changes are folded into it: a persistent {@link Schema} (each edit makes a new
 * state that shares all but the path to what it changed), so the state kept with each change costs
 * the edit, not the schema, and a changelog of N changesets stays linear in N in time and memory.
 * Names in use are counted per schema as objects come and go, and indexes are found by name, so
 * that choosing or checking a name does not walk every table.
 */
final class WorkingSchema {
    private Schema current = Schema.EMPTY;

    /**
     * schema -> relation name (table, view, sequence, index, key constraint) -> how many hold it.
     */
    private final Map<String, Map<String, Integer>> relationNames = new HashMap<>();

    /** schema -> constraint name -> how many hold it. */
    private final Map<String, Map<String, Integer>> constraintNames = new HashMap<>();

    /** schema -> index name -> the tables holding an index of that name, in name order. */
    private final Map<String, Map<String, TreeSet<QualifiedName>>> indexTables = new HashMap<>();

    /** The current state; the same instance until something changes. */
    Schema snapshot() {
        return current;
    }

    /**
     * Makes {@code next} the current state: raw SQL folded by the SQL front end, or an edit of the
     * current state ({@link dev.evoplan.model.SchemaEdits}). Only the tables, sequences and views
     * that differ are recounted, so the name counts stay right without a rebuild.
     */
    void replaceAll(Schema next) {
        Schema.forEachChangedTable(
                current,
                next,
                (before, after) -> {
                    if (before != null) {
                        count(before, -1);
                    }
                    if (after != null) {
                        count(after, 1);
                    }
                });
        Schema.forEachChanged(
                current.sequences(),
                next.sequences(),
                (before, after) ->
                        recount(
                                before == null ? null : before.name(),
                                after == null ? null : after.name()));
        Schema.forEachChanged(
                current.views(),
                next.views(),
                (before, after) ->
                        recount(
                                before == null ? null : before.name(),
                                after == null ? null : after.name()));
        current = next;
    }

    /** A sequence or view that came or went: only their names are counted. */
    private void recount(QualifiedName before, QualifiedName after) {
        if (before != null && after == null) {
            count(relationNames, before.schema(), before.name(), -1);
        } else if (before == null && after != null) {
            count(relationNames, after.schema(), after.name(), 1);
        }
    }

    /**
     * Takes {@code next}'s unmodelled objects as the current ones (raw SQL the folder kept them
     * from).
     */
    void replaceUnmodelled(Schema next) {
        if (!current.extensions().equals(next.extensions())
                || !current.unmodelled().equals(next.unmodelled())
                || !current.objects().equals(next.objects())) {
            current =
                    new Schema(
                            current.tables(),
                            current.sequences(),
                            current.enums(),
                            current.views(),
                            next.extensions(),
                            next.unmodelled(),
                            next.objects());
        }
    }

    Collection<Table> tables() {
        return current.tables().values();
    }

    boolean hasTable(QualifiedName name) {
        return current.tables().containsKey(name);
    }

    Table table(QualifiedName name) {
        Table t = current.tables().get(name);
        if (t == null) {
            throw new FoldException("table " + name + " does not exist");
        }
        return t;
    }

    void put(Table t) {
        Table old = current.tables().get(t.name());
        if (old != null) {
            count(old, -1);
        }
        count(t, 1);
        current = current.withTable(t);
    }

    private void count(Table t, int delta) {
        String schema = t.name().schema();
        count(relationNames, schema, t.name().name(), delta);
        if (t.primaryKey() != null) {
            count(relationNames, schema, t.primaryKey().name(), delta);
        }
        for (UniqueConstraint u : t.uniques()) {
            count(relationNames, schema, u.name(), delta);
        }
        for (Index i : t.indexes()) {
            count(relationNames, schema, i.name(), delta);
            Map<String, TreeSet<QualifiedName>> inSchema =
                    indexTables.computeIfAbsent(schema, k -> new HashMap<>());
            if (delta > 0) {
                inSchema.computeIfAbsent(i.name(), k -> new TreeSet<>()).add(t.name());
            } else {
                TreeSet<QualifiedName> holders = inSchema.get(i.name());
                if (holders != null) {
                    holders.remove(t.name());
                    if (holders.isEmpty()) {
                        inSchema.remove(i.name());
                    }
                }
            }
        }
        for (String c : t.constraintNames()) {
            count(constraintNames, schema, c, delta);
        }
    }

    private static void count(
            Map<String, Map<String, Integer>> names, String schema, String name, int delta) {
        names.computeIfAbsent(schema, k -> new HashMap<>())
                .merge(name, delta, (a, b) -> a + b == 0 ? null : a + b);
    }

    private static boolean counted(
            Map<String, Map<String, Integer>> names, String schema, String name) {
        Map<String, Integer> inSchema = names.get(schema);
        return inSchema != null && inSchema.containsKey(name);
    }

    static Column column(Table t, String column) {
        return t.column(column)
                .orElseThrow(
                        () ->
                                new FoldException(
                                        "column " + t.name() + "." + column + " does not exist"));
    }

    boolean hasSequence(QualifiedName name) {
        return current.sequences().containsKey(name);
    }

    Sequence sequence(QualifiedName name) {
        Sequence s = current.sequences().get(name);
        if (s == null) {
            throw new FoldException("sequence " + name + " does not exist");
        }
        return s;
    }

    void put(Sequence s) {
        if (!current.sequences().containsKey(s.name())) {
            count(relationNames, s.name().schema(), s.name().name(), 1);
        }
        current = current.withSequence(s);
    }

    void removeSequence(QualifiedName name) {
        if (current.sequences().containsKey(name)) {
            count(relationNames, name.schema(), name.name(), -1);
            current = current.withoutSequence(name);
        }
    }

    boolean hasView(QualifiedName name) {
        return current.views().containsKey(name);
    }

    View view(QualifiedName name) {
        View v = current.views().get(name);
        if (v == null) {
            throw new FoldException("view " + name + " does not exist");
        }
        return v;
    }

    void put(View v) {
        if (!current.views().containsKey(v.name())) {
            count(relationNames, v.name().schema(), v.name().name(), 1);
        }
        current = current.withView(v);
    }

    void removeView(QualifiedName name) {
        if (current.views().containsKey(name)) {
            count(relationNames, name.schema(), name.name(), -1);
            current = current.withoutView(name);
        }
    }

    /** The table holding the index of that name in that schema (the first by name if several). */
    Optional<Table> tableOfIndex(QualifiedName index) {
        Map<String, TreeSet<QualifiedName>> inSchema = indexTables.get(index.schema());
        TreeSet<QualifiedName> holders = inSchema == null ? null : inSchema.get(index.name());
        return holders == null || holders.isEmpty()
                ? Optional.empty()
                : Optional.of(current.tables().get(holders.first()));
    }

    /** Whether a table, view, sequence or index (a constraint's too) already has that name. */
    boolean relationExists(QualifiedName name) {
        return counted(relationNames, name.schema(), name.name());
    }

    /** Whether any constraint in that schema has that name (PostgreSQL picks default names so). */
    boolean constraintExists(String schema, String name) {
        return counted(constraintNames, schema, name);
    }
}
