package dev.evoplan.cli;

import dev.evoplan.engine.AnalysisOptions;
import dev.evoplan.model.InputException;
import dev.evoplan.model.LoadedSchema;
import dev.evoplan.source.Sources;
import dev.evoplan.verify.DockerServer;
import dev.evoplan.verify.EmbeddedServers;
import dev.evoplan.verify.Progress;
import dev.evoplan.verify.RowCounts;
import dev.evoplan.verify.ServerStart;
import dev.evoplan.verify.Timings;
import dev.evoplan.verify.Verifier;
import dev.evoplan.verify.VerifyOptions;
import dev.evoplan.verify.VerifyRenderer;
import dev.evoplan.verify.VerifyReport;
import dev.evoplan.verify.VerifyServer;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code evoplan verify}: run the plan on an embedded PostgreSQL and check its predictions. */
@Command(
        name = "verify",
        mixinStandardHelpOptions = true,
        description =
                "Prove the plan on a real PostgreSQL: create the old schema in an embedded server (or a scratch database on --db), seed rows, "
                        + "run every step while watching its locks and rewrites, compare with the plan's predictions, "
                        + "and require the result to be the new schema. Exit 1 when anything differs.")
final class VerifyCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(
            names = "--from",
            paramLabel = "SRC",
            description = "The schema as it is now (as for plan).")
    String from;

    @Option(names = "--to", paramLabel = "SRC", description = "The schema as it should become.")
    String to;

    @Option(
            names = "--cleanup",
            description =
                    "With --db: drop the scratch databases evoplan_verify_... that earlier runs left on that server "
                            + "(the server stopped mid-run) and that no session uses, print their names, and exit.")
    boolean cleanup;

    @Option(
            names = "--rows",
            paramLabel = "N|TABLE=N[,...]",
            defaultValue = "" + RowCounts.DEFAULT_ROWS,
            description =
                    "Rows to seed: N for every table, TABLE=N for one (a bare N is the default for the others). "
                            + "Default: ${DEFAULT-VALUE}.")
    String rows;

    @Option(
            names = "--db",
            paramLabel = "jdbc:postgresql:...|docker[:IMAGE]",
            description =
                    "Run on your own server instead of the embedded one: verify creates a scratch database "
                            + "evoplan_verify_<hex> there (the role needs CREATEDB), works only in it and drops it at the end. "
                            + "docker[:IMAGE] starts IMAGE (default postgres:<--pg-version>) in Docker for the run.")
    String db;

    @Option(
            names = "--probe-clients",
            paramLabel = "N",
            defaultValue = "" + VerifyOptions.DEFAULT_PROBE_CLIENTS,
            description =
                    "Connections that read and write the plan's tables while the steps run, standing in for the "
                            + "application; 0 turns them off. Default: ${DEFAULT-VALUE}.")
    int probeClients;

    @Mixin SourceOptions sourceOptions;

    @Mixin JudgeOptions judgeOptions;

    @Mixin OutputOptions outputOptions;

    @Mixin ConfigFileOption configFile;

    @Override
    public Integer call() {
        // The project's sizes, version and Liquibase settings hold here too; report formats are
        // plan/check/lint's.
        Configuration.resolving(spec, configFile, sourceOptions, judgeOptions);
        judgeOptions.requireValid(spec);
        var format =
                outputOptions.documentFormat(
                        spec); // before the run: a wrong format is known at once
        if (db == null && !EmbeddedServers.MAJORS.contains(judgeOptions.pgVersion)) {
            throw new InputException(
                    null,
                    0,
                    "no embedded PostgreSQL "
                            + judgeOptions.pgVersion
                            + " for verify: available majors are "
                            + String.join(
                                    ", ",
                                    EmbeddedServers.MAJORS.stream().map(String::valueOf).toList()));
        }
        var dockerImage = DockerServer.image(db, judgeOptions.pgVersion, "--db");
        if (db != null && dockerImage.isEmpty() && !db.startsWith("jdbc:postgresql:")) {
            throw new InputException(
                    null,
                    0,
                    "--db takes a jdbc:postgresql: URL (or docker[:IMAGE]), not "
                            + Sources.redact(db));
        }
        if (dockerImage.isPresent()) {
            DockerServer.requireDocker("--db");
        }
        if (cleanup) {
            if (db == null || from != null || to != null) {
                throw new ParameterException(
                        spec.commandLine(), "--cleanup takes --db URL and no --from or --to");
            }
            java.util.List<String> dropped = VerifyServer.cleanup(db);
            var out = spec.commandLine().getOut();
            out.println(
                    dropped.isEmpty()
                            ? "no scratch databases left behind on " + Sources.redact(db)
                            : "dropped " + String.join(", ", dropped));
            out.flush();
            return ExitCode.OK.code();
        }
        if (from == null || to == null) {
            throw new ParameterException(spec.commandLine(), "verify needs --from and --to");
        }
        if (probeClients < 0 || probeClients > 64) {
            throw new ParameterException(
                    spec.commandLine(),
                    "--probe-clients must be between 0 and 64, not " + probeClients);
        }
        RowCounts counts;
        try {
            counts = RowCounts.parse(rows);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        if (db == null) {
            // The embedded server starts while the sources load and the plan is made.
            try (ServerStart server = ServerStart.embedded(judgeOptions.pgVersion)) {
                return verifyAndReport(server, counts, format);
            }
        }
        return verifyAndReport(null, counts, format);
    }

    /**
     * Loads both sources, verifies on {@code embedded} (or on --db when null), writes the report.
     */
    private int verifyAndReport(
            ServerStart embedded, RowCounts counts, dev.evoplan.render.Format format) {
        Timings.Phase loading = Timings.start();
        LoadedSchema old = Sources.load(from, sourceOptions.settings());
        LoadedSchema target = Sources.load(to, sourceOptions.settings());
        loading.end("load sources");
        // Progress goes to stderr only on a terminal outside CI (or when asked): a pipe, a file, a
        // CI log
        // or a test sees the report alone.
        Progress progress =
                PhaseProgress.shown(System.getenv(), System.console() != null)
                        ? Progress.terminal(spec.commandLine().getErr())
                        : Progress.SILENT;
        VerifyReport report;
        try {
            report =
                    embedded != null
                            ? Verifier.verify(
                                    embedded,
                                    old,
                                    target,
                                    new VerifyOptions(
                                            judgeOptions.analysisOptions(),
                                            counts,
                                            probeClients,
                                            progress))
                            : onExistingServer(old, target, counts, progress);
        } finally {
            progress.finished();
        }
        Report.write(
                VerifyRenderer.render(report, format),
                outputOptions.output,
                spec.commandLine().getOut());
        return report.passed() ? ExitCode.OK.code() : ExitCode.GATE.code();
    }

    /**
     * On the user's server the analysis is for that server's major; an explicit, different
     * --pg-version is refused.
     */
    private VerifyReport onExistingServer(
            LoadedSchema old, LoadedSchema target, RowCounts counts, Progress progress) {
        var dockerImage = DockerServer.image(db, judgeOptions.pgVersion, "--db");
        VerifyServer opened =
                dockerImage.isPresent()
                        ? DockerServer.start(dockerImage.get(), "--db")
                        : VerifyServer.existing(db);
        var err = spec.commandLine().getErr();
        if (!opened.droppedOnOpen().isEmpty()) {
            err.println(
                    "evoplan: dropped scratch databases an interrupted run left behind: "
                            + String.join(", ", opened.droppedOnOpen()));
        }
        try (VerifyServer server = opened) {
            int major = server.major();
            if (spec.commandLine().getParseResult().hasMatchedOption("--pg-version")
                    && major != judgeOptions.pgVersion) {
                throw new InputException(
                        Sources.redact(db),
                        0,
                        "the server runs PostgreSQL "
                                + major
                                + ", not the --pg-version "
                                + judgeOptions.pgVersion
                                + " given");
            }
            AnalysisOptions a = judgeOptions.analysisOptions();
            AnalysisOptions onServer =
                    new AnalysisOptions(major, a.stats(), a.batchSize(), a.lockTimeout());
            return Verifier.verify(
                    server,
                    old,
                    target,
                    new VerifyOptions(onServer, counts, probeClients, progress));
        } finally {
            if (!opened.leftBehind().isEmpty()) {
                err.println(
                        "evoplan: could not drop the scratch databases "
                                + String.join(", ", opened.leftBehind())
                                + " (the server went away?): the next verify --db on this server drops them, or run"
                                + " `evoplan verify --cleanup --db URL`");
            }
            err.flush();
        }
    }
}
