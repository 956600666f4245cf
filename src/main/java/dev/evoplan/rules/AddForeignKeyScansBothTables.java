package dev.evoplan.rules;

import dev.evoplan.diff.Change;
import dev.evoplan.model.ForeignKey;
import java.util.ArrayList;
import java.util.List;

/**
 * EP211: ADD FOREIGN KEY checks every existing row against the referenced table while holding SHARE
 * ROW EXCLUSIVE on both, so writes to both wait for the whole check. NOT VALID then VALIDATE moves
 * the check under locks that let writes go on.
 */
public final class AddForeignKeyScansBothTables implements ChangeRule {
    /** Its id: lint --fix rewrites its findings (fix.FixKind). */
    public static final String ID = "add-foreign-key-scans-both-tables";

    static final RuleInfo INFO =
            new RuleInfo(
                            ID,
                            "EP211",
                            "ADD FOREIGN KEY scans the table and blocks writes on both tables",
                            Safety.DOWNTIME,
                            LockLevel.SHARE_ROW_EXCLUSIVE)
                    .with(RuleInfo.Trait.SCANS_OR_REWRITES);

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public boolean appliesTo(Change.Kind kind) {
        return kind == Change.Kind.ADD_FOREIGN_KEY;
    }

    /**
     * Whether the foreign key's table or the table it references is partitioned: PostgreSQL refuses
     * NOT VALID on a partitioned table, and on one referencing a partitioned table VALIDATE leaves
     * the per-partition copies unvalidated, so only the plain statement reaches the target.
     */
    public static boolean noNotValidPath(
            dev.evoplan.model.Schema schema, dev.evoplan.model.QualifiedName table, ForeignKey fk) {
        var own = schema.tables().get(table);
        var target = schema.tables().get(fk.target());
        return (own != null && own.partitioned()) || (target != null && target.partitioned());
    }

    @Override
    public List<Finding> check(Change change, JudgeContext context) {
        if (!(change instanceof Change.AddForeignKey add) || !add.foreignKey().validated()) {
            return List.of();
        }
        ForeignKey fk = add.foreignKey();
        String both =
                add.table() + (fk.target().equals(add.table()) ? "" : " and on " + fk.target());
        // A partitioned table on either side has no NOT VALID path: planned as written.
        if (context.mode() == Mode.AS_PLANNED
                && !noNotValidPath(context.before(), add.table(), fk)) {
            return FindingBuilder.of(INFO, change, context)
                    .safety(Safety.MULTI_STEP)
                    .what(
                            "As planned, ADD CONSTRAINT "
                                    + fk.name()
                                    + " FOREIGN KEY ... NOT VALID "
                                    + LockPhrase.takes(
                                            LockLevel.SHARE_ROW_EXCLUSIVE, both, LockPhrase.BRIEF)
                                    + "; then VALIDATE CONSTRAINT "
                                    + fk.name()
                                    + " "
                                    + LockPhrase.takes(
                                            LockLevel.SHARE_UPDATE_EXCLUSIVE,
                                            add.table().toString(),
                                            "for the whole scan of " + add.table())
                                    + "; "
                                    + fk.target()
                                    + " gets only ROW SHARE")
                    .why(
                            "New rows are checked from the first step; old rows are checked while reads and writes go on")
                    .fix("Add the foreign key NOT VALID, then VALIDATE it in its own transaction")
                    .list();
        }
        if (onNewColumns(fk, add, context)) {
            return FindingBuilder.of(INFO, change, context)
                    .safety(Safety.SAFE)
                    .what(
                            "ADD CONSTRAINT "
                                    + fk.name()
                                    + " FOREIGN KEY ("
                                    + String.join(", ", fk.columns())
                                    + ") REFERENCES "
                                    + fk.target()
                                    + " on columns the same statement adds "
                                    + LockPhrase.takes(
                                            LockLevel.SHARE_ROW_EXCLUSIVE, both, LockPhrase.BRIEF)
                                    + ": every row holds NULL there, so there is nothing to look up")
                    .why("No existing row is checked; only the brief lock on both tables remains")
                    .fix("Nothing to stage: run it with a short lock_timeout")
                    .list();
        }
        // The check query may read both tables in full, so both must be cheap to call it short.
        List<TableSize> sizes = new ArrayList<>();
        sizes.add(TableSize.of(add.table(), context));
        if (!fk.target().equals(add.table())) {
            sizes.add(TableSize.of(fk.target(), context));
        }
        boolean negligible = sizes.stream().allMatch(TableSize::negligible);
        return FindingBuilder.of(INFO, change, context)
                .safety(negligible ? Safety.SAFE : Safety.DOWNTIME)
                .sizeNote(TableSize.notes(sizes))
                .what(
                        "ADD CONSTRAINT "
                                + fk.name()
                                + " FOREIGN KEY ("
                                + String.join(", ", fk.columns())
                                + ") REFERENCES "
                                + fk.target()
                                + " "
                                + LockPhrase.takes(
                                        LockLevel.SHARE_ROW_EXCLUSIVE,
                                        both,
                                        "for the whole scan of " + add.table()))
                .why(
                        "Every existing row is looked up in "
                                + fk.target()
                                + " while writes to both tables wait"
                                + (negligible
                                        ? "; both tables are small or new, so this takes milliseconds"
                                        : ""))
                .fix(
                        "Add the foreign key NOT VALID (brief), then VALIDATE CONSTRAINT "
                                + fk.name()
                                + ", which scans under SHARE UPDATE EXCLUSIVE so reads and writes go on")
                .list();
    }

    /**
     * As written, the key's columns are added by the same statement ({@code ADD COLUMN x bigint
     * REFERENCES p}): they did not exist just before it, so every row holds NULL and PostgreSQL
     * checks nothing (measured: no scan). Only one statement counts: Liquibase's addColumn with a
     * foreign key runs ADD COLUMN, then ADD CONSTRAINT, and that second statement does scan.
     */
    private static boolean onNewColumns(
            ForeignKey fk, Change.AddForeignKey add, JudgeContext context) {
        if (context.mode() != Mode.AS_WRITTEN
                || context.source() == null
                || context.source().writtenSql().size() != 1) {
            return false;
        }
        return context.before()
                .table(add.table())
                .map(t -> fk.columns().stream().noneMatch(t::hasColumn))
                .orElse(false);
    }
}
