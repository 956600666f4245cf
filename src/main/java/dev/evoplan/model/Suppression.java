package dev.evoplan.model;

import java.util.Objects;

/**
 * A comment in a migration that silences a rule: {@code -- evoplan:ignore <rule> <reason>} for the
 * next statement, {@code -- evoplan:ignore-file <rule> <reason>} for the whole file.
 *
 * @param origin where the comment is
 * @param rule the rule id or code as written (may be empty when the comment names none)
 * @param reason why, as written; empty when the author gave none
 * @param targetLine for {@link Scope#NEXT_STATEMENT}, the line of the statement it applies to, or 0
 *     when no statement follows; 0 for {@link Scope#FILE}
 */
public record Suppression(Origin origin, Scope scope, String rule, String reason, int targetLine) {
    /** What a suppression covers. */
    public enum Scope {
        NEXT_STATEMENT,
        FILE
    }

    public Suppression {
        Objects.requireNonNull(origin, "origin is null");
        Objects.requireNonNull(scope, "scope is null");
        rule = rule == null ? "" : rule;
        reason = reason == null ? "" : reason.strip();
    }

    public boolean hasReason() {
        return !reason.isEmpty();
    }
}
