package dev.evoplan.verify;

import dev.evoplan.plan.AnalysisOptions;
import java.util.Objects;

/**
 * How to verify: the analysis settings (their PostgreSQL version is the server's major) and the
 * rows to seed.
 */
public record VerifyOptions(AnalysisOptions analysis, RowCounts rows) {
    public VerifyOptions {
        Objects.requireNonNull(analysis, "analysis is null");
        Objects.requireNonNull(rows, "rows is null");
    }

    public int pgVersion() {
        return analysis.pgVersion();
    }
}
