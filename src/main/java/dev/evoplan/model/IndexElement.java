package dev.evoplan.model;

import java.util.Objects;

/**
 * One key of an index: a column name or an expression, with its ordering and operator class.
 *
 * @param opclass operator class, or null for the default
 */
public record IndexElement(
        String columnOrExpression,
        boolean expression,
        boolean descending,
        Boolean nullsFirst,
        String opclass) {
    public IndexElement {
        Objects.requireNonNull(columnOrExpression, "columnOrExpression is null");
    }

    public static IndexElement column(String name) {
        return new IndexElement(name, false, false, null, null);
    }

    public String sql() {
        StringBuilder sb =
                new StringBuilder(
                        expression
                                ? "(" + columnOrExpression + ")"
                                : Identifiers.quote(columnOrExpression));
        if (opclass != null) {
            sb.append(' ').append(opclass);
        }
        if (descending) {
            sb.append(" DESC");
        }
        if (nullsFirst != null && nullsFirst != descending) {
            sb.append(nullsFirst ? " NULLS FIRST" : " NULLS LAST");
        }
        return sb.toString();
    }
}
