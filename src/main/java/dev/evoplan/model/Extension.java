package dev.evoplan.model;

import java.util.Objects;

/**
 * An installed extension ({@code CREATE EXTENSION}): database-wide, so named without a schema.
 *
 * @param name the extension's name, folded
 * @param schema the schema its objects go to, or null when not written (PostgreSQL's choice: the
 *     extension's own or the first of search_path); compared only when both sides name one
 * @param version the version installed ({@code VERSION '1.6'}), or null when not written (the
 *     extension's default version); compared only when both sides name one
 */
public record Extension(String name, String schema, String version) {
    /** PL/pgSQL is installed in every database: no source has to create it, no diff reports it. */
    public static final String BUILT_IN = "plpgsql";

    public Extension {
        Objects.requireNonNull(name, "name is null");
    }

    /** An extension at its default version. */
    public Extension(String name, String schema) {
        this(name, schema, null);
    }

    /** The key a schema holds it by: extensions have no schema of their own. */
    public QualifiedName key() {
        return key(name);
    }

    /** The key of the extension named {@code name}. */
    public static QualifiedName key(String name) {
        return new QualifiedName("", name);
    }

    /**
     * Whether both are the same extension where it matters: the name, and the schema when both name
     * one.
     */
    public boolean sameAs(Extension other) {
        return name.equals(other.name)
                && (schema == null || other.schema == null || schema.equals(other.schema))
                && sameVersion(other);
    }

    /** Whether both are at the same version, or either is at whatever version was the default. */
    public boolean sameVersion(Extension other) {
        return version == null || other.version == null || version.equals(other.version);
    }

    /** {@code ALTER EXTENSION name UPDATE TO 'version'}: the other side's version scripts run. */
    public String updateSql() {
        return "ALTER EXTENSION "
                + Identifiers.quote(name)
                + " UPDATE"
                + (version == null ? "" : " TO " + Identifiers.literal(version));
    }

    /** {@code CREATE EXTENSION IF NOT EXISTS name [SCHEMA s]}. */
    public String createSql() {
        return "CREATE EXTENSION IF NOT EXISTS "
                + Identifiers.quote(name)
                + (schema == null ? "" : " SCHEMA " + Identifiers.quote(schema))
                + (version == null ? "" : " VERSION " + Identifiers.literal(version));
    }
}
