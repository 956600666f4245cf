package dev.evoplan.rules;

import dev.evoplan.diff.Change;
import java.util.List;

/**
 * EP206: RENAME COLUMN is instant, but code deployed before it still uses the old name and fails;
 * code deployed after it cannot run before it. No single deploy order works.
 */
public final class RenameColumnBreaksRunningCode implements ChangeRule {
    static final RuleInfo INFO =
            new RuleInfo(
                    "rename-column-breaks-running-code",
                    "EP206",
                    "RENAME COLUMN breaks running code that uses the old name",
                    Safety.MULTI_STEP,
                    LockLevel.ACCESS_EXCLUSIVE);

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public boolean appliesTo(Change.Kind kind) {
        return kind == Change.Kind.RENAME_COLUMN;
    }

    @Override
    public List<Finding> check(Change change, JudgeContext context) {
        if (!(change instanceof Change.RenameColumn rename)) {
            return List.of();
        }
        String from = rename.table() + "." + rename.from();
        String what =
                context.mode() == Mode.AS_PLANNED
                        ? "As planned, "
                                + rename.to()
                                + " is added next to "
                                + from
                                + ", kept in step by a trigger and"
                                + " backfilled in batches; reads move to it at a deploy checkpoint and "
                                + rename.from()
                                + " is dropped in the contract stage; each DDL step "
                                + LockPhrase.takes(LockLevel.ACCESS_EXCLUSIVE, LockPhrase.BRIEF)
                        : "RENAME COLUMN "
                                + from
                                + " TO "
                                + rename.to()
                                + " "
                                + LockPhrase.takes(LockLevel.ACCESS_EXCLUSIVE, LockPhrase.BRIEF)
                                + ", and from that moment statements that use the old name fail";
        return FindingBuilder.of(INFO, change, context)
                .what(what)
                .why(
                        "Code deployed before the rename uses "
                                + rename.from()
                                + " and code deployed after it uses "
                                + rename.to()
                                + "; whichever runs on the wrong side of the rename fails")
                .fix(
                        "Expand and contract: add the new column, write both, backfill, move reads, then drop the old"
                                + " one; or keep the old name readable through a view until every reader moved")
                .list();
    }
}
