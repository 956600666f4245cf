package dev.evoplan.rules;

import dev.evoplan.diff.Change;
import dev.evoplan.model.Column;
import dev.evoplan.model.PrimaryKey;
import dev.evoplan.model.Table;
import java.util.List;
import java.util.Optional;

/**
 * EP104: ADD PRIMARY KEY builds a unique index (and proves its columns NOT NULL) while holding
 * ACCESS EXCLUSIVE. The staged path builds the index concurrently and attaches it with USING INDEX;
 * nullable columns must be made NOT NULL first, which before PostgreSQL 12 always means a scan.
 */
public final class AddPrimaryKeyBuildsIndexInPlace implements ChangeRule {
    static final RuleInfo INFO =
            new RuleInfo(
                            "add-primary-key-builds-index-in-place",
                            "EP104",
                            "ADD PRIMARY KEY builds its index while blocking all reads and writes",
                            Safety.DOWNTIME,
                            LockLevel.ACCESS_EXCLUSIVE)
                    .with(RuleInfo.Trait.SCANS_OR_REWRITES);

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public boolean appliesTo(Change.Kind kind) {
        return kind == Change.Kind.ADD_PRIMARY_KEY;
    }

    @Override
    public List<Finding> check(Change change, JudgeContext context) {
        if (!(change instanceof Change.AddPrimaryKey add)) {
            return List.of();
        }
        PrimaryKey pk = add.primaryKey();
        String columns = String.join(", ", pk.columns());
        List<String> nullable = nullableColumns(add, context);
        TableSize size = TableSize.of(add.table(), context);
        if (context.mode() == Mode.AS_PLANNED) {
            String steps =
                    "As planned, CREATE UNIQUE INDEX CONCURRENTLY "
                            + pk.name()
                            + " on "
                            + add.table()
                            + " ("
                            + columns
                            + ") "
                            + LockPhrase.takes(
                                    LockLevel.SHARE_UPDATE_EXCLUSIVE, LockPhrase.WHOLE_BUILD)
                            + "; then ADD CONSTRAINT "
                            + pk.name()
                            + " PRIMARY KEY USING INDEX "
                            + LockPhrase.takes(LockLevel.ACCESS_EXCLUSIVE, LockPhrase.BRIEF);
            if (!nullable.isEmpty() && context.pgVersion() < 12) {
                return FindingBuilder.of(INFO, change, context)
                        .sized(size)
                        .what(
                                steps
                                        + "; but "
                                        + String.join(", ", nullable)
                                        + " must become NOT NULL, and before"
                                        + " PostgreSQL 12 that "
                                        + LockPhrase.takes(
                                                LockLevel.ACCESS_EXCLUSIVE, LockPhrase.WHOLE_SCAN))
                        .why(
                                "PostgreSQL "
                                        + context.pgVersion()
                                        + " cannot use a validated check to skip the NOT NULL"
                                        + " scan, so no staged path avoids it"
                                        + size.smallClause())
                        .fix(
                                "Upgrade to PostgreSQL 12+ first, or run the NOT NULL step in a maintenance window")
                        .list();
            }
            String notNull =
                    nullable.isEmpty()
                            ? ""
                            : "; first "
                                    + String.join(", ", nullable)
                                    + " become NOT NULL through a NOT VALID constraint and"
                                    + " VALIDATE (SHARE UPDATE EXCLUSIVE for the scan)";
            return FindingBuilder.of(INFO, change, context)
                    .safety(Safety.MULTI_STEP)
                    .what(steps + notNull)
                    .why("Only the attach holds the strong lock and it does not read the table")
                    .fix(
                            "Build the unique index concurrently outside a transaction, make the columns NOT NULL"
                                    + " without a long lock, then attach the index with PRIMARY KEY USING INDEX")
                    .list();
        }
        if (WrittenSql.usingIndex(context) && nullable.isEmpty()) {
            return FindingBuilder.of(INFO, change, context)
                    .safety(Safety.SAFE)
                    .what(
                            "ADD CONSTRAINT "
                                    + pk.name()
                                    + " PRIMARY KEY USING INDEX on "
                                    + add.table()
                                    + " "
                                    + LockPhrase.takes(LockLevel.ACCESS_EXCLUSIVE, LockPhrase.BRIEF)
                                    + ": it attaches an index that already exists on NOT NULL columns")
                    .why("No index is built and the table is not read while the lock is held")
                    .fix("Nothing to stage: run it with a short lock_timeout")
                    .list();
        }
        String notNull =
                nullable.isEmpty()
                        ? ""
                        : " (and scans it to make " + String.join(", ", nullable) + " NOT NULL)";
        return FindingBuilder.of(INFO, change, context)
                .sized(size)
                .what(
                        "ADD PRIMARY KEY "
                                + pk.name()
                                + " ("
                                + columns
                                + ") on "
                                + add.table()
                                + " builds its unique index in place"
                                + notNull
                                + " and "
                                + LockPhrase.takes(
                                        LockLevel.ACCESS_EXCLUSIVE, LockPhrase.WHOLE_BUILD))
                .why(
                        "The build reads the whole table, and nothing can read or write "
                                + add.table()
                                + " until it ends"
                                + size.smallClause())
                .fix(
                        "Build the index with CREATE UNIQUE INDEX CONCURRENTLY first, make the columns NOT NULL"
                                + " without a long lock, then ADD CONSTRAINT "
                                + pk.name()
                                + " PRIMARY KEY USING INDEX")
                .list();
    }

    /**
     * Key columns not known to be NOT NULL before the change; a column we cannot find counts as
     * nullable.
     */
    private static List<String> nullableColumns(Change.AddPrimaryKey add, JudgeContext context) {
        Optional<Table> direct = context.before().table(add.table());
        Optional<Table> table = direct;
        if (direct.isEmpty()
                && context.before().objects().get(dev.evoplan.model.Partition.key(add.table()))
                        instanceof dev.evoplan.model.Partition p) {
            // A partition has its parent's columns (and their NOT NULL).
            table = context.before().table(p.parent());
        }
        Optional<Table> read = table;
        return add.primaryKey().columns().stream()
                .filter(c -> read.flatMap(t -> t.column(c)).map(Column::nullable).orElse(true))
                .toList();
    }
}
