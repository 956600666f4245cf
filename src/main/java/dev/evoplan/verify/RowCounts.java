package dev.evoplan.verify;

import dev.evoplan.model.QualifiedName;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * How many rows to seed: a default for every table and counts for named tables.
 *
 * @param perTable counts that win over the default, by table
 */
public record RowCounts(long defaultRows, Map<QualifiedName, Long> perTable) {
    public static final long DEFAULT_ROWS = 1000;

    public RowCounts {
        Objects.requireNonNull(perTable, "perTable is null");
        perTable = Map.copyOf(perTable);
        if (defaultRows < 0 || perTable.values().stream().anyMatch(n -> n < 0)) {
            throw new IllegalArgumentException("row counts must not be negative");
        }
    }

    public static RowCounts everyTable(long rows) {
        return new RowCounts(rows, Map.of());
    }

    /**
     * Reads {@code N}, {@code t=N[,t=N...]} or both ({@code 0,users=500}): a bare number is the
     * default for tables not named. Throws IllegalArgumentException with the user's text.
     */
    public static RowCounts parse(String spec) {
        long defaultRows = DEFAULT_ROWS;
        Map<QualifiedName, Long> perTable = new TreeMap<>();
        for (String part : spec.split(",")) {
            String p = part.strip();
            if (p.isEmpty()) {
                continue;
            }
            int eq = p.indexOf('=');
            try {
                if (eq < 0) {
                    defaultRows = Long.parseLong(p);
                } else {
                    perTable.put(
                            QualifiedName.parse(p.substring(0, eq)),
                            Long.parseLong(p.substring(eq + 1).strip()));
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(
                        "--rows expects N or TABLE=N[,TABLE=N...], not '" + p + "'");
            }
        }
        try {
            return new RowCounts(defaultRows, perTable);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--rows must not be negative: " + spec);
        }
    }

    public long forTable(QualifiedName table) {
        return perTable.getOrDefault(table, defaultRows);
    }
}
