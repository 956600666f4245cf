package dev.evoplan.rules;

import dev.evoplan.model.QualifiedName;
import dev.evoplan.model.WrittenFacts;

/**
 * What the source's own statement says where the model cannot (the model has no "concurrently"):
 * the facts its parser read ({@link WrittenFacts}), read only as written, never as planned. Nothing
 * here searches SQL text: a CONCURRENTLY in a comment, a string or a WHERE is not one.
 */
final class WrittenSql {
    private WrittenSql() {}

    /**
     * The source writes {@code CONCURRENTLY} (a SQL migration; Liquibase's createIndex never does).
     */
    static boolean concurrently(JudgeContext context) {
        return written(context).concurrently();
    }

    /**
     * The source attaches an existing index ({@code ... USING INDEX idx}) instead of building one.
     */
    static boolean usingIndex(JudgeContext context) {
        return !written(context).attachedIndexes().isEmpty();
    }

    /**
     * The source attaches the existing index {@code name} ({@code ... USING INDEX name}) to a
     * constraint.
     */
    static boolean usingIndexNamed(JudgeContext context, String name) {
        return written(context).attachedIndexes().contains(name);
    }

    /** The source runs an UPDATE first (Liquibase addNotNullConstraint with defaultNullValue). */
    static boolean updatesFirst(JudgeContext context) {
        return written(context).updatesFirst();
    }

    /**
     * The statement PostgreSQL refuses inside a transaction block because it says CONCURRENTLY
     * ({@code DETACH PARTITION p CONCURRENTLY}), or null.
     */
    static String concurrentStatement(JudgeContext context) {
        return written(context).refusedInTransaction();
    }

    /** The table an {@code ALTER TABLE} of the source names, or null. */
    static QualifiedName alteredTable(JudgeContext context) {
        return context.source() == null ? null : context.source().written().alteredTable();
    }

    private static WrittenFacts written(JudgeContext context) {
        if (context.mode() != Mode.AS_WRITTEN || context.source() == null) {
            return WrittenFacts.NONE;
        }
        return context.source().written();
    }
}
