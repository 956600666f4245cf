package dev.evoplan.rules;

import dev.evoplan.diff.Change;
import dev.evoplan.model.Column;
import dev.evoplan.model.Origin;
import dev.evoplan.model.Schema;
import dev.evoplan.model.Table;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * EP612: a migration that deletes rows ({@code DELETE FROM}) from a table with a status column. The
 * guide deletes softly on such tables ({@code status = 'archived'}) and keeps hard deletes for
 * privacy erasure. Judged on the data changes of a migration, not on a table's shape.
 */
public final class HardDeleteOnStatusTable extends DesignRule {
    /** Its id: lint places its advisory at the DELETE, not where the table was made. */
    public static final String ID = "hard-delete-on-status-table";

    static final RuleInfo INFO =
            new RuleInfo(
                    ID,
                    "EP612",
                    "A migration deletes rows from a table that has a status column for soft deletes",
                    Safety.ADVICE,
                    LockLevel.NONE);

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    List<Finding> review(DesignSubject subject) {
        return List
                .of(); // a table's shape says nothing about deletes; see review(DataChange, Schema)
    }

    /**
     * The advisory for one data change when it is a DELETE on a table of {@code schema} with a
     * status column.
     */
    public static List<Finding> review(Change.DataChange data, Schema schema) {
        if (data.table() == null || !data.operation().toLowerCase(Locale.ROOT).equals("delete")) {
            return List.of();
        }
        Optional<Table> table = schema.table(data.table());
        Optional<Column> status =
                table.flatMap(
                        t ->
                                t.column("status")
                                        .or(
                                                () ->
                                                        t.columns().stream()
                                                                .filter(
                                                                        c ->
                                                                                c.name()
                                                                                        .endsWith(
                                                                                                "_status"))
                                                                .findFirst()));
        if (status.isEmpty()) {
            return List.of();
        }
        String s = status.get().name();
        return List.of(
                new Finding(
                        INFO.id(),
                        Safety.ADVICE,
                        LockLevel.NONE,
                        data.table(),
                        "a migration deletes rows from "
                                + data.table()
                                + ", which has a "
                                + s
                                + " column",
                        "The guide deletes softly where a table has a status ("
                                + s
                                + " = 'archived'): the row, its history and"
                                + " the rows that point at it stay; hard deletes are for privacy erasure",
                        "UPDATE "
                                + data.table().sql()
                                + " SET "
                                + s
                                + " = 'archived' WHERE ...; (if this delete is an erasure,"
                                + " say so in the migration and suppress the advisory)",
                        null,
                        Origin.UNKNOWN,
                        List.of(),
                        data));
    }
}
