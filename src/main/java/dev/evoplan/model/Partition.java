package dev.evoplan.model;

import java.util.List;
import java.util.Objects;

/**
 * A partition of a partitioned table, created the plain way ({@code CREATE TABLE p PARTITION OF
 * parent FOR VALUES ...}): its columns, and the keys, indexes and triggers cloned from the parent,
 * are the parent's, so what makes it this partition is its name, its parent, its bound and what it
 * has of its own: indexes, primary key, unique constraints and foreign keys made on the partition
 * itself ({@code CREATE INDEX ... ON p}, {@code ALTER TABLE p ADD CONSTRAINT ...}, or {@code
 * PARTITION OF parent (PRIMARY KEY (...))}). A partition written with its own column options or
 * checks, or attached from a table of its own, is not one of these: it stays an unmodelled table (a
 * state that differs in it is for review).
 *
 * @param name the partition's table
 * @param parent the partitioned table it belongs to (it goes when the parent is dropped)
 * @param bound {@code FOR VALUES IN ('a')}, {@code FOR VALUES FROM (1) TO (10)}, {@code FOR VALUES
 *     WITH (MODULUS 4, REMAINDER 0)} or {@code DEFAULT}, whitespace folded
 * @param primaryKey the partition's own primary key (not a clone of the parent's), or null
 * @param uniques the partition's own unique constraints
 * @param foreignKeys the partition's own foreign keys
 * @param indexes the partition's own indexes, not the implicit ones of its keys
 */
public record Partition(
        QualifiedName name,
        QualifiedName parent,
        String bound,
        PrimaryKey primaryKey,
        List<UniqueConstraint> uniques,
        List<ForeignKey> foreignKeys,
        List<Index> indexes)
        implements SchemaObject {
    public Partition {
        Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(parent, "parent is null");
        Objects.requireNonNull(bound, "bound is null");
        bound = UnmodelledObject.normalize(bound);
        uniques = sorted(uniques, java.util.Comparator.comparing(UniqueConstraint::name));
        foreignKeys = sorted(foreignKeys, java.util.Comparator.comparing(ForeignKey::name));
        indexes = sorted(indexes, java.util.Comparator.comparing(Index::name));
    }

    /** A partition with nothing of its own. */
    public Partition(QualifiedName name, QualifiedName parent, String bound) {
        this(name, parent, bound, null, List.of(), List.of(), List.of());
    }

    private static <T> List<T> sorted(List<T> items, java.util.Comparator<T> order) {
        List<T> copy = new java.util.ArrayList<>(items);
        copy.sort(order);
        return List.copyOf(copy);
    }

    public Partition withPrimaryKey(PrimaryKey key) {
        return new Partition(name, parent, bound, key, uniques, foreignKeys, indexes);
    }

    public Partition withUniques(List<UniqueConstraint> list) {
        return new Partition(name, parent, bound, primaryKey, list, foreignKeys, indexes);
    }

    public Partition withForeignKeys(List<ForeignKey> list) {
        return new Partition(name, parent, bound, primaryKey, uniques, list, indexes);
    }

    public Partition withIndexes(List<Index> list) {
        return new Partition(name, parent, bound, primaryKey, uniques, foreignKeys, list);
    }

    /**
     * The names of the indexes the partition has of its own, its keys' included: they share the
     * schema's relation namespace.
     */
    public List<QualifiedName> ownIndexNames() {
        List<QualifiedName> out = new java.util.ArrayList<>();
        if (primaryKey != null) {
            out.add(name.sibling(primaryKey.name()));
        }
        uniques.forEach(u -> out.add(name.sibling(u.name())));
        indexes.forEach(i -> out.add(name.sibling(i.name())));
        return out;
    }

    /** Whether the partition has a constraint of its own of that name. */
    public boolean hasOwnConstraint(String constraint) {
        return (primaryKey != null && primaryKey.name().equals(constraint))
                || uniques.stream().anyMatch(u -> u.name().equals(constraint))
                || foreignKeys.stream().anyMatch(f -> f.name().equals(constraint));
    }

    @Override
    public Kind kind() {
        return Kind.PARTITION;
    }

    @Override
    public QualifiedName key() {
        return key(name);
    }

    /**
     * The key of partition {@code name}: by its own name, so that the same table attached to
     * another parent is one partition that changed.
     */
    public static QualifiedName key(QualifiedName name) {
        return new QualifiedName("partition", name.toString());
    }

    @Override
    public QualifiedName table() {
        return parent;
    }

    @Override
    public String describe() {
        return "partition " + name + " of " + parent;
    }

    /**
     * The partition with its own keys written in its CREATE TABLE, so that PostgreSQL attaches a
     * key's index to a matching index of the parent instead of building a clone beside it; its own
     * indexes and foreign keys are made by their own steps.
     */
    @Override
    public List<String> createSql() {
        List<String> keys = new java.util.ArrayList<>();
        if (primaryKey != null) {
            keys.add(
                    "CONSTRAINT "
                            + Identifiers.quote(primaryKey.name())
                            + " PRIMARY KEY ("
                            + quoted(primaryKey.columns())
                            + ")");
        }
        for (UniqueConstraint u : uniques) {
            keys.add(
                    "CONSTRAINT "
                            + Identifiers.quote(u.name())
                            + " UNIQUE ("
                            + quoted(u.columns())
                            + ")"
                            + (u.deferrable() ? " DEFERRABLE" : ""));
        }
        return List.of(
                "CREATE TABLE "
                        + name.sql()
                        + " PARTITION OF "
                        + parent.sql()
                        + (keys.isEmpty() ? "" : " (" + String.join(", ", keys) + ")")
                        + " "
                        + bound);
    }

    @Override
    public String dropSql() {
        return "DROP TABLE " + name.sql();
    }

    private static String quoted(List<String> columns) {
        return String.join(", ", columns.stream().map(Identifiers::quote).toList());
    }

    /** {@code ALTER TABLE parent DETACH PARTITION name}. */
    public String detachSql() {
        return "ALTER TABLE " + parent.sql() + " DETACH PARTITION " + name.sql();
    }

    /** {@code ALTER TABLE parent ATTACH PARTITION name bound}. */
    public String attachSql() {
        return "ALTER TABLE " + parent.sql() + " ATTACH PARTITION " + name.sql() + " " + bound;
    }

    /**
     * Whether both bound the same rows as written: case and spaces outside quotes aside, so that
     * {@code for values in ('a')} read from a file and {@code FOR VALUES IN ('a')} as PostgreSQL
     * prints it are one bound.
     */
    public boolean sameBound(Partition other) {
        return foldedOutsideQuotes(bound).equals(foldedOutsideQuotes(other.bound));
    }

    /** {@code sql} lower case and without spaces outside single quotes, for comparing. */
    static String foldedOutsideQuotes(String bound) {
        StringBuilder out = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < bound.length(); i++) {
            char c = bound.charAt(i);
            if (c == '\'') {
                quoted = !quoted;
                out.append(c);
            } else if (quoted) {
                out.append(c);
            } else if (!Character.isWhitespace(c)) {
                out.append(Character.toLowerCase(c));
            }
        }
        return out.toString();
    }

    @Override
    public boolean sameAs(SchemaObject other) {
        return other instanceof Partition p
                && p.name.equals(name)
                && p.parent.equals(parent)
                && sameBound(p);
    }

    @Override
    public SchemaObject onTable(QualifiedName newParent) {
        return new Partition(name, newParent, bound, primaryKey, uniques, foreignKeys, indexes);
    }
}
