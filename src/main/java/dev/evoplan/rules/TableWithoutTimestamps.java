package dev.evoplan.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * EP603: a new table without {@code created_at} or {@code updated_at}. The guide puts both on every
 * table (audit trail, debugging, optimistic concurrency); a table whose comment says it is
 * append-only or immutable needs no {@code updated_at}.
 */
public final class TableWithoutTimestamps extends DesignRule {
    static final RuleInfo INFO =
            new RuleInfo(
                    "table-without-timestamps",
                    "EP603",
                    "A new table lacks created_at or updated_at",
                    Safety.ADVICE,
                    LockLevel.NONE);

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    List<Finding> review(DesignSubject s) {
        if (!s.tableIsNew()) {
            return List.of();
        }
        List<String> missing = new ArrayList<>();
        if (!s.table().hasColumn("created_at")) {
            missing.add("created_at");
        }
        if (!s.table().hasColumn("updated_at") && !appendOnly(s.table().comment())) {
            missing.add("updated_at");
        }
        if (missing.isEmpty()) {
            return List.of();
        }
        StringBuilder sql = new StringBuilder();
        for (String m : missing) {
            sql.append(sql.length() == 0 ? "" : "; ")
                    .append("ALTER TABLE ")
                    .append(s.sqlName())
                    .append(" ADD COLUMN ")
                    .append(m)
                    .append(" timestamptz NOT NULL DEFAULT now()");
        }
        return List.of(
                advise(
                        s,
                        s.table().name() + " has no " + String.join(" and no ", missing),
                        "The guide puts created_at and updated_at on every table: audit trail, debugging, optimistic concurrency"
                                + " (a table commented as append-only needs no updated_at)",
                        "Add " + String.join(" and ", missing) + ": " + sql));
    }

    /** Whether a table comment says rows are never updated. */
    static boolean appendOnly(String comment) {
        if (comment == null) {
            return false;
        }
        String c = comment.toLowerCase(Locale.ROOT);
        return c.contains("append-only") || c.contains("append only") || c.contains("immutable");
    }
}
