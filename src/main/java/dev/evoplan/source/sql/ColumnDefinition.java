package dev.evoplan.source.sql;

import dev.evoplan.model.DefaultValue;
import dev.evoplan.model.IdentityKind;
import dev.evoplan.model.SqlType;
import java.util.List;
import java.util.Objects;

/**
 * A column as written in CREATE TABLE or ALTER TABLE ADD COLUMN.
 *
 * @param typeWritten the type as written ({@code serial}, {@code varchar(20)}), for serial
 *     detection
 * @param notNull NOT NULL was written (or PRIMARY KEY, which implies it)
 * @param defaultValue the DEFAULT, or null
 * @param generated the expression of GENERATED ALWAYS AS (...) STORED, or null
 * @param collation the COLLATE name, or null
 * @param identityOptions the sequence options of GENERATED ... AS IDENTITY (...) without their
 *     parentheses, or null when none were written
 * @param constraints inline PRIMARY KEY / UNIQUE / CHECK / REFERENCES, as table constraints on this
 *     column
 */
public record ColumnDefinition(
        String name,
        SqlType type,
        String typeWritten,
        boolean notNull,
        DefaultValue defaultValue,
        String generated,
        IdentityKind identity,
        String collation,
        String identityOptions,
        List<TableConstraint> constraints) {
    public ColumnDefinition {
        Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(type, "type is null");
        Objects.requireNonNull(typeWritten, "typeWritten is null");
        Objects.requireNonNull(identity, "identity is null");
        constraints = List.copyOf(constraints);
    }
}
