package dev.evoplan.model;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * One privilege on a table granted to one role ({@code GRANT SELECT ON t TO app_user [WITH GRANT
 * OPTION]}). A table holds one per (grantee, privilege). Whether the grantee exists in the target
 * database is the user's business: PostgreSQL refuses a grant to a missing role.
 *
 * @param grantee the role as PostgreSQL stores it (folded), or {@code PUBLIC}
 * @param privilege SELECT, INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES or TRIGGER
 * @param grantable whether the grantee may grant it on (WITH GRANT OPTION)
 */
public record TableGrant(QualifiedName table, String grantee, String privilege, boolean grantable)
        implements SchemaObject {

    /** The table privileges modelled, in PostgreSQL's order (MAINTAIN, from 17, is not). */
    public static final List<String> TABLE_PRIVILEGES =
            List.of("SELECT", "INSERT", "UPDATE", "DELETE", "TRUNCATE", "REFERENCES", "TRIGGER");

    private static final Set<String> KNOWN = Set.copyOf(TABLE_PRIVILEGES);

    /** The grantee name that stands for every role. */
    public static final String PUBLIC = "PUBLIC";

    public TableGrant {
        Objects.requireNonNull(table, "table is null");
        Objects.requireNonNull(grantee, "grantee is null");
        Objects.requireNonNull(privilege, "privilege is null");
        if (!KNOWN.contains(privilege)) {
            throw new IllegalArgumentException("not a table privilege: " + privilege);
        }
    }

    /** Whether {@code word} (any case) names a table privilege this model holds. */
    public static boolean isTablePrivilege(String word) {
        return KNOWN.contains(word.toUpperCase(Locale.ROOT));
    }

    @Override
    public Kind kind() {
        return Kind.TABLE_GRANT;
    }

    @Override
    public QualifiedName key() {
        return key(table, grantee, privilege);
    }

    /** The key of {@code privilege} on {@code table} granted to {@code grantee}. */
    public static QualifiedName key(QualifiedName table, String grantee, String privilege) {
        return new QualifiedName("grant", table + " " + grantee + " " + privilege);
    }

    @Override
    public String describe() {
        return "grant "
                + privilege
                + " on "
                + table
                + " to "
                + grantee
                + (grantable ? " with grant option" : "");
    }

    private String granteeSql() {
        return grantee.equals(PUBLIC) ? PUBLIC : Identifiers.quote(grantee);
    }

    @Override
    public List<String> createSql() {
        return List.of(
                "GRANT "
                        + privilege
                        + " ON "
                        + table.sql()
                        + " TO "
                        + granteeSql()
                        + (grantable ? " WITH GRANT OPTION" : ""));
    }

    @Override
    public String dropSql() {
        return "REVOKE " + privilege + " ON " + table.sql() + " FROM " + granteeSql();
    }

    /** The statement that turns {@code from} (the same privilege) into this one. */
    public String setSql(TableGrant from) {
        if (grantable == from.grantable) {
            return "";
        }
        return grantable
                ? createSql().get(0)
                : "REVOKE GRANT OPTION FOR "
                        + privilege
                        + " ON "
                        + table.sql()
                        + " FROM "
                        + granteeSql();
    }

    @Override
    public SchemaObject onTable(QualifiedName newTable) {
        return new TableGrant(newTable, grantee, privilege, grantable);
    }
}
