package dev.evoplan.rules;

import dev.evoplan.model.Migration;
import java.util.List;

/** A rule that judges a migration file as its tool runs it ({@link Judge#judgeFile}). */
public non-sealed interface FileRule extends Rule {
    @Override
    default Subject subject() {
        return Subject.FILE;
    }

    /**
     * The findings about the file as a whole; the reader has already found what the rule looks at.
     */
    List<Finding> checkFile(Migration migration);
}
