package dev.evoplan.model;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * A table with its columns (in declared order), constraints and indexes.
 *
 * @param primaryKey the primary key, or null
 * @param comment the table comment, or null
 * @param partitioning how a partitioned table splits its rows, or null for a plain table
 */
public record Table(
        QualifiedName name,
        List<Column> columns,
        PrimaryKey primaryKey,
        List<UniqueConstraint> uniques,
        List<CheckConstraint> checks,
        List<ForeignKey> foreignKeys,
        List<Index> indexes,
        String comment,
        Partitioning partitioning) {
    /** A table that is not partitioned. */
    public Table(
            QualifiedName name,
            List<Column> columns,
            PrimaryKey primaryKey,
            List<UniqueConstraint> uniques,
            List<CheckConstraint> checks,
            List<ForeignKey> foreignKeys,
            List<Index> indexes,
            String comment) {
        this(name, columns, primaryKey, uniques, checks, foreignKeys, indexes, comment, null);
    }

    public Table {
        Objects.requireNonNull(name, "name is null");
        // Kept as a ColumnList: appending a column shares the ones before it.
        columns = ColumnList.of(columns);
        uniques = sorted(uniques, Comparator.comparing(UniqueConstraint::name));
        checks = sorted(checks, Comparator.comparing(CheckConstraint::name));
        foreignKeys = sorted(foreignKeys, Comparator.comparing(ForeignKey::name));
        indexes = sorted(indexes, Comparator.comparing(Index::name));
    }

    private static <T> List<T> sorted(List<T> items, Comparator<T> order) {
        if (inOrder(items, order)) {
            // An edit makes a new table from the old one's lists: those are kept, not copied again.
            return List.copyOf(items);
        }
        List<T> copy = new ArrayList<>(items);
        copy.sort(order);
        return List.copyOf(copy);
    }

    private static <T> boolean inOrder(List<T> items, Comparator<T> order) {
        for (int i = 1; i < items.size(); i++) {
            if (order.compare(items.get(i - 1), items.get(i)) > 0) {
                return false;
            }
        }
        return true;
    }

    public static Table empty(QualifiedName name) {
        return new Table(name, List.of(), null, List.of(), List.of(), List.of(), List.of(), null);
    }

    public Optional<Column> column(String columnName) {
        return ((ColumnList) columns).named(columnName);
    }

    public boolean hasColumn(String columnName) {
        return column(columnName).isPresent();
    }

    public Table withName(QualifiedName n) {
        List<Index> moved =
                indexes.stream()
                        .map(
                                i ->
                                        new Index(
                                                i.name(),
                                                n,
                                                i.unique(),
                                                i.method(),
                                                i.elements(),
                                                i.include(),
                                                i.predicate()))
                        .toList();
        return new Table(
                n, columns, primaryKey, uniques, checks, foreignKeys, moved, comment, partitioning);
    }

    public Table withColumns(List<Column> cs) {
        return new Table(
                name, cs, primaryKey, uniques, checks, foreignKeys, indexes, comment, partitioning);
    }

    public Table withPrimaryKey(PrimaryKey pk) {
        return new Table(
                name, columns, pk, uniques, checks, foreignKeys, indexes, comment, partitioning);
    }

    public Table withUniques(List<UniqueConstraint> u) {
        return new Table(
                name, columns, primaryKey, u, checks, foreignKeys, indexes, comment, partitioning);
    }

    public Table withChecks(List<CheckConstraint> c) {
        return new Table(
                name, columns, primaryKey, uniques, c, foreignKeys, indexes, comment, partitioning);
    }

    public Table withForeignKeys(List<ForeignKey> f) {
        return new Table(
                name, columns, primaryKey, uniques, checks, f, indexes, comment, partitioning);
    }

    public Table withIndexes(List<Index> i) {
        return new Table(
                name, columns, primaryKey, uniques, checks, foreignKeys, i, comment, partitioning);
    }

    public Table withComment(String c) {
        return new Table(
                name, columns, primaryKey, uniques, checks, foreignKeys, indexes, c, partitioning);
    }

    public Table withPartitioning(Partitioning p) {
        return new Table(
                name, columns, primaryKey, uniques, checks, foreignKeys, indexes, comment, p);
    }

    /** Whether it is a partitioned table ({@code PARTITION BY}): its rows live in partitions. */
    public boolean partitioned() {
        return partitioning != null;
    }

    public Table withColumn(Column c) {
        return withColumns(((ColumnList) columns).plus(c));
    }

    /**
     * Replaces the named column with what {@code edit} makes of it; unknown names change nothing.
     */
    public Table mapColumn(String columnName, UnaryOperator<Column> edit) {
        ColumnList list = (ColumnList) columns;
        int at = list.indexOf(columnName);
        if (at < 0) {
            return withColumns(list);
        }
        if (list.onlyOneNamedAs(at)) {
            // The one column of that name: one array copy, and the differ reads the edit without
            // walking every column.
            return withColumns(list.replaced(at, edit.apply(list.get(at))));
        }
        return withColumns(
                columns.stream()
                        .map(c -> c.name().equals(columnName) ? edit.apply(c) : c)
                        .toList());
    }

    public Table withoutColumn(String columnName) {
        ColumnList list = (ColumnList) columns;
        int at = list.indexOf(columnName);
        if (at >= 0 && list.onlyOneNamedAs(at)) {
            return withColumns(list.without(at));
        }
        return withColumns(columns.stream().filter(c -> !c.name().equals(columnName)).toList());
    }

    /**
     * The relations this table's indexes name, those of its primary key and unique constraints
     * included (a key's index has the key's name): they share the schema's relation namespace with
     * tables, views and sequences.
     */
    public List<QualifiedName> indexRelationNames() {
        List<QualifiedName> out = new ArrayList<>();
        if (primaryKey != null) {
            out.add(name.sibling(primaryKey.name()));
        }
        uniques.forEach(u -> out.add(name.sibling(u.name())));
        indexes.forEach(i -> out.add(name.sibling(i.name())));
        return out;
    }

    /** Names of all constraints (primary key, unique, check, foreign key) on this table. */
    public List<String> constraintNames() {
        List<String> names = new ArrayList<>();
        if (primaryKey != null) {
            names.add(primaryKey.name());
        }
        uniques.forEach(u -> names.add(u.name()));
        checks.forEach(c -> names.add(c.name()));
        foreignKeys.forEach(f -> names.add(f.name()));
        return names;
    }
}
