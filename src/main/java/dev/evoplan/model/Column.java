package dev.evoplan.model;

import java.util.Objects;

/**
 * A table column.
 *
 * @param defaultValue the default, or null for none
 * @param generatedExpression the expression of a {@code GENERATED ALWAYS AS (...) STORED} column,
 *     or null
 * @param comment the column comment, or null
 */
public record Column(
        String name,
        SqlType type,
        boolean nullable,
        DefaultValue defaultValue,
        IdentityKind identity,
        String generatedExpression,
        String comment) {
    public Column {
        Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(type, "type is null");
        Objects.requireNonNull(identity, "identity is null");
        if (defaultValue != null && defaultValue.isNull()) {
            // DEFAULT NULL is what a column without a default gives: one model for both spellings.
            defaultValue = null;
        }
    }

    public static Column of(String name, SqlType type, boolean nullable) {
        return new Column(name, type, nullable, null, IdentityKind.NONE, null, null);
    }

    public Column withName(String n) {
        return new Column(n, type, nullable, defaultValue, identity, generatedExpression, comment);
    }

    public Column withType(SqlType t) {
        return new Column(name, t, nullable, defaultValue, identity, generatedExpression, comment);
    }

    public Column withNullable(boolean n) {
        return new Column(name, type, n, defaultValue, identity, generatedExpression, comment);
    }

    public Column withDefault(DefaultValue d) {
        return new Column(name, type, nullable, d, identity, generatedExpression, comment);
    }

    public Column withIdentity(IdentityKind i) {
        return new Column(
                name,
                type,
                i != IdentityKind.NONE ? false : nullable,
                defaultValue,
                i,
                generatedExpression,
                comment);
    }

    public Column withGenerated(String g) {
        return new Column(name, type, nullable, defaultValue, identity, g, comment);
    }

    public Column withComment(String c) {
        return new Column(name, type, nullable, defaultValue, identity, generatedExpression, c);
    }
}
