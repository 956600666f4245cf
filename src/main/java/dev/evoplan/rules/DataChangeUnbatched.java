package dev.evoplan.rules;

import dev.evoplan.diff.Change;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * EP213: an UPDATE or DELETE written as one statement touches every matching row in one
 * transaction: it holds their row locks until commit and leaves a dead copy of each row behind.
 * Inserts and loadData add rows without locking existing ones.
 */
public final class DataChangeUnbatched implements ChangeRule {
    static final RuleInfo INFO =
            new RuleInfo(
                            "data-change-unbatched",
                            "EP213",
                            "UPDATE or DELETE in one statement locks every row it touches until commit",
                            Safety.MULTI_STEP,
                            LockLevel.ROW_EXCLUSIVE)
                    .with(RuleInfo.Trait.UPDATES_ROWS);

    /**
     * How a SQL migration's data change describes its rows: the last words of the description
     * (source.sql.SqlStatementApplier.EVERY_ROW and ROWS_MATCHING_WHERE; rules do not read SQL
     * sources, so the phrases are repeated here and must stay equal to the folder's).
     */
    static final String EVERY_ROW = "every row (no WHERE)";

    static final String ROWS_MATCHING_WHERE = "rows matching a WHERE clause";

    /** Operations that only add rows; anything else may rewrite existing rows. */
    private static final Set<String> INSERTS = Set.of("insert", "loaddata", "copy");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public boolean appliesTo(Change.Kind kind) {
        return kind == Change.Kind.DATA_CHANGE;
    }

    @Override
    public List<Finding> check(Change change, JudgeContext context) {
        if (!(change instanceof Change.DataChange data)) {
            return List.of();
        }
        if (TruncateTable.isTruncate(data)) {
            return List.of();
        }
        String on = data.table() == null ? "its table" : data.table().toString();
        if (INSERTS.contains(data.operation().toLowerCase(Locale.ROOT))) {
            return FindingBuilder.of(INFO, change, context)
                    .safety(Safety.SAFE)
                    .what(
                            data.operation()
                                    + " into "
                                    + on
                                    + " "
                                    + LockPhrase.takes(
                                            LockLevel.ROW_EXCLUSIVE,
                                            on,
                                            "until the transaction commits")
                                    + "; it only adds rows")
                    .why("New rows lock nothing that running code is using; reads and writes go on")
                    .fix("Nothing to stage")
                    .list();
        }
        if (data.description().endsWith(ROWS_MATCHING_WHERE)) {
            // How many rows the WHERE selects is not something evoplan can read: not safe by
            // default.
            return FindingBuilder.of(INFO, change, context)
                    .what(
                            data.operation()
                                    + " on "
                                    + on
                                    + " touches the rows its WHERE clause selects, in one statement: it "
                                    + LockPhrase.takes(LockLevel.ROW_EXCLUSIVE, on, "until commit")
                                    + ", and holds a row lock on each row it touches for as long; how many rows that is,"
                                    + " evoplan cannot tell")
                    .why(
                            "Only writes to the selected rows wait; if the WHERE selects many rows (a large share of the"
                                    + " table) that is as bad as an unbatched whole-table statement")
                    .fix(
                            "If it selects many rows, run it in batches (e.g. 10,000 rows by primary key range), each"
                                    + " committed on its own; if it selects a handful, suppress this finding with the reason")
                    .list();
        }
        if (data.description().endsWith(EVERY_ROW)) {
            return FindingBuilder.of(INFO, change, context)
                    .what(
                            data.operation()
                                    + " touches every row of "
                                    + on
                                    + " in one statement (no WHERE): it "
                                    + LockPhrase.takes(LockLevel.ROW_EXCLUSIVE, on, "until commit")
                                    + ", and holds a row lock on every row of the table for as long")
                    .why(
                            "Every concurrent write to "
                                    + on
                                    + " waits until the whole statement commits, and every row"
                                    + " leaves a dead copy for VACUUM; on a large table that is minutes of blocked writes and"
                                    + " bloat")
                    .fix(
                            "Run it in batches (e.g. 10,000 rows by primary key range), each batch committed on its own,"
                                    + " outside the schema change's transaction")
                    .list();
        }
        return FindingBuilder.of(INFO, change, context)
                .what(
                        data.operation()
                                + " on "
                                + on
                                + " ("
                                + data.description()
                                + ") runs as one statement in one"
                                + " transaction: it "
                                + LockPhrase.takes(LockLevel.ROW_EXCLUSIVE, on, "until commit")
                                + ", and holds a row lock on every row it touches for as long")
                .why(
                        "Concurrent writes to those rows wait until the whole statement commits, and every touched row"
                                + " leaves a dead copy for VACUUM; on a large table that is minutes of blocked writes and bloat")
                .fix(
                        "Run it in batches (e.g. 10,000 rows by primary key range), each batch committed on its own,"
                                + " outside the schema change's transaction")
                .list();
    }
}
