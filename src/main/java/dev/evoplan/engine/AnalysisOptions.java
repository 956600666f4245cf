package dev.evoplan.engine;

import dev.evoplan.plan.PlanOptions;
import dev.evoplan.rules.JudgeContext;
import dev.evoplan.rules.TableStats;
import java.util.Objects;
import java.util.Set;

/**
 * What a user can tune about one analysis.
 *
 * @param pgVersion the PostgreSQL major the migration will run on
 * @param stats known table sizes
 * @param batchSize rows per backfill batch
 * @param lockTimeout {@code lock_timeout} for strong-lock steps; null for none (--lock-timeout 0)
 */
public record AnalysisOptions(int pgVersion, TableStats stats, int batchSize, String lockTimeout) {
    public AnalysisOptions {
        Objects.requireNonNull(stats, "stats is null");
    }

    public static AnalysisOptions defaults() {
        return new AnalysisOptions(
                JudgeContext.DEFAULT_PG_VERSION,
                TableStats.UNKNOWN,
                PlanOptions.DEFAULT_BATCH_SIZE,
                PlanOptions.DEFAULT_LOCK_TIMEOUT);
    }

    PlanOptions planOptions(Set<dev.evoplan.model.QualifiedName> newTables) {
        return new PlanOptions(pgVersion, batchSize, lockTimeout, stats, newTables);
    }
}
