package dev.evoplan.rules;

import dev.evoplan.diff.Change;
import dev.evoplan.model.Routine;
import java.util.List;

/**
 * EP226: DROP FUNCTION or DROP PROCEDURE locks no table, but running code that still calls the
 * routine fails from the moment it is gone: like a column or a sequence, a routine is dropped only
 * after the deploy that stops calling it (EVOLUTION.md). With CASCADE it takes what uses it along,
 * which evoplan does not follow; that stays for review.
 */
public final class DropRoutineBreaksRunningCode implements ChangeRule {
    static final RuleInfo INFO =
            new RuleInfo(
                    "drop-routine-breaks-running-code",
                    "EP226",
                    "DROP FUNCTION or DROP PROCEDURE breaks running code that still calls the routine",
                    Safety.MULTI_STEP,
                    LockLevel.NONE);

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public boolean appliesTo(Change.Kind kind) {
        return kind == Change.Kind.DROP_OBJECT || kind == Change.Kind.MAINTENANCE;
    }

    /** Whether {@code change} drops a function or procedure: as a state diff or as written. */
    static boolean dropsRoutine(Change change) {
        if (change instanceof Change.DropObject d) {
            return d.object() instanceof Routine;
        }
        return change instanceof Change.Maintenance m
                && (m.operation() == Change.Maintenance.Operation.DROP_FUNCTION
                        || m.operation() == Change.Maintenance.Operation.DROP_PROCEDURE);
    }

    @Override
    public List<Finding> check(Change change, JudgeContext context) {
        if (!dropsRoutine(change)) {
            return List.of();
        }
        String routine =
                change instanceof Change.DropObject d && d.object() instanceof Routine r
                        ? r.name() + "(" + r.arguments() + ")"
                        : "the routine";
        String what =
                context.mode() == Mode.AS_PLANNED
                        ? "As planned, a deploy checkpoint first removes every call of "
                                + routine
                                + " from the application; then, in the contract stage, "
                                + change.summary()
                                + " locks no table"
                        : change.summary()
                                + " locks no table, but "
                                + routine
                                + " is gone when it commits: every later call fails";
        return FindingBuilder.of(INFO, change, context)
                .lock(LockLevel.NONE)
                .what(what)
                .why(
                        "Code deployed before the drop (a query, a job, another database's call) may still call it"
                                + " and fails from then on; PostgreSQL itself refuses the drop (without CASCADE)"
                                + " only while a trigger, default or view uses it")
                .fix(
                        "Deploy code that no longer calls the routine first, then drop it in a later release;"
                                + " to change its arguments, create the new routine beside the old one and drop"
                                + " the old one once nothing calls it")
                .list();
    }
}
