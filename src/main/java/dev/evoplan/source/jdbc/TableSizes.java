package dev.evoplan.source.jdbc;

import dev.evoplan.model.InputException;
import dev.evoplan.model.QualifiedName;
import dev.evoplan.source.Sources;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.TreeMap;

/** Table sizes from a live database's statistics ({@code --stats-from}), read-only. */
public final class TableSizes {
    private TableSizes() {}

    /**
     * Estimated rows of every user table from {@code pg_class.reltuples}. A table whose statistics
     * are missing is left out (unknown, so assumed large): reltuples is -1 when never analysed
     * (14+), and 0 before 14 for a table never analysed, so 0 counts only when the table has no
     * pages on disk either.
     */
    public static Map<QualifiedName, Long> read(Connection c) throws SQLException {
        Map<QualifiedName, Long> rows = new TreeMap<>();
        try (Statement st = c.createStatement();
                ResultSet rs =
                        st.executeQuery(
                                """
                SELECT n.nspname, cl.relname, cl.reltuples::float8, pg_total_relation_size(cl.oid)
                FROM pg_class cl JOIN pg_namespace n ON n.oid = cl.relnamespace
                WHERE cl.relkind IN ('r', 'p')
                  AND n.nspname NOT IN ('pg_catalog', 'information_schema')
                  AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp%'
                """)) {
            while (rs.next()) {
                double tuples = rs.getDouble(3);
                long bytes = rs.getLong(4);
                if (tuples < 0
                        || (tuples == 0
                                && bytes > 0
                                && !hasNoHeap(c, rs.getString(1), rs.getString(2)))) {
                    continue;
                }
                rows.put(new QualifiedName(rs.getString(1), rs.getString(2)), Math.round(tuples));
            }
        }
        return rows;
    }

    /**
     * Reads {@link #read(Connection)} from a {@code jdbc:postgresql:} URL; errors are
     * InputExceptions without the password.
     */
    public static Map<QualifiedName, Long> read(String url) {
        String shown = Sources.redact(url);
        try (Connection c = DriverManager.getConnection(url)) {
            c.setReadOnly(true);
            return read(c);
        } catch (SQLException e) {
            String m = String.valueOf(e.getMessage()).strip();
            int nl = m.indexOf('\n');
            throw new InputException(
                    shown,
                    0,
                    "cannot read table statistics: "
                            + Sources.redact(nl < 0 ? m : m.substring(0, nl)));
        }
    }

    /**
     * True when the table's own heap is empty (its size is indexes only), so reltuples 0 is real.
     */
    private static boolean hasNoHeap(Connection c, String schema, String table)
            throws SQLException {
        try (var ps =
                c.prepareStatement(
                        "SELECT pg_relation_size(format('%I.%I', ?::text, ?::text)::regclass) = 0")) {
            ps.setString(1, schema);
            ps.setString(2, table);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }
}
