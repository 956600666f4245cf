package dev.evoplan.source.liquibase;

import dev.evoplan.model.Column;
import dev.evoplan.model.Index;
import dev.evoplan.model.QualifiedName;
import dev.evoplan.model.Schema;
import dev.evoplan.model.Sequence;
import dev.evoplan.model.Table;
import dev.evoplan.model.View;
import java.util.Collection;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The schema while changes are folded into it: mutable maps, turned into an immutable
 * {@link Schema} once per change. Each Schema copies its maps, so copying once per change
 * (not once per edit) keeps a long changelog linear in its number of changes times its size.
 */
final class WorkingSchema {
    private final TreeMap<QualifiedName, Table> tables = new TreeMap<>();
    private final TreeMap<QualifiedName, Sequence> sequences = new TreeMap<>();
    private final TreeMap<QualifiedName, View> views = new TreeMap<>();
    private Schema snapshot = Schema.EMPTY;
    private boolean changed;

    /** The current state; the same instance until something changes. */
    Schema snapshot() {
        if (changed) {
            snapshot = new Schema(tables, sequences, new TreeMap<>(), views);
            changed = false;
        }
        return snapshot;
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
        tables.put(t.name(), t);
        changed = true;
    }

    void removeTable(QualifiedName name) {
        tables.remove(name);
        changed = true;
    }

    static Column column(Table t, String column) {
        return t.column(column).orElseThrow(() -> new FoldException(
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
        sequences.put(s.name(), s);
        changed = true;
    }

    void removeSequence(QualifiedName name) {
        sequences.remove(name);
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
        views.put(v.name(), v);
        changed = true;
    }

    void removeView(QualifiedName name) {
        views.remove(name);
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
        if (tables.containsKey(name) || views.containsKey(name) || sequences.containsKey(name)) {
            return true;
        }
        for (Table t : tables.values()) {
            if (!t.name().schema().equals(name.schema())) {
                continue;
            }
            if (t.primaryKey() != null && t.primaryKey().name().equals(name.name())) {
                return true;
            }
            if (t.uniques().stream().anyMatch(u -> u.name().equals(name.name()))) {
                return true;
            }
            for (Index i : t.indexes()) {
                if (i.name().equals(name.name())) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether any constraint in that schema has that name (PostgreSQL picks default names so). */
    boolean constraintExists(String schema, String name) {
        for (Table t : tables.values()) {
            if (t.name().schema().equals(schema) && t.constraintNames().contains(name)) {
                return true;
            }
        }
        return false;
    }
}
