package dev.evoplan.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evoplan.model.SqlType;
import dev.evoplan.testing.PostgresServers;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Checks the binary-compatible list against what real PostgreSQL does: a type change evoplan calls
 * binary-compatible must leave the table's relfilenode alone, and every documented widening must
 * really be one.
 */
@Tag("postgres")
class TypeChangeOnPostgresTest {
    /** from, to, whether evoplan's list must call it binary-compatible. */
    private static final List<String[]> PAIRS =
            List.of(
                    new String[] {"varchar(50)", "varchar(100)", "yes"},
                    new String[] {"varchar(50)", "varchar", "yes"},
                    new String[] {"varchar(50)", "text", "yes"},
                    new String[] {"varchar", "text", "yes"},
                    new String[] {"text", "varchar", "yes"},
                    new String[] {"numeric(10,2)", "numeric(12,2)", "yes"},
                    new String[] {"numeric(10,2)", "numeric", "yes"},
                    new String[] {"varbit(8)", "varbit(16)", "yes"},
                    new String[] {"timestamp(3)", "timestamp(6)", "yes"},
                    new String[] {"timestamptz(3)", "timestamptz", "yes"},
                    new String[] {"time(2)", "time(4)", "yes"},
                    new String[] {"text", "varchar(20)", "no"},
                    new String[] {"varchar(100)", "varchar(50)", "no"},
                    new String[] {"numeric(10,2)", "numeric(12,4)", "no"},
                    new String[] {"numeric", "numeric(10,2)", "no"},
                    new String[] {"integer", "bigint", "no"},
                    new String[] {"bigint", "integer", "no"},
                    new String[] {"timestamp(6)", "timestamp(3)", "no"},
                    new String[] {"char(5)", "char(10)", "no"},
                    new String[] {"varchar(50)[]", "varchar(100)[]", "no"},
                    new String[] {"integer", "text", "no"});

    @ParameterizedTest(name = "PostgreSQL {0}")
    @ValueSource(ints = {14, 16, 18})
    void binaryCompatibleMeansNoRewriteOnRealPostgres(int major) throws SQLException {
        try (Connection c = PostgresServers.freshDatabase(major);
                Statement st = c.createStatement()) {
            int n = 0;
            for (String[] pair : PAIRS) {
                SqlType from = SqlType.parse(pair[0]);
                SqlType to = SqlType.parse(pair[1]);
                boolean ours = TypeChange.binaryCompatibleReason(from, to, null) != null;
                assertThat(ours)
                        .as("evoplan's list for %s -> %s", pair[0], pair[1])
                        .isEqualTo(pair[2].equals("yes"));

                String table = "t" + n++;
                st.execute("CREATE TABLE " + table + " (c " + from.sql() + ")");
                st.execute("INSERT INTO " + table + " SELECT NULL FROM generate_series(1, 100)");
                long before = relfilenode(st, table);
                st.execute("ALTER TABLE " + table + " ALTER COLUMN c TYPE " + to.sql());
                boolean rewritten = relfilenode(st, table) != before;
                if (ours) {
                    assertThat(rewritten)
                            .as("PostgreSQL %d rewrote %s -> %s", major, pair[0], pair[1])
                            .isFalse();
                } else if (!pair[0].endsWith("[]") && !pair[0].startsWith("char")) {
                    // Arrays and char are counted as rewrites on purpose, whatever the server does.
                    assertThat(rewritten)
                            .as("PostgreSQL %d kept %s -> %s in place", major, pair[0], pair[1])
                            .isTrue();
                }
            }
        }
    }

    private static long relfilenode(Statement st, String table) throws SQLException {
        try (ResultSet rs =
                st.executeQuery(
                        "SELECT relfilenode FROM pg_class WHERE relname = '" + table + "'")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
