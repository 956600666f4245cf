package dev.evoplan.rules;

import dev.evoplan.diff.Change;
import java.util.List;

/**
 * EP207: RENAME TABLE is instant, but every query of code deployed before it names the old table
 * and fails once the rename commits.
 */
public final class RenameTableBreaksRunningCode implements ChangeRule {
    static final RuleInfo INFO =
            new RuleInfo(
                    "rename-table-breaks-running-code",
                    "EP207",
                    "RENAME TABLE breaks running code that uses the old name",
                    Safety.MULTI_STEP,
                    LockLevel.ACCESS_EXCLUSIVE);

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public boolean appliesTo(Change.Kind kind) {
        return kind == Change.Kind.RENAME_TABLE;
    }

    @Override
    public List<Finding> check(Change change, JudgeContext context) {
        if (!(change instanceof Change.RenameTable rename)) {
            return List.of();
        }
        String what =
                context.mode() == Mode.AS_PLANNED
                        ? "As planned, ALTER TABLE "
                                + rename.from()
                                + " RENAME TO "
                                + rename.to().name()
                                + " runs together with a view named "
                                + rename.from().name()
                                + " that reads the renamed table,"
                                + " so old code keeps working until a deploy checkpoint; the view is dropped in the contract stage"
                                + "; each step "
                                + LockPhrase.takes(LockLevel.ACCESS_EXCLUSIVE, LockPhrase.BRIEF)
                        : "ALTER TABLE "
                                + rename.from()
                                + " RENAME TO "
                                + rename.to().name()
                                + " "
                                + LockPhrase.takes(LockLevel.ACCESS_EXCLUSIVE, LockPhrase.BRIEF)
                                + ", and from that moment every statement that names "
                                + rename.from()
                                + " fails";
        return FindingBuilder.of(INFO, change, context)
                .what(what)
                .why(
                        "Code deployed before the rename names "
                                + rename.from()
                                + "; it fails until the new code is out")
                .fix(
                        "Rename and, in the same transaction, create a simple view under the old name; deploy code"
                                + " that uses the new name; then drop the view")
                .list();
    }
}
