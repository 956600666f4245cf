package dev.evoplan.rules;

import dev.evoplan.model.QualifiedName;
import dev.evoplan.model.SourceChange;
import dev.evoplan.model.SourceChangeset;
import dev.evoplan.rules.RuleInfo.Trait;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * EP301: a changeset that runs in one transaction keeps every lock it took until it commits. A
 * brief ACCESS EXCLUSIVE followed by an index build on another table is an outage of the first
 * table for the whole build; several strong locks on different tables queue traffic behind each
 * other's waits.
 */
public final class ChangesetHoldsLockUntilCommit implements TransactionRule {
    static final RuleInfo INFO =
            new RuleInfo(
                    "changeset-holds-lock-until-commit",
                    "EP301",
                    "A transactional changeset holds every lock it takes until it commits",
                    Safety.MULTI_STEP,
                    LockLevel.ACCESS_EXCLUSIVE);

    /**
     * The identity the linter gives one transaction block of a SQL migration: {@code V3__x.sql
     * (transaction 2)}.
     */
    private static final Pattern TRANSACTION_BLOCK =
            Pattern.compile("^(.*) \\(transaction (\\d+)\\)$");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    /**
     * The finding about one changeset as written, given the findings on its changes in the order
     * they run; empty when it does not run in a transaction or holds nothing worth reporting.
     */
    @Override
    public List<Finding> checkChangeset(
            SourceChangeset changeset, List<Finding> perChange, JudgeContext context) {
        if (!changeset.runInTransaction()) {
            return List.of();
        }
        // Strong locks taken so far, first taker per table: they stay until commit.
        Map<QualifiedName, Finding> held = new LinkedHashMap<>();
        Finding heldDuringLong = null;
        Finding longOne = null;
        for (Finding f : perChange) {
            if (longOne == null && isLong(f)) {
                for (Finding h : held.values()) {
                    if (h.change() != f.change() && extendsBlocking(h, f)) {
                        heldDuringLong = h;
                        longOne = f;
                        break;
                    }
                }
            }
            if (isStrong(f, context)) {
                Finding before = held.get(f.table());
                if (before == null || f.lock().compareTo(before.lock()) > 0) {
                    held.put(f.table(), f);
                }
            }
        }
        Matcher block = TRANSACTION_BLOCK.matcher(changeset.identity());
        boolean sql = block.matches();
        // A changeset is named and said to run in one transaction; a SQL file's transaction block
        // is one.
        String name =
                sql
                        ? "Transaction " + block.group(2) + " of " + block.group(1)
                        : "Changeset " + changeset.shownIdentity() + " runs in one transaction";
        String unit = sql ? "transaction" : "changeset";
        if (longOne != null) {
            return List.of(
                    new Finding(
                            INFO.id(),
                            Safety.DOWNTIME,
                            heldDuringLong.lock(),
                            heldDuringLong.table(),
                            name
                                    + ": "
                                    + label(heldDuringLong)
                                    + " "
                                    + LockPhrase.takes(
                                            heldDuringLong.lock(),
                                            heldDuringLong.table().toString(),
                                            "until commit")
                                    + ", and the later "
                                    + label(longOne)
                                    + " "
                                    + longPart(longOne)
                                    + " while it is held",
                            "Locks are released only at commit, so the brief lock on "
                                    + heldDuringLong.table()
                                    + " lasts as long as the slowest statement after it",
                            "Split the "
                                    + unit
                                    + ": give the statement that scans or rewrites its own "
                                    + unit
                                    + (sql ? " (COMMIT before it)" : "")
                                    + " (or stage it concurrently / NOT VALID), so that no"
                                    + " strong lock waits for it",
                            null,
                            changeset.origin(),
                            writtenSql(changeset),
                            null));
        }
        if (held.size() >= 2) {
            List<Finding> locks = new ArrayList<>(held.values());
            LockLevel strongest =
                    locks.stream().map(Finding::lock).reduce(LockLevel.NONE, LockLevel::strongest);
            List<String> each =
                    locks.stream()
                            .map(
                                    h ->
                                            h.lock().sqlName()
                                                    + " on "
                                                    + h.table()
                                                    + " ("
                                                    + label(h)
                                                    + ")")
                            .toList();
            return List.of(
                    new Finding(
                            INFO.id(),
                            Safety.MULTI_STEP,
                            strongest,
                            locks.get(0).table(),
                            name
                                    + (sql ? " holds " : " and holds ")
                                    + String.join(", ", each)
                                    + " until commit; each statement waits for its lock while holding the earlier ones",
                            "Traffic on "
                                    + locks.get(0).table()
                                    + " queues behind the wait for the lock on "
                                    + locks.get(1).table()
                                    + ", and taking locks on several tables in one transaction"
                                    + " invites deadlocks with the application",
                            "Split the "
                                    + unit
                                    + " so that each statement taking a strong lock commits on its own, each"
                                    + " with a short lock_timeout",
                            null,
                            changeset.origin(),
                            writtenSql(changeset),
                            null));
        }
        return List.of();
    }

    /** A lock that blocks writes on a table running code uses. */
    private static boolean isStrong(Finding f, JudgeContext context) {
        return f.table() != null
                && f.lock().blocksWrites()
                && !context.isNew(f.table())
                && !RuleCatalogue.madeWith(f, Trait.TABLE_NOT_IN_USE);
    }

    /**
     * A statement that takes long on a table that is not small: a scan, a rewrite, a whole-table
     * update.
     */
    private static boolean isLong(Finding f) {
        if (f.safety() == Safety.DOWNTIME && RuleCatalogue.madeWith(f, Trait.SCANS_OR_REWRITES)) {
            return true;
        }
        // VALIDATE reads the whole table: safe alone under SHARE UPDATE EXCLUSIVE, but a NOT VALID
        // ADD earlier in the same transaction keeps its stronger lock through the whole scan.
        if (RuleCatalogue.madeWith(f, Trait.VALIDATION_READS_ROWS)
                && f.change() != null
                && (f.change().kind() == dev.evoplan.diff.Change.Kind.VALIDATE_CHECK
                        || f.change().kind()
                                == dev.evoplan.diff.Change.Kind.VALIDATE_FOREIGN_KEY)) {
            return true;
        }
        return RuleCatalogue.madeWith(f, Trait.UPDATES_ROWS) && f.safety() == Safety.MULTI_STEP;
    }

    /**
     * Holding {@code held} during {@code later} blocks more than {@code later} already does:
     * another table, or reads on the same table that the later lock alone would let through.
     */
    private static boolean extendsBlocking(Finding held, Finding later) {
        if (!held.table().equals(later.table())) {
            return true;
        }
        return (held.lock().blocksReads() && !later.lock().blocksReads())
                || (held.lock().blocksWrites() && !later.lock().blocksWrites());
    }

    private static String label(Finding f) {
        return f.change() == null ? f.ruleId() : PlainStatement.label(f.change());
    }

    private static String longPart(Finding f) {
        String on = f.table() == null ? "its table" : f.table().toString();
        if (RuleCatalogue.madeWith(f, Trait.UPDATES_ROWS)) {
            return "updates rows of " + on + " in one statement";
        }
        if (RuleCatalogue.madeWith(f, Trait.VALIDATION_READS_ROWS)) {
            return "reads every row of " + on;
        }
        return "scans or rewrites " + on;
    }

    private static List<String> writtenSql(SourceChangeset changeset) {
        List<String> all = new ArrayList<>();
        for (SourceChange c : changeset.changes()) {
            all.addAll(c.writtenSql());
        }
        return all;
    }
}
