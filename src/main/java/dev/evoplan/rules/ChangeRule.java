package dev.evoplan.rules;

import dev.evoplan.diff.Change;
import java.util.List;

/**
 * A rule that judges one typed change; {@link Judge#judge} asks it according to its {@link
 * RuleInfo.Role}.
 */
public non-sealed interface ChangeRule extends Rule {
    @Override
    default Subject subject() {
        return Subject.CHANGE;
    }

    /** Whether this rule judges changes of that kind. */
    boolean appliesTo(Change.Kind kind);

    /** The findings for one change in its context; empty when the rule has nothing to say. */
    List<Finding> check(Change change, JudgeContext context);
}
