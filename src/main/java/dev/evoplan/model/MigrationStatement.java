package dev.evoplan.model;

import java.util.Objects;

/**
 * One statement of a migration as written, with the session state it runs in: what lint needs
 * beyond the change itself.
 *
 * @param change the statement as a source change (its origin has file, line and column)
 * @param inTransaction it runs inside a transaction block: an explicit BEGIN, or the one the
 *                      migration tool wraps the file (or changeset) in
 * @param transaction ordinal, within its migration, of the transaction it commits with;
 *                    statements in autocommit each have their own
 * @param lockTimeout the {@code lock_timeout} in force when it runs ({@code 5s}), or null when
 *                    none is (never set, reset, or set to 0)
 */
public record MigrationStatement(SourceChange change, boolean inTransaction, int transaction, String lockTimeout) {
    public MigrationStatement {
        Objects.requireNonNull(change, "change is null");
    }

    public boolean lockTimeoutSet() {
        return lockTimeout != null;
    }
}
