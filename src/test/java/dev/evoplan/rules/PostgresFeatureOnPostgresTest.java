package dev.evoplan.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evoplan.testing.PostgresServers;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The PostgresFeature table checked on the embedded majors (14, 16, 18): a statement using a form
 * runs exactly on the majors at or after the one the table names, and evoplan reports it as refused
 * exactly on the others.
 */
@Tag("postgres")
class PostgresFeatureOnPostgresTest {
    private static final String SETUP =
            """
            CREATE TABLE users (id bigint PRIMARY KEY, email text);
            INSERT INTO users SELECT g, 'u' || g || '@example.org' FROM generate_series(1, 100) g;
            CREATE TABLE events (id bigint, at date) PARTITION BY RANGE (at);
            CREATE TABLE events_2020 PARTITION OF events FOR VALUES FROM ('2020-01-01') TO ('2021-01-01');
            """;

    /** One statement per form the embedded majors tell apart (the others are older than 14). */
    private static final List<Object[]> ROWS =
            List.of(
                    new Object[] {
                        PostgresFeature.REINDEX_CONCURRENTLY,
                        "REINDEX INDEX CONCURRENTLY users_pkey"
                    },
                    new Object[] {
                        PostgresFeature.GENERATED_STORED,
                        "ALTER TABLE users ADD COLUMN domain text GENERATED ALWAYS AS (split_part(email, '@', 2)) STORED"
                    },
                    new Object[] {
                        PostgresFeature.GEN_RANDOM_UUID,
                        "ALTER TABLE users ADD COLUMN token uuid DEFAULT gen_random_uuid()"
                    },
                    new Object[] {
                        PostgresFeature.DETACH_PARTITION_CONCURRENTLY,
                        "ALTER TABLE events DETACH PARTITION events_2020 CONCURRENTLY"
                    },
                    new Object[] {
                        PostgresFeature.SET_COMPRESSION,
                        "ALTER TABLE users ALTER COLUMN email SET COMPRESSION pglz"
                    },
                    new Object[] {
                        PostgresFeature.SET_ACCESS_METHOD,
                        "ALTER TABLE users SET ACCESS METHOD heap"
                    },
                    new Object[] {
                        PostgresFeature.NULLS_NOT_DISTINCT,
                        "CREATE UNIQUE INDEX users_email_key ON users (email) NULLS NOT DISTINCT"
                    },
                    new Object[] {
                        PostgresFeature.MERGE,
                        "MERGE INTO users u USING (VALUES (1)) v (id) ON u.id = v.id WHEN MATCHED THEN UPDATE SET email = 'x'"
                    },
                    new Object[] {
                        PostgresFeature.GENERATED_VIRTUAL,
                        "ALTER TABLE users ADD COLUMN domain text GENERATED ALWAYS AS (split_part(email, '@', 2)) VIRTUAL"
                    },
                    new Object[] {
                        PostgresFeature.GENERATED_VIRTUAL,
                        "ALTER TABLE users ADD COLUMN domain text GENERATED ALWAYS AS (split_part(email, '@', 2))"
                    },
                    new Object[] {
                        PostgresFeature.NOT_NULL_CONSTRAINT,
                        "ALTER TABLE users ADD CONSTRAINT users_email_not_null NOT NULL email NOT VALID"
                    });

    static Stream<Arguments> rows() {
        List<Arguments> out = new ArrayList<>();
        for (int major : PostgresServers.MAJORS) {
            for (Object[] row : ROWS) {
                out.add(Arguments.of(major, row[0], row[1]));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "PostgreSQL {0}: {2}")
    @MethodSource("rows")
    void postgresAcceptsItExactlyFromTheMajorTheTableNames(
            int major, PostgresFeature feature, String sql) throws SQLException {
        String failure = null;
        try (Connection c = PostgresServers.freshDatabase(major);
                Statement st = c.createStatement()) {
            st.execute(SETUP);
            try {
                st.execute(sql);
            } catch (SQLException e) {
                failure = e.getSQLState() + " " + e.getMessage();
            }
        }
        boolean accepted = failure == null;
        assertThat(accepted)
                .as("PostgreSQL %d running %s (%s)", major, sql, failure)
                .isEqualTo(major >= feature.since());
        assertThat(PostgresFeature.refusedBy(major, sql).contains(feature))
                .as("evoplan says %d refuses %s", major, sql)
                .isEqualTo(!accepted);
    }
}
