package dev.evoplan.rules;

import dev.evoplan.model.QualifiedName;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * How big a table is as far as the judge knows, and how that enters a verdict: a scan or rewrite of
 * a new or known-small table is over in milliseconds; an unknown size counts as large.
 *
 * @param rows the known row count, or -1 when unknown or new
 */
record TableSize(QualifiedName table, Kind kind, long rows) {
    /** Where the size comes from. */
    enum Kind {
        NEW,
        SMALL,
        LARGE,
        UNKNOWN
    }

    static TableSize of(QualifiedName table, JudgeContext context) {
        if (context.isNew(table)) {
            return new TableSize(table, Kind.NEW, 0);
        }
        OptionalLong rows = table == null ? OptionalLong.empty() : context.stats().rowsOf(table);
        if (rows.isEmpty()) {
            return new TableSize(table, Kind.UNKNOWN, -1);
        }
        return new TableSize(
                table,
                context.stats().isKnownSmall(table) ? Kind.SMALL : Kind.LARGE,
                rows.getAsLong());
    }

    /** A scan or rewrite of this table takes no noticeable time. */
    boolean negligible() {
        return kind == Kind.NEW || kind == Kind.SMALL;
    }

    /** Known to hold no rows at all: a NOT NULL column without default can be added. */
    boolean empty() {
        return kind == Kind.NEW || (kind == Kind.SMALL && rows == 0);
    }

    /** DOWNTIME for a scan or rewrite on this table, SAFE when that is negligible. */
    Safety scanOrRewrite() {
        return negligible() ? Safety.SAFE : Safety.DOWNTIME;
    }

    /** "orders: 1,000 rows (small)", "size unknown: assumed large (pass --table-rows orders=N)". */
    String note() {
        String name = table == null ? "the table" : table.toString();
        return switch (kind) {
            case NEW -> name + ": created earlier in this migration (empty)";
            case SMALL -> name + ": " + String.format(Locale.ROOT, "%,d", rows) + " rows (small)";
            case LARGE -> name + ": " + String.format(Locale.ROOT, "%,d", rows) + " rows (large)";
            case UNKNOWN -> "size unknown: assumed large (pass --table-rows " + name + "=N)";
        };
    }

    /** The notes of several tables, joined; the verdict is negligible only when all are. */
    static String notes(List<TableSize> sizes) {
        return String.join("; ", sizes.stream().map(TableSize::note).toList());
    }

    /** A clause for {@code why} when size made a long operation short, else empty. */
    String smallClause() {
        return switch (kind) {
            case NEW ->
                    "; the table was created earlier in this migration and is empty, so this is instant";
            case SMALL ->
                    "; "
                            + table
                            + " is small ("
                            + String.format(Locale.ROOT, "%,d", rows)
                            + " rows), so this takes milliseconds";
            case LARGE, UNKNOWN -> "";
        };
    }
}
