package dev.evoplan.source.liquibase;

/** A change that cannot apply to the schema built so far (PostgreSQL would reject it too). */
final class FoldException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    FoldException(String message) {
        super(message);
    }
}
