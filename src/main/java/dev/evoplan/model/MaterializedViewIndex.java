package dev.evoplan.model;

import java.util.List;
import java.util.Objects;

/**
 * An index of a materialized view ({@code CREATE INDEX ... ON some_matview}). It goes with the view
 * when the view is dropped or created anew, so a plan that recreates the view builds it again.
 * Planned as an index (built and dropped CONCURRENTLY, which PostgreSQL allows on a materialized
 * view); held among the schema's objects because a view has no index list of its own.
 *
 * @param index the index; its {@link Index#table()} is the materialized view
 */
public record MaterializedViewIndex(Index index) implements SchemaObject {
    public MaterializedViewIndex {
        Objects.requireNonNull(index, "index is null");
    }

    @Override
    public Kind kind() {
        return Kind.MATERIALIZED_VIEW_INDEX;
    }

    @Override
    public QualifiedName key() {
        return key(index.qualifiedName());
    }

    /** The key of the materialized view's index {@code index} (schema-qualified). */
    public static QualifiedName key(QualifiedName index) {
        return new QualifiedName("materialized view index", index.toString());
    }

    @Override
    public QualifiedName table() {
        return index.table();
    }

    @Override
    public String describe() {
        return "index " + index.name() + " on materialized view " + index.table();
    }

    /** The plain statement; plans build it CONCURRENTLY through the index plans. */
    @Override
    public List<String> createSql() {
        StringBuilder sb = new StringBuilder("CREATE ");
        if (index.unique()) {
            sb.append("UNIQUE ");
        }
        sb.append("INDEX ")
                .append(Identifiers.quote(index.name()))
                .append(" ON ")
                .append(index.table().sql());
        if (!"btree".equals(index.method())) {
            sb.append(" USING ").append(index.method());
        }
        sb.append(" (")
                .append(
                        String.join(
                                ", ", index.elements().stream().map(IndexElement::sql).toList()))
                .append(')');
        if (!index.include().isEmpty()) {
            sb.append(" INCLUDE (")
                    .append(
                            String.join(
                                    ", ",
                                    index.include().stream().map(Identifiers::quote).toList()))
                    .append(')');
        }
        if (index.predicate() != null) {
            sb.append(" WHERE ").append(index.predicate());
        }
        return List.of(sb.toString());
    }

    @Override
    public String dropSql() {
        return "DROP INDEX " + index.qualifiedName().sql();
    }

    @Override
    public SchemaObject onTable(QualifiedName view) {
        Index i = index;
        return new MaterializedViewIndex(
                new Index(
                        i.name(),
                        view,
                        i.unique(),
                        i.method(),
                        i.elements(),
                        i.include(),
                        i.predicate()));
    }
}
