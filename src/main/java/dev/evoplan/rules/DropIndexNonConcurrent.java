package dev.evoplan.rules;

import dev.evoplan.diff.Change;
import dev.evoplan.model.Index;
import java.util.List;

/**
 * EP102: a plain DROP INDEX is quick but takes ACCESS EXCLUSIVE on the table, so it queues behind
 * every running query and everything queues behind it. CONCURRENTLY takes only SHARE UPDATE
 * EXCLUSIVE.
 */
public final class DropIndexNonConcurrent implements ChangeRule {
    /** Its id: lint --fix rewrites its findings (fix.FixKind). */
    public static final String ID = "drop-index-non-concurrent";

    static final RuleInfo INFO =
            new RuleInfo(
                    ID,
                    "EP102",
                    "DROP INDEX without CONCURRENTLY takes an ACCESS EXCLUSIVE lock on the table",
                    Safety.MULTI_STEP,
                    LockLevel.ACCESS_EXCLUSIVE);

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public boolean appliesTo(Change.Kind kind) {
        return kind == Change.Kind.DROP_INDEX;
    }

    @Override
    public List<Finding> check(Change change, JudgeContext context) {
        if (!(change instanceof Change.DropIndex drop)) {
            return List.of();
        }
        // Written CONCURRENTLY inside a transaction it fails before it locks anything:
        // concurrently-in-transaction says so.
        if (ConcurrentlyInTransaction.fails(change, context)) {
            return List.of();
        }
        Index index = drop.index();
        // ADD CONSTRAINT ... USING INDEX: the model loses the index to the constraint, PostgreSQL
        // drops nothing.
        if (WrittenSql.usingIndexNamed(context, index.name())) {
            return FindingBuilder.of(INFO, change, context)
                    .safety(Safety.SAFE)
                    .what(
                            "Index "
                                    + index.name()
                                    + " on "
                                    + index.table()
                                    + " is not dropped: USING INDEX makes it"
                                    + " the constraint's index, in the same statement that "
                                    + LockPhrase.takes(
                                            LockLevel.ACCESS_EXCLUSIVE,
                                            index.table().toString(),
                                            LockPhrase.BRIEF))
                    .why(
                            "No index is removed, so no query loses it; the statement's lock is judged with the"
                                    + " constraint it adds")
                    .fix("Nothing to stage for the index")
                    .list();
        }
        if (context.mode() == Mode.AS_PLANNED || WrittenSql.concurrently(context)) {
            String how = context.mode() == Mode.AS_PLANNED ? "As planned, " : "As written, ";
            return FindingBuilder.of(INFO, change, context)
                    .safety(Safety.SAFE)
                    .lock(LockLevel.SHARE_UPDATE_EXCLUSIVE)
                    .what(
                            how
                                    + "DROP INDEX CONCURRENTLY "
                                    + index.name()
                                    + " on "
                                    + index.table()
                                    + " "
                                    + LockPhrase.takes(
                                            LockLevel.SHARE_UPDATE_EXCLUSIVE,
                                            "while it waits for running queries")
                                    + "; it must run outside a transaction")
                    .why(
                            "Nothing waits on it; queries that used the index fall back to other plans once it is gone")
                    .fix("Run it on its own, outside a transaction")
                    .list();
        }
        return FindingBuilder.of(INFO, change, context)
                .what(
                        "DROP INDEX "
                                + index.name()
                                + " on "
                                + index.table()
                                + " "
                                + LockPhrase.takes(
                                        LockLevel.ACCESS_EXCLUSIVE,
                                        index.table().toString(),
                                        LockPhrase.BRIEF))
                .why(
                        "The drop itself is fast, but it must wait for every running query on "
                                + index.table()
                                + " and all traffic queued behind it waits too")
                .fix("Use DROP INDEX CONCURRENTLY, on its own outside a transaction")
                .list();
    }
}
