package dev.evoplan.model;

import java.util.Objects;

/**
 * A CHECK constraint; {@code validated} is false while it is {@code NOT VALID}.
 *
 * @param noInherit written {@code NO INHERIT}: the check holds on this table only, not on its
 *     inheritance children; PostgreSQL cannot switch it in place, so a change is a drop and an add
 */
public record CheckConstraint(
        String name, String expression, boolean validated, boolean noInherit) {
    public CheckConstraint {
        Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(expression, "expression is null");
    }

    /** An inheritable check (the default). */
    public CheckConstraint(String name, String expression, boolean validated) {
        this(name, expression, validated, false);
    }

    public CheckConstraint withName(String n) {
        return new CheckConstraint(n, expression, validated, noInherit);
    }

    public CheckConstraint withExpression(String e) {
        return new CheckConstraint(name, e, validated, noInherit);
    }

    /** The same check once {@code VALIDATE CONSTRAINT} has run. */
    public CheckConstraint asValidated() {
        return new CheckConstraint(name, expression, true, noInherit);
    }
}
