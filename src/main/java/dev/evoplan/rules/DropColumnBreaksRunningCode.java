package dev.evoplan.rules;

import dev.evoplan.diff.Change;
import java.util.List;

/**
 * EP205: DROP COLUMN is a quick catalog change, but the running application may still select or
 * insert the column, and those statements fail the moment it is gone.
 */
public final class DropColumnBreaksRunningCode implements ChangeRule {
    static final RuleInfo INFO =
            new RuleInfo(
                    "drop-column-breaks-running-code",
                    "EP205",
                    "DROP COLUMN breaks running code that still reads or writes the column",
                    Safety.MULTI_STEP,
                    LockLevel.ACCESS_EXCLUSIVE);

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public boolean appliesTo(Change.Kind kind) {
        return kind == Change.Kind.DROP_COLUMN;
    }

    @Override
    public List<Finding> check(Change change, JudgeContext context) {
        if (!(change instanceof Change.DropColumn drop)) {
            return List.of();
        }
        String name = drop.table() + "." + drop.column().name();
        String what =
                context.mode() == Mode.AS_PLANNED
                        ? "As planned, a deploy checkpoint first removes every use of "
                                + name
                                + " from the application;"
                                + " then, in the contract stage, DROP COLUMN "
                                + name
                                + " "
                                + LockPhrase.takes(LockLevel.ACCESS_EXCLUSIVE, LockPhrase.BRIEF)
                                + " (no rewrite)"
                        : "DROP COLUMN "
                                + name
                                + " "
                                + LockPhrase.takes(LockLevel.ACCESS_EXCLUSIVE, LockPhrase.BRIEF)
                                + " (no rewrite), and from that moment statements that name the column fail";
        return FindingBuilder.of(INFO, change, context)
                .what(what)
                .why(
                        "Application code deployed before the drop still selects or inserts "
                                + drop.column().name()
                                + ", and its data is gone for good once the column is dropped")
                .fix(
                        "Deploy code that no longer reads or writes the column first, then drop it in a later release")
                .list();
    }
}
