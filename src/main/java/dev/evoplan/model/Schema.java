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
        return Collections.unmodifiableSortedMap(new TreeMap<>(map));
    }

    public Optional<Table> table(QualifiedName name) {
        return Optional.ofNullable(tables.get(name));
    }

    public Schema withTable(Table t) {
        TreeMap<QualifiedName, Table> m = new TreeMap<>(tables);
        m.put(t.name(), t);
        return new Schema(m, sequences, enums, views);
    }

    public Schema withoutTable(QualifiedName name) {
        TreeMap<QualifiedName, Table> m = new TreeMap<>(tables);
        m.remove(name);
        return new Schema(m, sequences, enums, views);
    }

    /** Applies {@code edit} to an existing table; a missing table is left missing. */
    public Schema mapTable(QualifiedName name, UnaryOperator<Table> edit) {
        Table t = tables.get(name);
        return t == null ? this : withTable(edit.apply(t));
    }

    public Schema withSequence(Sequence s) {
        TreeMap<QualifiedName, Sequence> m = new TreeMap<>(sequences);
        m.put(s.name(), s);
        return new Schema(tables, m, enums, views);
    }

    public Schema withoutSequence(QualifiedName name) {
        TreeMap<QualifiedName, Sequence> m = new TreeMap<>(sequences);
        m.remove(name);
        return new Schema(tables, m, enums, views);
    }

    public Schema withEnum(EnumType e) {
        TreeMap<QualifiedName, EnumType> m = new TreeMap<>(enums);
        m.put(e.name(), e);
        return new Schema(tables, sequences, m, views);
    }

    public Schema withoutEnum(QualifiedName name) {
        TreeMap<QualifiedName, EnumType> m = new TreeMap<>(enums);
        m.remove(name);
        return new Schema(tables, sequences, m, views);
    }

    public Schema withView(View v) {
        TreeMap<QualifiedName, View> m = new TreeMap<>(views);
        m.put(v.name(), v);
        return new Schema(tables, sequences, enums, m);
    }

    public Schema withoutView(QualifiedName name) {
        TreeMap<QualifiedName, View> m = new TreeMap<>(views);
        m.remove(name);
        return new Schema(tables, sequences, enums, m);
    }

    /** The index of that name in that schema, on whichever table holds it. */
    public Optional<Index> index(QualifiedName indexName) {
        return tables.values().stream()
                .filter(t -> t.name().schema().equals(indexName.schema()))
                .flatMap(t -> t.indexes().stream())
                .filter(i -> i.name().equals(indexName.name()))
                .findFirst();
    }
}
