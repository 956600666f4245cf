package dev.evoplan.rules;

import dev.evoplan.diff.Change;
import java.util.List;

/** One hazard of the evolution table: one class, one doc page, one test class. */
public interface Rule {
    RuleInfo info();

    /** Whether this rule judges changes of that kind. */
    boolean appliesTo(Change.Kind kind);

    /** The findings for one change in its context; empty when the rule has nothing to say. */
    List<Finding> check(Change change, JudgeContext context);
}
