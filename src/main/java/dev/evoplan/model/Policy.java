package dev.evoplan.model;

import java.util.List;
import java.util.Objects;

/**
 * A row-level-security policy on a table; its name is unique per table.
 *
 * @param table the table it guards
 * @param name its name
 * @param permissive PERMISSIVE (the default) rather than RESTRICTIVE
 * @param command ALL (the default), SELECT, INSERT, UPDATE or DELETE
 * @param roles the roles it applies to, sorted; {@code public} when none was written
 * @param using the USING expression, whitespace folded, or null
 * @param withCheck the WITH CHECK expression, whitespace folded, or null
 */
public record Policy(
        QualifiedName table,
        String name,
        boolean permissive,
        String command,
        List<String> roles,
        String using,
        String withCheck)
        implements SchemaObject {
    public Policy {
        Objects.requireNonNull(table, "table is null");
        Objects.requireNonNull(name, "name is null");
        command = command == null ? "ALL" : command;
        roles =
                roles == null || roles.isEmpty()
                        ? List.of("public")
                        : roles.stream().sorted().toList();
        using = fold(using);
        withCheck = fold(withCheck);
    }

    private static String fold(String expression) {
        return expression == null ? null : UnmodelledObject.normalize(expression);
    }

    @Override
    public Kind kind() {
        return Kind.POLICY;
    }

    @Override
    public QualifiedName key() {
        return key(table, name);
    }

    /** The key of policy {@code name} on {@code table}. */
    public static QualifiedName key(QualifiedName table, String name) {
        return new QualifiedName("policy", table + " " + name);
    }

    @Override
    public String describe() {
        return "policy " + name + " on " + table;
    }

    @Override
    public List<String> createSql() {
        return List.of(
                "CREATE POLICY "
                        + Identifiers.quote(name)
                        + " ON "
                        + table.sql()
                        + (permissive ? "" : " AS RESTRICTIVE")
                        + " FOR "
                        + command
                        + " TO "
                        + String.join(
                                ", ",
                                roles.stream()
                                        .map(
                                                r ->
                                                        r.equals("public")
                                                                ? "PUBLIC"
                                                                : Identifiers.quote(r))
                                        .toList())
                        + (using == null ? "" : " USING (" + using + ")")
                        + (withCheck == null ? "" : " WITH CHECK (" + withCheck + ")"));
    }

    @Override
    public String dropSql() {
        return "DROP POLICY " + Identifiers.quote(name) + " ON " + table.sql();
    }

    /** The same policy with {@code name}, roles, USING and WITH CHECK replaced where not null. */
    public Policy altered(String newName, List<String> newRoles, String newUsing, String newCheck) {
        return new Policy(
                table,
                newName == null ? name : newName,
                permissive,
                command,
                newRoles == null || newRoles.isEmpty() ? roles : newRoles,
                newUsing == null ? using : newUsing,
                newCheck == null ? withCheck : newCheck);
    }

    @Override
    public SchemaObject onTable(QualifiedName newTable) {
        return new Policy(newTable, name, permissive, command, roles, using, withCheck);
    }
}
