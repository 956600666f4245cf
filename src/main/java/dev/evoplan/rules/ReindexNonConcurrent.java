package dev.evoplan.rules;

import dev.evoplan.diff.Change;
import java.util.List;

/**
 * EP218: a plain REINDEX holds SHARE on the table for the whole rebuild (writes wait) and ACCESS
 * EXCLUSIVE on each index it rebuilds, which the planner needs for almost any query on the table.
 * From PostgreSQL 12, REINDEX CONCURRENTLY builds the new index beside the old one.
 */
public final class ReindexNonConcurrent extends MaintenanceOperationRule {
    static final RuleInfo INFO =
            new RuleInfo(
                            "reindex-non-concurrent",
                            "EP218",
                            "REINDEX without CONCURRENTLY blocks writes, and queries that use the index, for the whole rebuild",
                            Safety.DOWNTIME,
                            LockLevel.SHARE)
                    .with(RuleInfo.Trait.SCANS_OR_REWRITES);

    public ReindexNonConcurrent() {
        super(INFO, Change.Maintenance.Operation.REINDEX);
    }

    @Override
    List<Finding> judge(Change.Maintenance m, JudgeContext context) {
        if (ConcurrentlyInTransaction.fails(m, context)) {
            return List.of();
        }
        String on = m.table() == null ? "each table it rebuilds" : m.table().toString();
        // The planner plans REINDEX CONCURRENTLY where PostgreSQL has it and the table is known.
        boolean planned =
                context.mode() == Mode.AS_PLANNED && context.pgVersion() >= 12 && m.table() != null;
        if (m.concurrently() || planned) {
            String how = m.concurrently() ? "" : "As planned, ";
            return FindingBuilder.of(INFO, m, context)
                    .safety(Safety.SAFE)
                    .lock(LockLevel.SHARE_UPDATE_EXCLUSIVE)
                    .what(
                            how
                                    + "REINDEX CONCURRENTLY "
                                    + on
                                    + " "
                                    + LockPhrase.takes(
                                            LockLevel.SHARE_UPDATE_EXCLUSIVE,
                                            on,
                                            LockPhrase.WHOLE_BUILD)
                                    + "; it builds each new index beside the old one and must run outside a transaction")
                    .why(
                            "Reads and writes go on during the rebuild; if it fails it leaves an INVALID index named"
                                    + " *_ccnew behind")
                    .fix(
                            "Run it on its own, outside a transaction; on failure drop the *_ccnew index CONCURRENTLY"
                                    + " and retry")
                    .list();
        }
        TableSize size = TableSize.of(m.table(), context);
        FindingBuilder finding = FindingBuilder.of(INFO, m, context).sized(size);
        if (m.table() == null) {
            finding.sizeNote(
                    "no single table: every table it rebuilds indexes of, each assumed large");
        }
        // REINDEX SCHEMA / DATABASE / SYSTEM commit per table, so PostgreSQL refuses them in a
        // transaction block.
        boolean refused =
                ConcurrentlyInTransaction.knownInTransaction(context)
                        && m.reindexTarget() != null
                        && m.reindexTarget().manyTables();
        return finding.what(
                        m.summary()
                                + " "
                                + LockPhrase.takes(LockLevel.SHARE, on, LockPhrase.WHOLE_BUILD)
                                + ", and an ACCESS EXCLUSIVE lock on each index while it is rebuilt"
                                + (refused
                                        ? "; inside a transaction block, as here, PostgreSQL refuses this form at all"
                                        : ""))
                .why(
                        "Every INSERT, UPDATE and DELETE on "
                                + on
                                + " waits for the rebuild, and so do reads: the"
                                + " planner locks every index of a table to plan a query on it, so nearly every query waits"
                                + " for the index being rebuilt"
                                + size.smallClause())
                .fix(
                        context.pgVersion() >= 12
                                ? "Use REINDEX CONCURRENTLY, on its own outside a transaction, and drop the *_ccnew index if"
                                        + " it fails"
                                : "Before PostgreSQL 12 there is no REINDEX CONCURRENTLY: build a new index with CREATE INDEX"
                                        + " CONCURRENTLY, drop the old one with DROP INDEX CONCURRENTLY and rename the new one, or run"
                                        + " the REINDEX in a maintenance window")
                .list();
    }
}
