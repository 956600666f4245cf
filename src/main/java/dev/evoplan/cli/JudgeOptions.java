package dev.evoplan.cli;

import dev.evoplan.engine.AnalysisOptions;
import dev.evoplan.model.QualifiedName;
import dev.evoplan.plan.PlanOptions;
import dev.evoplan.rules.JudgeContext;
import dev.evoplan.rules.TableStats;
import dev.evoplan.source.jdbc.TableSizes;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** What the verdicts depend on: PostgreSQL version, table sizes, and plan settings. */
public final class JudgeOptions {
    @Option(
            names = "--pg-version",
            paramLabel = "N",
            defaultValue = "" + JudgeContext.DEFAULT_PG_VERSION,
            description =
                    "PostgreSQL major the migration runs on (10-18). Default: ${DEFAULT-VALUE}.")
    int pgVersion;

    @Option(
            names = "--table-rows",
            split = ",",
            paramLabel = "TABLE=ROWS",
            description =
                    "Known table sizes, e.g. orders=50000000. Tables not named are assumed large.")
    Map<String, Long> tableRows = new LinkedHashMap<>();

    @Option(
            names = "--stats-from",
            paramLabel = "JDBC_URL",
            description =
                    "Read table sizes (pg_class.reltuples) from this database, read-only; --table-rows wins for the tables it names.")
    String statsFrom;

    @Option(
            names = "--small-table-rows",
            paramLabel = "ROWS",
            defaultValue = "" + TableStats.DEFAULT_SMALL_TABLE_ROWS,
            description =
                    "At or below this many rows a rewrite or scan is not downtime. Default: ${DEFAULT-VALUE}.")
    long smallTableRows;

    @Option(
            names = "--batch-size",
            paramLabel = "ROWS",
            defaultValue = "" + PlanOptions.DEFAULT_BATCH_SIZE,
            description = "Rows per committed backfill batch. Default: ${DEFAULT-VALUE}.")
    int batchSize;

    @Option(
            names = "--lock-timeout",
            paramLabel = "DURATION",
            defaultValue = PlanOptions.DEFAULT_LOCK_TIMEOUT,
            description =
                    "lock_timeout set before each strong-lock step. Default: ${DEFAULT-VALUE}.")
    String lockTimeout;

    /** Takes the config file's value for each of these options the command line did not give. */
    void configure(Configuration c) {
        pgVersion = c.value("pg-version", "--pg-version", pgVersion, f -> f.pgVersion());
        tableRows = c.entries("tables", "--table-rows", tableRows, c.file().tableRows());
        statsFrom = c.value("stats-from", "--stats-from", statsFrom, f -> f.jdbcUrl("stats-from"));
        smallTableRows =
                c.value(
                        "small-table-rows",
                        "--small-table-rows",
                        smallTableRows,
                        f -> f.count("small-table-rows"));
        batchSize = c.value("batch-size", "--batch-size", batchSize, f -> f.positive("batch-size"));
        lockTimeout =
                c.value(
                        "lock-timeout",
                        "--lock-timeout",
                        lockTimeout,
                        f -> f.duration("lock-timeout"));
    }

    AnalysisOptions analysisOptions() {
        Map<QualifiedName, Long> rows = new TreeMap<>();
        if (statsFrom != null) {
            rows.putAll(TableSizes.read(statsFrom));
        }
        tableRows.forEach((name, n) -> rows.put(QualifiedName.parse(name), n));
        // --lock-timeout 0 means no timeout, as lock_timeout = 0 does in PostgreSQL: steps get none
        // (null).
        String timeout =
                lockTimeout != null && lockTimeout.matches("0+(ms|s|min|h)?") ? null : lockTimeout;
        return new AnalysisOptions(
                pgVersion, new TableStats(rows, smallTableRows), batchSize, timeout);
    }

    /**
     * The validation's problem as the command's usage error (exit 2); nothing when there is none.
     */
    void requireValid(CommandSpec spec) {
        String problem = validate();
        if (problem != null) {
            throw new ParameterException(spec.commandLine(), problem);
        }
    }

    /**
     * What is wrong with a duration option's value ({@code 5s}, {@code 500ms}, {@code 1min}), or
     * null.
     */
    static String durationProblem(String option, String value) {
        return value.matches("\\d+(ms|s|min|h)?")
                ? null
                : option + " must look like 5s, 500ms or 1min, not " + value;
    }

    /** Range checks picocli cannot express; returns the problem or null. */
    String validate() {
        if (pgVersion < 10 || pgVersion > 18) {
            return "--pg-version must be between 10 and 18, not " + pgVersion;
        }
        if (batchSize <= 0) {
            return "--batch-size must be positive";
        }
        String timeout = durationProblem("--lock-timeout", lockTimeout);
        if (timeout != null) {
            return timeout;
        }
        for (Map.Entry<String, Long> e : tableRows.entrySet()) {
            if (e.getValue() < 0) {
                return "--table-rows " + e.getKey() + " must not be negative";
            }
        }
        if (statsFrom != null && !statsFrom.startsWith("jdbc:postgresql:")) {
            return "--stats-from needs a jdbc:postgresql: URL";
        }
        return null;
    }
}
