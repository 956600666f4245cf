package dev.evoplan.plan;

import dev.evoplan.model.QualifiedName;
import dev.evoplan.rules.TableStats;
import java.util.Objects;
import java.util.Set;

/**
 * Settings of the planner.
 *
 * @param batchSize rows per committed backfill batch
 * @param lockTimeout {@code lock_timeout} set before each statement that takes a strong lock; null
 *     for none (--lock-timeout 0)
 * @param newTables tables created by this same plan: empty, so plain statements are safe on them
 */
public record PlanOptions(
        int pgVersion,
        int batchSize,
        String lockTimeout,
        TableStats stats,
        Set<QualifiedName> newTables) {
    public static final int DEFAULT_BATCH_SIZE = 10_000;
    public static final String DEFAULT_LOCK_TIMEOUT = "5s";

    public PlanOptions {
        Objects.requireNonNull(stats, "stats is null");
        newTables =
                newTables instanceof dev.evoplan.model.GrowingSet.Snapshot<?>
                        ? newTables
                        : Set.copyOf(newTables);
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batchSize must be positive");
        }
    }

    public static PlanOptions defaults(int pgVersion) {
        return new PlanOptions(
                pgVersion, DEFAULT_BATCH_SIZE, DEFAULT_LOCK_TIMEOUT, TableStats.UNKNOWN, Set.of());
    }
}
