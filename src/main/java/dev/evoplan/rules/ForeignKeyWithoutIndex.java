package dev.evoplan.rules;

import dev.evoplan.model.ForeignKey;
import dev.evoplan.model.Index;
import dev.evoplan.model.Table;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

/**
 * EP608: a new foreign key whose referencing columns lead no index, primary key or unique
 * constraint. Every delete or key update on the referenced table then scans this table, and the
 * "list children of a parent" access pattern has no index.
 */
public final class ForeignKeyWithoutIndex extends DesignRule {
    static final RuleInfo INFO =
            new RuleInfo(
                    "foreign-key-without-index",
                    "EP608",
                    "A new foreign key has no index on its referencing columns",
                    Safety.ADVICE,
                    LockLevel.NONE);

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    List<Finding> review(DesignSubject s) {
        List<Finding> out = new ArrayList<>();
        for (ForeignKey fk : s.table().foreignKeys()) {
            if (s.isNew(fk) && !indexed(s.table(), fk.columns())) {
                String cols = String.join(", ", fk.columns());
                out.add(
                        advise(
                                s,
                                "foreign key "
                                        + fk.name()
                                        + " ("
                                        + s.table().name()
                                        + "."
                                        + cols
                                        + " -> "
                                        + fk.target()
                                        + ") has no index on "
                                        + cols,
                                "The guide indexes for access patterns: without it, listing a parent's rows scans the table, and"
                                        + " every delete on "
                                        + fk.target()
                                        + " scans it too while holding its locks",
                                "CREATE INDEX CONCURRENTLY idx_"
                                        + s.table().name().name()
                                        + "_"
                                        + String.join("_", fk.columns())
                                        + " ON "
                                        + s.sqlName()
                                        + " ("
                                        + cols
                                        + ")"));
            }
        }
        return out;
    }

    /**
     * Whether some full index, primary key or unique constraint starts with exactly these columns
     * (in any order).
     */
    public static boolean indexed(Table table, List<String> columns) {
        List<List<String>> leading = new ArrayList<>();
        if (table.primaryKey() != null) {
            leading.add(table.primaryKey().columns());
        }
        table.uniques().forEach(u -> leading.add(u.columns()));
        for (Index i : table.indexes()) {
            if (i.predicate() == null) {
                leading.add(
                        i.elements().stream()
                                .map(e -> e.expression() ? "" : e.columnOrExpression())
                                .toList());
            }
        }
        for (List<String> key : leading) {
            if (key.size() >= columns.size()
                    && new HashSet<>(key.subList(0, columns.size()))
                            .equals(new HashSet<>(columns))) {
                return true;
            }
        }
        return false;
    }
}
