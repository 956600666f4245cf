package dev.evoplan.model;

import java.util.Objects;

/**
 * A table column.
 *
 * @param defaultValue the default, or null for none
 * @param generatedExpression the expression of a {@code GENERATED ALWAYS AS (...) STORED} column,
 *     or null
 * @param comment the column comment, or null
 * @param collation the {@code COLLATE} name when it is not the type's own, or null
 * @param identityOptions the options of an identity column's sequence; null exactly when the column
 *     is not an identity column
 */
public record Column(
        String name,
        SqlType type,
        boolean nullable,
        DefaultValue defaultValue,
        IdentityKind identity,
        String generatedExpression,
        String comment,
        String collation,
        IdentityOptions identityOptions) {
    public Column {
        Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(type, "type is null");
        Objects.requireNonNull(identity, "identity is null");
        if (defaultValue != null && defaultValue.isNull()) {
            // DEFAULT NULL is what a column without a default gives: one model for both spellings.
            defaultValue = null;
        }
        if ("default".equals(collation)) {
            // COLLATE "default" is the type's own collation: one model for both spellings.
            collation = null;
        }
        if (identity == IdentityKind.NONE) {
            identityOptions = null;
        } else if (identityOptions == null) {
            identityOptions = IdentityOptions.DEFAULTS;
        }
    }

    /** A column with the type's own collation and, for an identity, default sequence options. */
    public Column(
            String name,
            SqlType type,
            boolean nullable,
            DefaultValue defaultValue,
            IdentityKind identity,
            String generatedExpression,
            String comment) {
        this(
                name,
                type,
                nullable,
                defaultValue,
                identity,
                generatedExpression,
                comment,
                null,
                null);
    }

    public static Column of(String name, SqlType type, boolean nullable) {
        return new Column(name, type, nullable, null, IdentityKind.NONE, null, null);
    }

    public Column withName(String n) {
        return new Column(
                n,
                type,
                nullable,
                defaultValue,
                identity,
                generatedExpression,
                comment,
                collation,
                identityOptions);
    }

    /**
     * The same column of type {@code t}; its collation and identity options stay as they are (an
     * {@code ALTER COLUMN TYPE} resets the collation: its applier says which one it gets).
     */
    public Column withType(SqlType t) {
        return new Column(
                name,
                t,
                nullable,
                defaultValue,
                identity,
                generatedExpression,
                comment,
                collation,
                identityOptions == null ? null : identityOptions.forType(t));
    }

    public Column withNullable(boolean n) {
        return new Column(
                name,
                type,
                n,
                defaultValue,
                identity,
                generatedExpression,
                comment,
                collation,
                identityOptions);
    }

    public Column withDefault(DefaultValue d) {
        return new Column(
                name,
                type,
                nullable,
                d,
                identity,
                generatedExpression,
                comment,
                collation,
                identityOptions);
    }

    /** An identity of kind {@code i} (NOT NULL unless none), keeping the sequence options. */
    public Column withIdentity(IdentityKind i) {
        return new Column(
                name,
                type,
                i != IdentityKind.NONE ? false : nullable,
                defaultValue,
                i,
                generatedExpression,
                comment,
                collation,
                identityOptions);
    }

    /** The same column with identity sequence options {@code o} (ignored when not an identity). */
    public Column withIdentityOptions(IdentityOptions o) {
        return new Column(
                name,
                type,
                nullable,
                defaultValue,
                identity,
                generatedExpression,
                comment,
                collation,
                o);
    }

    public Column withGenerated(String g) {
        return new Column(
                name,
                type,
                nullable,
                defaultValue,
                identity,
                g,
                comment,
                collation,
                identityOptions);
    }

    public Column withComment(String c) {
        return new Column(
                name,
                type,
                nullable,
                defaultValue,
                identity,
                generatedExpression,
                c,
                collation,
                identityOptions);
    }

    /** The same column with collation {@code c} (null or {@code "default"}: the type's own). */
    public Column withCollation(String c) {
        return new Column(
                name,
                type,
                nullable,
                defaultValue,
                identity,
                generatedExpression,
                comment,
                c,
                identityOptions);
    }
}
