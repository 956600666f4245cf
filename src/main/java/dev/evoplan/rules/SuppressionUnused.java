package dev.evoplan.rules;

import dev.evoplan.model.Suppression;
import java.util.List;

/**
 * EP502: an {@code evoplan:ignore} comment that suppresses nothing: the rule it names does not
 * exist, or raised no finding on its target. Left in place it would silence a future finding nobody
 * has judged. {@link Judge#judgeSuppression} reports it with {@link #of}.
 */
public final class SuppressionUnused implements SuppressionRule {
    static final RuleInfo INFO =
            new RuleInfo(
                    "suppression-unused",
                    "EP502",
                    "An evoplan:ignore comment suppresses nothing: unknown rule or no such finding on its target",
                    Safety.SAFE,
                    LockLevel.NONE);

    @Override
    public RuleInfo info() {
        return INFO;
    }

    /** A suppression with a reason that covers no finding (one without a reason is EP501's). */
    @Override
    public List<Finding> checkSuppression(Suppression suppression, boolean coversAFinding) {
        return suppression.hasReason() && !coversAFinding ? List.of(of(suppression)) : List.of();
    }

    /**
     * The finding for a suppression that suppresses nothing, with the standard wording: an unknown
     * rule (by id or code) is named as such, a known one as raising nothing on the target.
     */
    public static Finding of(Suppression suppression) {
        String written = Suppressions.written(suppression);
        String message;
        if (suppression.rule().isBlank()) {
            message = written + " names no rule, so it suppresses nothing";
        } else if (RuleCatalogue.byIdOrCode(suppression.rule()).isEmpty()) {
            message =
                    written
                            + " names "
                            + suppression.rule()
                            + ", which is not a rule of evoplan, so it suppresses"
                            + " nothing";
        } else {
            message =
                    written
                            + " suppresses nothing: "
                            + Suppressions.ruleName(suppression)
                            + " raised no finding on "
                            + (suppression.scope() == Suppression.Scope.FILE
                                    ? "this file"
                                    : suppression.targetLine() > 0
                                            ? "the statement at line " + suppression.targetLine()
                                            : "any statement (none follows it)");
        }
        return of(suppression, message + "; it takes no lock");
    }

    /** The finding for a suppression that suppresses nothing, {@code message} saying why. */
    public static Finding of(Suppression suppression, String message) {
        return new Finding(
                INFO.id(),
                INFO.defaultSafety(),
                LockLevel.NONE,
                null,
                message,
                "An unused suppression would silently swallow a finding of that rule added later, one nobody has"
                        + " judged; a misspelt rule also means the finding meant to be silenced is still reported",
                "Remove the comment, or correct the rule id (evoplan rules lists them) and put it right before the"
                        + " statement it is meant for",
                null,
                suppression.origin(),
                List.of(),
                null);
    }
}
