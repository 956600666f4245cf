package dev.evoplan.cli;

import dev.evoplan.render.Format;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** How much of a finding report to print, for the commands that judge (plan, check, lint). */
final class ReportOptions {
    @Option(
            names = {"-q", "--quiet"},
            description =
                    "Print only the verdict line (text format), e.g. for a shell prompt or a CI step's title.")
    boolean quiet;

    @Option(
            names = "--report-url",
            paramLabel = "URL",
            description =
                    "Where the full report is (e.g. the CI run's page); a markdown report cut to fit a "
                            + "pull-request comment (60,000 characters) points there.")
    String reportUrl;

    /**
     * --quiet shortens the text report; any other format is written whole, so the two do not mix.
     */
    void requireValid(CommandSpec spec, Format format) {
        if (quiet && format != Format.TEXT) {
            throw new ParameterException(
                    spec.commandLine(),
                    "--quiet prints the text verdict line: leave out --format "
                            + format.name().toLowerCase(java.util.Locale.ROOT)
                            + " or --quiet");
        }
    }
}
