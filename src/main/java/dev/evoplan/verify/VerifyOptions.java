package dev.evoplan.verify;

import dev.evoplan.engine.AnalysisOptions;
import java.util.Objects;

/**
 * How to verify: the analysis settings (their PostgreSQL version is the server's major), the rows
 * to seed, the probe connections that stand in for the application while the steps run (0: none),
 * and where to show progress.
 */
public record VerifyOptions(
        AnalysisOptions analysis, RowCounts rows, int probeClients, Progress progress) {
    public static final int DEFAULT_PROBE_CLIENTS = ProbeWorkload.DEFAULT_CLIENTS;

    public VerifyOptions {
        Objects.requireNonNull(analysis, "analysis is null");
        Objects.requireNonNull(rows, "rows is null");
        Objects.requireNonNull(progress, "progress is null");
        if (probeClients < 0) {
            throw new IllegalArgumentException("probeClients is negative: " + probeClients);
        }
    }

    /** The default probes, no progress display. */
    public VerifyOptions(AnalysisOptions analysis, RowCounts rows) {
        this(analysis, rows, DEFAULT_PROBE_CLIENTS, Progress.SILENT);
    }

    public int pgVersion() {
        return analysis.pgVersion();
    }
}
