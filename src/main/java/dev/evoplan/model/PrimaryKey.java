package dev.evoplan.model;

import java.util.List;
import java.util.Objects;

/** A primary key constraint. */
public record PrimaryKey(String name, List<String> columns) {
    public PrimaryKey {
        Objects.requireNonNull(name, "name is null");
        columns = List.copyOf(columns);
    }
}
