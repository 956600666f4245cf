package dev.evoplan.model;

import java.util.List;

/**
 * A table's row-level-security switches ({@code ALTER TABLE ... ENABLE / FORCE ROW LEVEL
 * SECURITY}). Held only when one is on: a table without one has both off.
 */
public record RowSecurity(QualifiedName table, boolean enabled, boolean forced)
        implements SchemaObject {
    public RowSecurity {
        java.util.Objects.requireNonNull(table, "table is null");
    }

    @Override
    public Kind kind() {
        return Kind.ROW_SECURITY;
    }

    @Override
    public QualifiedName key() {
        return key(table);
    }

    /** The key of {@code table}'s switches. */
    public static QualifiedName key(QualifiedName table) {
        return new QualifiedName("row security", table.toString());
    }

    /** Whether both switches are off, as on a table that never had them set. */
    public boolean off() {
        return !enabled && !forced;
    }

    @Override
    public String describe() {
        return "row level security of " + table;
    }

    /** Sets both switches from off. */
    @Override
    public List<String> createSql() {
        return setSql(new RowSecurity(table, false, false));
    }

    /** The statements that set these switches on a table whose switches are {@code from}. */
    public List<String> setSql(RowSecurity from) {
        List<String> out = new java.util.ArrayList<>();
        if (enabled != from.enabled) {
            out.add(
                    "ALTER TABLE "
                            + table.sql()
                            + (enabled ? " ENABLE" : " DISABLE")
                            + " ROW LEVEL SECURITY");
        }
        if (forced != from.forced) {
            out.add(
                    "ALTER TABLE "
                            + table.sql()
                            + (forced ? " FORCE" : " NO FORCE")
                            + " ROW LEVEL SECURITY");
        }
        return out;
    }

    /** Turns both switches off again. */
    @Override
    public String dropSql() {
        return String.join(";\n", new RowSecurity(table, false, false).setSql(this));
    }

    @Override
    public SchemaObject onTable(QualifiedName newTable) {
        return new RowSecurity(newTable, enabled, forced);
    }
}
