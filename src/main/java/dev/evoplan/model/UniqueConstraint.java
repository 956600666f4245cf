package dev.evoplan.model;

import java.util.List;
import java.util.Objects;

/** A UNIQUE constraint (backed by a unique index of the same name). */
public record UniqueConstraint(String name, List<String> columns, boolean deferrable) {
    public UniqueConstraint {
        Objects.requireNonNull(name, "name is null");
        columns = List.copyOf(columns);
    }
}
