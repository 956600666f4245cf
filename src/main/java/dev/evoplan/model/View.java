package dev.evoplan.model;

import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A view or materialized view with its defining query and its options ({@code WITH (...)}: a view's
 * security_barrier, security_invoker, check_option; a materialized view's storage parameters),
 * which PostgreSQL keeps in pg_class.reloptions and a CREATE that makes the view anew must write
 * again.
 *
 * @param options each option's name (lower case) and value as reloptions keeps it; empty for none
 */
public record View(
        QualifiedName name,
        String definition,
        boolean materialized,
        SortedMap<String, String> options) {
    /** A view without options. */
    public View(QualifiedName name, String definition, boolean materialized) {
        this(name, definition, materialized, new TreeMap<>());
    }

    public View {
        Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(definition, "definition is null");
        options =
                java.util.Collections.unmodifiableSortedMap(
                        new TreeMap<>(options == null ? Map.of() : options));
    }

    /** The same view under {@code newName}. */
    public View withName(QualifiedName newName) {
        return new View(newName, definition, materialized, options);
    }

    /** The same view with {@code newOptions}. */
    public View withOptions(Map<String, String> newOptions) {
        return new View(name, definition, materialized, new TreeMap<>(newOptions));
    }

    /**
     * Whether {@code other} is the same kind of view with the same query, its options aside: then
     * ALTER ... SET / RESET turns one into the other in place.
     */
    public boolean sameQueryAs(View other) {
        return materialized == other.materialized
                && normalizedDefinition().equals(other.normalizedDefinition());
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
