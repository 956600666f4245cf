package dev.evoplan.verify;

import dev.evoplan.model.QualifiedName;
import java.util.Objects;

/**
 * The rows seeded into one table before the plan ran.
 *
 * @param requested rows asked for
 * @param inserted rows inserted (fewer than asked when a unique key made of foreign keys runs out
 *     of combinations)
 * @param skipped why the table was left empty, or null when it was seeded
 * @param note why fewer rows than inserted were kept (rows the target forbids), or null
 */
public record SeedResult(
        QualifiedName table, long requested, long inserted, String skipped, String note) {
    public SeedResult {
        Objects.requireNonNull(table, "table is null");
    }

    public SeedResult(QualifiedName table, long requested, long inserted, String skipped) {
        this(table, requested, inserted, skipped, null);
    }
}
