package dev.evoplan.rules;

import dev.evoplan.model.MigrationStatement;
import dev.evoplan.model.QualifiedName;
import dev.evoplan.model.Schema;
import dev.evoplan.model.SourceChange;
import dev.evoplan.model.SourceChangeset;
import java.util.Objects;
import java.util.Set;

/**
 * Everything a rule may look at besides the change itself.
 *
 * @param before the schema just before the change
 * @param newTables tables created earlier in the same set of changes: empty, so anything on them is
 *     safe
 * @param source the source change being judged as written, or null (as planned)
 * @param changeset the changeset it belongs to, or null (as planned)
 * @param statement the statement with its session state when linting a migration as written, or
 *     null (changesets and plans)
 */
public record JudgeContext(
        Mode mode,
        int pgVersion,
        TableStats stats,
        Schema before,
        Set<QualifiedName> newTables,
        SourceChange source,
        SourceChangeset changeset,
        MigrationStatement statement) {
    public static final int DEFAULT_PG_VERSION = 16;

    public JudgeContext {
        Objects.requireNonNull(mode, "mode is null");
        Objects.requireNonNull(stats, "stats is null");
        Objects.requireNonNull(before, "before is null");
        // A growing set's snapshot is immutable already: copying it per statement was quadratic.
        newTables =
                newTables instanceof dev.evoplan.model.GrowingSet.Snapshot<?>
                        ? newTables
                        : Set.copyOf(newTables);
    }

    /** A context without statement state (changesets as written, plans). */
    public JudgeContext(
            Mode mode,
            int pgVersion,
            TableStats stats,
            Schema before,
            Set<QualifiedName> newTables,
            SourceChange source,
            SourceChangeset changeset) {
        this(mode, pgVersion, stats, before, newTables, source, changeset, null);
    }

    /** This context with {@code made} as the relations made earlier in the migration. */
    public JudgeContext withNewTables(Set<QualifiedName> made) {
        return new JudgeContext(mode, pgVersion, stats, before, made, source, changeset, statement);
    }

    public boolean isNew(QualifiedName table) {
        return table != null && newTables.contains(table);
    }

    /**
     * The change runs inside a transaction block: the statement's own state when linting, else its
     * changeset's (Liquibase runs each in one by default).
     */
    public boolean inTransaction() {
        if (statement != null) {
            return statement.inTransaction();
        }
        return changeset == null || changeset.runInTransaction();
    }
}
