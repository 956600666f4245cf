package dev.evoplan.render.export;

import java.util.Locale;

/**
 * The files {@code plan --emit DIR --as FORMAT} writes: what a team commits and hands to its
 * migration tool.
 */
public enum ExportFormat {
    /** One Liquibase YAML changelog per part, one changeset per step. */
    LIQUIBASE_YAML,
    /** One Liquibase XML changelog per part, one changeSet per step. */
    LIQUIBASE_XML,
    /** One psql script per part. */
    SQL,
    /** One folder per part, one Flyway versioned migration per step. */
    FLYWAY;

    /** The name on the command line: {@code liquibase-yaml}, {@code sql}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The format named {@code label}, or null. */
    public static ExportFormat byLabel(String label) {
        for (ExportFormat f : values()) {
            if (f.label().equals(label.strip().toLowerCase(Locale.ROOT))) {
                return f;
            }
        }
        return null;
    }
}
