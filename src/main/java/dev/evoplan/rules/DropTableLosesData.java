package dev.evoplan.rules;

import dev.evoplan.diff.Change;
import dev.evoplan.model.ForeignKey;
import dev.evoplan.model.QualifiedName;
import dev.evoplan.model.Table;
import java.util.List;
import java.util.TreeSet;

/**
 * EP212: DROP TABLE takes its data with it and breaks code still using the table; its foreign keys
 * also take ACCESS EXCLUSIVE on every table they reference.
 */
public final class DropTableLosesData implements ChangeRule {
    static final RuleInfo INFO =
            new RuleInfo(
                    "drop-table-loses-data",
                    "EP212",
                    "DROP TABLE loses its data and breaks running code that uses the table",
                    Safety.MULTI_STEP,
                    LockLevel.ACCESS_EXCLUSIVE);

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public boolean appliesTo(Change.Kind kind) {
        return kind == Change.Kind.DROP_TABLE || kind == Change.Kind.DROP_OBJECT;
    }

    @Override
    public List<Finding> check(Change change, JudgeContext context) {
        if (change instanceof Change.DropObject d
                && d.object() instanceof dev.evoplan.model.Partition p) {
            return partition(p, change, context);
        }
        if (!(change instanceof Change.DropTable drop)) {
            return List.of();
        }
        Table table = drop.definition();
        TreeSet<QualifiedName> referenced = new TreeSet<>();
        for (ForeignKey fk : table.foreignKeys()) {
            if (!fk.target().equals(table.name())) {
                referenced.add(fk.target());
            }
        }
        String on =
                table.name()
                        + (referenced.isEmpty()
                                ? ""
                                : " and on "
                                        + String.join(
                                                ", ",
                                                referenced.stream()
                                                        .map(QualifiedName::toString)
                                                        .toList())
                                        + " (referenced by its foreign keys)");
        String lock = LockPhrase.takes(LockLevel.ACCESS_EXCLUSIVE, on, LockPhrase.BRIEF);
        String what =
                context.mode() == Mode.AS_PLANNED
                        ? "As planned, a deploy checkpoint first removes every use of "
                                + table.name()
                                + " from the application; then, in the contract stage, DROP TABLE "
                                + table.name()
                                + " "
                                + lock
                        : "DROP TABLE "
                                + table.name()
                                + " "
                                + lock
                                + "; its rows are gone when it commits";
        return FindingBuilder.of(INFO, change, context)
                .what(what)
                .why(
                        "Code deployed before the drop still queries "
                                + table.name()
                                + " and fails, and the data"
                                + " cannot be brought back except from a backup")
                .fix(
                        "Stop using the table in a release first, keep a copy if the data may be needed, then drop it"
                                + " in a later release")
                .list();
    }

    /** A partition dropped: its rows go with it, and the parent no longer accepts them. */
    private static List<Finding> partition(
            dev.evoplan.model.Partition p, Change change, JudgeContext context) {
        return FindingBuilder.of(INFO, change, context)
                .what(
                        "DROP TABLE "
                                + p.name()
                                + " (a partition of "
                                + p.parent()
                                + ") "
                                + LockPhrase.takes(
                                        LockLevel.ACCESS_EXCLUSIVE,
                                        p.parent() + " and on " + p.name(),
                                        LockPhrase.BRIEF)
                                + "; its rows are gone when it commits, and from then on an"
                                + " insert of a row in its bound ("
                                + p.bound()
                                + ") fails unless a DEFAULT partition takes it")
                .why(
                        "The rows of the partition cannot be brought back except from a backup,"
                                + " and code still writing rows of that bound fails")
                .fix(
                        "Detach it first (ALTER TABLE "
                                + p.parent().sql()
                                + " DETACH PARTITION "
                                + p.name().sql()
                                + " CONCURRENTLY, outside a transaction), keep or archive its rows,"
                                + " then drop it in a later release")
                .list();
    }
}
