package dev.evoplan.verify;

import dev.evoplan.plan.Step;
import dev.evoplan.rules.LockLevel;
import dev.evoplan.verify.VerifyReport.StepCheck;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The probe rule: a step the plan says lets reads and writes go on (a predicted lock of at most
 * SHARE UPDATE EXCLUSIVE) must not make the application wait longer than the step's {@code
 * lock_timeout}, the wait the plan accepts for its own statements (5 s when the step sets none).
 */
final class ProbeRule {
    static final long DEFAULT_LIMIT_MILLIS = 5_000;
    private static final Pattern DURATION =
            Pattern.compile("\\s*(\\d+(?:\\.\\d+)?)\\s*(us|ms|s|min|h|d)?\\s*");

    private ProbeRule() {}

    /** The check with the probes' view attached, turned into a mismatch when the rule is broken. */
    static StepCheck apply(Step step, StepCheck check, ProbeStat stat) {
        if (stat == null) {
            return check;
        }
        long limit = limitMillis(step);
        boolean readsAndWritesGoOn =
                step.kind() == Step.Kind.SQL
                        && step.lock().compareTo(LockLevel.SHARE_UPDATE_EXCLUSIVE) <= 0;
        if (readsAndWritesGoOn && stat.maxWaitMillis() > limit) {
            return check.withProbe(
                    stat,
                    "made probes on "
                            + stat.table()
                            + " wait "
                            + stat.maxWaitMillis()
                            + " ms, longer than its lock_timeout "
                            + (step.lockTimeout() == null
                                    ? "(none; 5 s allowed)"
                                    : step.lockTimeout())
                            + ", though its predicted "
                            + step.lock().sqlName()
                            + " lets reads and writes go on");
        }
        return check.withProbe(stat, null);
    }

    /**
     * The step's lock_timeout in milliseconds, or 5 s when it has none (or 0, which means none).
     */
    static long limitMillis(Step step) {
        Long parsed = step.lockTimeout() == null ? null : millis(step.lockTimeout());
        return parsed == null || parsed == 0 ? DEFAULT_LIMIT_MILLIS : parsed;
    }

    /**
     * A PostgreSQL duration setting ({@code 5s}, {@code 500ms}, {@code 2min}, a bare number of ms)
     * in ms, or null.
     */
    static Long millis(String setting) {
        Matcher m = DURATION.matcher(setting.toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            return null;
        }
        double value = Double.parseDouble(m.group(1));
        String unit = m.group(2) == null ? "ms" : m.group(2);
        double factor =
                switch (unit) {
                    case "us" -> 0.001;
                    case "ms" -> 1;
                    case "s" -> 1_000;
                    case "min" -> 60_000;
                    case "h" -> 3_600_000;
                    default -> 86_400_000;
                };
        return Math.round(value * factor);
    }
}
