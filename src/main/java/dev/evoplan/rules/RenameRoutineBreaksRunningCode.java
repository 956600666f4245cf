package dev.evoplan.rules;

import dev.evoplan.diff.Change;
import java.util.List;

/**
 * EP227: ALTER FUNCTION / PROCEDURE / ROUTINE ... RENAME TO locks no table (measured), but every
 * caller still using the old name fails from the moment it commits: like a table or column rename,
 * no single deploy order works, so it is done expand/contract.
 */
public final class RenameRoutineBreaksRunningCode extends MaintenanceOperationRule {
    static final RuleInfo INFO =
            new RuleInfo(
                    "rename-routine-breaks-running-code",
                    "EP227",
                    "ALTER FUNCTION or PROCEDURE RENAME TO breaks running code that calls the old name",
                    Safety.MULTI_STEP,
                    LockLevel.NONE);

    public RenameRoutineBreaksRunningCode() {
        super(INFO, Change.Maintenance.Operation.RENAME_ROUTINE);
    }

    @Override
    List<Finding> judge(Change.Maintenance m, JudgeContext context) {
        LockLevel lock = PlainStatement.maintenanceLock(m);
        return FindingBuilder.of(INFO, m, context)
                .lock(lock)
                .what(
                        "The rename "
                                + (lock == LockLevel.NONE
                                        ? "locks no table"
                                        : LockPhrase.takes(lock, LockPhrase.BRIEF))
                                + ", but from the moment it commits every call of the old name fails"
                                + " (function does not exist)")
                .why(
                        "Code deployed before the rename (a query, a job, a trigger in another database) still calls"
                                + " the old name, and code deployed after it calls the new one: whichever runs on the"
                                + " wrong side of the rename fails")
                .fix(
                        "Create the routine under the new name (CREATE FUNCTION new_name ... with the same body), and"
                                + " turn the old name into a wrapper that calls it; deploy code that calls the new name;"
                                + " then, in a later release, drop the old name")
                .list();
    }
}
