package dev.evoplan.rules;

import dev.evoplan.diff.Change;
import java.util.List;

/**
 * EP004: anything done to a table that the same migration created earlier. The table is empty and
 * no running code uses it yet, so even a rewrite or a strong lock costs nothing. The judge lets
 * this rule take precedence over every other one.
 */
public final class ChangeOnNewTable implements ChangeRule {
    static final RuleInfo INFO =
            new RuleInfo(
                            "change-on-new-table",
                            "EP004",
                            "Change on a table created earlier in the same migration: the table is empty, so it is safe",
                            Safety.SAFE,
                            LockLevel.ACCESS_EXCLUSIVE)
                    .as(RuleInfo.Role.PRECEDENCE)
                    .with(RuleInfo.Trait.TABLE_NOT_IN_USE);

    @Override
    public RuleInfo info() {
        return INFO;
    }

    /** Creating the table itself is judged on its own (metadata-only-change). */
    @Override
    public boolean appliesTo(Change.Kind kind) {
        return kind != Change.Kind.CREATE_TABLE;
    }

    @Override
    public List<Finding> check(Change change, JudgeContext context) {
        if (!appliesTo(change.kind()) || !context.isNew(change.table())) {
            return List.of();
        }
        LockLevel lock = PlainStatement.lock(change, context.pgVersion());
        return FindingBuilder.of(INFO, change, context)
                .lock(lock)
                .what(
                        PlainStatement.label(change)
                                + " "
                                + LockPhrase.takes(
                                        lock, change.table().toString(), "for as long as it runs")
                                + ", but "
                                + change.table()
                                + " is created earlier in this migration: it is empty and nothing else uses it yet")
                .why(
                        "Any scan or rewrite of an empty table is instant and no traffic waits on its locks")
                .fix("Nothing to stage: run the plain statement right after the CREATE TABLE")
                .sizeNote(TableSize.of(change.table(), context).note())
                .list();
    }
}
