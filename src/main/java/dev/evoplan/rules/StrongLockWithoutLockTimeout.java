package dev.evoplan.rules;

import dev.evoplan.model.MigrationStatement;
import dev.evoplan.rules.RuleInfo.Trait;
import java.util.List;

/**
 * EP302: a statement that takes a lock blocking writes, with no {@code lock_timeout} in force. Even
 * a lock held for milliseconds must first wait for every running query on the table, and while it
 * waits every later query queues behind it: a brief ALTER becomes an outage as long as the slowest
 * query running when it starts. Judged per linted statement, after its own findings.
 */
public final class StrongLockWithoutLockTimeout implements StatementRule {
    /** Its id: lint --fix rewrites its findings (fix.FixKind). */
    public static final String ID = "strong-lock-without-lock-timeout";

    static final RuleInfo INFO =
            new RuleInfo(
                    ID,
                    "EP302",
                    "A statement takes a lock that blocks writes with no lock_timeout set: traffic queues behind its wait",
                    Safety.MULTI_STEP,
                    LockLevel.ACCESS_EXCLUSIVE);

    @Override
    public RuleInfo info() {
        return INFO;
    }

    /**
     * The finding about one statement as written, given the findings on its changes; empty when a
     * lock_timeout is in force or none of its locks blocks writes on a table running code uses.
     */
    @Override
    public List<Finding> checkStatement(
            MigrationStatement statement, List<Finding> perChange, JudgeContext context) {
        if (statement.lockTimeoutSet()) {
            return List.of();
        }
        Finding strongest = null;
        for (Finding f : perChange) {
            if (counts(f, context)
                    && (strongest == null || f.lock().compareTo(strongest.lock()) > 0)) {
                strongest = f;
            }
        }
        if (strongest == null) {
            return List.of();
        }
        LockLevel lock = strongest.lock();
        String on = strongest.table() == null ? "its table" : strongest.table().toString();
        String label =
                strongest.change() == null
                        ? strongest.ruleId()
                        : PlainStatement.label(strongest.change());
        return List.of(
                new Finding(
                        INFO.id(),
                        Safety.MULTI_STEP,
                        lock,
                        strongest.table(),
                        label
                                + " "
                                + LockPhrase.takes(lock, on, "until its transaction ends")
                                + ", and no lock_timeout is set: it"
                                + " waits for every running query on "
                                + on
                                + " for as long as they take, and every query"
                                + " that arrives meanwhile queues behind it",
                        "A long-running query or an idle transaction holding any lock on "
                                + on
                                + " turns even a"
                                + " millisecond catalog update into an outage of "
                                + on
                                + " that lasts until that query ends",
                        "Set a short lock_timeout before it (SET lock_timeout = '5s'; or SET LOCAL inside the transaction)"
                                + " and retry the migration when it times out",
                        null,
                        statement.change().origin(),
                        statement.change().writtenSql(),
                        strongest.change()));
    }

    /** A known lock that blocks writes on a table that existed before this migration. */
    private static boolean counts(Finding f, JudgeContext context) {
        if (!f.lock().blocksWrites()
                || RuleCatalogue.madeWith(f, Trait.GUESSED_LOCK)
                || RuleCatalogue.madeWith(f, Trait.TABLE_NOT_IN_USE)
                || context.isNew(f.table())) {
            return false;
        }
        // Only REFRESH writes a materialized view: building an index on one queues no traffic.
        if (f.change() instanceof dev.evoplan.diff.Change.Maintenance m
                && m.operation()
                        == dev.evoplan.diff.Change.Maintenance.Operation.INDEX_MATERIALIZED_VIEW) {
            return false;
        }
        // A concurrent refresh's EXCLUSIVE lets every read through, and nothing writes to a
        // materialized view.
        return !(RuleCatalogue.madeWith(f, Trait.READ_ONLY_RELATION) && !f.lock().blocksReads());
    }
}
