package dev.evoplan.source.sql;

import dev.evoplan.model.QualifiedName;
import dev.evoplan.model.ReferentialAction;
import java.util.List;
import java.util.Objects;

/**
 * A table constraint (or an inline column constraint lifted to one).
 *
 * @param name CONSTRAINT name, or null when PostgreSQL will make one up
 * @param expression CHECK expression or the EXCLUDE element list, as source text; else null
 * @param references referenced table of a FOREIGN KEY, else null
 * @param usingIndex index name of {@code PRIMARY KEY / UNIQUE USING INDEX}, else null
 * @param notValid NOT VALID was written (CHECK and FOREIGN KEY only)
 * @param noInherit NO INHERIT was written (CHECK only)
 */
public record TableConstraint(
        String name,
        Type type,
        List<String> columns,
        String expression,
        QualifiedName references,
        List<String> referencedColumns,
        ReferentialAction onDelete,
        ReferentialAction onUpdate,
        String usingIndex,
        List<String> include,
        boolean deferrable,
        boolean initiallyDeferred,
        boolean notValid,
        boolean noInherit) {

    /** The kinds of constraint PostgreSQL knows on a table. */
    public enum Type {
        PRIMARY_KEY,
        UNIQUE,
        CHECK,
        FOREIGN_KEY,
        EXCLUDE
    }

    public TableConstraint {
        Objects.requireNonNull(type, "type is null");
        columns = List.copyOf(columns);
        referencedColumns = List.copyOf(referencedColumns);
        include = List.copyOf(include);
        Objects.requireNonNull(onDelete, "onDelete is null");
        Objects.requireNonNull(onUpdate, "onUpdate is null");
    }
}
