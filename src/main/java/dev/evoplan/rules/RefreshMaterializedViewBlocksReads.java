package dev.evoplan.rules;

import dev.evoplan.diff.Change;
import java.util.List;

/**
 * EP219: a plain REFRESH MATERIALIZED VIEW holds ACCESS EXCLUSIVE on the view while it runs the
 * view's whole query again: nothing can read the view until it is done. CONCURRENTLY takes
 * EXCLUSIVE, which lets reads go on, but needs a unique index on the view.
 */
public final class RefreshMaterializedViewBlocksReads extends MaintenanceOperationRule {
    static final RuleInfo INFO =
            new RuleInfo(
                            "refresh-materialized-view-blocks-reads",
                            "EP219",
                            "REFRESH MATERIALIZED VIEW without CONCURRENTLY blocks every read of the view while it recomputes",
                            Safety.DOWNTIME,
                            LockLevel.ACCESS_EXCLUSIVE)
                    .with(RuleInfo.Trait.SCANS_OR_REWRITES, RuleInfo.Trait.READ_ONLY_RELATION);

    public RefreshMaterializedViewBlocksReads() {
        super(INFO, Change.Maintenance.Operation.REFRESH_MATERIALIZED_VIEW);
    }

    @Override
    List<Finding> judge(Change.Maintenance m, JudgeContext context) {
        String view = m.table() == null ? "the view" : m.table().toString();
        if (m.concurrently() || context.mode() == Mode.AS_PLANNED) {
            String how = m.concurrently() ? "" : "As planned, ";
            return FindingBuilder.of(INFO, m, context)
                    .safety(Safety.SAFE)
                    .lock(LockLevel.EXCLUSIVE)
                    .what(
                            how
                                    + "REFRESH MATERIALIZED VIEW CONCURRENTLY "
                                    + view
                                    + " "
                                    + LockPhrase.takes(
                                            LockLevel.EXCLUSIVE, view, "while it recomputes")
                                    + "; readers see the old rows until it commits")
                    .why(
                            "Reads of "
                                    + view
                                    + " go on; it needs a unique index on the view covering all rows (no"
                                    + " WHERE), or it fails, and it is slower than a plain refresh")
                    .fix("Keep a unique index on the view; run it with a short lock_timeout")
                    .list();
        }
        // The time is the view's query, not its size: a row count of the view says little about it.
        return FindingBuilder.of(INFO, m, context)
                .what(
                        m.summary()
                                + " "
                                + LockPhrase.takes(
                                        LockLevel.ACCESS_EXCLUSIVE,
                                        view,
                                        "for the whole recompute of its query"))
                .why(
                        "Every query that reads "
                                + view
                                + " waits until its query has run again in full and the new"
                                + " rows are written")
                .fix(
                        "Use REFRESH MATERIALIZED VIEW CONCURRENTLY, after creating a unique index on the view"
                                + " (CREATE UNIQUE INDEX CONCURRENTLY) that covers all rows")
                .list();
    }
}
