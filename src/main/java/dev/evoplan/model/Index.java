package dev.evoplan.model;

import java.util.List;
import java.util.Objects;

/**
 * An index that is not the implicit index of a primary key or unique constraint.
 *
 * @param predicate the partial-index WHERE expression, or null
 */
public record Index(
        String name,
        QualifiedName table,
        boolean unique,
        String method,
        List<IndexElement> elements,
        List<String> include,
        String predicate) {
    public Index {
        Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(table, "table is null");
        method = method == null ? "btree" : method;
        elements = List.copyOf(elements);
        include = List.copyOf(include);
    }

    public QualifiedName qualifiedName() {
        return table.sibling(name);
    }

    /** The column names the index reads (expressions excluded). */
    public List<String> columnNames() {
        return elements.stream()
                .filter(e -> !e.expression())
                .map(IndexElement::columnOrExpression)
                .toList();
    }

    /** Same definition, ignoring the name. */
    public boolean sameDefinition(Index o) {
        return table.equals(o.table)
                && unique == o.unique
                && method.equals(o.method)
                && elements.equals(o.elements)
                && include.equals(o.include)
                && Objects.equals(predicate, o.predicate);
    }
}
