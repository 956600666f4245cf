package dev.evoplan.model;

import java.util.Objects;

/**
 * A migration file holding a statement that cannot run in a transaction next to statements that
 * can, for a tool that runs a file in one transaction or in none and refuses such a file (Flyway
 * with its default {@code mixed=false}).
 *
 * @param outside where the first statement that cannot is
 * @param statement that statement, on one line
 * @param others how many statements of the file can run in a transaction
 */
public record MixedTransaction(Origin outside, String statement, int others) {
    public MixedTransaction {
        Objects.requireNonNull(outside, "outside is null");
        Objects.requireNonNull(statement, "statement is null");
    }
}
