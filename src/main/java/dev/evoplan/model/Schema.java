package dev.evoplan.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.function.UnaryOperator;

/**
 * An immutable schema state: every object kind keyed and sorted by qualified name, and what the
 * model does not hold kept as {@link UnmodelledObject}s (keyed by {@link UnmodelledObject#key()}).
 */
public record Schema(
        SortedMap<QualifiedName, Table> tables,
        SortedMap<QualifiedName, Sequence> sequences,
        SortedMap<QualifiedName, EnumType> enums,
        SortedMap<QualifiedName, View> views,
        SortedMap<QualifiedName, Extension> extensions,
        SortedMap<QualifiedName, UnmodelledObject> unmodelled,
        SortedMap<QualifiedName, SchemaObject> objects) {

    public static final Schema EMPTY =
            new Schema(
                    FrozenSortedMap.empty(),
                    FrozenSortedMap.empty(),
                    FrozenSortedMap.empty(),
                    FrozenSortedMap.empty(),
                    FrozenSortedMap.empty(),
                    FrozenSortedMap.empty(),
                    FrozenSortedMap.empty());

    public Schema {
        tables = frozen(tables);
        sequences = frozen(sequences);
        enums = frozen(enums);
        views = frozen(views);
        extensions = frozen(extensions);
        unmodelled = frozen(unmodelled);
        objects = frozen(objects);
    }

    /** A state without routines, triggers, policies or row-security switches. */
    public Schema(
            SortedMap<QualifiedName, Table> tables,
            SortedMap<QualifiedName, Sequence> sequences,
            SortedMap<QualifiedName, EnumType> enums,
            SortedMap<QualifiedName, View> views,
            SortedMap<QualifiedName, Extension> extensions,
            SortedMap<QualifiedName, UnmodelledObject> unmodelled) {
        this(tables, sequences, enums, views, extensions, unmodelled, FrozenSortedMap.empty());
    }

    /** A state with no unmodelled objects (sources that read only what the model holds). */
    public Schema(
            SortedMap<QualifiedName, Table> tables,
            SortedMap<QualifiedName, Sequence> sequences,
            SortedMap<QualifiedName, EnumType> enums,
            SortedMap<QualifiedName, View> views) {
        this(
                tables,
                sequences,
                enums,
                views,
                FrozenSortedMap.empty(),
                FrozenSortedMap.empty(),
                FrozenSortedMap.empty());
    }

    private static <V> SortedMap<QualifiedName, V> frozen(Map<QualifiedName, V> map) {
        Objects.requireNonNull(map, "map is null");
        // A frozen map is passed on as it is; an edit shares all of it but the path to what it
        // changed.
        return FrozenSortedMap.of(map);
    }

    public Optional<Table> table(QualifiedName name) {
        return Optional.ofNullable(tables.get(name));
    }

    public Schema withTable(Table t) {
        return new Schema(
                ((FrozenSortedMap<Table>) tables).with(t.name(), t),
                sequences,
                enums,
                views,
                extensions,
                unmodelled,
                objects);
    }

    public Schema withoutTable(QualifiedName name) {
        return new Schema(
                ((FrozenSortedMap<Table>) tables).without(name),
                sequences,
                enums,
                views,
                extensions,
                unmodelled,
                objects);
    }

    /** Applies {@code edit} to an existing table; a missing table is left missing. */
    public Schema mapTable(QualifiedName name, UnaryOperator<Table> edit) {
        Table t = tables.get(name);
        return t == null ? this : withTable(edit.apply(t));
    }

    public Schema withSequence(Sequence s) {
        return new Schema(
                tables,
                ((FrozenSortedMap<Sequence>) sequences).with(s.name(), s),
                enums,
                views,
                extensions,
                unmodelled,
                objects);
    }

    public Schema withoutSequence(QualifiedName name) {
        return new Schema(
                tables,
                ((FrozenSortedMap<Sequence>) sequences).without(name),
                enums,
                views,
                extensions,
                unmodelled,
                objects);
    }

    public Schema withEnum(EnumType e) {
        return new Schema(
                tables,
                sequences,
                ((FrozenSortedMap<EnumType>) enums).with(e.name(), e),
                views,
                extensions,
                unmodelled,
                objects);
    }

    public Schema withoutEnum(QualifiedName name) {
        return new Schema(
                tables,
                sequences,
                ((FrozenSortedMap<EnumType>) enums).without(name),
                views,
                extensions,
                unmodelled,
                objects);
    }

    public Schema withView(View v) {
        return new Schema(
                tables,
                sequences,
                enums,
                ((FrozenSortedMap<View>) views).with(v.name(), v),
                extensions,
                unmodelled,
                objects);
    }

    public Schema withoutView(QualifiedName name) {
        return new Schema(
                tables,
                sequences,
                enums,
                ((FrozenSortedMap<View>) views).without(name),
                extensions,
                unmodelled,
                objects);
    }

    /** Materialized views' indexes are not read from a live database yet (CatalogReader). */
    private static boolean notReadLive(SchemaObject o) {
        return o.kind() == SchemaObject.Kind.MATERIALIZED_VIEW_INDEX;
    }

    /** This state holding {@code o} (in place of the object of its key, if any). */
    public Schema withUnmodelled(UnmodelledObject o) {
        return new Schema(
                tables,
                sequences,
                enums,
                views,
                extensions,
                ((FrozenSortedMap<UnmodelledObject>) unmodelled).with(o.key(), o),
                objects);
    }

    /** This state without the unmodelled object of {@code key}. */
    public Schema withoutUnmodelled(QualifiedName key) {
        return new Schema(
                tables,
                sequences,
                enums,
                views,
                extensions,
                ((FrozenSortedMap<UnmodelledObject>) unmodelled).without(key),
                objects);
    }

    /** This state without the unmodelled objects that belong to {@code table} (they go with it). */
    public Schema withoutUnmodelledOf(QualifiedName table) {
        Schema out = this;
        for (UnmodelledObject o : unmodelled.values()) {
            if (table.equals(o.table())) {
                out = out.withoutUnmodelled(o.key());
            }
        }
        return out;
    }

    /**
     * The same state with the unmodelled objects of {@code other} (a source that reads only the
     * model keeps its own).
     */
    public Schema withUnmodelledOf(Schema other) {
        // Routines, triggers and policies too: a live database is read for tables and their kin.
        return new Schema(
                tables, sequences, enums, views, extensions, other.unmodelled, other.objects);
    }

    /**
     * This state, read from a live database, as it compares with {@code other} (a file): the
     * catalog reader reads tables and their kin, routines, triggers, policies, row-security
     * switches and table grants, but not what the model does not hold, so that is taken from {@code
     * other} rather than reported missing. A table the file grants on in a form the model does not
     * hold ({@code GRANT ALL}, a column list: an unmodelled object) takes the file's grants too:
     * the catalog's are that form's result, which the file's modelled grants do not show.
     */
    public Schema withUnreadOf(Schema other) {
        Schema out =
                new Schema(tables, sequences, enums, views, extensions, other.unmodelled, objects);
        java.util.Set<QualifiedName> unmodelledGrants = tablesGrantedUnmodelled(other);
        java.util.function.Predicate<SchemaObject> unread =
                o ->
                        notReadLive(o)
                                || (o instanceof TableGrant g
                                        && unmodelledGrants.contains(g.table()));
        for (SchemaObject o : objects.values()) {
            if (unread.test(o)) {
                out = out.withoutObject(o.key());
            }
        }
        for (SchemaObject o : other.objects.values()) {
            if (unread.test(o)) {
                out = out.withObject(o);
            }
        }
        return out;
    }

    private static final java.util.regex.Pattern GRANT_OBJECTS =
            java.util.regex.Pattern.compile("(?is)\\bON\\s+(.*?)\\s+(?:TO|FROM)\\s");

    /**
     * The tables of this state that {@code other}'s unmodelled GRANT and REVOKE statements name
     * ({@code ON [TABLE] t, u} or {@code ALL TABLES IN SCHEMA s}).
     */
    private java.util.Set<QualifiedName> tablesGrantedUnmodelled(Schema other) {
        java.util.Set<QualifiedName> out = new java.util.TreeSet<>();
        for (UnmodelledObject o : other.unmodelled.values()) {
            if (!o.kind().equals("grant") && !o.kind().equals("revoke")) {
                continue;
            }
            java.util.regex.Matcher m = GRANT_OBJECTS.matcher(o.text());
            if (!m.find()) {
                continue;
            }
            String objects = m.group(1).strip();
            java.util.regex.Matcher all =
                    java.util.regex.Pattern.compile("(?i)^ALL\\s+TABLES\\s+IN\\s+SCHEMA\\s+(.*)$")
                            .matcher(objects);
            if (all.matches()) {
                for (String schema : all.group(1).split(",")) {
                    String folded = Identifiers.fold(schema.strip());
                    tables.keySet().stream()
                            .filter(t -> t.schema().equals(folded))
                            .forEach(out::add);
                }
                continue;
            }
            objects = objects.replaceFirst("(?i)^TABLE\\s+", "");
            for (String name : objects.split(",")) {
                try {
                    QualifiedName table = QualifiedName.parse(name.strip());
                    if (tables.containsKey(table)) {
                        out.add(table);
                    }
                } catch (RuntimeException notAName) {
                    // SEQUENCE s, FUNCTION f(...), SCHEMA s: not a table's grant
                }
            }
        }
        return out;
    }

    /** This state holding {@code o} (in place of the object of its key, if any). */
    public Schema withObject(SchemaObject o) {
        return new Schema(
                tables,
                sequences,
                enums,
                views,
                extensions,
                unmodelled,
                ((FrozenSortedMap<SchemaObject>) objects).with(o.key(), o));
    }

    /** This state without the routine, trigger, policy or switches of {@code key}. */
    public Schema withoutObject(QualifiedName key) {
        return new Schema(
                tables,
                sequences,
                enums,
                views,
                extensions,
                unmodelled,
                ((FrozenSortedMap<SchemaObject>) objects).without(key));
    }

    /**
     * The triggers on {@code table}, in name order: the range of keys {@link Trigger#key} gives
     * that table (those that begin "table "; '!' is the character after the space), not a walk of
     * every object. A table whose name goes on with a space falls in the range too, and is left out
     * by its table.
     */
    public List<Trigger> triggersOn(QualifiedName table) {
        List<Trigger> out = new java.util.ArrayList<>();
        QualifiedName from = Trigger.key(table, "");
        QualifiedName to = new QualifiedName(from.schema(), table + "!");
        for (SchemaObject o : objects.subMap(from, to).values()) {
            if (o instanceof Trigger t && table.equals(t.table())) {
                out.add(t);
            }
        }
        return out;
    }

    /**
     * This state with the triggers, policies and switches of {@code table} dropped ({@code to}
     * null) or moved to {@code to} (a renamed table).
     */
    public Schema withObjectsOf(QualifiedName table, QualifiedName to) {
        Schema out = this;
        for (SchemaObject o : objects.values()) {
            if (table.equals(o.table())) {
                out = out.withoutObject(o.key());
                if (to != null) {
                    out = out.withObject(o.onTable(to));
                }
            }
        }
        return out;
    }

    public Schema withExtension(Extension e) {
        return new Schema(
                tables,
                sequences,
                enums,
                views,
                ((FrozenSortedMap<Extension>) extensions).with(e.key(), e),
                unmodelled,
                objects);
    }

    public Schema withoutExtension(String name) {
        return new Schema(
                tables,
                sequences,
                enums,
                views,
                ((FrozenSortedMap<Extension>) extensions).without(Extension.key(name)),
                unmodelled,
                objects);
    }

    /**
     * Whether a relation of that name exists. PostgreSQL's tables, views, materialized views,
     * sequences and indexes (a primary key's or unique constraint's too) share one namespace per
     * schema; a table the model keeps unread ({@code PARTITION OF}, {@code AS}, {@code LIKE}) holds
     * its name as well.
     */
    public boolean relationExists(QualifiedName name) {
        return holdsRelationNamed(name)
                || tables.values().stream()
                        .filter(t -> t.name().schema().equals(name.schema()))
                        .anyMatch(t -> t.indexRelationNames().contains(name))
                || partitionIndexNamed(name);
    }

    /** Whether a partition holds an index (its own, or its own key's) of that name. */
    public boolean partitionIndexNamed(QualifiedName name) {
        return partitions().stream().anyMatch(p -> p.ownIndexNames().contains(name));
    }

    /**
     * The partitions the schema holds, by name: a range of the objects (a view, not a copy), not a
     * walk of them all.
     */
    public List<Partition> partitions() {
        List<Partition> out = new java.util.ArrayList<>();
        for (SchemaObject o : objects.tailMap(Partition.key(new QualifiedName("", ""))).values()) {
            if (!(o instanceof Partition p)) {
                break;
            }
            out.add(p);
        }
        return out;
    }

    /**
     * {@link #relationExists} without looking through the tables' indexes and keys: for a reader
     * that keeps its own lookup of those names (one that asks many times per statement).
     */
    public boolean holdsRelationNamed(QualifiedName name) {
        return tables.containsKey(name)
                || views.containsKey(name)
                || sequences.containsKey(name)
                || unmodelled.containsKey(UnmodelledObject.key("table", name.toString()))
                || objects.containsKey(MaterializedViewIndex.key(name))
                || objects.containsKey(Partition.key(name));
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
     * The two states of one change cut to what it changed: of every kind, each keeps only the
     * objects that are not the same object in the other state (added, removed, replaced). Every
     * comparison of the two ({@link #forEachChangedTable}, {@link #forEachChanged}, key by key or
     * by {@code equals}) finds what it finds between the whole states; nothing else of the schema
     * is there. What a history keeps of a change it only compares, at the cost of the objects the
     * change touched rather than of a path through the whole schema ({@link
     * SourceChange#withChangedPartsOnly}).
     */
    public static List<Schema> changedParts(Schema before, Schema after) {
        if (before == after) {
            return List.of(EMPTY, EMPTY);
        }
        var tables = cut(before.tables, after.tables);
        var sequences = cut(before.sequences, after.sequences);
        var enums = cut(before.enums, after.enums);
        var views = cut(before.views, after.views);
        var extensions = cut(before.extensions, after.extensions);
        var unmodelled = cut(before.unmodelled, after.unmodelled);
        var objects = cut(before.objects, after.objects);
        List<Schema> out = new java.util.ArrayList<>(2);
        for (int side = 0; side < 2; side++) {
            Schema part =
                    new Schema(
                            tables.get(side),
                            sequences.get(side),
                            enums.get(side),
                            views.get(side),
                            extensions.get(side),
                            unmodelled.get(side),
                            objects.get(side));
            out.add(part.equals(EMPTY) ? EMPTY : part);
        }
        return List.copyOf(out);
    }

    private static <V> List<FrozenSortedMap<V>> cut(
            SortedMap<QualifiedName, V> before, SortedMap<QualifiedName, V> after) {
        return FrozenSortedMap.differencesOnly(
                FrozenSortedMap.of(before), FrozenSortedMap.of(after));
    }

    /**
     * Calls {@code onChange} for every table that is not the same object in both states (added:
     * before is null; dropped: after is null), in name order. States share the tables an edit did
     * not touch, so this walk costs pointer comparisons, not table comparisons.
     */
    public static void forEachChangedTable(
            Schema before, Schema after, java.util.function.BiConsumer<Table, Table> onChange) {
        FrozenSortedMap.forEachDifference(
                (FrozenSortedMap<Table>) before.tables,
                (FrozenSortedMap<Table>) after.tables,
                onChange);
    }

    /**
     * Calls {@code onChange} for every key whose value is not the same object in both maps (one
     * kind of object of two states, or any two maps), in key order, as {@link #forEachChangedTable}
     * does for tables: what two states share is skipped.
     */
    public static <V> void forEachChanged(
            SortedMap<QualifiedName, V> before,
            SortedMap<QualifiedName, V> after,
            java.util.function.BiConsumer<V, V> onChange) {
        FrozenSortedMap.forEachDifference(
                FrozenSortedMap.of(before), FrozenSortedMap.of(after), onChange);
    }
}
