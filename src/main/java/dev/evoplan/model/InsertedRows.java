package dev.evoplan.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The rows an {@code INSERT INTO t (columns) VALUES (...), ...} writes when every value is a
 * constant written out (a string, a number, TRUE, FALSE or NULL): what decides whether two inserts
 * into one table give the same rows in either order.
 *
 * @param table the table, as the statement names it
 * @param columns the columns it names (folded), in order; the others take their defaults
 * @param rows each row's values by column: a string's text, a number in its plain form ({@code
 *     1.50} is {@code 1.5}), {@code true} or {@code false}; a column given NULL is absent
 */
public record InsertedRows(
        QualifiedName table, List<String> columns, List<Map<String, String>> rows) {
    public InsertedRows {
        Objects.requireNonNull(table, "table is null");
        columns = List.copyOf(columns);
        rows = rows.stream().map(Map::copyOf).toList();
    }
}
