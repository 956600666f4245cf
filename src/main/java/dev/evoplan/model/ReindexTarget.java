package dev.evoplan.model;

import java.util.Locale;

/** What a REINDEX rebuilds, as its parse names it: {@code REINDEX [(options)] TARGET name}. */
public enum ReindexTarget {
    INDEX,
    TABLE,
    SCHEMA,
    DATABASE,
    SYSTEM;

    /** The target spelled {@code word} (any case), or null. */
    public static ReindexTarget of(String word) {
        if (word == null) {
            return null;
        }
        for (ReindexTarget t : values()) {
            if (t.name().equals(word.toUpperCase(Locale.ROOT))) {
                return t;
            }
        }
        return null;
    }

    /**
     * SCHEMA, DATABASE and SYSTEM rebuild many tables, committing per table, so PostgreSQL refuses
     * them inside a transaction block.
     */
    public boolean manyTables() {
        return this == SCHEMA || this == DATABASE || this == SYSTEM;
    }

    /** REINDEX SYSTEM has no CONCURRENTLY form (system catalogs cannot be reindexed so). */
    public boolean hasConcurrentForm() {
        return this != SYSTEM;
    }
}
