package dev.evoplan.rules;

import dev.evoplan.model.MigrationStatement;
import java.util.List;

/**
 * A rule that judges one statement as written, after the change rules judged its changes ({@link
 * Judge#judgeStatement}).
 */
public non-sealed interface StatementRule extends Rule {
    @Override
    default Subject subject() {
        return Subject.STATEMENT;
    }

    /**
     * The findings about {@code statement}, given the findings on its changes; {@code context} is
     * the statement's context.
     */
    List<Finding> checkStatement(
            MigrationStatement statement, List<Finding> perChange, JudgeContext context);
}
