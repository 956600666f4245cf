package dev.evoplan.model;

import java.util.List;
import java.util.Objects;

/**
 * One migration as its tool runs it (a SQL migration file, a Liquibase changelog file): its
 * statements in order with their session state, and the suppressions written in it.
 *
 * @param file the path as the user named it
 * @param tool the migration tool whose conventions were applied ({@code flyway}, {@code
 *     golang-migrate}, {@code liquibase}, {@code plain}, ...)
 * @param notes things said about the input that are not findings (a skipped psql meta-command),
 *     each {@code file:line:column: text}
 * @param mixedTransaction for a tool that runs a file in one transaction or none (Flyway): the file
 *     holds statements of both kinds, so the tool refuses it; else null
 * @param transactionIssues transaction statements that do not do what they say (a nested BEGIN, a
 *     COMMIT with none open, a file ending in an open transaction)
 */
public record Migration(
        String file,
        String tool,
        List<MigrationStatement> statements,
        List<Suppression> suppressions,
        List<String> notes,
        MixedTransaction mixedTransaction,
        List<TransactionIssue> transactionIssues) {
    /** The tool of a Liquibase changelog, whose changesets are each a migration of their own. */
    public static final String LIQUIBASE = "liquibase";

    public Migration {
        Objects.requireNonNull(file, "file is null");
        Objects.requireNonNull(tool, "tool is null");
        statements = List.copyOf(statements);
        suppressions = List.copyOf(suppressions);
        notes = List.copyOf(notes);
        transactionIssues = transactionIssues == null ? List.of() : List.copyOf(transactionIssues);
    }

    /** A migration whose transaction statements are all what they say. */
    public Migration(
            String file,
            String tool,
            List<MigrationStatement> statements,
            List<Suppression> suppressions,
            List<String> notes,
            MixedTransaction mixedTransaction) {
        this(file, tool, statements, suppressions, notes, mixedTransaction, List.of());
    }

    /** A migration the tool runs as it is. */
    public Migration(
            String file,
            String tool,
            List<MigrationStatement> statements,
            List<Suppression> suppressions,
            List<String> notes) {
        this(file, tool, statements, suppressions, notes, null, List.of());
    }

    /**
     * A Liquibase changelog: each changeset is a migration (it may have shipped long before the
     * next).
     */
    public boolean isChangelog() {
        return tool.equals(LIQUIBASE);
    }
}
