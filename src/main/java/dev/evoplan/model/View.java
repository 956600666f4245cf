package dev.evoplan.model;

import java.util.Objects;

/** A view or materialized view with its defining query. */
public record View(QualifiedName name, String definition, boolean materialized) {
    public View {
        Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(definition, "definition is null");
    }

    /** The query without a trailing semicolon, as it goes after {@code CREATE VIEW ... AS}. */
    public String query() {
        String s = definition.strip();
        return s.endsWith(";") ? s.substring(0, s.length() - 1).strip() : s;
    }

    /** The query with whitespace folded, for comparison. */
    public String normalizedDefinition() {
        return query().replaceAll("\\s+", " ");
    }
}
