package dev.evoplan.model;

import java.util.List;
import java.util.Objects;

/**
 * A function or procedure. PostgreSQL tells routines of one name apart by their input argument
 * types, so the name and those types are its identity; the rest of what was written (arguments,
 * return type, options, body) is its definition, compared with layout and comments folded.
 *
 * @param name schema-qualified name
 * @param arguments the input argument types, comma separated ({@code integer, text}); what a DROP
 *     or ALTER names it by
 * @param procedure a procedure rather than a function
 * @param definition what follows the name, as written: the plan creates it with the body's own
 *     text, so that PostgreSQL stores the body the source wrote
 * @param language the language, lower case, or null when not known
 */
public record Routine(
        QualifiedName name, String arguments, boolean procedure, String definition, String language)
        implements SchemaObject {
    public Routine {
        Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(arguments, "arguments is null");
        Objects.requireNonNull(definition, "definition is null");
    }

    @Override
    public Kind kind() {
        return Kind.ROUTINE;
    }

    @Override
    public QualifiedName key() {
        return key(name, arguments);
    }

    /** The key of the routine {@code name(arguments)}. */
    public static QualifiedName key(QualifiedName name, String arguments) {
        return new QualifiedName("routine", name + "(" + arguments + ")");
    }

    /** Whether {@code key} is a routine's key of that name, whatever its arguments. */
    public static boolean keyNames(QualifiedName key, QualifiedName name) {
        return key.schema().equals("routine") && key.name().startsWith(name + "(");
    }

    @Override
    public QualifiedName table() {
        return null;
    }

    /** Layout and comments are not what a routine does: compared normalised. */
    @Override
    public boolean sameAs(SchemaObject other) {
        return other instanceof Routine r
                && name.equals(r.name)
                && arguments.equals(r.arguments)
                && procedure == r.procedure
                && UnmodelledObject.normalize(definition)
                        .equals(UnmodelledObject.normalize(r.definition));
    }

    private String word() {
        return procedure ? "PROCEDURE" : "FUNCTION";
    }

    /** {@code public.f(integer)}: how DROP and ALTER name it. */
    public String signature() {
        return name.sql() + "(" + arguments + ")";
    }

    @Override
    public String describe() {
        return word().toLowerCase(java.util.Locale.ROOT) + " " + name + "(" + arguments + ")";
    }

    /** CREATE OR REPLACE: the same statement creates it and replaces an older definition. */
    @Override
    public List<String> createSql() {
        return List.of("CREATE OR REPLACE " + word() + " " + name.sql() + definition);
    }

    @Override
    public String dropSql() {
        return "DROP " + word() + " " + signature();
    }

    /** The same routine named {@code newName}. */
    public Routine renamed(QualifiedName newName) {
        return new Routine(newName, arguments, procedure, definition, language);
    }

    @Override
    public SchemaObject onTable(QualifiedName table) {
        return this;
    }
}
