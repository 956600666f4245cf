package dev.evoplan.rules;

import dev.evoplan.diff.Change;
import dev.evoplan.model.Column;
import java.util.List;

/**
 * EP203: a NOT NULL column without a default would be NULL in every existing row, so PostgreSQL
 * refuses the statement (23502) on any table that has rows; only an empty table takes it.
 */
public final class AddColumnNotNullWithoutDefaultFails implements ChangeRule {
    static final RuleInfo INFO =
            new RuleInfo(
                    "add-column-not-null-without-default-fails",
                    "EP203",
                    "ADD COLUMN NOT NULL without a default fails on a table that has rows",
                    Safety.DOWNTIME,
                    LockLevel.ACCESS_EXCLUSIVE);

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public boolean appliesTo(Change.Kind kind) {
        return kind == Change.Kind.ADD_COLUMN;
    }

    static boolean applies(Column column) {
        return !column.nullable()
                && column.defaultValue() == null
                && !AddColumnIdentityOrGeneratedRewrites.applies(column);
    }

    @Override
    public List<Finding> check(Change change, JudgeContext context) {
        if (!(change instanceof Change.AddColumn add) || !applies(add.column())) {
            return List.of();
        }
        String column = add.column().name();
        String name = add.table() + "." + column;
        TableSize size = TableSize.of(add.table(), context);
        if (context.mode() == Mode.AS_PLANNED) {
            String expand =
                    "As planned, ADD COLUMN "
                            + name
                            + " as nullable "
                            + LockPhrase.takes(LockLevel.ACCESS_EXCLUSIVE, LockPhrase.BRIEF)
                            + "; then a deploy that writes it, a backfill in batches, and "
                            + NotNullPath.steps(context.pgVersion(), column);
            if (NotNullPath.scanUnavoidable(context.pgVersion())) {
                return FindingBuilder.of(INFO, change, context)
                        .sized(size)
                        .what(expand)
                        .why(
                                "Before PostgreSQL 12 no constraint lets SET NOT NULL skip its scan"
                                        + size.smallClause())
                        .fix(
                                "Upgrade to PostgreSQL 12+ first, give the column a constant default, or run the NOT NULL"
                                        + " step in a maintenance window")
                        .list();
            }
            return FindingBuilder.of(INFO, change, context)
                    .safety(Safety.MULTI_STEP)
                    .what(expand)
                    .why(
                            "Existing rows need a value before NOT NULL can hold; no step scans under a lock that"
                                    + " blocks traffic")
                    .fix(
                            "Add the column nullable, deploy code that fills it, backfill in batches, then add NOT NULL"
                                    + " without a long lock")
                    .list();
        }
        // Only a table known to hold no rows accepts it: a small table with rows still refuses.
        boolean empty = size.empty();
        return FindingBuilder.of(INFO, change, context)
                .safety(empty ? Safety.SAFE : Safety.DOWNTIME)
                .sizeNote(size.note())
                .what(
                        "ADD COLUMN "
                                + name
                                + " NOT NULL without a default "
                                + LockPhrase.takes(LockLevel.ACCESS_EXCLUSIVE, LockPhrase.BRIEF)
                                + (empty
                                        ? " and succeeds because the table is empty"
                                        : " and then fails with 23502 (not_null_violation) as soon as the table has a row"))
                .why(
                        empty
                                ? "An empty table has no row that could be NULL"
                                : "Every existing row would hold NULL in the new column, so the migration stops and the"
                                        + " deploy that needs the column cannot go on")
                .fix(
                        "Add the column nullable (or with a constant default), backfill it in batches, then add NOT NULL"
                                + " without a long lock")
                .list();
    }
}
