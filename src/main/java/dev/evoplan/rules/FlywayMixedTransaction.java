package dev.evoplan.rules;

import dev.evoplan.model.MixedTransaction;
import java.util.List;

/**
 * EP405: a Flyway migration that holds a statement PostgreSQL runs only outside a transaction
 * (CONCURRENTLY, VACUUM) next to statements that can run in one. Flyway decides per file: with
 * its default {@code mixed=false} it refuses such a file before running any of it. The reader
 * finds the file (it knows Flyway's conventions and the file's {@code .conf}); the linter reports
 * it with {@link #of}.
 */
public final class FlywayMixedTransaction extends NotPerChangeRule {
    static final RuleInfo INFO = new RuleInfo("flyway-mixed-transaction", "EP405",
            "A Flyway migration mixes statements that cannot run in a transaction with ones that can: Flyway refuses it",
            Safety.DOWNTIME, LockLevel.NONE);

    @Override
    public RuleInfo info() {
        return INFO;
    }

    /** The finding for a Flyway file that mixes the two kinds of statement. */
    public static Finding of(MixedTransaction mixed) {
        return new Finding(INFO.id(), INFO.defaultSafety(), LockLevel.NONE, null,
                mixed.statement() + " cannot run inside a transaction, and the same Flyway migration has "
                        + mixed.others() + (mixed.others() == 1 ? " statement that can" : " statements that can")
                        + ": with its default mixed=false Flyway refuses the file (\"Detected both transactional and"
                        + " non-transactional statements within the same migration\") before running any of it."
                        + " Statements are judged here as Flyway runs them with mixed=true: each on its own, outside"
                        + " a transaction",
                "The deploy stops at this migration and every migration after it waits; an application that"
                        + " migrates as it starts (Spring Boot's default) does not start",
                "Give the statement a migration of its own (V<n>__<name>.sql holding only it), or keep the file and"
                        + " add V<n>__<name>.sql.conf with executeInTransaction=false so the whole file runs outside a"
                        + " transaction; if the project sets mixed=true, suppress this with the reason",
                null, mixed.outside(), List.of(), null);
    }
}
