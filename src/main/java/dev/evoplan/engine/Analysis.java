package dev.evoplan.engine;

import dev.evoplan.diff.Change;
import dev.evoplan.plan.FindingWithFix;
import dev.evoplan.plan.Plan;
import dev.evoplan.rules.Mode;
import dev.evoplan.rules.Safety;
import java.util.List;
import java.util.Objects;

/**
 * The whole answer for one {@code plan}/{@code check}: the changes between two schemas, the verdict
 * on each, and the staged plan.
 *
 * @param from how the user named the old side
 * @param to how the user named the new side
 * @param mode {@link Mode#AS_WRITTEN} when {@code to} extends {@code from} with new changesets
 * @param changes the declarative diff, in dependency order
 * @param verdicts the findings, in the order of the changes they judge
 * @param suppressed the findings an {@code evoplan:ignore} comment with a reason silenced
 * @param ruleControl what rule control (config file, --disable, --severity) changed, one line per
 *     setting
 */
public record Analysis(
        String from,
        String to,
        Mode mode,
        int pgVersion,
        List<Change> changes,
        List<FindingWithFix> verdicts,
        Plan plan,
        String modeReason,
        List<FindingWithFix> suppressed,
        List<String> ruleControl) {
    public Analysis {
        Objects.requireNonNull(from, "from is null");
        Objects.requireNonNull(to, "to is null");
        Objects.requireNonNull(mode, "mode is null");
        changes = List.copyOf(changes);
        verdicts = List.copyOf(verdicts);
        Objects.requireNonNull(plan, "plan is null");
        suppressed = List.copyOf(suppressed);
        ruleControl = List.copyOf(ruleControl);
    }

    /** An analysis with nothing suppressed and no rule control. */
    public Analysis(
            String from,
            String to,
            Mode mode,
            int pgVersion,
            List<Change> changes,
            List<FindingWithFix> verdicts,
            Plan plan,
            String modeReason) {
        this(from, to, mode, pgVersion, changes, verdicts, plan, modeReason, List.of(), List.of());
    }

    /** An analysis that does not say why it ran in its mode. */
    public Analysis(
            String from,
            String to,
            Mode mode,
            int pgVersion,
            List<Change> changes,
            List<FindingWithFix> verdicts,
            Plan plan) {
        this(from, to, mode, pgVersion, changes, verdicts, plan, null);
    }

    /** The worst safety of any finding; {@link Safety#SAFE} when there is none. */
    public Safety worst() {
        return verdicts.stream().map(v -> v.finding().safety()).reduce(Safety.SAFE, Safety::worst);
    }

    /** Whether any finding trips a gate at {@code gate}. */
    public boolean trips(Safety gate) {
        return verdicts.stream().anyMatch(v -> v.finding().safety().trips(gate));
    }

    /**
     * The same analysis with each finding's origin passed through {@code map} (unknown ones kept).
     */
    public Analysis withOrigins(
            java.util.Map<dev.evoplan.model.Origin, dev.evoplan.model.Origin> map) {
        List<FindingWithFix> mapped =
                verdicts.stream()
                        .map(
                                v ->
                                        new FindingWithFix(
                                                v.finding()
                                                        .withOrigin(
                                                                map.getOrDefault(
                                                                        v.finding().origin(),
                                                                        v.finding().origin())),
                                                v.fix()))
                        .toList();
        List<FindingWithFix> mappedSuppressed =
                suppressed.stream()
                        .map(
                                v ->
                                        new FindingWithFix(
                                                v.finding()
                                                        .withOrigin(
                                                                map.getOrDefault(
                                                                        v.finding().origin(),
                                                                        v.finding().origin())),
                                                v.fix()))
                        .toList();
        return new Analysis(
                from,
                to,
                mode,
                pgVersion,
                changes,
                mapped,
                plan,
                modeReason,
                mappedSuppressed,
                ruleControl);
    }

    /** The same analysis with the findings rule control left and its lines. */
    public Analysis withRuleControl(List<FindingWithFix> standing, List<String> lines) {
        return new Analysis(
                from, to, mode, pgVersion, changes, standing, plan, modeReason, suppressed, lines);
    }

    /** The same analysis with these findings standing and these suppressed. */
    public Analysis withSuppressed(List<FindingWithFix> standing, List<FindingWithFix> silenced) {
        return new Analysis(
                from,
                to,
                mode,
                pgVersion,
                changes,
                standing,
                plan,
                modeReason,
                silenced,
                ruleControl);
    }
}
