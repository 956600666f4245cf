package dev.evoplan.rules;

import dev.evoplan.model.QualifiedName;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the source's own SQL says where the model cannot (the model has no "concurrently"):
 * read only as written, never as planned.
 */
final class WrittenSql {
    private static final Pattern CONCURRENTLY = Pattern.compile("\\bCONCURRENTLY\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern USING_INDEX = Pattern.compile("\\bUSING\\s+INDEX\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern UPDATE = Pattern.compile("^\\s*UPDATE\\b", Pattern.CASE_INSENSITIVE);
    /**
     * The statements PostgreSQL refuses inside a transaction block because they are written
     * CONCURRENTLY (REFRESH MATERIALIZED VIEW CONCURRENTLY is not among them: it may run in one).
     */
    private static final Pattern CONCURRENT_STATEMENT = Pattern.compile(
            "\\b(?:CREATE\\s+(?:UNIQUE\\s+)?INDEX|DROP\\s+INDEX"
                    + "|REINDEX(?:\\s*\\([^)]*\\))?\\s+(?:INDEX|TABLE|SCHEMA|DATABASE|SYSTEM))\\s+CONCURRENTLY\\b"
                    + "|\\bDETACH\\s+PARTITION\\s+\\S+\\s+CONCURRENTLY\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern ALTER_TABLE = Pattern.compile(
            "^\\s*ALTER\\s+TABLE\\s+(?:IF\\s+EXISTS\\s+)?(?:ONLY\\s+)?(\"(?:[^\"]|\"\")+\"(?:\\.\"(?:[^\"]|\"\")+\")?|[\\w.$\"]+)",
            Pattern.CASE_INSENSITIVE);

    private WrittenSql() {}

    /** The source writes {@code CONCURRENTLY} (a SQL migration; Liquibase's createIndex never does). */
    static boolean concurrently(JudgeContext context) {
        return matches(context, CONCURRENTLY);
    }

    /** The source attaches an existing index ({@code ... USING INDEX idx}) instead of building one. */
    static boolean usingIndex(JudgeContext context) {
        return matches(context, USING_INDEX);
    }

    /** The source attaches the existing index {@code name} ({@code ... USING INDEX name}) to a constraint. */
    static boolean usingIndexNamed(JudgeContext context, String name) {
        return matches(context, Pattern.compile("\\bUSING\\s+INDEX\\s+\"?" + Pattern.quote(name) + "\"?(?![\\w$])",
                Pattern.CASE_INSENSITIVE));
    }

    /** The source runs an UPDATE first (Liquibase addNotNullConstraint with defaultNullValue). */
    static boolean updatesFirst(JudgeContext context) {
        return matches(context, UPDATE);
    }

    /**
     * The part of the source's SQL that runs a statement PostgreSQL refuses inside a transaction
     * block because it says CONCURRENTLY ({@code DETACH PARTITION p CONCURRENTLY}), or null.
     */
    static String concurrentStatement(JudgeContext context) {
        if (context.mode() != Mode.AS_WRITTEN || context.source() == null) {
            return null;
        }
        for (String sql : context.source().writtenSql()) {
            Matcher m = CONCURRENT_STATEMENT.matcher(sql);
            if (m.find()) {
                return m.group().replaceAll("\\s+", " ");
            }
        }
        return null;
    }

    /** The table an {@code ALTER TABLE} in the source's SQL names, or null. */
    static QualifiedName alteredTable(JudgeContext context) {
        if (context.source() == null) {
            return null;
        }
        for (String sql : context.source().writtenSql()) {
            Matcher m = ALTER_TABLE.matcher(sql);
            if (m.find()) {
                return QualifiedName.parse(m.group(1));
            }
        }
        return null;
    }

    private static boolean matches(JudgeContext context, Pattern pattern) {
        if (context.mode() != Mode.AS_WRITTEN || context.source() == null) {
            return false;
        }
        return context.source().writtenSql().stream().anyMatch(sql -> pattern.matcher(sql).find());
    }
}
