package dev.evoplan.rules;

import dev.evoplan.model.QualifiedName;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * Known table sizes in rows ({@code --table-rows orders=50000000}). A table missing here is of
 * unknown size and is assumed large.
 *
 * @param smallTableRows at or below this many rows a rewrite or scan is a matter of milliseconds,
 *     so it is not downtime
 */
public record TableStats(Map<QualifiedName, Long> rows, long smallTableRows) {
    public static final long DEFAULT_SMALL_TABLE_ROWS = 10_000;
    public static final TableStats UNKNOWN = new TableStats(Map.of(), DEFAULT_SMALL_TABLE_ROWS);

    public TableStats {
        rows = Map.copyOf(new TreeMap<>(rows));
    }

    public OptionalLong rowsOf(QualifiedName table) {
        Long n = rows.get(table);
        return n == null ? OptionalLong.empty() : OptionalLong.of(n);
    }

    /** True only when the size is known and small; unknown counts as large. */
    public boolean isKnownSmall(QualifiedName table) {
        OptionalLong n = rowsOf(table);
        return n.isPresent() && n.getAsLong() <= smallTableRows;
    }
}
