package dev.evoplan.rules;

import dev.evoplan.diff.Change;
import dev.evoplan.model.QualifiedName;
import java.util.List;
import java.util.Locale;

/**
 * EP216: CREATE INDEX, DROP INDEX, REINDEX and DETACH PARTITION written CONCURRENTLY refuse to run
 * inside a transaction block, so the migration fails at that statement. The failure is the finding:
 * the concurrent build it would have been is not judged as well.
 */
public final class ConcurrentlyInTransaction implements ChangeRule {
    static final RuleInfo INFO =
            new RuleInfo(
                    "concurrently-in-transaction",
                    "EP216",
                    "A CONCURRENTLY statement inside a transaction block fails: it cannot run in one",
                    Safety.DOWNTIME,
                    LockLevel.NONE);

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public boolean appliesTo(Change.Kind kind) {
        return kind == Change.Kind.CREATE_INDEX
                || kind == Change.Kind.DROP_INDEX
                || kind == Change.Kind.MAINTENANCE
                || kind == Change.Kind.OPAQUE;
    }

    @Override
    public List<Finding> check(Change change, JudgeContext context) {
        if (!fails(change, context)) {
            return List.of();
        }
        String statement = statement(change, context);
        QualifiedName table =
                change.table() != null
                        ? change.table()
                        : context.source() != null && context.source().table() != null
                                ? context.source().table()
                                : WrittenSql.alteredTable(context);
        String where =
                context.statement() != null
                        ? "runs inside a transaction block (an explicit BEGIN, or the transaction its migration tool"
                                + " wraps the file in)"
                        : "runs inside its changeset's transaction (runInTransaction is true)";
        return FindingBuilder.of(INFO, change, context)
                .table(table)
                .what(
                        statement
                                + " "
                                + where
                                + ": PostgreSQL refuses it (\""
                                + command(statement)
                                + " cannot run inside a transaction block\"), so it takes no table lock and does nothing")
                .why(
                        "The migration fails at this statement and everything before it in the transaction is rolled"
                                + " back; the deploy stops half done, and retrying it fails the same way")
                .fix(
                        "Run it on its own, outside a transaction: a migration of its own that the tool runs without"
                                + " one (Liquibase runInTransaction: false, Flyway executeInTransaction=false, no BEGIN"
                                + " around it), with a short lock_timeout")
                .list();
    }

    /**
     * As written, known to run inside a transaction (a linted statement's state, or its
     * changeset's), a statement that says CONCURRENTLY where PostgreSQL forbids it there.
     */
    static boolean fails(Change change, JudgeContext context) {
        if (context.mode() != Mode.AS_WRITTEN || context.source() == null) {
            return false;
        }
        if (!knownInTransaction(context)) {
            return false;
        }
        if (change instanceof Change.CreateIndex || change instanceof Change.DropIndex) {
            return WrittenSql.concurrently(context);
        }
        if (change instanceof Change.Maintenance m) {
            return m.concurrently() && m.operation() == Change.Maintenance.Operation.REINDEX;
        }
        return change instanceof Change.Opaque && WrittenSql.concurrentStatement(context) != null;
    }

    /**
     * The change is known to run inside a transaction block: a linted statement's own state, or its
     * changeset's. Without either the transaction is a guess, and no failure is claimed on a guess.
     */
    static boolean knownInTransaction(JudgeContext context) {
        return (context.statement() != null || context.changeset() != null)
                && context.inTransaction();
    }

    /** The command as PostgreSQL's error names it. */
    private static String command(String statement) {
        String upper = statement.toUpperCase(Locale.ROOT);
        if (upper.startsWith("DETACH")) {
            return "ALTER TABLE ... DETACH CONCURRENTLY";
        }
        if (upper.startsWith("CREATE")) {
            return "CREATE INDEX CONCURRENTLY";
        }
        return upper.startsWith("DROP") ? "DROP INDEX CONCURRENTLY" : "REINDEX CONCURRENTLY";
    }

    private static String statement(Change change, JudgeContext context) {
        if (change instanceof Change.CreateIndex c) {
            return "CREATE "
                    + (c.index().unique() ? "UNIQUE " : "")
                    + "INDEX CONCURRENTLY "
                    + c.index().name()
                    + " on "
                    + c.index().table();
        }
        if (change instanceof Change.DropIndex d) {
            return "DROP INDEX CONCURRENTLY " + d.index().name() + " on " + d.index().table();
        }
        if (change instanceof Change.Maintenance) {
            return change.summary();
        }
        return WrittenSql.concurrentStatement(context);
    }
}
