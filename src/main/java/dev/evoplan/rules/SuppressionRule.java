package dev.evoplan.rules;

import dev.evoplan.model.Suppression;
import java.util.List;

/** A rule that judges an {@code evoplan:ignore} comment ({@link Judge#judgeSuppression}). */
public non-sealed interface SuppressionRule extends Rule {
    @Override
    default Subject subject() {
        return Subject.SUPPRESSION;
    }

    /**
     * The findings about one suppression; {@code coversAFinding} says whether it (having a reason)
     * suppressed at least one finding of its file.
     */
    List<Finding> checkSuppression(Suppression suppression, boolean coversAFinding);
}
