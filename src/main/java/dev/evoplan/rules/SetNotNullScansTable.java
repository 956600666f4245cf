package dev.evoplan.rules;

import dev.evoplan.diff.Change;
import dev.evoplan.model.CheckConstraint;
import dev.evoplan.model.Table;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * EP209: SET NOT NULL reads the whole table under ACCESS EXCLUSIVE to prove there is no NULL. From
 * PostgreSQL 12 a validated {@code CHECK (col IS NOT NULL)} lets it skip the scan; from 18 a NOT
 * NULL constraint can itself be added NOT VALID and validated later.
 */
public final class SetNotNullScansTable implements ChangeRule {
    static final RuleInfo INFO =
            new RuleInfo(
                            "set-not-null-scans-table",
                            "EP209",
                            "SET NOT NULL scans the whole table under an ACCESS EXCLUSIVE lock",
                            Safety.DOWNTIME,
                            LockLevel.ACCESS_EXCLUSIVE)
                    .with(RuleInfo.Trait.SCANS_OR_REWRITES);

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public boolean appliesTo(Change.Kind kind) {
        return kind == Change.Kind.SET_NOT_NULL;
    }

    @Override
    public List<Finding> check(Change change, JudgeContext context) {
        if (!(change instanceof Change.SetNotNull set)) {
            return List.of();
        }
        if (context.pgVersion() >= 12
                && provenByCheck(context.before().table(set.table()), set.column())) {
            return List.of();
        }
        String name = set.table() + "." + set.column();
        TableSize size = TableSize.of(set.table(), context);
        // A table known to be small is planned as the plain statement (milliseconds): judged as
        // written.
        if (context.mode() == Mode.AS_PLANNED && !context.stats().isKnownSmall(set.table())) {
            String steps =
                    "As planned on PostgreSQL "
                            + context.pgVersion()
                            + " for "
                            + name
                            + ": "
                            + NotNullPath.steps(context.pgVersion(), set.column());
            if (NotNullPath.scanUnavoidable(context.pgVersion())) {
                return FindingBuilder.of(INFO, change, context)
                        .sized(size)
                        .what(steps)
                        .why(
                                "Before PostgreSQL 12 no constraint lets SET NOT NULL skip its scan, so nothing can"
                                        + " read or write "
                                        + set.table()
                                        + " until it ends"
                                        + size.smallClause())
                        .fix(
                                "Upgrade to PostgreSQL 12+ first, or keep a validated CHECK ("
                                        + set.column()
                                        + " IS NOT NULL) instead of a real NOT NULL, or run it in a maintenance window")
                        .list();
            }
            return FindingBuilder.of(INFO, change, context)
                    .safety(Safety.MULTI_STEP)
                    .what(steps)
                    .why(
                            "The scan runs under SHARE UPDATE EXCLUSIVE, so reads and writes go on; only brief catalog"
                                    + " updates take ACCESS EXCLUSIVE")
                    .fix(
                            context.pgVersion() >= 18
                                    ? "Add the NOT NULL constraint NOT VALID, then VALIDATE it in its own transaction"
                                    : "Add CHECK ("
                                            + set.column()
                                            + " IS NOT NULL) NOT VALID, VALIDATE it, SET NOT NULL,"
                                            + " then drop the check")
                    .list();
        }
        String update =
                WrittenSql.updatesFirst(context)
                        ? " after an UPDATE that fills every NULL row in the same transaction,"
                        : "";
        return FindingBuilder.of(INFO, change, context)
                .sized(size)
                .what(
                        "SET NOT NULL on "
                                + name
                                + update
                                + " "
                                + LockPhrase.takes(
                                        LockLevel.ACCESS_EXCLUSIVE, LockPhrase.WHOLE_SCAN))
                .why(
                        "PostgreSQL reads every row to prove there is no NULL while nothing can read or write "
                                + set.table()
                                + size.smallClause())
                .fix(
                        context.pgVersion() >= 18
                                ? "Add the NOT NULL constraint NOT VALID, then VALIDATE it (reads and writes go on)"
                                : context.pgVersion() >= 12
                                        ? "Add CHECK ("
                                                + set.column()
                                                + " IS NOT NULL) NOT VALID, VALIDATE it (reads and writes go"
                                                + " on), then SET NOT NULL, which trusts the check, and drop the check"
                                        : "Before PostgreSQL 12 the scan cannot be avoided: upgrade first, keep a validated CHECK ("
                                                + set.column()
                                                + " IS NOT NULL) instead, or run it in a maintenance window")
                .list();
    }

    /**
     * A validated {@code CHECK (col IS NOT NULL)} that PostgreSQL 12+ trusts instead of scanning.
     */
    static boolean provenByCheck(Optional<Table> table, String column) {
        Pattern notNull =
                Pattern.compile(
                        "^[(\\s]*\"?" + Pattern.quote(column) + "\"?\\s+IS\\s+NOT\\s+NULL[)\\s]*$",
                        Pattern.CASE_INSENSITIVE);
        return table.map(
                        t ->
                                t.checks().stream()
                                        .filter(CheckConstraint::validated)
                                        .anyMatch(c -> notNull.matcher(c.expression()).matches()))
                .orElse(false);
    }
}
