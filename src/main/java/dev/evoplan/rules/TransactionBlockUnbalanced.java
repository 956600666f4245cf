package dev.evoplan.rules;

import dev.evoplan.model.Migration;
import dev.evoplan.model.TransactionIssue;
import java.util.List;

/**
 * EP303: a migration file's BEGIN, COMMIT or ROLLBACK that does not do what it says, followed as
 * PostgreSQL runs it: a BEGIN inside a transaction (a warning, ignored), a COMMIT with none open (a
 * warning), a COMMIT that ends the transaction the tool wrapped the file in, and a file that ends
 * inside the transaction its own BEGIN opened. The reader finds them; {@link Judge#judgeFile}
 * reports each with {@link #of}.
 */
public final class TransactionBlockUnbalanced implements FileRule {
    static final RuleInfo INFO =
            new RuleInfo(
                    "transaction-block-unbalanced",
                    "EP303",
                    "A BEGIN or COMMIT that does not do what it says: nested, with no transaction open, or never closed",
                    Safety.NEEDS_REVIEW,
                    LockLevel.NONE);

    @Override
    public RuleInfo info() {
        return INFO;
    }

    /**
     * One finding per BEGIN, COMMIT or ROLLBACK of the file that does not do what it says, in file
     * order.
     */
    @Override
    public List<Finding> checkFile(Migration migration) {
        return migration.transactionIssues().stream().map(TransactionBlockUnbalanced::of).toList();
    }

    /** The finding for one transaction statement that does not do what it says. */
    public static Finding of(TransactionIssue issue) {
        return switch (issue.kind()) {
            case NESTED_BEGIN ->
                    finding(
                            issue,
                            Safety.SAFE,
                            "BEGIN inside a transaction that is already open ("
                                    + opener(issue.tool())
                                    + "): PostgreSQL warns"
                                    + " \"there is already a transaction in progress\" and ignores it",
                            "Nothing changes, but the COMMIT that was meant to close this BEGIN closes the outer transaction"
                                    + " instead",
                            "Leave BEGIN and COMMIT out of the file and let the tool's transaction hold it, or run the file"
                                    + " without one");
            case END_WITHOUT_TRANSACTION ->
                    finding(
                            issue,
                            Safety.SAFE,
                            "COMMIT or ROLLBACK with no transaction open: PostgreSQL warns \"there is no transaction in"
                                    + " progress\" and does nothing; the statements before it have each committed on their own",
                            "The author expected a transaction that was not there: a failure halfway leaves the statements"
                                    + " before it applied",
                            "Open the transaction with BEGIN where it should start, or remove the stray COMMIT");
            case ENDS_TOOL_TRANSACTION ->
                    finding(
                            issue,
                            Safety.NEEDS_REVIEW,
                            "COMMIT or ROLLBACK ends the transaction "
                                    + opener(issue.tool())
                                    + ": the statements after it are"
                                    + " no longer part of it (judged here in a transaction of their own, as a JDBC runner"
                                    + " with autocommit off runs them; psql runs them in autocommit)",
                            "If a statement after it fails, what came before is committed (or, with ROLLBACK, undone) while"
                                    + " the tool records the whole migration as failed; running it again repeats the first part",
                            "Leave COMMIT out and let the tool commit the file, or split the file where the COMMIT is into two"
                                    + " migrations");
            case ENDS_IN_OPEN_TRANSACTION ->
                    finding(
                            issue,
                            Safety.NEEDS_REVIEW,
                            "The file ends inside the transaction this BEGIN opened, with no COMMIT: run by psql -f (or any"
                                    + " runner that closes its connection) PostgreSQL rolls it back and every statement after"
                                    + " the BEGIN is lost while the run reports success; a runner that keeps the session"
                                    + " (a pool, the next migration) commits it with whatever runs next, holding every lock"
                                    + " until then",
                            "Whether the migration takes effect depends on how it is run, not on what it says",
                            "End the file with COMMIT");
        };
    }

    private static String opener(String tool) {
        return tool.equals("plain")
                ? "the one the runner wraps the file in (--assume-in-transaction)"
                : "the one " + tool + " wraps the file in";
    }

    private static Finding finding(
            TransactionIssue issue, Safety safety, String what, String why, String fix) {
        return new Finding(
                INFO.id(),
                safety,
                LockLevel.NONE,
                null,
                what,
                why,
                fix,
                null,
                issue.origin(),
                List.of(),
                null);
    }
}
