package dev.evoplan.source.sql;

import dev.evoplan.model.Identifiers;
import dev.evoplan.model.QualifiedName;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The schemas a session's unqualified names are looked up in, in order, as {@code SET search_path}
 * gives them. {@code pg_catalog} is searched first implicitly and holds nothing the model keeps;
 * {@code "$user"} names no schema of a migration's (a role's own schema is not modelled), so it is
 * left out. An empty path (pg_dump's {@code set_config('search_path', '', false)}) selects no
 * schema: PostgreSQL refuses unqualified names then, and evoplan reads them as public's, as before.
 */
public record SearchPath(List<String> schemas) {
    /** PostgreSQL's default, {@code "$user", public}: every unqualified name is public's. */
    public static final SearchPath DEFAULT = new SearchPath(List.of(QualifiedName.DEFAULT_SCHEMA));

    public SearchPath {
        schemas = List.copyOf(schemas);
    }

    /** Whether unqualified names resolve as without a SET: to public, whatever exists. */
    public boolean isDefault() {
        return schemas.isEmpty() || schemas.equals(DEFAULT.schemas);
    }

    /** The schema a new object with an unqualified name is created in. */
    public String creationSchema() {
        return schemas.isEmpty() ? QualifiedName.DEFAULT_SCHEMA : schemas.get(0);
    }

    /** A new object's name: in the first schema of the path. */
    public QualifiedName created(String name) {
        return new QualifiedName(creationSchema(), name);
    }

    /**
     * A new object's name: in the first schema of the path that {@code exists}, as PostgreSQL skips
     * a schema of the path that does not; the first schema of the path when none is known to.
     */
    public QualifiedName created(String name, Predicate<String> exists) {
        for (String schema : schemas) {
            if (exists.test(schema)) {
                return new QualifiedName(schema, name);
            }
        }
        return created(name);
    }

    /**
     * An existing object's name: in the first schema of the path that {@code holds} one so named;
     * the first schema of the path when none does (a name evoplan has not seen).
     */
    public QualifiedName existing(String name, Predicate<QualifiedName> holds) {
        for (String schema : schemas) {
            QualifiedName candidate = new QualifiedName(schema, name);
            if (holds.test(candidate)) {
                return candidate;
            }
        }
        return created(name);
    }

    /**
     * The path a {@code SET search_path} value (as written after {@code =} or {@code TO}) or a
     * {@code set_config} string names; null when it is not a plain list of schema names (a function
     * call, a parameter), which evoplan cannot follow.
     */
    public static SearchPath parse(String value) {
        String v = value.strip();
        if (v.equalsIgnoreCase("default")) {
            return DEFAULT;
        }
        List<String> schemas = new ArrayList<>();
        if (v.isEmpty() || v.equals("''")) {
            return new SearchPath(schemas);
        }
        for (String part : split(v)) {
            String p = part.strip();
            if (p.isEmpty()) {
                return null;
            }
            String schema;
            if (p.length() >= 2 && p.startsWith("'") && p.endsWith("'")) {
                // A quoted element is one name, or (set_config, SET x = 'a, b') a list of them.
                SearchPath inner = parse(p.substring(1, p.length() - 1).replace("''", "'"));
                if (inner == null) {
                    return null;
                }
                schemas.addAll(inner.schemas);
                continue;
            }
            if (p.equals("$user")) {
                continue;
            }
            if (p.startsWith("\"")) {
                if (p.length() < 2 || !p.endsWith("\"")) {
                    return null;
                }
                schema = p.substring(1, p.length() - 1).replace("\"\"", "\"");
            } else if (p.matches("[A-Za-z_][A-Za-z0-9_$]*")) {
                schema = Identifiers.fold(p);
            } else {
                return null;
            }
            if (schema.equals("$user") || schema.equals("pg_catalog")) {
                continue;
            }
            if (!schemas.contains(schema)) {
                schemas.add(schema);
            }
        }
        return new SearchPath(schemas);
    }

    /** {@code value} split at commas outside quotes. */
    private static List<String> split(String value) {
        List<String> out = new ArrayList<>();
        int start = 0;
        char quote = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == ',') {
                out.add(value.substring(start, i));
                start = i + 1;
            }
        }
        out.add(value.substring(start));
        return out;
    }

    @Override
    public String toString() {
        return schemas.isEmpty()
                ? "(empty)"
                : String.join(", ", schemas.stream().map(Identifiers::quote).toList());
    }
}
