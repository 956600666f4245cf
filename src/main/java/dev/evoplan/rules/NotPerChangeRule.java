package dev.evoplan.rules;

import dev.evoplan.diff.Change;
import java.util.List;

/**
 * A rule that judges something other than one change — a statement with its session state, a
 * transaction, a migration file, a suppression comment, a history — so the per-change judge
 * never asks it; its own entry point (or a factory the linter calls) makes its findings.
 */
abstract class NotPerChangeRule implements Rule {
    @Override
    public final boolean appliesTo(Change.Kind kind) {
        return false;
    }

    @Override
    public final List<Finding> check(Change change, JudgeContext context) {
        return List.of();
    }
}
