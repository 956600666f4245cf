package dev.evoplan.rules;

import dev.evoplan.diff.Change;
import dev.evoplan.model.UniqueConstraint;
import java.util.List;

/**
 * EP103: ADD CONSTRAINT ... UNIQUE builds its index while holding ACCESS EXCLUSIVE, so the table is
 * unreadable for the whole build. Building the index concurrently first and attaching it with USING
 * INDEX keeps the strong lock brief.
 */
public final class AddUniqueBuildsIndexInPlace implements ChangeRule {
    static final RuleInfo INFO =
            new RuleInfo(
                            "add-unique-builds-index-in-place",
                            "EP103",
                            "ADD CONSTRAINT UNIQUE builds its index while blocking all reads and writes",
                            Safety.DOWNTIME,
                            LockLevel.ACCESS_EXCLUSIVE)
                    .with(RuleInfo.Trait.SCANS_OR_REWRITES);

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public boolean appliesTo(Change.Kind kind) {
        return kind == Change.Kind.ADD_UNIQUE;
    }

    @Override
    public List<Finding> check(Change change, JudgeContext context) {
        if (!(change instanceof Change.AddUnique add)) {
            return List.of();
        }
        UniqueConstraint unique = add.constraint();
        String columns = String.join(", ", unique.columns());
        if (context.mode() == Mode.AS_PLANNED) {
            return FindingBuilder.of(INFO, change, context)
                    .safety(Safety.MULTI_STEP)
                    .what(
                            "As planned, CREATE UNIQUE INDEX CONCURRENTLY "
                                    + unique.name()
                                    + " on "
                                    + add.table()
                                    + " ("
                                    + columns
                                    + ") "
                                    + LockPhrase.takes(
                                            LockLevel.SHARE_UPDATE_EXCLUSIVE,
                                            LockPhrase.WHOLE_BUILD)
                                    + "; then ADD CONSTRAINT "
                                    + unique.name()
                                    + " UNIQUE USING INDEX "
                                    + LockPhrase.takes(
                                            LockLevel.ACCESS_EXCLUSIVE, LockPhrase.BRIEF))
                    .why(
                            "Only the attach holds the strong lock and it does not read the table; a duplicate makes"
                                    + " the concurrent build fail and leave an INVALID index")
                    .fix(
                            "Two steps: build the unique index concurrently outside a transaction, then attach it with"
                                    + " USING INDEX; drop the INVALID index and clean the duplicates if the build fails")
                    .list();
        }
        if (WrittenSql.usingIndex(context)) {
            return FindingBuilder.of(INFO, change, context)
                    .safety(Safety.SAFE)
                    .what(
                            "ADD CONSTRAINT "
                                    + unique.name()
                                    + " UNIQUE USING INDEX on "
                                    + add.table()
                                    + " "
                                    + LockPhrase.takes(LockLevel.ACCESS_EXCLUSIVE, LockPhrase.BRIEF)
                                    + ": it attaches an index that already exists")
                    .why("No index is built and the table is not read while the lock is held")
                    .fix("Nothing to stage: run it with a short lock_timeout")
                    .list();
        }
        TableSize size = TableSize.of(add.table(), context);
        return FindingBuilder.of(INFO, change, context)
                .sized(size)
                .what(
                        "ADD CONSTRAINT "
                                + unique.name()
                                + " UNIQUE ("
                                + columns
                                + ") on "
                                + add.table()
                                + " builds its unique index in place and "
                                + LockPhrase.takes(
                                        LockLevel.ACCESS_EXCLUSIVE, LockPhrase.WHOLE_BUILD))
                .why(
                        "The build reads the whole table, and nothing can read or write "
                                + add.table()
                                + " until it ends"
                                + size.smallClause())
                .fix(
                        "Build the index with CREATE UNIQUE INDEX CONCURRENTLY first, then ADD CONSTRAINT "
                                + unique.name()
                                + " UNIQUE USING INDEX")
                .list();
    }
}
