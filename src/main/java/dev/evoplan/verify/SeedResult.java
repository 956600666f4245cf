package dev.evoplan.verify;

import dev.evoplan.model.QualifiedName;
import java.util.Objects;

/**
 * The rows seeded into one table before the plan ran.
 *
 * @param requested rows asked for
 * @param inserted rows inserted (fewer than asked when a unique key made of foreign keys runs out of combinations)
 * @param skipped why the table was left empty, or null when it was seeded
 */
public record SeedResult(QualifiedName table, long requested, long inserted, String skipped) {
    public SeedResult {
        Objects.requireNonNull(table, "table is null");
    }
}
