package dev.evoplan.cli;

import dev.evoplan.engine.LintReport;
import dev.evoplan.engine.Linter;
import dev.evoplan.fix.FixResult;
import dev.evoplan.fix.LintFixer;
import dev.evoplan.fix.UnifiedDiff;
import dev.evoplan.model.Schema;
import dev.evoplan.render.CiContext;
import dev.evoplan.render.LintRenderer;
import dev.evoplan.rules.Finding;
import dev.evoplan.rules.Safety;
import dev.evoplan.source.LintSources;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code evoplan lint}: judge migrations as written, statement by statement, as a gate. */
@Command(
        name = "lint",
        mixinStandardHelpOptions = true,
        description =
                "Judge SQL migrations (files, folders of Flyway/golang-migrate/diesel/numbered files) and "
                        + "Liquibase changelogs as written, statement by statement, with the transaction and lock_timeout "
                        + "each runs under; exit 1 when any finding is at or above --fail-on.")
final class LintCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(
            arity = "0..*",
            paramLabel = "FILE|DIR",
            description =
                    "SQL migration files, folders of them (read in their tool's order), or Liquibase changelogs; "
                            + "read in the order given, each knowing the tables the earlier ones created.")
    List<String> inputs = new java.util.ArrayList<>();

    @Option(
            names = "--fail-on",
            paramLabel = "LEVEL",
            defaultValue = "downtime",
            converter = CheckCommand.GateConverter.class,
            description =
                    "advice (anything not safe, design advisories included), multi-step (anything not safe) or "
                            + "downtime. Statements evoplan could not judge (needs review) fail every gate. Default: ${DEFAULT-VALUE}.")
    Safety failOn;

    @Option(
            names = "--show-advice",
            description =
                    "Also report the design advisories (EP6xx, verdict advice) on the tables, columns and "
                            + "constraints each migration adds. They fail no gate but --fail-on advice.")
    boolean showAdvice;

    @Option(
            names = "--assume-in-transaction",
            description =
                    "The runner wraps each plain SQL file in one transaction (as Flyway, golang-migrate and diesel "
                            + "are known to do for their files without being told).")
    boolean assumeInTransaction;

    @Option(
            names = "--assume-lock-timeout",
            paramLabel = "DURATION",
            description =
                    "The runner sets this lock_timeout for every session (e.g. in PGOPTIONS or the connection "
                            + "URL), so statements do not need their own SET lock_timeout.")
    String assumedLockTimeout;

    @Mixin StartSchemaOption startSchema;

    @Option(
            names = "--show-safe",
            description =
                    "List safe findings too (text, markdown, github, gitlab; json, sarif and junit always have all).")
    boolean showSafe;

    @Option(
            names = "--diff",
            description =
                    "Print, as a unified diff that git apply accepts, the safe form of each finding whose fix is "
                            + "mechanical (CONCURRENTLY, NOT VALID + VALIDATE, SET lock_timeout, a Flyway file split in two); "
                            + "the findings it cannot fix are listed on stderr with why. Suppressed findings are never fixed.")
    boolean diff;

    @Option(
            names = "--fix",
            description =
                    "Apply what --diff prints to the files, then lint them again and report as usual.")
    boolean fix;

    @Mixin SourceOptions sourceOptions;

    @Mixin JudgeOptions judgeOptions;

    @Mixin OutputOptions outputOptions;

    @Mixin ReportOptions reportOptions;

    @Mixin ConfigFileOption configFile;

    @Mixin RuleControlOptions ruleControlOptions;

    /**
     * Resolves every option against the project configuration (flag &gt; file &gt; default) and
     * returns it.
     */
    Configuration configure() {
        Configuration c = Configuration.resolving(spec, configFile, sourceOptions, judgeOptions);
        outputOptions.configure(c);
        failOn = c.value("fail-on", "--fail-on", failOn, f -> f.gate("fail-on"));
        assumeInTransaction =
                c.flag("assume-in-transaction", "--assume-in-transaction", assumeInTransaction);
        assumedLockTimeout =
                c.value(
                        "assume-lock-timeout",
                        "--assume-lock-timeout",
                        assumedLockTimeout,
                        f -> f.duration("assume-lock-timeout"));
        startSchema.schema =
                c.value("schema", "--schema", startSchema.schema, f -> f.path("schema"));
        showSafe = c.flag("show-safe", "--show-safe", showSafe);
        if (inputs.isEmpty()) {
            inputs = c.file().paths("migrations").map(v -> v.value()).orElse(List.of());
        }
        return c;
    }

    @Override
    public Integer call() {
        Configuration config = configure();
        if (inputs.isEmpty()) {
            throw new ParameterException(
                    spec.commandLine(),
                    "give the migrations to lint (FILE|DIR...), or set "
                            + "migrations: in "
                            + dev.evoplan.config.ProjectConfig.FILE_NAME);
        }
        var ruleControl = ruleControlOptions.control(spec, config.file());
        judgeOptions.requireValid(spec);
        reportOptions.requireValid(spec, outputOptions.format);
        String timeout =
                assumedLockTimeout == null
                        ? null
                        : JudgeOptions.durationProblem("--assume-lock-timeout", assumedLockTimeout);
        if (timeout != null) {
            throw new ParameterException(spec.commandLine(), timeout);
        }
        if (diff && fix) {
            throw new ParameterException(
                    spec.commandLine(),
                    "give --diff (print the fixes) or --fix (apply them), not both");
        }
        // What the report prints is kept whole; a finding it only counts is kept as its rule,
        // verdict and place (a million safe findings of one large file, in text).
        Predicate<Finding> listed =
                diff || fix
                        ? f -> true
                        : reportOptions.listed(outputOptions.format, showSafe, ruleControl);
        LintReport report;
        Schema start;
        try (PhaseProgress progress = PhaseProgress.start(spec.commandLine().getErr())) {
            progress.phase("linting " + String.join(" ", inputs));
            start = startSchema.load(sourceOptions.settings());
            report = lint(start, ruleControl, listed);
        }
        if (diff || fix) {
            FixResult fixes =
                    LintFixer.fix(
                            report,
                            judgeOptions.analysisOptions().lockTimeout(),
                            assumeInTransaction);
            java.io.PrintWriter err = spec.commandLine().getErr();
            fixes.notFixed().forEach(line -> err.println("evoplan: not fixed: " + line));
            if (diff) {
                err.flush();
                java.io.PrintWriter out = spec.commandLine().getOut();
                out.print(UnifiedDiff.of(fixes.files(), java.nio.file.Path.of("")));
                out.flush();
                return ExitCode.OK.code();
            }
            LintFixer.apply(fixes);
            err.println(
                    "evoplan: fixed "
                            + fixes.files().size()
                            + (fixes.files().size() == 1 ? " file" : " files"));
            err.flush();
            report = lint(start, ruleControl, listed);
        }
        LintRenderer renderer =
                new LintRenderer(
                        outputOptions.format,
                        outputOptions.useColor(),
                        CiContext.of("lint", failOn, showSafe)
                                .withReportUrl(reportOptions.reportUrl));
        String text = reportOptions.quiet ? renderer.verdictLine(report) : renderer.render(report);
        Report.write(text, outputOptions.output, spec.commandLine().getOut());
        return report.trips(failOn) ? ExitCode.GATE.code() : ExitCode.OK.code();
    }

    /**
     * Lints the inputs from {@code start}, with the project's rule control applied (said in the
     * report); the findings {@code listed} refuses are kept only to be counted.
     */
    private LintReport lint(
            Schema start, dev.evoplan.config.RuleControl ruleControl, Predicate<Finding> listed) {
        var migrations =
                LintSources.each(
                        inputs,
                        new LintSources.Settings(
                                sourceOptions.settings(),
                                start,
                                assumeInTransaction,
                                assumedLockTimeout));
        // As in check: advisories are in the report when asked for, or when the gate needs them.
        LintReport report =
                Linter.lintStreamed(
                        inputs,
                        migrations,
                        judgeOptions.analysisOptions(),
                        showAdvice || failOn == Safety.ADVICE,
                        listed);
        var controlled = ruleControl.apply(report.verdicts());
        return report.withRuleControl(controlled.verdicts(), controlled.notes());
    }
}
