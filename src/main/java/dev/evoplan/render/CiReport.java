package dev.evoplan.render;

import dev.evoplan.engine.Analysis;
import dev.evoplan.engine.LintReport;
import dev.evoplan.rules.Safety;
import java.util.List;

/**
 * One report as the CI formats see it, whichever command made it: the findings placed by file and
 * line, the suppressed ones (lint only), and the inputs that name the JUnit suites.
 *
 * @param suites one name per input: lint's inputs as the user named them, or {@code FROM -> TO}
 * @param findings the findings that stand, in {@link CiFinding#ORDER}
 * @param suppressed findings a suppression silenced, in the same order
 * @param defaultPath where a format that needs a path for every finding puts one without a file:
 *     the target side (or first input) as a path relative to the working folder
 */
record CiReport(
        CiContext context,
        List<String> suites,
        Safety worst,
        Tally tally,
        List<CiFinding> findings,
        List<CiFinding> suppressed,
        String defaultPath,
        List<String> ruleControl) {

    static CiReport of(Analysis analysis, CiContext context) {
        PathLocator locator =
                new PathLocator(context.workingFolder(), List.of(analysis.to(), analysis.from()));
        List<String> suites = List.of(analysis.from() + " -> " + analysis.to());
        return new CiReport(
                context,
                suites,
                analysis.worst(),
                Tally.of(analysis),
                CiFinding.of(analysis.verdicts(), suites, locator),
                CiFinding.of(analysis.suppressed(), suites, locator),
                locator.input(analysis.to()),
                analysis.ruleControl());
    }

    static CiReport of(LintReport report, CiContext context) {
        PathLocator locator = new PathLocator(context.workingFolder(), report.inputs());
        return new CiReport(
                context,
                report.inputs(),
                report.worst(),
                Tally.of(report.verdicts()),
                CiFinding.of(report.verdicts(), report.inputs(), locator),
                CiFinding.of(report.suppressed(), report.inputs(), locator),
                report.inputs().isEmpty() ? "." : locator.input(report.inputs().get(0)),
                report.ruleControl());
    }

    /**
     * The findings a format that hides safe ones by default lists: all but safe, and safe with
     * {@code --show-safe}.
     */
    List<CiFinding> shown() {
        return findings.stream()
                .filter(c -> context.showSafe() || c.safety() != Safety.SAFE)
                .toList();
    }

    /** Whether a finding fails the gate the command's exit code follows. */
    boolean fails(CiFinding finding) {
        return finding.safety().trips(context.gate());
    }

    /** {@code evoplan check: DOWNTIME (12 downtime, 6 multi-step, 1 needs review, 19 safe)}. */
    String verdictLine() {
        return "evoplan "
                + context.command()
                + ": "
                + Wording.label(worst)
                + " ("
                + tally.sentence()
                + (suppressed.isEmpty() ? "" : "; " + suppressed.size() + " suppressed")
                + (ruleControl.isEmpty()
                        ? ""
                        : "; rule control: "
                                + ruleControl.size()
                                + (ruleControl.size() == 1 ? " setting" : " settings")
                                + " applied")
                + ")";
    }
}
