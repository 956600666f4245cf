package dev.evoplan.rules;

import dev.evoplan.diff.Change;
import dev.evoplan.model.Column;
import dev.evoplan.model.IdentityKind;
import java.util.List;
import java.util.Locale;

/**
 * EP204: a new serial, identity or stored generated column needs a value computed for every
 * existing row, so PostgreSQL rewrites the table under ACCESS EXCLUSIVE.
 */
public final class AddColumnIdentityOrGeneratedRewrites implements ChangeRule {
    static final RuleInfo INFO =
            new RuleInfo(
                            "add-column-identity-or-generated-rewrites",
                            "EP204",
                            "ADD COLUMN with serial, identity or a stored generated expression rewrites the table",
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

    /**
     * Serial columns are modelled as a {@code nextval(...)} default: each row draws its own value.
     */
    static boolean sequenceDefault(Column column) {
        return column.defaultValue() != null
                && column.defaultValue()
                        .expression()
                        .toLowerCase(Locale.ROOT)
                        .replace(" ", "")
                        .contains("nextval(");
    }

    static boolean applies(Column column) {
        return column.identity() != IdentityKind.NONE
                || column.generatedExpression() != null
                || sequenceDefault(column);
    }

    @Override
    public List<Finding> check(Change change, JudgeContext context) {
        if (!(change instanceof Change.AddColumn add) || !applies(add.column())) {
            return List.of();
        }
        Column column = add.column();
        String name = add.table() + "." + column.name();
        String kind =
                column.generatedExpression() != null
                        ? "stored generated column"
                        : column.identity() != IdentityKind.NONE
                                ? "identity column"
                                : "serial column (default nextval)";
        TableSize size = TableSize.of(add.table(), context);
        if (context.mode() == Mode.AS_PLANNED) {
            if (column.generatedExpression() != null) {
                // PostgreSQL cannot turn an existing column into a generated one, so the target
                // schema is reachable only through the rewrite itself.
                return FindingBuilder.of(INFO, change, context)
                        .sized(size)
                        .what(
                                "As planned, ADD COLUMN "
                                        + name
                                        + " GENERATED ALWAYS AS (...) STORED still "
                                        + LockPhrase.takes(
                                                LockLevel.ACCESS_EXCLUSIVE,
                                                LockPhrase.WHOLE_REWRITE)
                                        + ": no staged path reaches a stored generated column")
                        .why(
                                "PostgreSQL can only compute a stored generated column by rewriting every row, and it"
                                        + " cannot attach an expression to a column that already exists"
                                        + size.smallClause())
                        .fix(
                                "Run it in a maintenance window, or use a plain column filled by a trigger and a batched"
                                        + " backfill instead of a generated one")
                        .list();
            }
            String expand =
                    "As planned, "
                            + name
                            + " is added as a plain nullable column, which "
                            + LockPhrase.takes(LockLevel.ACCESS_EXCLUSIVE, LockPhrase.BRIEF)
                            + "; new rows get values"
                            + " from the sequence and existing rows are backfilled in batches";
            if (!column.nullable() && NotNullPath.scanUnavoidable(context.pgVersion())) {
                return FindingBuilder.of(INFO, change, context)
                        .sized(size)
                        .what(
                                expand
                                        + "; then "
                                        + NotNullPath.steps(context.pgVersion(), column.name())
                                        + ", which the "
                                        + kind
                                        + " needs")
                        .why(
                                "Before PostgreSQL 12 no constraint lets SET NOT NULL skip its scan"
                                        + size.smallClause())
                        .fix(
                                "Upgrade to PostgreSQL 12+ first, or run the NOT NULL step in a maintenance window")
                        .list();
            }
            return FindingBuilder.of(INFO, change, context)
                    .safety(Safety.MULTI_STEP)
                    .what(
                            expand
                                    + (column.nullable()
                                            ? ""
                                            : "; then "
                                                    + NotNullPath.steps(
                                                            context.pgVersion(), column.name()))
                                    + (column.identity() != IdentityKind.NONE
                                            ? "; finally ADD GENERATED AS IDENTITY (brief ACCESS EXCLUSIVE, no rewrite)"
                                            : ""))
                    .why(
                            "No step rewrites the table; each backfill batch commits on its own and locks only its rows")
                    .fix(
                            "Expand with a plain column, backfill in batches, then add the identity or NOT NULL")
                    .list();
        }
        return FindingBuilder.of(INFO, change, context)
                .sized(size)
                .what(
                        "ADD COLUMN "
                                + name
                                + " as a "
                                + kind
                                + " computes a value for every existing row and "
                                + LockPhrase.takes(
                                        LockLevel.ACCESS_EXCLUSIVE, LockPhrase.WHOLE_REWRITE))
                .why(
                        "The table is copied row by row while nothing can read or write "
                                + add.table()
                                + size.smallClause())
                .fix(
                        "Add a plain nullable column, fill new rows from the sequence, backfill existing rows in"
                                + " batches, then attach the identity or NOT NULL")
                .list();
    }
}
