package dev.evoplan.rules;

import dev.evoplan.diff.Change;
import java.util.List;

/**
 * EP223: ALTER TYPE ... RENAME VALUE is instant (an EXCLUSIVE lock on the type, none on any table),
 * but code deployed before it still writes the old label and fails; like a column rename, no single
 * deploy order works.
 */
public final class RenameEnumValueBreaksRunningCode extends MaintenanceOperationRule {
    static final RuleInfo INFO =
            new RuleInfo(
                    "rename-enum-value-breaks-running-code",
                    "EP223",
                    "ALTER TYPE RENAME VALUE breaks running code that writes or compares the old label",
                    Safety.MULTI_STEP,
                    LockLevel.NONE);

    public RenameEnumValueBreaksRunningCode() {
        super(INFO, Change.Maintenance.Operation.RENAME_ENUM_VALUE);
    }

    @Override
    List<Finding> judge(Change.Maintenance m, JudgeContext context) {
        return FindingBuilder.of(INFO, m, context)
                .lock(LockLevel.NONE)
                .what(
                        "ALTER TYPE ... RENAME VALUE takes an EXCLUSIVE lock on the type only and no table lock;"
                                + " from that moment a statement that writes or casts the old label fails"
                                + " (invalid input value for enum)")
                .why(
                        "Code deployed before the rename writes the old label and code deployed after it writes the new"
                                + " one; whichever runs on the wrong side of the rename fails")
                .fix(
                        "Add the new label (ADD VALUE), deploy code that reads both and writes the new one, update the"
                                + " rows in batches, and stop using the old label; or deploy the rename together with code"
                                + " that no longer names the old label, at a checkpoint")
                .list();
    }
}
