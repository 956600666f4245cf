package dev.evoplan.rules;

import dev.evoplan.model.Suppression;
import java.util.List;

/**
 * EP501: an {@code evoplan:ignore} comment that gives no reason. Silencing a hazard is a decision
 * the next reader must be able to check; without a reason it cannot be. {@link
 * Judge#judgeSuppression} reports it with {@link #of}.
 */
public final class SuppressionWithoutReason implements SuppressionRule {
    static final RuleInfo INFO =
            new RuleInfo(
                    "suppression-without-reason",
                    "EP501",
                    "An evoplan:ignore comment gives no reason for silencing the rule",
                    Safety.NEEDS_REVIEW,
                    LockLevel.NONE);

    @Override
    public RuleInfo info() {
        return INFO;
    }

    /** A suppression without a reason is not honoured, whatever it would cover. */
    @Override
    public List<Finding> checkSuppression(Suppression suppression, boolean coversAFinding) {
        return suppression.hasReason() ? List.of() : List.of(of(suppression));
    }

    /** The finding for a suppression without a reason, with the standard wording. */
    public static Finding of(Suppression suppression) {
        return of(
                suppression,
                Suppressions.written(suppression)
                        + " gives no reason for silencing "
                        + Suppressions.ruleName(suppression)
                        + "; it takes no lock");
    }

    /** The finding for a suppression without a reason, {@code message} saying what is wrong. */
    public static Finding of(Suppression suppression, String message) {
        return new Finding(
                INFO.id(),
                INFO.defaultSafety(),
                LockLevel.NONE,
                null,
                message,
                "A silenced hazard is a decision someone must be able to check later; without a reason nobody can"
                        + " tell a judged exception from a warning made to go away",
                "Write why the finding does not apply after the rule: -- evoplan:ignore "
                        + Suppressions.ruleOr(suppression)
                        + " <reason>",
                null,
                suppression.origin(),
                List.of(),
                null);
    }
}
