package dev.evoplan.model;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/** An immutable schema state: every object kind keyed and sorted by qualified name. */
public record Schema(SortedMap<QualifiedName, Table> tables, SortedMap<QualifiedName, Sequence> sequences,
                     SortedMap<QualifiedName, EnumType> enums, SortedMap<QualifiedName, View> views) {

    public static final Schema EMPTY = new Schema(new TreeMap<>(), new TreeMap<>(), new TreeMap<>(), new TreeMap<>());

    public Schema {
        tables = frozen(tables);
        sequences = frozen(sequences);
        enums = frozen(enums);
        views = frozen(views);
    }

    private static <V> SortedMap<QualifiedName, V> frozen(Map<QualifiedName, V> map) {
        Objects.requireNonNull(map, "map is null");
        // A frozen map is passed on as it is: each edit copies only the one map it changes.
        return FrozenSortedMap.of(map);
    }

    public Optional<Table> table(QualifiedName name) {
        return Optional.ofNullable(tables.get(name));
    }

    public Schema withTable(Table t) {
        TreeMap<QualifiedName, Table> m = new TreeMap<>(tables);
        m.put(t.name(), t);
        return new Schema(FrozenSortedMap.owning(m), sequences, enums, views);
    }

    public Schema withoutTable(QualifiedName name) {
        TreeMap<QualifiedName, Table> m = new TreeMap<>(tables);
        m.remove(name);
        return new Schema(FrozenSortedMap.owning(m), sequences, enums, views);
    }

    /** Applies {@code edit} to an existing table; a missing table is left missing. */
    public Schema mapTable(QualifiedName name, UnaryOperator<Table> edit) {
        Table t = tables.get(name);
        return t == null ? this : withTable(edit.apply(t));
    }

    public Schema withSequence(Sequence s) {
        TreeMap<QualifiedName, Sequence> m = new TreeMap<>(sequences);
        m.put(s.name(), s);
        return new Schema(tables, FrozenSortedMap.owning(m), enums, views);
    }

    public Schema withoutSequence(QualifiedName name) {
        TreeMap<QualifiedName, Sequence> m = new TreeMap<>(sequences);
        m.remove(name);
        return new Schema(tables, FrozenSortedMap.owning(m), enums, views);
    }

    public Schema withEnum(EnumType e) {
        TreeMap<QualifiedName, EnumType> m = new TreeMap<>(enums);
        m.put(e.name(), e);
        return new Schema(tables, sequences, FrozenSortedMap.owning(m), views);
    }

    public Schema withoutEnum(QualifiedName name) {
        TreeMap<QualifiedName, EnumType> m = new TreeMap<>(enums);
        m.remove(name);
        return new Schema(tables, sequences, FrozenSortedMap.owning(m), views);
    }

    public Schema withView(View v) {
        TreeMap<QualifiedName, View> m = new TreeMap<>(views);
        m.put(v.name(), v);
        return new Schema(tables, sequences, enums, FrozenSortedMap.owning(m));
    }

    public Schema withoutView(QualifiedName name) {
        TreeMap<QualifiedName, View> m = new TreeMap<>(views);
        m.remove(name);
        return new Schema(tables, sequences, enums, FrozenSortedMap.owning(m));
    }

    /** The index of that name in that schema, on whichever table holds it. */
    public Optional<Index> index(QualifiedName indexName) {
        return tables.values().stream()
                .filter(t -> t.name().schema().equals(indexName.schema()))
                .flatMap(t -> t.indexes().stream())
                .filter(i -> i.name().equals(indexName.name()))
                .findFirst();
    }

    /**
     * Calls {@code onChange} for every table that is not the same object in both states (added:
     * before is null; dropped: after is null), in name order. States share the tables an edit did
     * not touch, so this walk costs pointer comparisons, not table comparisons.
     */
    public static void forEachChangedTable(Schema before, Schema after,
                                           java.util.function.BiConsumer<Table, Table> onChange) {
        var left = before.tables.entrySet().iterator();
        var right = after.tables.entrySet().iterator();
        Map.Entry<QualifiedName, Table> l = left.hasNext() ? left.next() : null;
        Map.Entry<QualifiedName, Table> r = right.hasNext() ? right.next() : null;
        while (l != null || r != null) {
            int cmp = l == null ? 1 : r == null ? -1 : l.getKey() == r.getKey() ? 0 : l.getKey().compareTo(r.getKey());
            if (cmp == 0) {
                if (l.getValue() != r.getValue()) {
                    onChange.accept(l.getValue(), r.getValue());
                }
                l = left.hasNext() ? left.next() : null;
                r = right.hasNext() ? right.next() : null;
            } else if (cmp < 0) {
                onChange.accept(l.getValue(), null);
                l = left.hasNext() ? left.next() : null;
            } else {
                onChange.accept(null, r.getValue());
                r = right.hasNext() ? right.next() : null;
            }
        }
    }
}
