package dev.evoplan.source.jdbc;

import dev.evoplan.model.Schema;
import dev.evoplan.model.SchemaObject;
import dev.evoplan.source.sql.SqlParser;
import dev.evoplan.source.sql.SqlStatement;
import dev.evoplan.source.sql.SqlStatementApplier;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The functions and procedures of the schemas read, as the SQL reader makes them from the {@code
 * CREATE OR REPLACE} statement PostgreSQL prints for each ({@code pg_get_functiondef}): one way
 * from text to routine, so the database and the SQL that made it hold the same ones ({@link
 * dev.evoplan.model.RoutineDefinition} reads both texts to one meaning). Aggregates and window
 * functions are left out (the model has no record for them: a file keeps them as unmodelled
 * objects), and so are an extension's members.
 */
final class CatalogRoutines {
    private CatalogRoutines() {}

    private static final String ROUTINES =
            """
            SELECT pg_get_functiondef(p.oid)
            FROM pg_proc p
            JOIN pg_namespace n ON n.oid = p.pronamespace
            WHERE p.prokind IN ('f', 'p')
              AND n.nspname = ANY (?)
              AND NOT EXISTS (SELECT 1 FROM pg_depend e
                              WHERE e.classid = 'pg_proc'::regclass AND e.objid = p.oid AND e.deptype = 'e')
            ORDER BY n.nspname, p.proname, pg_get_function_identity_arguments(p.oid)
            """;

    /** {@code shape} with the routines of {@code schemas} read from {@code connection}. */
    static Schema read(Connection connection, Array schemas, Schema shape) throws SQLException {
        SqlStatementApplier applier = new SqlStatementApplier(Schema.EMPTY);
        try (PreparedStatement ps = connection.prepareStatement(ROUTINES)) {
            ps.setArray(1, schemas);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    for (SqlStatement statement :
                            SqlParser.parse(rs.getString(1) + ";\n", "catalog").statements()) {
                        applier.fold(statement);
                    }
                }
            }
        }
        Schema out = shape;
        for (SchemaObject o : applier.schema().objects().values()) {
            if (o.kind() == SchemaObject.Kind.ROUTINE) {
                out = out.withObject(o);
            }
        }
        return out;
    }
}
