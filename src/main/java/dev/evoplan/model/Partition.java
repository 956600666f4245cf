package dev.evoplan.model;

import java.util.List;
import java.util.Objects;

/**
 * A partition of a partitioned table, created the plain way ({@code CREATE TABLE p PARTITION OF
 * parent FOR VALUES ...}): its columns, keys, indexes and triggers are the parent's clones, so what
 * makes it this partition is its name, its parent and its bound. A partition written with its own
 * column options or constraints, or attached from a table of its own, is not one of these: it stays
 * an unmodelled table (a state that differs in it is for review).
 *
 * @param name the partition's table
 * @param parent the partitioned table it belongs to (it goes when the parent is dropped)
 * @param bound {@code FOR VALUES IN ('a')}, {@code FOR VALUES FROM (1) TO (10)}, {@code FOR VALUES
 *     WITH (MODULUS 4, REMAINDER 0)} or {@code DEFAULT}, whitespace folded
 */
public record Partition(QualifiedName name, QualifiedName parent, String bound)
        implements SchemaObject {
    public Partition {
        Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(parent, "parent is null");
        Objects.requireNonNull(bound, "bound is null");
        bound = UnmodelledObject.normalize(bound);
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

    @Override
    public List<String> createSql() {
        return List.of(
                "CREATE TABLE " + name.sql() + " PARTITION OF " + parent.sql() + " " + bound);
    }

    @Override
    public String dropSql() {
        return "DROP TABLE " + name.sql();
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
        return new Partition(name, newParent, bound);
    }
}
