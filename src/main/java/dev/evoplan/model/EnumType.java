package dev.evoplan.model;

import java.util.List;
import java.util.Objects;

/** An enum type with its labels in sort order. */
public record EnumType(QualifiedName name, List<String> values) {
    public EnumType {
        Objects.requireNonNull(name, "name is null");
        values = List.copyOf(values);
    }
}
