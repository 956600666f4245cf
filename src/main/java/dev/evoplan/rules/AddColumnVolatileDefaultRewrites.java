package dev.evoplan.rules;

import dev.evoplan.diff.Change;
import dev.evoplan.model.Column;
import dev.evoplan.model.Volatility;
import java.util.List;

/**
 * EP201: a default PostgreSQL must evaluate once per row ({@code random()}, {@code
 * clock_timestamp()}, {@code gen_random_uuid()}) cannot be stored in the catalog, so adding the
 * column rewrites the table on every version.
 */
public final class AddColumnVolatileDefaultRewrites implements ChangeRule {
    static final RuleInfo INFO =
            new RuleInfo(
                            "add-column-volatile-default-rewrites",
                            "EP201",
                            "ADD COLUMN with a volatile default rewrites the table",
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

    static boolean applies(Column column) {
        return column.defaultValue() != null
                && column.defaultValue().volatility() == Volatility.VOLATILE
                && !AddColumnIdentityOrGeneratedRewrites.applies(column);
    }

    @Override
    public List<Finding> check(Change change, JudgeContext context) {
        if (!(change instanceof Change.AddColumn add) || !applies(add.column())) {
            return List.of();
        }
        String name = add.table() + "." + add.column().name();
        String expression = add.column().defaultValue().expression();
        TableSize size = TableSize.of(add.table(), context);
        if (context.mode() == Mode.AS_PLANNED) {
            String expand =
                    "As planned, ADD COLUMN "
                            + name
                            + " without a default and SET DEFAULT "
                            + expression
                            + " for new rows each "
                            + LockPhrase.takes(LockLevel.ACCESS_EXCLUSIVE, LockPhrase.BRIEF)
                            + "; existing rows are backfilled in batches";
            if (!add.column().nullable() && NotNullPath.scanUnavoidable(context.pgVersion())) {
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
            String notNull =
                    add.column().nullable()
                            ? ""
                            : "; then "
                                    + NotNullPath.steps(context.pgVersion(), add.column().name());
            return FindingBuilder.of(INFO, change, context)
                    .safety(Safety.MULTI_STEP)
                    .what(expand + notNull)
                    .why(
                            "No step rewrites the table; each backfill batch commits on its own and locks only its rows")
                    .fix(
                            "Expand without the default, set the default, backfill in batches"
                                    + (add.column().nullable()
                                            ? ""
                                            : ", then add NOT NULL without a long lock"))
                    .list();
        }
        return FindingBuilder.of(INFO, change, context)
                .sized(size)
                .what(
                        "ADD COLUMN "
                                + name
                                + " DEFAULT "
                                + expression
                                + " evaluates the volatile default for every"
                                + " existing row and "
                                + LockPhrase.takes(
                                        LockLevel.ACCESS_EXCLUSIVE, LockPhrase.WHOLE_REWRITE))
                .why(
                        "A volatile default cannot be stored once in the catalog, so the table is copied while nothing"
                                + " can read or write "
                                + add.table()
                                + size.smallClause())
                .fix(
                        "Add the column without a default, SET DEFAULT for new rows, and backfill existing rows in batches")
                .list();
    }
}
