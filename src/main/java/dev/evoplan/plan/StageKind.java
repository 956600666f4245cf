package dev.evoplan.plan;

/** The phases of a staged migration, in the order they run. */
public enum StageKind {
    /** Add what is new, in ways that keep old and new application code working. */
    EXPAND,
    /** Fill new columns in small committed batches. */
    BACKFILL,
    /** Make constraints trusted ({@code VALIDATE}) without blocking writes. */
    VALIDATE,
    /** Deploy the application that reads the new shape. */
    MIGRATE_READS,
    /** Remove what is no longer used. */
    CONTRACT;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
