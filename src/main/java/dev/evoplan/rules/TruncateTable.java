package dev.evoplan.rules;

import dev.evoplan.diff.Change;
import java.util.List;
import java.util.Locale;

/**
 * EP220: TRUNCATE throws away every row of an existing table at once, under an ACCESS EXCLUSIVE
 * lock that is brief but must wait for every running query on the table first.
 */
public final class TruncateTable implements ChangeRule {
    static final RuleInfo INFO =
            new RuleInfo(
                    "truncate-table",
                    "EP220",
                    "TRUNCATE deletes every row at once under an ACCESS EXCLUSIVE lock",
                    Safety.MULTI_STEP,
                    LockLevel.ACCESS_EXCLUSIVE);

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public boolean appliesTo(Change.Kind kind) {
        return kind == Change.Kind.DATA_CHANGE;
    }

    @Override
    public List<Finding> check(Change change, JudgeContext context) {
        if (!(change instanceof Change.DataChange data) || !isTruncate(data)) {
            return List.of();
        }
        String on = data.table() == null ? "its table" : data.table().toString();
        return FindingBuilder.of(INFO, change, context)
                .what(
                        "TRUNCATE ("
                                + data.description()
                                + ") deletes every row of "
                                + on
                                + " and "
                                + LockPhrase.takes(LockLevel.ACCESS_EXCLUSIVE, on, "until commit")
                                + "; to take it, it waits for every running query on "
                                + on)
                .why(
                        "The rows are gone for good (no WHERE, no undo after commit, and ON DELETE triggers do not"
                                + " run); while the lock waits, every query on "
                                + on
                                + " queues behind it")
                .fix(
                        "Make sure no running code still reads or writes those rows, and run it with a short"
                                + " lock_timeout; on a live table delete in batches instead, or fill a new table and swap"
                                + " the names in one brief transaction")
                .list();
    }

    static boolean isTruncate(Change.DataChange data) {
        return data.operation().toLowerCase(Locale.ROOT).equals("truncate");
    }
}
