package dev.evoplan.rules;

import dev.evoplan.diff.Change;
import dev.evoplan.model.Index;
import java.util.List;

/**
 * EP101: a plain CREATE INDEX holds a SHARE lock for the whole build, so every write to the table
 * waits until the index is complete. CONCURRENTLY builds it under SHARE UPDATE EXCLUSIVE.
 */
public final class CreateIndexNonConcurrent implements ChangeRule {
    /** Its id: lint --fix rewrites its findings (fix.FixKind). */
    public static final String ID = "create-index-non-concurrent";

    static final RuleInfo INFO =
            new RuleInfo(
                            ID,
                            "EP101",
                            "CREATE INDEX without CONCURRENTLY blocks writes for the whole index build",
                            Safety.DOWNTIME,
                            LockLevel.SHARE)
                    .with(RuleInfo.Trait.SCANS_OR_REWRITES);

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public boolean appliesTo(Change.Kind kind) {
        return kind == Change.Kind.CREATE_INDEX;
    }

    @Override
    public List<Finding> check(Change change, JudgeContext context) {
        if (!(change instanceof Change.CreateIndex create)) {
            return List.of();
        }
        // Written CONCURRENTLY inside a transaction it fails before it locks anything:
        // concurrently-in-transaction says so.
        if (ConcurrentlyInTransaction.fails(change, context)) {
            return List.of();
        }
        Index index = create.index();
        String label = "CREATE " + (index.unique() ? "UNIQUE " : "") + "INDEX";
        if (context.mode() == Mode.AS_PLANNED || WrittenSql.concurrently(context)) {
            String how = context.mode() == Mode.AS_PLANNED ? "As planned, " : "As written, ";
            return FindingBuilder.of(INFO, change, context)
                    .safety(Safety.SAFE)
                    .lock(LockLevel.SHARE_UPDATE_EXCLUSIVE)
                    .what(
                            how
                                    + label
                                    + " CONCURRENTLY "
                                    + index.name()
                                    + " on "
                                    + index.table()
                                    + " "
                                    + LockPhrase.takes(
                                            LockLevel.SHARE_UPDATE_EXCLUSIVE,
                                            LockPhrase.WHOLE_BUILD)
                                    + "; it scans the table twice and must run outside a transaction")
                    .why(
                            "Reads and writes go on during the build; if it fails (a duplicate for a unique index,"
                                    + " a cancelled build) it leaves an INVALID index behind")
                    .fix(
                            "Run it on its own, outside a transaction; on failure drop the INVALID index and retry")
                    .list();
        }
        TableSize size = TableSize.of(index.table(), context);
        return FindingBuilder.of(INFO, change, context)
                .sized(size)
                .what(
                        label
                                + " "
                                + index.name()
                                + " on "
                                + index.table()
                                + " "
                                + LockPhrase.takes(LockLevel.SHARE, LockPhrase.WHOLE_BUILD))
                .why(
                        "Building an index reads the whole table; every INSERT, UPDATE and DELETE on "
                                + index.table()
                                + " waits until the build ends"
                                + size.smallClause())
                .fix(
                        "Build it with CREATE "
                                + (index.unique() ? "UNIQUE " : "")
                                + "INDEX CONCURRENTLY, on its own"
                                + " outside a transaction, and drop the INVALID index if the build fails")
                .list();
    }
}
