package dev.evoplan.engine;

import dev.evoplan.model.Suppression;
import dev.evoplan.plan.FindingWithFix;
import dev.evoplan.rules.Finding;
import dev.evoplan.rules.Judge;
import dev.evoplan.rules.RuleCatalogue;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code evoplan:ignore} comments do to findings, for lint, check and plan alike: a
 * suppression with a reason moves the findings of its rule on its target out of the report; one
 * without a reason is not honoured and is reported (EP501); one that covers nothing is reported
 * (EP502).
 */
public final class Suppressing {
    private Suppressing() {}

    /**
     * What the suppressions left.
     *
     * @param standing the findings not covered, in their order, then the reports on suppressions
     * @param suppressed the findings a suppression with a reason covered
     */
    public record Outcome(List<FindingWithFix> standing, List<FindingWithFix> suppressed) {
        public Outcome {
            standing = List.copyOf(standing);
            suppressed = List.copyOf(suppressed);
        }
    }

    /**
     * Applies the suppressions of one migration file (or one changelog) to its findings: a
     * file-wide suppression covers every finding given, a statement's those on its line.
     */
    public static Outcome apply(List<Suppression> suppressions, List<FindingWithFix> found) {
        Map<FindingWithFix, Boolean> covered = new IdentityHashMap<>();
        List<FindingWithFix> reports = new ArrayList<>();
        for (Suppression s : suppressions) {
            // A suppression without a reason is not honoured; the suppression rules word each case.
            Optional<String> rule =
                    s.hasReason()
                            ? RuleCatalogue.byIdOrCode(s.rule()).map(r -> r.info().id())
                            : Optional.empty();
            boolean any = false;
            for (FindingWithFix v : found) {
                if (rule.isPresent() && v.finding().ruleId().equals(rule.get()) && covers(s, v)) {
                    covered.put(v, Boolean.TRUE);
                    any = true;
                }
            }
            for (Finding f : Judge.judgeSuppression(s, any)) {
                reports.add(new FindingWithFix(f, List.of()));
            }
        }
        List<FindingWithFix> standing = new ArrayList<>();
        List<FindingWithFix> suppressed = new ArrayList<>();
        for (FindingWithFix v : found) {
            (covered.containsKey(v) ? suppressed : standing).add(v);
        }
        standing.addAll(reports);
        return new Outcome(standing, suppressed);
    }

    /**
     * Applies suppressions written across several files (what check and plan judge): each
     * suppression covers findings in its own file only. Findings of files without a suppression
     * stand as they are, in their order; the reports on suppressions come last.
     */
    public static Outcome applyByFile(List<Suppression> suppressions, List<FindingWithFix> found) {
        if (suppressions.isEmpty()) {
            return new Outcome(List.copyOf(found), List.of());
        }
        Map<String, List<Suppression>> byFile = new LinkedHashMap<>();
        suppressions.forEach(
                s ->
                        byFile.computeIfAbsent(
                                        Objects.toString(s.origin().file()), k -> new ArrayList<>())
                                .add(s));
        Map<FindingWithFix, Boolean> silenced = new IdentityHashMap<>();
        List<FindingWithFix> reports = new ArrayList<>();
        List<FindingWithFix> suppressed = new ArrayList<>();
        for (Map.Entry<String, List<Suppression>> e : byFile.entrySet()) {
            List<FindingWithFix> inFile =
                    found.stream()
                            .filter(
                                    v ->
                                            e.getKey()
                                                    .equals(
                                                            Objects.toString(
                                                                    v.finding().origin().file())))
                            .toList();
            Outcome outcome = apply(e.getValue(), inFile);
            outcome.suppressed().forEach(v -> silenced.put(v, Boolean.TRUE));
            suppressed.addAll(outcome.suppressed());
            Map<FindingWithFix, Boolean> given = new IdentityHashMap<>();
            inFile.forEach(v -> given.put(v, Boolean.TRUE));
            outcome.standing().stream().filter(v -> !given.containsKey(v)).forEach(reports::add);
        }
        List<FindingWithFix> standing =
                new ArrayList<>(found.stream().filter(v -> !silenced.containsKey(v)).toList());
        standing.addAll(reports);
        return new Outcome(standing, suppressed);
    }

    private static boolean covers(Suppression s, FindingWithFix v) {
        if (s.scope() == Suppression.Scope.FILE) {
            return true;
        }
        return s.targetLine() > 0 && v.finding().origin().line() == s.targetLine();
    }
}
