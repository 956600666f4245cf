package dev.evoplan.cli;

import dev.evoplan.engine.Analysis;
import dev.evoplan.engine.Analyzer;
import dev.evoplan.model.InputException;
import dev.evoplan.model.LoadedSchema;
import dev.evoplan.model.Schema;
import dev.evoplan.render.CiContext;
import dev.evoplan.render.Renderer;
import dev.evoplan.render.Renderers;
import dev.evoplan.rules.DesignReview;
import dev.evoplan.rules.Finding;
import dev.evoplan.rules.Safety;
import dev.evoplan.source.Sources;
import dev.evoplan.source.git.GitSources;
import dev.evoplan.verify.DockerServer;
import dev.evoplan.verify.EmbeddedServers;
import dev.evoplan.verify.ServerSpelling;
import dev.evoplan.verify.Shadow;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** What {@code plan} and {@code check} share: read both sides, analyse, render. */
abstract class AnalyzeCommand {
    @Spec CommandSpec spec;

    @Option(
            names = "--from",
            paramLabel = "SRC",
            description =
                    "The schema as it is now: a Liquibase changelog (.xml/.yaml/.yml/.json/.sql), a plain SQL file or migration folder, git:REF:PATH (as it is at a git ref), or a jdbc:postgresql: URL.")
    String from;

    @Option(
            names = "--to",
            paramLabel = "SRC",
            description = "The schema as it should become (same kinds as --from).")
    String to;

    @Option(
            names = "--base",
            paramLabel = "REF",
            description =
                    "Instead of --from/--to: compare PATH at the merge-base of REF and --head "
                            + "(what a pull request shows) with PATH at --head.")
    String base;

    @Option(
            names = "--head",
            paramLabel = "REF",
            defaultValue = "WORKTREE",
            description =
                    "With --base: the head side. Default: ${DEFAULT-VALUE} (the files on disk, uncommitted edits included).")
    String head;

    @Parameters(
            arity = "0..1",
            paramLabel = "PATH",
            description = "With --base: the changelog to compare.")
    String path;

    @Option(
            names = "--shadow",
            arity = "0..1",
            paramLabel = "docker[:IMAGE]",
            parameterConsumer = ShadowServer.class,
            description =
                    "Build each file source in an embedded PostgreSQL (--pg-version: 14, 16 or 18) by running "
                            + "its statements, raw SQL included, and compare the catalogs read back. --shadow docker[:IMAGE] "
                            + "builds them in a Docker container of IMAGE instead (default postgres:<--pg-version>).")
    boolean shadow;

    /** The docker[:IMAGE] given to --shadow, or null for the embedded server. */
    String shadowServer;

    /**
     * Takes the word after --shadow only when it is docker or docker:IMAGE, so that {@code --shadow
     * PATH} keeps meaning the embedded shadow and then the changelog.
     */
    static final class ShadowServer implements picocli.CommandLine.IParameterConsumer {
        @Override
        public void consumeParameters(
                java.util.Stack<String> args,
                picocli.CommandLine.Model.ArgSpec argSpec,
                picocli.CommandLine.Model.CommandSpec commandSpec) {
            argSpec.setValue(true);
            if (!args.isEmpty()
                    && (args.peek().equals("docker") || args.peek().startsWith("docker:"))) {
                ((AnalyzeCommand) commandSpec.userObject()).shadowServer = args.pop();
            }
        }
    }

    @Option(
            names = "--show-advice",
            description =
                    "Also report the design advisories (EP6xx, verdict advice) on the tables, columns and "
                            + "constraints the change adds. They fail no gate but --fail-on advice.")
    boolean showAdvice;

    @Mixin SourceOptions sourceOptions;

    @Mixin StartSchemaOption startSchema;

    @Mixin JudgeOptions judgeOptions;

    @Mixin OutputOptions outputOptions;

    @Mixin ReportOptions reportOptions;

    @Option(
            names = "--show-safe",
            description =
                    "List safe findings too (text, markdown, github, gitlab; json, sarif and junit always have all).")
    boolean showSafe;

    @Mixin ConfigFileOption configFile;

    @Mixin RuleControlOptions ruleControlOptions;

    /**
     * Resolves every option against the project configuration (flag &gt; file &gt; default) and
     * returns it; the one place plan and check options take their values from the file.
     */
    Configuration configure() {
        Configuration c = Configuration.resolving(spec, configFile, sourceOptions, judgeOptions);
        outputOptions.configure(c);
        showSafe = c.flag("show-safe", "--show-safe", showSafe);
        showAdvice = c.flag("show-advice", "--show-advice", showAdvice);
        shadow = c.flag("shadow", "--shadow", shadow);
        configureCommand(c);
        if (base != null && path == null) {
            // check --base REF alone compares the project's one migration path.
            path =
                    c.file()
                            .paths("migrations")
                            .filter(v -> v.value().size() == 1)
                            .map(v -> v.value().get(0))
                            .orElse(null);
        }
        return c;
    }

    /** The options only one command has (check's --fail-on). */
    void configureCommand(Configuration c) {}

    /** The two source specs: --from and --to, or the pull-request sides of PATH for --base. */
    private List<String> sides() {
        if (base != null) {
            if (from != null || to != null) {
                throw new ParameterException(
                        spec.commandLine(),
                        "--base replaces --from and --to: give one or the other");
            }
            if (path == null) {
                throw new ParameterException(
                        spec.commandLine(), "--base needs the changelog PATH to compare");
            }
            return GitSources.pullRequestSides(Path.of(""), base, head, path);
        }
        if (from == null || to == null || path != null) {
            throw new ParameterException(
                    spec.commandLine(), "give --from SRC and --to SRC, or --base REF PATH");
        }
        return List.of(from, to);
    }

