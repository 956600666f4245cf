package dev.evoplan.rules;

import dev.evoplan.diff.Change;
import dev.evoplan.model.Column;
import java.util.List;

/**
 * EP202: before PostgreSQL 11 every ADD COLUMN with a default, even a constant one, wrote the
 * default into every row. From 11 a constant or stable default lives in the catalog.
 */
public final class AddColumnDefaultRewritesBeforePg11 implements ChangeRule {
    static final RuleInfo INFO =
            new RuleInfo(
                            "add-column-default-rewrites-before-pg11",
                            "EP202",
                            "ADD COLUMN with a default rewrites the table before PostgreSQL 11",
                            Safety.DOWNTIME,
                            LockLevel.ACCESS_EXCLUSIVE)
                    .with(RuleInfo.Trait.SCANS_OR_REWRITES);

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public boolean appliesTo(Change.Kind kind) {
        return kind == Change.Kind.ADD_COLUMN;
    }

    /** Volatile and sequence defaults rewrite on every version: their own rules say so. */
    static boolean applies(Column column, int pgVersion) {
        return pgVersion < 11
                && column.defaultValue() != null
                && !AddColumnVolatileDefaultRewrites.applies(column)
                && !AddColumnIdentityOrGeneratedRewrites.applies(column);
    }

    @Override
    public List<Finding> check(Change change, JudgeContext context) {
        if (!(change instanceof Change.AddColumn add)
                || !applies(add.column(), context.pgVersion())) {
            return List.of();
        }
        String name = add.table() + "." + add.column().name();
        String expression = add.column().defaultValue().expression();
        TableSize size = TableSize.of(add.table(), context);
        if (context.mode() == Mode.AS_PLANNED) {
            String expand =
                    "As planned on PostgreSQL "
                            + context.pgVersion()
                            + ", ADD COLUMN "
                            + name
                            + " without a default and SET DEFAULT "
                            + expression
                            + " each "
                            + LockPhrase.takes(LockLevel.ACCESS_EXCLUSIVE, LockPhrase.BRIEF)
                            + "; existing rows are backfilled in batches";
            if (!add.column().nullable()) {
                // Below 11 is also below 12: the final NOT NULL always scans.
                return FindingBuilder.of(INFO, change, context)
                        .sized(size)
                        .what(
                                expand
                                        + "; then "
                                        + NotNullPath.steps(
                                                context.pgVersion(), add.column().name()))
                        .why(
                                "Before PostgreSQL 12 no constraint lets SET NOT NULL skip its scan"
                                        + size.smallClause())
                        .fix(
                                "Upgrade to PostgreSQL 12+ first, keep the column nullable, or run the NOT NULL step in a"
                                        + " maintenance window")
                        .list();
            }
            return FindingBuilder.of(INFO, change, context)
                    .safety(Safety.MULTI_STEP)
                    .what(expand)
                    .why(
                            "No step rewrites the table; each backfill batch commits on its own and locks only its rows")
                    .fix("Expand without the default, set the default, and backfill in batches")
                    .list();
        }
        return FindingBuilder.of(INFO, change, context)
                .sized(size)
                .what(
                        "On PostgreSQL "
                                + context.pgVersion()
                                + ", ADD COLUMN "
                                + name
                                + " DEFAULT "
                                + expression
                                + " writes the default into every existing row and "
                                + LockPhrase.takes(
                                        LockLevel.ACCESS_EXCLUSIVE, LockPhrase.WHOLE_REWRITE))
                .why(
                        "Fast defaults arrived in PostgreSQL 11; before that the table is copied while nothing can read"
                                + " or write "
                                + add.table()
                                + size.smallClause())
                .fix(
                        "Add the column without a default, SET DEFAULT for new rows, and backfill existing rows in"
                                + " batches (or upgrade to PostgreSQL 11+)")
                .list();
    }
}
