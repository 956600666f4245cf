package dev.evoplan.rules;

import dev.evoplan.model.Column;
import dev.evoplan.model.ForeignKey;
import dev.evoplan.model.Schema;
import dev.evoplan.model.Table;
import java.util.Objects;

/**
 * A table as a design rule reviews it: the table, the schema around it, and what it was before the
 * change under review, so that only the design debt a change adds is reported.
 *
 * @param before the table as it was, or null when the table is new (or the whole schema is
 *     reviewed)
 */
public record DesignSubject(Table table, Schema schema, Table before) {
    public DesignSubject {
        Objects.requireNonNull(table, "table is null");
        Objects.requireNonNull(schema, "schema is null");
    }

    /** Whether the table itself is new: table-wide rules (keys, timestamps) speak only then. */
    public boolean tableIsNew() {
        return before == null;
    }

    public boolean isNew(Column column) {
        return before == null || !before.hasColumn(column.name());
    }

    public boolean isNew(ForeignKey fk) {
        return before == null
                || before.foreignKeys().stream().noneMatch(old -> old.name().equals(fk.name()));
    }

    /** Whether a constraint of that name is new on this table. */
    public boolean isNewConstraint(String name) {
        return before == null || !before.constraintNames().contains(name);
    }

    /** The SQL name of the table, as fixes spell it. */
    public String sqlName() {
        return table.name().sql();
    }
}
