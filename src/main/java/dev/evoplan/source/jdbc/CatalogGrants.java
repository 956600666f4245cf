package dev.evoplan.source.jdbc;

import dev.evoplan.model.QualifiedName;
import dev.evoplan.model.Schema;
import dev.evoplan.model.TableGrant;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The table privileges of the tables read ({@code relacl}, one {@link TableGrant} per grantee and
 * privilege), as a file's GRANT statements make them. The owner's own privileges are not grants (a
 * file that grants nothing leaves them implicit, and a NULL ACL means just them), so the owner's
 * entries are left out; privileges the model does not hold (MAINTAIN, PostgreSQL 17 on) too.
 */
final class CatalogGrants {
    private CatalogGrants() {}

    private static final String GRANTS =
            """
            SELECT n.nspname, c.relname,
                   CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE r.rolname END AS grantee,
                   a.privilege_type, bool_or(a.is_grantable) AS grantable
            FROM pg_class c
            JOIN pg_namespace n ON n.oid = c.relnamespace
            CROSS JOIN LATERAL aclexplode(c.relacl) a
            LEFT JOIN pg_roles r ON r.oid = a.grantee
            WHERE c.relkind IN ('r', 'p')
              AND c.relacl IS NOT NULL
              AND a.grantee <> c.relowner
              AND n.nspname = ANY (?)
            GROUP BY n.nspname, c.relname, 3, a.privilege_type
            ORDER BY n.nspname, c.relname, 3, a.privilege_type
            """;

    /** {@code shape} with the grants on its tables read from {@code connection}. */
    static Schema read(Connection connection, Array schemas, Schema shape) throws SQLException {
        Schema out = shape;
        try (PreparedStatement ps = connection.prepareStatement(GRANTS)) {
            ps.setArray(1, schemas);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    QualifiedName table =
                            new QualifiedName(rs.getString("nspname"), rs.getString("relname"));
                    String privilege = rs.getString("privilege_type");
                    if (!out.tables().containsKey(table)
                            || rs.getString("grantee") == null
                            || !TableGrant.isTablePrivilege(privilege)) {
                        continue; // a partition's, or a privilege the model has no record for
                    }
                    out =
                            out.withObject(
                                    new TableGrant(
                                            table,
                                            rs.getString("grantee"),
                                            privilege,
                                            rs.getBoolean("grantable")));
                }
            }
        }
        return out;
    }
}
