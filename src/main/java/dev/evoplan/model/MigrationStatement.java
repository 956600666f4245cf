package dev.evoplan.model;

import java.util.Objects;

/**
 * One statement of a migration as written, with the session state it runs in: what lint needs
 * beyond the change itself.
 *
 * @param change the statement as a source change (its origin has file, line and column)
 * @param inTransaction it runs inside a transaction block: an explicit BEGIN, or the one the
 *     migration tool wraps the file (or changeset) in
 * @param transaction ordinal, within its migration, of the transaction it commits with; statements
 *     in autocommit each have their own
 * @param lockTimeout the {@code lock_timeout} in force when it runs ({@code 5s}), or null when none
 *     is (never set, reset, or set to 0)
 * @param timeZone the session {@code TimeZone} the migration set before it ({@code UTC}), or null
 *     when it set none (the server's default, which evoplan does not know)
 */
public record MigrationStatement(
        SourceChange change,
        boolean inTransaction,
        int transaction,
        String lockTimeout,
        String timeZone) {
    public MigrationStatement {
        Objects.requireNonNull(change, "change is null");
    }

    /** A statement whose migration set no TimeZone. */
    public MigrationStatement(
            SourceChange change, boolean inTransaction, int transaction, String lockTimeout) {
        this(change, inTransaction, transaction, lockTimeout, null);
    }

    /** The migration set the session TimeZone to UTC (or an alias of it) before this statement. */
    public boolean timeZoneUtc() {
        return timeZone != null
                && java.util.Set.of(
                                "utc",
                                "etc/utc",
                                "zulu",
                                "etc/zulu",
                                "uct",
                                "etc/uct",
                                "universal",
                                "etc/universal",
                                "gmt",
                                "etc/gmt",
                                "gmt0",
                                "etc/gmt0",
                                "greenwich",
                                "z",
                                "+00",
                                "00:00")
                        .contains(timeZone.strip().toLowerCase(java.util.Locale.ROOT));
    }

    public boolean lockTimeoutSet() {
        return lockTimeout != null;
    }
}
