package dev.evoplan.model;

import java.util.Objects;

/**
 * One thing a changeset's preconditions read to decide whether it runs (Liquibase {@code
 * preConditions}, its own and its changelog file's): what makes it depend on what ran before it.
 *
 * @param kind the kind of object read ({@code table}, {@code view}, {@code sequence}, {@code
 *     function} for a function a query calls), or null when the check may read anything (a query
 *     evoplan cannot read, project code, whether another changeset ran)
 * @param name the object read, or null with {@code kind}
 * @param anySchema whether an object of that name in any schema answers the check (a catalog query
 *     that gives no schema): {@code name}'s schema is then the default one and does not narrow what
 *     is read
 * @param column for a check of one column ({@code columnExists}), its name; null otherwise
 * @param rows whether it reads the object's rows (a {@code sqlCheck} query), not only whether it
 *     and its parts exist
 * @param check the precondition as a reader finds it ({@code tableExists x}, {@code sqlCheck
 *     'select ...'})
 */
public record PreconditionRead(
        String kind,
        QualifiedName name,
        boolean anySchema,
        String column,
        boolean rows,
        String check) {
    public PreconditionRead {
        Objects.requireNonNull(check, "check is null");
        if ((kind == null) != (name == null)) {
            throw new IllegalArgumentException("kind and name go together");
        }
    }

    /** A check of whether an object (or one of its columns) exists and how it is defined. */
    public static PreconditionRead definition(
            String kind, QualifiedName name, String column, String check) {
        return new PreconditionRead(kind, name, false, column, false, check);
    }

    /**
     * A check of whether an object named {@code name} (as stored) exists in any schema, or one of
     * its columns, and how it is defined.
     */
    public static PreconditionRead definitionInAnySchema(
            String kind, String name, String column, String check) {
        return new PreconditionRead(kind, QualifiedName.of(name), true, column, false, check);
    }

    /** A query of a table's rows. */
    public static PreconditionRead rowsOf(QualifiedName table, String check) {
        return new PreconditionRead("table", table, false, null, true, check);
    }

    /** A function a query calls: what it returns there depends on its definition. */
    public static PreconditionRead called(QualifiedName function, String check) {
        return new PreconditionRead("function", function, false, null, false, check);
    }

    /** A check that may read anything. */
    public static PreconditionRead anything(String check) {
        return new PreconditionRead(null, null, false, null, true, check);
    }

    /** Whether the check may read anything. */
    public boolean anyObject() {
        return kind == null;
    }
}
