package dev.evoplan.model;

import java.util.Objects;

/** A view or materialized view with its defining query. */
public record View(QualifiedName name, String definition, boolean materialized) {
    public View {
        Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(definition, "definition is null");
    }

    /** The query with whitespace folded and a trailing semicolon dropped, for comparison. */
    public String normalizedDefinition() {
        String s = definition.strip().replaceAll("\\s+", " ");
        return s.endsWith(";") ? s.substring(0, s.length() - 1).strip() : s;
    }
}
