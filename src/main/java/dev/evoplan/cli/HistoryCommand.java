package dev.evoplan.cli;

import dev.evoplan.engine.Timeline;
import dev.evoplan.render.TimelineRenderer;
import dev.evoplan.source.git.GitHistory;
import dev.evoplan.source.git.GitSources;
import dev.evoplan.source.liquibase.LiquibaseOptions;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code evoplan history}: how a changelog evolved, commit by commit, with the verdict on each
 * change.
 */
@Command(
        name = "history",
        mixinStandardHelpOptions = true,
        description =
                "A timeline of the schema's evolution: every commit on the first-parent history that "
                        + "changed the changelog, the findings of its changes, and totals (downtime changes merged, by author).")
final class HistoryCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(
            index = "0",
            paramLabel = "PATH",
            description = "The changelog to follow (a path in the working tree).")
    String path;

    @Option(
            names = "--since",
            paramLabel = "REF",
            description = "Start after this commit (exclusive). Default: from the first commit.")
    String since;

    @Option(
            names = "--until",
            paramLabel = "REF",
            defaultValue = "HEAD",
            description = "Walk back from this commit. Default: ${DEFAULT-VALUE}.")
    String until;

    @Option(
            names = "-C",
            paramLabel = "DIR",
            defaultValue = ".",
            description =
                    "Run as if started in DIR (as git -C): the repository and PATH are found from there.")
    Path directory;

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
        LiquibaseOptions options = sourceOptions.settings().liquibaseOptions();
        Timeline timeline =
                timeline(directory, path, since, until, options, judgeOptions.analysisOptions());
        Report.write(
                TimelineRenderer.render(timeline, outputOptions.documentFormat(spec)),
                outputOptions.output,
                spec.commandLine().getOut());
        return ExitCode.OK.code();
    }

    /** The commits that changed PATH (from git) analysed one after the other (the timeline). */
    static Timeline timeline(
            Path directory,
            String path,
            String since,
            String until,
            LiquibaseOptions options,
            dev.evoplan.engine.AnalysisOptions analysis) {
        GitHistory.Changes changes = GitHistory.changes(directory, path, since, until);
        // One loader for the whole walk: each commit reuses what the one before it parsed.
        try (GitSources.Loader loader = GitSources.Loader.open(directory, path, options)) {
            return Timeline.build(
                    path,
                    since,
                    until,
                    changes.commits(),
                    commit -> loader.load(commit.substring(0, 12)),
                    analysis);
        }
    }
}
