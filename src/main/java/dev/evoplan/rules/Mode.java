package dev.evoplan.rules;

/**
 * How a change is judged. {@link #AS_WRITTEN}: the statement the team will run (a new Liquibase
 * changeset, a migration file), with its locks as written. {@link #AS_PLANNED}: what evoplan's
 * staged plan will do for it (two unrelated schema states).
 */
public enum Mode {
    AS_WRITTEN,
    AS_PLANNED
}
