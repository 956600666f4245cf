package dev.evoplan.rules;

import java.util.regex.Pattern;

/**
 * What the source's own SQL says where the model cannot (the model has no "concurrently"):
 * read only as written, never as planned.
 */
final class WrittenSql {
    private static final Pattern CONCURRENTLY = Pattern.compile("\\bCONCURRENTLY\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern USING_INDEX = Pattern.compile("\\bUSING\\s+INDEX\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern UPDATE = Pattern.compile("^\\s*UPDATE\\b", Pattern.CASE_INSENSITIVE);

    private WrittenSql() {}

    /** The source writes {@code CONCURRENTLY} (a SQL migration; Liquibase's createIndex never does). */
    static boolean concurrently(JudgeContext context) {
        return matches(context, CONCURRENTLY);
    }

    /** The source attaches an existing index ({@code ... USING INDEX idx}) instead of building one. */
    static boolean usingIndex(JudgeContext context) {
        return matches(context, USING_INDEX);
    }

    /** The source runs an UPDATE first (Liquibase addNotNullConstraint with defaultNullValue). */
    static boolean updatesFirst(JudgeContext context) {
        return matches(context, UPDATE);
    }

    private static boolean matches(JudgeContext context, Pattern pattern) {
        if (context.mode() != Mode.AS_WRITTEN || context.source() == null) {
            return false;
        }
        return context.source().writtenSql().stream().anyMatch(sql -> pattern.matcher(sql).find());
    }
}
