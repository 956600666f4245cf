package dev.evoplan.config;

import dev.evoplan.plan.FindingWithFix;
import dev.evoplan.rules.Finding;
import dev.evoplan.rules.RuleCatalogue;
import dev.evoplan.rules.RuleInfo;
import dev.evoplan.rules.Safety;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Rule control, from the configuration file and the command line: rules turned off, verdicts raised
 * or lowered, per rule and optionally per path, and paths excluded. Applied to the findings of
 * plan, check and lint before the report and the gate, and never silently: each setting yields a
 * line in the report saying what it changed ("nothing moves from a blocking verdict to a lesser one
 * silently").
 *
 * <p>A level replaces the verdict of the findings in which the rule saw a hazard; a finding the
 * rule itself judged safe (a rewrite of a table known to be small) stays safe. A rule whose own
 * verdict is safe (a note) has every finding set to the level, so a note can be made to fail a
 * gate.
 */
public final class RuleControl {
    /** No rule control: findings pass unchanged, and no note is written. */
    public static final RuleControl NONE = new RuleControl(List.of(), null, null, g -> null);

    /** What applying rule control left: the findings that stand, and one note per setting. */
    public record Result(List<FindingWithFix> verdicts, List<String> notes) {
        public Result {
            verdicts = List.copyOf(verdicts);
            notes = List.copyOf(notes);
        }
    }

    private final List<RuleSetting> settings;
    private final List<String> excludes;
    private final String excludeSource;
    private final Function<List<String>, PathGlobs> globs;

    private RuleControl(
            List<RuleSetting> settings,
            List<String> excludes,
            String excludeSource,
            Function<List<String>, PathGlobs> globs) {
        this.settings = List.copyOf(settings);
        this.excludes = excludes == null ? List.of() : List.copyOf(excludes);
        this.excludeSource = excludeSource;
        this.globs = globs;
    }

    /**
     * The file's rule control with the command line's on top: a rule the command line names loses
     * every setting the file gives it (the flag wins, for all paths).
     */
    public static RuleControl of(ProjectConfig config, List<RuleSetting> flags) {
        Map<String, List<RuleSetting>> byRule = new LinkedHashMap<>();
        for (RuleSetting s : config.rules()) {
            byRule.computeIfAbsent(s.ruleId(), k -> new ArrayList<>()).add(s);
        }
        for (RuleSetting s : flags) {
            byRule.put(s.ruleId(), new ArrayList<>(List.of(s)));
        }
        List<RuleSetting> all = new ArrayList<>();
        byRule.values().forEach(all::addAll);
        all.sort(Comparator.comparing(RuleSetting::ruleId));
        var excludes = config.excludes();
        return new RuleControl(
                all,
                excludes.map(ProjectConfig.Value::value).orElse(null),
                excludes.map(ProjectConfig.Value::source).orElse(null),
                config::globs);
    }

    /** The settings in force, by rule id. */
    public List<RuleSetting> settings() {
        return settings;
    }

    /** Whether anything is set: with nothing set, reports carry no rule-control lines. */
    public boolean isEmpty() {
        return excludes.isEmpty()
                && settings.stream().allMatch(s -> s.level() == RuleLevel.DEFAULT);
    }

    /**
     * Whether a setting gives the rule's findings a verdict (on some path): a finding of it judged
     * safe may come out of {@link #apply} with another.
     */
    public boolean setsVerdictOf(String ruleId) {
        return settings.stream()
                .anyMatch(s -> s.ruleId().equals(ruleId) && s.level().safety().isPresent());
    }

    /** The findings after rule control, and a line per setting saying what it did. */
    public Result apply(List<FindingWithFix> verdicts) {
        if (isEmpty()) {
            return new Result(verdicts, List.of());
        }
        PathGlobs excluded = excludes.isEmpty() ? null : globs.apply(excludes);
        Map<RuleSetting, PathGlobs> scopes = new LinkedHashMap<>();
        Map<RuleSetting, int[]> counts = new LinkedHashMap<>();
        for (RuleSetting s : settings) {
            scopes.put(s, globs.apply(s.paths()));
            counts.put(s, new int[3]);
        }
        int excludedCount = 0;
        List<FindingWithFix> out = new ArrayList<>();
        for (FindingWithFix v : verdicts) {
            Finding f = v.finding();
            if (excluded != null && excluded.matches(f.origin().file())) {
                excludedCount++;
                continue;
            }
            RuleSetting setting = settingFor(f, scopes);
            if (setting == null || setting.level() == RuleLevel.DEFAULT) {
                out.add(v);
                continue;
            }
            int[] count = counts.get(setting);
            Safety level = setting.level().safety().orElse(null);
            if (level == null) {
                count[0]++;
                continue;
            }
            if (!applies(f)) {
                out.add(v);
                continue;
            }
            int order = level.compareTo(f.safety());
            if (order != 0) {
                count[order > 0 ? 1 : 2]++;
            }
            out.add(
                    new FindingWithFix(
                            new Finding(
                                    f.ruleId(),
                                    level,
                                    f.lock(),
                                    f.table(),
                                    f.what(),
                                    f.why(),
                                    f.fix(),
                                    f.sizeNote(),
                                    f.origin(),
                                    f.writtenSql(),
                                    f.change()),
                            v.fix()));
        }
        List<String> notes = new ArrayList<>();
        for (RuleSetting s : settings) {
            if (s.level() != RuleLevel.DEFAULT) {
                notes.add(note(s, scopes.get(s), counts.get(s)));
            }
        }
        if (excluded != null) {
            notes.add(
                    "excluded: "
                            + excludedCount
                            + (excludedCount == 1 ? " finding" : " findings")
                            + " in "
                            + excluded.written()
                            + " ("
                            + excludeSource
                            + ")");
        }
        return new Result(out, notes);
    }

    /**
     * The setting for a finding's rule whose paths hold its file; a path-limited one before one for
     * everywhere.
     */
    private static RuleSetting settingFor(Finding f, Map<RuleSetting, PathGlobs> scopes) {
        RuleSetting everywhere = null;
        for (Map.Entry<RuleSetting, PathGlobs> e : scopes.entrySet()) {
            if (!e.getKey().ruleId().equals(f.ruleId())) {
                continue;
            }
            if (e.getValue().everywhere()) {
                everywhere = e.getKey();
            } else if (e.getValue().matches(f.origin().file())) {
                return e.getKey();
            }
        }
        return everywhere;
    }

    /**
     * Whether a level replaces this finding's verdict: any finding of a rule that only notes (safe
     * or advice by default), else only findings where the rule saw a hazard.
     */
    private static boolean applies(Finding f) {
        Safety own =
                RuleCatalogue.byId(f.ruleId())
                        .map(r -> r.info().defaultSafety())
                        .orElse(Safety.SAFE);
        return own == Safety.SAFE
                || own == Safety.ADVICE
                || (f.safety() != Safety.SAFE && f.safety() != Safety.ADVICE);
    }

    /**
     * {@code rule control: strong-lock-without-lock-timeout (EP302) off (.evoplan.yaml:3): 4
     * findings dropped}.
     */
    private static String note(RuleSetting s, PathGlobs scope, int[] count) {
        String name =
                RuleCatalogue.byId(s.ruleId())
                        .map(r -> r.info())
                        .map(RuleControl::name)
                        .orElse(s.ruleId());
        StringBuilder out =
                new StringBuilder("rule control: ")
                        .append(name)
                        .append(' ')
                        .append(s.level() == RuleLevel.OFF ? "off" : "set to " + s.level().label());
        if (!scope.everywhere()) {
            out.append(" in ").append(scope.written());
        }
        out.append(" (").append(s.source()).append("): ");
        List<String> what = new ArrayList<>();
        if (count[0] > 0) {
            what.add(count[0] + (count[0] == 1 ? " finding" : " findings") + " dropped");
        }
        if (count[1] > 0) {
            what.add(count[1] + " raised");
        }
        if (count[2] > 0) {
            what.add(count[2] + " lowered");
        }
        out.append(what.isEmpty() ? "no finding changed" : String.join(", ", what));
        return out.toString();
    }

    private static String name(RuleInfo info) {
        return info.id() + " (" + info.code() + ")";
    }

    @Override
    public String toString() {
        return Objects.toString(settings);
    }
}
