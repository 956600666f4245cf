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
        return kind == Change.Kind.DROP_TABLE;
    }

    @Override
    public List<Finding> check(Change change, JudgeContext context) {
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
}
