package dev.evoplan.model;

import java.util.Objects;

/**
 * A transaction statement of a migration file that does not do what it says, followed as PostgreSQL
 * runs it.
 *
 * @param origin where the statement is (for {@link Kind#ENDS_IN_OPEN_TRANSACTION}: the BEGIN left
 *     open)
 * @param tool the migration tool whose conventions were applied ({@code plain}, {@code flyway},
 *     ...)
 */
public record TransactionIssue(Kind kind, Origin origin, String tool) {
    /** What PostgreSQL makes of it. */
    public enum Kind {
        /** BEGIN inside a transaction: PostgreSQL warns and ignores it. */
        NESTED_BEGIN,
        /** COMMIT or ROLLBACK with no transaction open: PostgreSQL warns and does nothing. */
        END_WITHOUT_TRANSACTION,
        /**
         * COMMIT or ROLLBACK of the transaction the tool wrapped the file in: the rest runs outside
         * it.
         */
        ENDS_TOOL_TRANSACTION,
        /** The file ends inside a transaction its own BEGIN opened. */
        ENDS_IN_OPEN_TRANSACTION
    }

    public TransactionIssue {
        Objects.requireNonNull(kind, "kind is null");
        Objects.requireNonNull(origin, "origin is null");
        Objects.requireNonNull(tool, "tool is null");
    }
}
