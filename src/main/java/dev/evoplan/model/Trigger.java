package dev.evoplan.model;

import java.util.List;
import java.util.Objects;

/**
 * A trigger on a table: its name is unique per table. The timing and events and what follows the
 * table (FOR EACH, WHEN, EXECUTE FUNCTION) are kept as written, normalised, so that a table rename
 * needs no text edit.
 *
 * @param table the table it fires on
 * @param name its name
 * @param constraint a CONSTRAINT trigger
 * @param timingEvents {@code BEFORE INSERT OR UPDATE}, normalised
 * @param rest {@code FOR EACH ROW EXECUTE FUNCTION f()}, normalised
 */
public record Trigger(
        QualifiedName table, String name, boolean constraint, String timingEvents, String rest)
        implements SchemaObject {
    public Trigger {
        Objects.requireNonNull(table, "table is null");
        Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(timingEvents, "timingEvents is null");
        Objects.requireNonNull(rest, "rest is null");
    }

    @Override
    public Kind kind() {
        return Kind.TRIGGER;
    }

    @Override
    public QualifiedName key() {
        return key(table, name);
    }

    /** The key of trigger {@code name} on {@code table}. */
    public static QualifiedName key(QualifiedName table, String name) {
        return new QualifiedName("trigger", table + " " + name);
    }

    @Override
    public String describe() {
        return "trigger " + name + " on " + table;
    }

    @Override
    public List<String> createSql() {
        return List.of(
                "CREATE "
                        + (constraint ? "CONSTRAINT " : "")
                        + "TRIGGER "
                        + Identifiers.quote(name)
                        + " "
                        + timingEvents
                        + " ON "
                        + table.sql()
                        + " "
                        + rest);
    }

    @Override
    public String dropSql() {
        return "DROP TRIGGER " + Identifiers.quote(name) + " ON " + table.sql();
    }

    /** The same trigger named {@code newName}. */
    public Trigger renamed(String newName) {
        return new Trigger(table, newName, constraint, timingEvents, rest);
    }

    @Override
    public SchemaObject onTable(QualifiedName newTable) {
        return new Trigger(newTable, name, constraint, timingEvents, rest);
    }
}
