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
        return new QualifiedName("routine", name + "(" + signatureTypes(arguments) + ")");
    }

    /**
     * Input argument types in one spelling, PostgreSQL's ({@code int, varchar(10)} is {@code
     * integer, character varying}): a routine written with {@code int} and read back from the
     * catalog as {@code integer} is one routine, and so is a DROP that names it either way.
     */
    static String signatureTypes(String arguments) {
        if (arguments.isBlank()) {
            return "";
        }
        java.util.List<String> types = new java.util.ArrayList<>();
        for (String type : RoutineDefinition.topLevelCommas(arguments)) {
            types.add(RoutineDefinition.argumentType(type));
        }
        return String.join(", ", types);
    }

    /** Whether {@code key} is a routine's key of that name, whatever its arguments. */
    public static boolean keyNames(QualifiedName key, QualifiedName name) {
        return key.schema().equals("routine") && key.name().startsWith(name + "(");
    }

    @Override
    public QualifiedName table() {
        return null;
    }

    /**
     * Compared by what the definitions mean ({@link RoutineDefinition}): layout, comments, type
     * aliases, option order and default options are not what a routine does, and the text a file
     * writes and the one PostgreSQL prints for the same routine differ in them. A definition not
     * read that way is compared normalised.
     */
    @Override
    public boolean sameAs(SchemaObject other) {
        if (!(other instanceof Routine r && key().equals(r.key()) && procedure == r.procedure)) {
            return false;
        }
        RoutineDefinition mine = RoutineDefinition.parse(definition);
        RoutineDefinition theirs = RoutineDefinition.parse(r.definition);
        return mine != null && theirs != null
                ? mine.equals(theirs)
                : UnmodelledObject.normalize(definition)
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
