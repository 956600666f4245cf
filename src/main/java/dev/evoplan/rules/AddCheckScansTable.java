package dev.evoplan.rules;

import dev.evoplan.diff.Change;
import dev.evoplan.model.CheckConstraint;
import java.util.List;

/**
 * EP210: ADD CONSTRAINT ... CHECK reads every row under ACCESS EXCLUSIVE. Added NOT VALID it is a
 * catalog update, and VALIDATE later scans under SHARE UPDATE EXCLUSIVE while traffic goes on.
 */
public final class AddCheckScansTable implements ChangeRule {
    /** Its id: lint --fix rewrites its findings (fix.FixKind). */
    public static final String ID = "add-check-scans-table";

    static final RuleInfo INFO =
            new RuleInfo(
                            ID,
                            "EP210",
                            "ADD CHECK scans the whole table under an ACCESS EXCLUSIVE lock",
                            Safety.DOWNTIME,
                            LockLevel.ACCESS_EXCLUSIVE)
                    .with(RuleInfo.Trait.SCANS_OR_REWRITES);

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public boolean appliesTo(Change.Kind kind) {
        return kind == Change.Kind.ADD_CHECK;
    }

    @Override
    public List<Finding> check(Change change, JudgeContext context) {
        if (!(change instanceof Change.AddCheck add) || !add.constraint().validated()) {
            return List.of();
        }
        CheckConstraint check = add.constraint();
        if (context.mode() == Mode.AS_PLANNED) {
            return FindingBuilder.of(INFO, change, context)
                    .safety(Safety.MULTI_STEP)
                    .what(
                            "As planned, ADD CONSTRAINT "
                                    + check.name()
                                    + " CHECK (...) NOT VALID on "
                                    + add.table()
                                    + " "
                                    + LockPhrase.takes(LockLevel.ACCESS_EXCLUSIVE, LockPhrase.BRIEF)
                                    + "; then VALIDATE CONSTRAINT "
                                    + check.name()
                                    + " "
                                    + LockPhrase.takes(
                                            LockLevel.SHARE_UPDATE_EXCLUSIVE,
                                            LockPhrase.WHOLE_SCAN))
                    .why(
                            "New rows are checked from the first step; old rows are checked while reads and writes go on")
                    .fix("Add the check NOT VALID, then VALIDATE it in its own transaction")
                    .list();
        }
        TableSize size = TableSize.of(add.table(), context);
        return FindingBuilder.of(INFO, change, context)
                .sized(size)
                .what(
                        "ADD CONSTRAINT "
                                + check.name()
                                + " CHECK ("
                                + check.expression()
                                + ") on "
                                + add.table()
                                + " "
                                + LockPhrase.takes(
                                        LockLevel.ACCESS_EXCLUSIVE, LockPhrase.WHOLE_SCAN))
                .why(
                        "PostgreSQL checks every existing row while nothing can read or write "
                                + add.table()
                                + size.smallClause())
                .fix(
                        "Add the check NOT VALID (a catalog update), then VALIDATE CONSTRAINT "
                                + check.name()
                                + ", which scans under SHARE UPDATE EXCLUSIVE so reads and writes go on")
                .list();
    }
}
