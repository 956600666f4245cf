package dev.evoplan.cli;

import dev.evoplan.config.RuleControl;
import dev.evoplan.render.Format;
import dev.evoplan.render.Renderers;
import dev.evoplan.rules.Finding;
import dev.evoplan.rules.Safety;
import java.util.function.Predicate;
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
     * The findings the report prints, which the engine keeps whole; the others it keeps only to
     * count (rule, verdict, place), without their wording, SQL, change or fix. {@code --quiet}
     * prints counts alone; otherwise the findings that are not safe, the safe ones too when the
     * format lists them ({@link Renderers#listsSafe}), and those of a rule whose verdict rule
     * control sets (a safe note raised into the listed ones).
     */
    Predicate<Finding> listed(Format format, boolean showSafe, RuleControl control) {
        if (quiet) {
            return f -> false;
        }
        boolean safeToo = Renderers.listsSafe(format, showSafe);
        return f -> safeToo || f.safety() != Safety.SAFE || control.setsVerdictOf(f.ruleId());
    }

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
