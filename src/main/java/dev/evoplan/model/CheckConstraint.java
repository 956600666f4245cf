package dev.evoplan.model;

import java.util.Objects;

/** A CHECK constraint; {@code validated} is false while it is {@code NOT VALID}. */
public record CheckConstraint(String name, String expression, boolean validated) {
    public CheckConstraint {
        Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(expression, "expression is null");
    }
}
