package dev.evoplan.rules;

import dev.evoplan.diff.Change;
import java.util.List;

/**
 * EP208: ALTER COLUMN TYPE copies the whole table (and rebuilds its indexes) under ACCESS
 * EXCLUSIVE, unless the new type is a binary-compatible widening such as varchar(50) to
 * varchar(100), which is left to metadata-only-change.
 *
 * <p>timestamp to timestamptz (and back) is counted as a rewrite on every version: PostgreSQL 12+
 * skips the table rewrite only when the session TimeZone is UTC, and even then rebuilds indexes on
 * the column. evoplan does not know the session's time zone, so it assumes the rewrite.
 */
public final class ChangeColumnTypeRewrites implements ChangeRule {
    static final RuleInfo INFO =
            new RuleInfo(
                            "change-column-type-rewrites",
                            "EP208",
                            "ALTER COLUMN TYPE rewrites the table unless the new type is binary-compatible",
                            Safety.DOWNTIME,
                            LockLevel.ACCESS_EXCLUSIVE)
                    .with(RuleInfo.Trait.SCANS_OR_REWRITES);

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public boolean appliesTo(Change.Kind kind) {
        return kind == Change.Kind.ALTER_COLUMN_TYPE;
    }

    /**
     * The indexes a binary-compatible change that also changes the collation builds again; empty
     * when the collation stays, the type change rewrites anyway, or no index uses the column.
     */
    static List<String> indexesRebuiltForCollation(
            Change.AlterColumnType alter, JudgeContext context) {
        if (!alter.collationChanges()
                || TypeChange.binaryCompatibleReason(alter.from(), alter.to(), alter.using())
                        == null) {
            return List.of();
        }
        return context.before()
                .table(alter.table())
                .map(t -> TypeChange.indexesOn(t, alter.column()))
                .orElse(List.of());
    }

    @Override
    public List<Finding> check(Change change, JudgeContext context) {
        if (change instanceof Change.AlterColumnType alter
                && !indexesRebuiltForCollation(alter, context).isEmpty()) {
            return collationRebuildsIndexes(alter, context);
        }
        if (!(change instanceof Change.AlterColumnType alter)
                || TypeChange.binaryCompatibleReason(alter.from(), alter.to(), alter.using())
                        != null
                || TypeChange.utcReason(alter, context) != null) {
            return List.of();
        }
        String name = alter.table() + "." + alter.column();
        String types = alter.from().sql() + " to " + alter.to().sql();
        if (alter.using() == null && !TypeChange.hasCast(alter.from(), alter.to())) {
            return FindingBuilder.of(INFO, change, context)
                    .safety(Safety.NEEDS_REVIEW)
                    .what(
                            "PostgreSQL has no cast from "
                                    + types
                                    + ", so ALTER COLUMN "
                                    + name
                                    + " TYPE "
                                    + alter.to().sql()
                                    + " fails without a USING expression; evoplan plans no step for it")
                    .why(
                            "Only the team knows how a "
                                    + alter.from().sql()
                                    + " value becomes a "
                                    + alter.to().sql()
                                    + " (e.g. seconds or milliseconds since the epoch)")
                    .fix(
                            "Write the conversion: ALTER TABLE "
                                    + alter.table().sql()
                                    + " ALTER COLUMN "
                                    + alter.column()
                                    + " TYPE "
                                    + alter.to().sql()
                                    + " USING <expression>, or a new column filled by it")
                    .list();
        }
        String timeZone =
                TypeChange.onlyIndexRebuiltUnderUtc(alter, context)
                        ? "; the session TimeZone is UTC, so the rows are not rewritten, but each index on the column is"
                                + " rebuilt under that lock"
                        : TypeChange.timeZoneDependent(alter.from(), alter.to())
                                ? (context.pgVersion() >= 12
                                        ? "; PostgreSQL 12+ skips the table rewrite only when the session TimeZone is UTC (indexes on the"
                                                + " column are still rebuilt), which evoplan cannot know, so it counts a rewrite"
                                        : "; before PostgreSQL 12 this always rewrites")
                                : "";
        // A table known to be small is planned as the plain statement (milliseconds), and so is a
        // partitioned one (no replacement column there): judged as written.
        if (context.mode() == Mode.AS_PLANNED
                && !context.stats().isKnownSmall(alter.table())
                && TypeChange.replaceableByNewColumn(
                        context.before().table(alter.table()).orElse(null))) {
            return FindingBuilder.of(INFO, change, context)
                    .safety(Safety.MULTI_STEP)
                    .what(
                            "As planned, a new "
                                    + alter.to().sql()
                                    + " column is added next to "
                                    + name
                                    + ", kept in step by a trigger and backfilled in batches; reads move to it at a deploy"
                                    + " checkpoint and the old column is dropped and the new one renamed in the contract stage"
                                    + "; each DDL step "
                                    + LockPhrase.takes(LockLevel.ACCESS_EXCLUSIVE, LockPhrase.BRIEF)
                                    + timeZone)
                    .why(
                            "No step rewrites the table under a lock that blocks traffic; each backfill batch commits"
                                    + " on its own")
                    .fix(
                            "Expand and contract through a new column instead of changing the type in place")
                    .list();
        }
        TableSize size = TableSize.of(alter.table(), context);
        return FindingBuilder.of(INFO, change, context)
                .sized(size)
                .what(
                        "ALTER COLUMN "
                                + name
                                + " TYPE "
                                + alter.to().sql()
                                + " ("
                                + types
                                + (alter.using() == null ? "" : " USING " + alter.using())
                                + ") rewrites the table and its"
                                + " indexes and "
                                + LockPhrase.takes(
                                        LockLevel.ACCESS_EXCLUSIVE, LockPhrase.WHOLE_REWRITE)
                                + timeZone)
                .why(
                        "Every row is converted and written again while nothing can read or write "
                                + alter.table()
                                + size.smallClause())
                .fix(
                        "Add a new column of the new type, keep it in step with a trigger, backfill in batches, move"
                                + " reads, then drop the old column and rename the new one")
                .list();
    }

    /**
     * A collation change keeps every row as it is but builds each index on the column again under
     * the ACCESS EXCLUSIVE lock (measured: docs/lock-facts.md): downtime in proportion to the
     * table.
     */
    private static List<Finding> collationRebuildsIndexes(
            Change.AlterColumnType alter, JudgeContext context) {
        List<String> indexes = indexesRebuiltForCollation(alter, context);
        TableSize size = TableSize.of(alter.table(), context);
        return FindingBuilder.of(INFO, alter, context)
                .sized(size)
                .what(
                        "ALTER COLUMN "
                                + alter.table()
                                + "."
                                + alter.column()
                                + " TYPE "
                                + alter.to().sql()
                                + (alter.toCollation() == null
                                        ? ""
                                        : " COLLATE " + alter.toCollation())
                                + " changes the collation: no row is rewritten, but "
                                + String.join(", ", indexes)
                                + (indexes.size() == 1 ? " is" : " are")
                                + " built again, which reads the whole table, and "
                                + LockPhrase.takes(
                                        LockLevel.ACCESS_EXCLUSIVE, LockPhrase.WHOLE_BUILD))
                .why(
                        "Index entries are ordered by the collation, so each index on the column is built"
                                + " from scratch while nothing can read or write "
                                + alter.table()
                                + size.smallClause())
                .fix(
                        "Build the indexes with the new collation CONCURRENTLY first (a new column, or"
                                + " CREATE INDEX CONCURRENTLY ... COLLATE), or run it in a maintenance window")
                .list();
    }
}
