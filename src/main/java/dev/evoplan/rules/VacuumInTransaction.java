package dev.evoplan.rules;

import dev.evoplan.diff.Change;
import java.util.List;

/**
 * EP231: plain VACUUM (and VACUUM ANALYZE) refuses to run inside a transaction block, exactly as
 * the CONCURRENTLY statements do: the migration stops there and its transaction rolls back. VACUUM
 * FULL is table-rewrite-statement's, which says the same in its message.
 */
public final class VacuumInTransaction extends MaintenanceOperationRule {
    static final RuleInfo INFO =
            new RuleInfo(
                    "vacuum-in-transaction",
                    "EP231",
                    "VACUUM inside a transaction block fails: PostgreSQL refuses to run it in one",
                    Safety.DOWNTIME,
                    LockLevel.NONE);

    public VacuumInTransaction() {
        super(INFO, Change.Maintenance.Operation.VACUUM);
    }

    @Override
    List<Finding> judge(Change.Maintenance m, JudgeContext context) {
        if (context.mode() != Mode.AS_WRITTEN
                || !ConcurrentlyInTransaction.knownInTransaction(context)) {
            return List.of();
        }
        String where =
                context.statement() != null
                        ? "runs inside a transaction block (an explicit BEGIN, or the transaction its migration tool"
                                + " wraps the file in)"
                        : "runs inside its changeset's transaction (runInTransaction is true)";
        return FindingBuilder.of(INFO, m, context)
                .what(
                        m.summary()
                                + " "
                                + where
                                + ": PostgreSQL refuses it (\"VACUUM cannot run inside a transaction"
                                + " block\"), so it takes no lock and does nothing")
                .why(
                        "The migration fails at this statement and everything before it in the transaction is rolled"
                                + " back; the deploy stops half done, and retrying it fails the same way")
                .fix(
                        "Run VACUUM on its own, outside a transaction (a migration the tool runs without one), or leave"
                                + " it to autovacuum; ANALYZE alone may run inside a transaction")
                .list();
    }
}
