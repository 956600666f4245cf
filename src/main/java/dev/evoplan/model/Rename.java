package dev.evoplan.model;

import java.util.Objects;

/**
 * A rename the source stated (Liquibase {@code renameColumn}, {@code renameTable}, ...), so the
 * differ does not mistake it for a drop and an add.
 *
 * @param table the table (its name before the rename, for a table rename); for a column rename the
 *     table that holds the column
 * @param from old name (column name, or the table's/sequence's/view's simple name)
 * @param to new name
 */
public record Rename(Kind kind, QualifiedName table, String from, String to) {
    /** What was renamed. */
    public enum Kind {
        TABLE,
        COLUMN,
        SEQUENCE,
        VIEW,
        INDEX
    }

    public Rename {
        Objects.requireNonNull(kind, "kind is null");
        Objects.requireNonNull(table, "table is null");
        Objects.requireNonNull(from, "from is null");
        Objects.requireNonNull(to, "to is null");
    }
}
