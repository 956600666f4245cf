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
import java.util.TreeMap;

/**
 * The schema while changes are folded into it: mutable maps, turned into an immutable {@link
 * Schema} once per change. Each Schema copies its maps, so copying once per change (not once per
 * edit) keeps a long changelog linear in its number of changes times its size. Names in use are
 * counted per schema as objects come and go, so that choosing or checking a name does not walk
 * every table.
 */
final class WorkingSchema {
    private final TreeMap<QualifiedName, Table> tables = new TreeMap<>();
    private final TreeMap<QualifiedName, Sequence> sequences = new TreeMap<>();
    private final TreeMap<QualifiedName, View> views = new TreeMap<>();
    private final TreeMap<QualifiedName, dev.evoplan.model.EnumType> enums = new TreeMap<>();
    private final TreeMap<QualifiedName, dev.evoplan.model.Extension> extensions = new TreeMap<>();
    private final TreeMap<QualifiedName, dev.evoplan.model.UnmodelledObject> unmodelled =
            new TreeMap<>();

    private final TreeMap<QualifiedName, dev.evoplan.model.SchemaObject> objects = new TreeMap<>();

    /**
     * schema -> relation name (table, view, sequence, index, key constraint) -> how many hold it.
     */
    private final Map<String, Map<String, Integer>> relationNames = new HashMap<>();

    /** schema -> constraint name -> how many hold it. */
    private final Map<String, Map<String, Integer>> constraintNames = new HashMap<>();

    private Schema snapshot = Schema.EMPTY;
    private boolean changed;

    /** The current state; the same instance until something changes. */
    Schema snapshot() {
        if (changed) {
            snapshot = new Schema(tables, sequences, enums, views, extensions, unmodelled, objects);
            changed = false;
        }
        return snapshot;
    }

    /**
     * Makes {@code next} the current state: raw SQL folded by the SQL front end comes back as a
     * whole schema, and the name counts are rebuilt from it.
     */
    void replaceAll(Schema next) {
        new java.util.ArrayList<>(tables.keySet()).forEach(this::removeTable);
        new java.util.ArrayList<>(sequences.keySet()).forEach(this::removeSequence);
        new java.util.ArrayList<>(views.keySet()).forEach(this::removeView);
        enums.clear();
        next.tables().values().forEach(this::put);
        next.sequences().values().forEach(this::put);
        next.views().values().forEach(this::put);
        enums.putAll(next.enums());
        replaceUnmodelled(next);
    }

    /**
     * Takes {@code next}'s unmodelled objects as the current ones (raw SQL the folder kept them
     * from).
     */
    void replaceUnmodelled(Schema next) {
        if (!extensions.equals(next.extensions())) {
            extensions.clear();
            extensions.putAll(next.extensions());
            changed = true;
        }
        if (!unmodelled.equals(next.unmodelled())) {
            unmodelled.clear();
            unmodelled.putAll(next.unmodelled());
            changed = true;
        }
        if (!objects.equals(next.objects())) {
            objects.clear();
            objects.putAll(next.objects());
            changed = true;
        }
    }

    Collection<Table> tables() {
        return tables.values();
    }

    boolean hasTable(QualifiedName name) {
        return tables.containsKey(name);
    }

    Table table(QualifiedName name) {
        Table t = tables.get(name);
        if (t == null) {
            throw new FoldException("table " + name + " does not exist");
        }
        return t;
    }

    void put(Table t) {
        Table old = tables.put(t.name(), t);
        if (old != null) {
            count(old, -1);
        }
        count(t, 1);
        changed = true;
    }

    void removeTable(QualifiedName name) {
        Table old = tables.remove(name);
        if (old != null) {
            count(old, -1);
        }
        // Its triggers, policies and row-security switches go with it.
        objects.values().removeIf(o -> name.equals(o.table()));
        changed = true;
    }

    /** The triggers, policies and switches of {@code table}. */
    java.util.List<dev.evoplan.model.SchemaObject> objectsOf(QualifiedName table) {
        return objects.values().stream().filter(o -> table.equals(o.table())).toList();
    }

    /** Puts {@code moved} on {@code table} (a renamed table keeps its triggers and policies). */
    void putObjects(java.util.List<dev.evoplan.model.SchemaObject> moved, QualifiedName table) {
        for (dev.evoplan.model.SchemaObject o : moved) {
            dev.evoplan.model.SchemaObject on = o.onTable(table);
            objects.put(on.key(), on);
        }
        changed = true;
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
        return sequences.containsKey(name);
    }

    Sequence sequence(QualifiedName name) {
        Sequence s = sequences.get(name);
        if (s == null) {
            throw new FoldException("sequence " + name + " does not exist");
        }
        return s;
    }

    Collection<Sequence> sequences() {
        return sequences.values();
    }

    void put(Sequence s) {
        if (sequences.put(s.name(), s) == null) {
            count(relationNames, s.name().schema(), s.name().name(), 1);
        }
        changed = true;
    }

    void removeSequence(QualifiedName name) {
        if (sequences.remove(name) != null) {
            count(relationNames, name.schema(), name.name(), -1);
        }
        changed = true;
    }

    boolean hasView(QualifiedName name) {
        return views.containsKey(name);
    }

    View view(QualifiedName name) {
        View v = views.get(name);
        if (v == null) {
            throw new FoldException("view " + name + " does not exist");
        }
        return v;
    }

    void put(View v) {
        if (views.put(v.name(), v) == null) {
            count(relationNames, v.name().schema(), v.name().name(), 1);
        }
        changed = true;
    }

    void removeView(QualifiedName name) {
        if (views.remove(name) != null) {
            count(relationNames, name.schema(), name.name(), -1);
        }
        changed = true;
    }

    /** The table holding the index of that name in that schema. */
    Optional<Table> tableOfIndex(QualifiedName index) {
        for (Table t : tables.values()) {
            if (t.name().schema().equals(index.schema())
                    && t.indexes().stream().anyMatch(i -> i.name().equals(index.name()))) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
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
