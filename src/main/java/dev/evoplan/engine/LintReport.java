package dev.evoplan.engine;

import dev.evoplan.plan.FindingWithFix;
import dev.evoplan.rules.Safety;
import java.util.List;
import java.util.Objects;

/**
 * What lint found in a set of migrations.
 *
 * @param inputs the files and folders as the user named them
 * @param files how many migration files were read
 * @param statements how many statements were judged (SET, BEGIN and the like not counted)
 * @param verdicts the findings that stand, in file and statement order
 * @param suppressed the findings a suppression comment with a reason silenced
 * @param notes things said about the input that are not findings (skipped psql meta-commands)
 * @param ruleControl what rule control (config file, --disable, --severity) changed, one line per
 *     setting
 */
public record LintReport(
        List<String> inputs,
        int pgVersion,
        int files,
        int statements,
        List<FindingWithFix> verdicts,
        List<FindingWithFix> suppressed,
        List<String> notes,
        List<String> ruleControl) {
    public LintReport {
        inputs = List.copyOf(inputs);
        verdicts = List.copyOf(Objects.requireNonNull(verdicts, "verdicts is null"));
        suppressed = List.copyOf(suppressed);
        notes = List.copyOf(notes);
        ruleControl = List.copyOf(ruleControl);
    }

    /** A report without rule control. */
    public LintReport(
            List<String> inputs,
            int pgVersion,
            int files,
            int statements,
            List<FindingWithFix> verdicts,
            List<FindingWithFix> suppressed,
            List<String> notes) {
        this(inputs, pgVersion, files, statements, verdicts, suppressed, notes, List.of());
    }

    /** The same report with the findings rule control left and its lines. */
    public LintReport withRuleControl(List<FindingWithFix> standing, List<String> lines) {
        return new LintReport(
                inputs, pgVersion, files, statements, standing, suppressed, notes, lines);
    }

    /** The worst safety of any finding that stands; {@link Safety#SAFE} when there is none. */
    public Safety worst() {
        return verdicts.stream().map(v -> v.finding().safety()).reduce(Safety.SAFE, Safety::worst);
    }

    /** Whether any finding that stands trips a gate at {@code gate}. */
    public boolean trips(Safety gate) {
        return verdicts.stream().anyMatch(v -> v.finding().safety().trips(gate));
    }
}
