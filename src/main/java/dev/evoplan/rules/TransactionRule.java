package dev.evoplan.rules;

import dev.evoplan.model.SourceChangeset;
import java.util.List;

/**
 * A rule that judges statements that commit together, given the findings on their changes ({@link
 * Judge#judgeChangeset}).
 */
public non-sealed interface TransactionRule extends Rule {
    @Override
    default Subject subject() {
        return Subject.TRANSACTION;
    }

    /**
     * The findings about one changeset or transaction block as written, given the findings on its
     * changes in run order.
     */
    List<Finding> checkChangeset(
            SourceChangeset changeset, List<Finding> perChange, JudgeContext context);
}
