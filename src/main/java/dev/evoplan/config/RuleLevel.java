package dev.evoplan.config;

import dev.evoplan.rules.Safety;
import java.util.Locale;
import java.util.Optional;

/** What rule control sets a rule to: off, back to its own verdicts, or a verdict level. */
public enum RuleLevel {
    /** Its findings are dropped from every report and the gate. */
    OFF,
    /**
     * The rule judges as it does without configuration ({@code on}; what {@code --enable} sets).
     */
    DEFAULT,
    ADVICE,
    SAFE,
    MULTI_STEP,
    NEEDS_REVIEW,
    DOWNTIME;

    /** The words users write, for messages. */
    public static final String WORDS =
            "off, on, advice, safe, multi-step, needs-review or downtime";

    /** The verdict this level gives a finding; empty for {@link #OFF} and {@link #DEFAULT}. */
    public Optional<Safety> safety() {
        return switch (this) {
            case OFF, DEFAULT -> Optional.empty();
            case ADVICE -> Optional.of(Safety.ADVICE);
            case SAFE -> Optional.of(Safety.SAFE);
            case MULTI_STEP -> Optional.of(Safety.MULTI_STEP);
            case NEEDS_REVIEW -> Optional.of(Safety.NEEDS_REVIEW);
            case DOWNTIME -> Optional.of(Safety.DOWNTIME);
        };
    }

    /** {@code multi-step}, {@code off}, {@code on}. */
    public String label() {
        return this == DEFAULT ? "on" : name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * The level a user wrote, any case, {@code _} or {@code -}; empty when it is none of {@link
     * #WORDS}.
     */
    public static Optional<RuleLevel> parse(String written) {
        if (written == null) {
            return Optional.empty();
        }
        return switch (written.strip().toLowerCase(Locale.ROOT).replace('_', '-')) {
            case "off", "disable", "disabled", "false" -> Optional.of(OFF);
            case "on", "enable", "enabled", "default", "true" -> Optional.of(DEFAULT);
            case "advice" -> Optional.of(ADVICE);
            case "safe" -> Optional.of(SAFE);
            case "multi-step", "multistep" -> Optional.of(MULTI_STEP);
            case "needs-review" -> Optional.of(NEEDS_REVIEW);
            case "downtime" -> Optional.of(DOWNTIME);
            default -> Optional.empty();
        };
    }
}
