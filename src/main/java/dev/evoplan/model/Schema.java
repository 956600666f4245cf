package dev.evoplan.model;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.function.UnaryOperator;

/** An immutable schema state: every object kind keyed and sorted by qualified name. */
public record Schema(SortedMap<QualifiedName, Table> tables, SortedMap<QualifiedName, Sequence> sequences,
                     SortedMap<QualifiedName, EnumType> enums, SortedMap<QualifiedName, View> views) {

    public static final Schema EMPTY = new Schema(FrozenSortedMap.empty(), FrozenSortedMap.empty(), FrozenSortedMap.empty(),
            FrozenSortedMap.empty());

    public Schema {
        tables = frozen(tables);
        sequences = frozen(sequences);
        enums = frozen(enums);
        views = frozen(views);
    }

    private static <V> SortedMap<QualifiedName, V> frozen(Map<QualifiedName, V> map) {
        Objects.requireNonNull(map, "map is null");
        // A frozen map is passed on as it is; an edit shares all of it but the path to what it changed.
        return FrozenSortedMap.of(map);
    }

    public Optional<Table> table(QualifiedName name) {
        return Optional.ofNullable(tables.get(name));
    }

    public Schema withTable(Table t) {
        return new Schema(((FrozenSortedMap<Table>) tables).with(t.name(), t), sequences, enums, views);
    }

    public Schema withoutTable(QualifiedName name) {
        return new Schema(((FrozenSortedMap<Table>) tables).without(name), sequences, enums, views);
    }

    /** Applies {@code edit} to an existing table; a missing table is left missing. */
    public Schema mapTable(QualifiedName name, UnaryOperator<Table> edit) {
        Table t = tables.get(name);
        return t == null ? this : withTable(edit.apply(t));
    }

    public Schema withSequence(Sequence s) {
        return new Schema(tables, ((FrozenSortedMap<Sequence>) sequences).with(s.name(), s), enums, views);
    }

    public Schema withoutSequence(QualifiedName name) {
        return new Schema(tables, ((FrozenSortedMap<Sequence>) sequences).without(name), enums, views);
    }

    public Schema withEnum(EnumType e) {
        return new Schema(tables, sequences, ((FrozenSortedMap<EnumType>) enums).with(e.name(), e), views);
    }

    public Schema withoutEnum(QualifiedName name) {
        return new Schema(tables, sequences, ((FrozenSortedMap<EnumType>) enums).without(name), views);
    }

    public Schema withView(View v) {
        return new Schema(tables, sequences, enums, ((FrozenSortedMap<View>) views).with(v.name(), v));
    }

    public Schema withoutView(QualifiedName name) {
        return new Schema(tables, sequences, enums, ((FrozenSortedMap<View>) views).without(name));
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
        FrozenSortedMap.forEachDifference((FrozenSortedMap<Table>) before.tables, (FrozenSortedMap<Table>) after.tables,
                onChange);
    }
}
