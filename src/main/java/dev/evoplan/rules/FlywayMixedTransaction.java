package dev.evoplan.rules;

import dev.evoplan.model.Migration;
import dev.evoplan.model.MixedTransaction;
import dev.evoplan.model.SourceChangeset;
import java.util.List;

/**
 * EP405: a Flyway migration that holds a statement PostgreSQL runs only outside a transaction
 * (CONCURRENTLY, VACUUM) next to statements that can run in one. Flyway decides per file: with its
 * default {@code mixed=false} it refuses such a file before running any of it. The reader finds the
 * file (it knows Flyway's conventions and the file's {@code .conf}); {@link Judge} reports it with
 * {@link #of}.
 */
public final class FlywayMixedTransaction implements FileRule, TransactionRule {
    static final RuleInfo INFO =
            new RuleInfo(
                    "flyway-mixed-transaction",
                    "EP405",
                    "A Flyway migration mixes statements that cannot run in a transaction with ones that can: Flyway refuses it",
                    Safety.DOWNTIME,
                    LockLevel.NONE);

    @Override
    public RuleInfo info() {
        return INFO;
    }

    /**
     * A file judged in lint and a changeset (its file) judged in plan and check: the subject is the
     * file either way.
     */
    @Override
    public Subject subject() {
        return Subject.FILE;
    }

    /** The finding when the reader found the file mixes the two kinds of statement. */
    @Override
    public List<Finding> checkFile(Migration migration) {
        MixedTransaction mixed = migration.mixedTransaction();
        return mixed == null ? List.of() : List.of(of(mixed));
    }

    /**
     * The same finding on the file's changeset, as written only: the tool refuses the file as
     * written; a plan runs its own steps and is not refused.
     */
    @Override
    public List<Finding> checkChangeset(
            SourceChangeset changeset, List<Finding> perChange, JudgeContext context) {
        MixedTransaction mixed = changeset.mixedTransaction();
        return mixed == null || context.mode() != Mode.AS_WRITTEN ? List.of() : List.of(of(mixed));
    }

    /** The finding for a Flyway file that mixes the two kinds of statement. */
    public static Finding of(MixedTransaction mixed) {
        return new Finding(
                INFO.id(),
                INFO.defaultSafety(),
                LockLevel.NONE,
                null,
                mixed.statement()
                        + " cannot run inside a transaction, and the same Flyway migration has "
                        + mixed.others()
                        + (mixed.others() == 1 ? " statement that can" : " statements that can")
                        + ": with its default mixed=false Flyway refuses the file (\"Detected both transactional and"
                        + " non-transactional statements within the same migration\") before running any of it."
                        + " Statements are judged here as Flyway runs them with mixed=true: each on its own, outside"
                        + " a transaction",
                "The deploy stops at this migration and every migration after it waits; an application that"
                        + " migrates as it starts (Spring Boot's default) does not start",
                "Give the statement a migration of its own (V<n>__<name>.sql holding only it), or keep the file and"
                        + " add V<n>__<name>.sql.conf with executeInTransaction=false so the whole file runs outside a"
                        + " transaction; if the project sets mixed=true, suppress this with the reason",
                null,
                mixed.outside(),
                List.of(),
                null);
    }
}
