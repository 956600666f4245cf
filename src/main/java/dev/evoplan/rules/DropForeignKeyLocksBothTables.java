package dev.evoplan.rules;

import dev.evoplan.diff.Change;
import dev.evoplan.model.ForeignKey;
import java.util.List;

/**
 * EP215: dropping a foreign key is a catalog update, but it takes ACCESS EXCLUSIVE on the
 * referenced table as well (its triggers go away too), which surprises people who expect only the
 * referencing table to be touched.
 */
public final class DropForeignKeyLocksBothTables implements ChangeRule {
    static final RuleInfo INFO =
            new RuleInfo(
                    "drop-foreign-key-locks-both-tables",
                    "EP215",
                    "DROP FOREIGN KEY briefly takes an ACCESS EXCLUSIVE lock on both tables",
                    Safety.SAFE,
                    LockLevel.ACCESS_EXCLUSIVE);

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public boolean appliesTo(Change.Kind kind) {
        return kind == Change.Kind.DROP_FOREIGN_KEY;
    }

    @Override
    public List<Finding> check(Change change, JudgeContext context) {
        if (!(change instanceof Change.DropForeignKey drop)) {
            return List.of();
        }
        ForeignKey fk = drop.foreignKey();
        String both =
                drop.table() + (fk.target().equals(drop.table()) ? "" : " and on " + fk.target());
        return FindingBuilder.of(INFO, change, context)
                .what(
                        (context.mode() == Mode.AS_PLANNED ? "As planned, " : "")
                                + "DROP CONSTRAINT "
                                + fk.name()
                                + " "
                                + LockPhrase.takes(
                                        LockLevel.ACCESS_EXCLUSIVE, both, LockPhrase.BRIEF))
                .why(
                        "No row is read, so the locks are held for milliseconds; while they wait for running queries on"
                                + " either table, traffic on both queues behind them")
                .fix(
                        "Nothing to stage: run it with a short lock_timeout and retry if the locks are not granted in time")
                .list();
    }
}