    /**
     * The level the exit code fails at, which the JUnit report's failures follow; plan has none and
     * uses the default.
     */
    Safety gate() {
        return Safety.DOWNTIME;
    }

    /** Loads, analyses and writes the report; returns the analysis for the gate. */
    Analysis analyzeAndReport() {
        try (PhaseProgress progress = PhaseProgress.start(spec.commandLine().getErr())) {
            return analyzeAndReport(progress);
        }
    }

    private Analysis analyzeAndReport(PhaseProgress progress) {
        Configuration config = configure();
        var ruleControl = ruleControlOptions.control(spec, config.file());
        judgeOptions.requireValid(spec);
        reportOptions.requireValid(spec, outputOptions.format);
        List<String> sides = sides();
        Schema start = Schema.EMPTY;
        if (startSchema.schema != null) {
            progress.phase("loading " + startSchema.schema);
            start = startSchema.load(sourceOptions.settings());
        }
        LoadedSchema old;
        LoadedSchema target;
        try {
            progress.phase("loading " + sides.get(0));
            // The old side's changesets ran: the analysis only compares them with the new side's.
            old =
                    base != null
                            ? Sources.loadPullRequestBase(
                                    sides.get(0), sourceOptions.settings(), start)
                            : Sources.loadOld(sides.get(0), sourceOptions.settings(), start);
            progress.phase("loading " + sides.get(1));
            target = Sources.loadNew(sides.get(1), sourceOptions.settings(), old, start);
        } catch (InputException e) {
            throw startSchema.hinted(e);
        }
        boolean oldLive = sides.get(0).startsWith("jdbc:");
        if (!shadow && oldLive != sides.get(1).startsWith("jdbc:")) {
            // A live catalog prints expressions its own way: spell the file side the same way.
            int major =
                    EmbeddedServers.MAJORS.contains(judgeOptions.pgVersion)
                            ? judgeOptions.pgVersion
                            : 16;
            if (oldLive) {
                target = ServerSpelling.spellOnEmbedded(target, major);
            } else {
                old = ServerSpelling.spellOnEmbedded(old, major);
            }
        }
        if (shadow) {
            progress.phase("building the shadow databases");
            List<LoadedSchema> shadowed =
                    shadowServer == null
                            ? Shadow.shadow(List.of(old, target), judgeOptions.pgVersion)
                            : Shadow.shadowOnDocker(
                                    List.of(old, target),
                                    DockerServer.image(
                                                    shadowServer,
                                                    judgeOptions.pgVersion,
                                                    "--shadow")
                                            .orElseThrow());
            old = shadowed.get(0);
            target = shadowed.get(1);
        }
        progress.phase("judging and planning");
        Predicate<Finding> listed =
                reportOptions.listed(outputOptions.format, showSafe, ruleControl);
        Analysis analysis = Analyzer.analyze(old, target, judgeOptions.analysisOptions(), listed);
        if (base != null) {
            // Only the findings the report prints show the commit that brought them; the others
            // are only counted.
            analysis =
                    analysis.withOrigins(
                            GitSources.introducingCommits(
                                    Path.of(""),
                                    base,
                                    head,
                                    path,
                                    analysis.verdicts().stream()
                                            .map(dev.evoplan.plan.FindingWithFix::finding)
                                            .filter(listed)
                                            .map(Finding::origin)
                                            .toList()));
        }
        if (includeAdvice()) {
            analysis = withAdvice(analysis, old.schema(), target.schema());
        }
        var controlled = ruleControl.apply(analysis.verdicts());
        analysis = analysis.withRuleControl(controlled.verdicts(), controlled.notes());
        CiContext context =
                CiContext.of(spec.name(), gate(), showSafe).withReportUrl(reportOptions.reportUrl);
        progress.close();
        if (reportOptions.quiet) {
            Report.write(
                    Renderers.verdictLine(analysis, context),
                    outputOptions.output,
                    spec.commandLine().getOut());
        } else {
            // Written as it is rendered: the text report of a plan of a million steps is 100 MB.
            Renderer renderer =
                    Renderers.of(outputOptions.format, outputOptions.useColor(), context);
            Analysis rendered = analysis;
            Report.write(
                    out -> renderer.render(rendered, out),
                    outputOptions.output,
                    spec.commandLine().getOut());
        }
        return analysis;
    }

    /** Whether the report carries design advisories: asked for, or a gate that needs them. */
    boolean includeAdvice() {
        return showAdvice;
    }

    /**
     * The analysis with the design advisories on what {@code target} adds to {@code old}, after its
     * verdicts.
     */
    static Analysis withAdvice(
            Analysis analysis, dev.evoplan.model.Schema old, dev.evoplan.model.Schema target) {
        List<dev.evoplan.plan.FindingWithFix> verdicts =
                new java.util.ArrayList<>(analysis.verdicts());
        DesignReview.reviewAdded(old, target, analysis.changes())
                .forEach(f -> verdicts.add(new dev.evoplan.plan.FindingWithFix(f, List.of())));
        // The mode's reason is left out as it always was here (the goldens with advice have none).
        return new Analysis(
                analysis.from(),
                analysis.to(),
                analysis.mode(),
                analysis.pgVersion(),
                analysis.changes(),
                verdicts,
                analysis.plan(),
                null,
                analysis.suppressed(),
                analysis.ruleControl());
    }
}
