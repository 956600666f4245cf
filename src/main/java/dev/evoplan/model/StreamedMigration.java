package dev.evoplan.model;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;

/**
 * One migration handed over while it is read: what is known of the whole file before its first
 * statement is folded, and its statements one at a time. Lint judges each statement as it comes and
 * keeps only the findings, so a file of a million statements never has all its schema states alive
 * at once (a statement's states are about 1 KiB beyond what it shares with its neighbours).
 *
 * @param outline the migration with its statement list left empty: file, tool, suppressions, notes
 *     and transaction facts, all known from the parsed file before folding
 * @param statements the statements in order, each folded when it is taken; they can be taken once
 */
public record StreamedMigration(Migration outline, Iterator<MigrationStatement> statements) {
    public StreamedMigration {
        Objects.requireNonNull(outline, "outline is null");
        Objects.requireNonNull(statements, "statements is null");
        if (!outline.statements().isEmpty()) {
            throw new IllegalArgumentException(
                    "the outline of a streamed migration has no statements");
        }
    }

    /** A migration already read whole, handed over the same way. */
    public static StreamedMigration of(Migration read) {
        return new StreamedMigration(outlineOf(read), read.statements().iterator());
    }

    /** The migration's file as the user named it. */
    public String file() {
        return outline.file();
    }

    /** Takes every statement that is left and returns the migration whole. */
    public Migration whole() {
        List<MigrationStatement> all = new ArrayList<>();
        statements.forEachRemaining(all::add);
        return new Migration(
                outline.file(),
                outline.tool(),
                all,
                outline.suppressions(),
                outline.notes(),
                outline.mixedTransaction(),
                outline.transactionIssues());
    }

    private static Migration outlineOf(Migration m) {
        return new Migration(
                m.file(),
                m.tool(),
                List.of(),
                m.suppressions(),
                m.notes(),
                m.mixedTransaction(),
                m.transactionIssues());
    }
}
