package dev.evoplan.source.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evoplan.model.Partitioning;
import dev.evoplan.model.QualifiedName;
import dev.evoplan.model.Schema;
import dev.evoplan.source.sql.SqlParser;
import dev.evoplan.source.sql.SqlStatementApplier;
import dev.evoplan.testing.PostgresServers;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A partitioned table's DEFAULT partition (PostgreSQL scans it under ACCESS EXCLUSIVE whenever a
 * partition is added) is read alike from the catalog and from SQL, so the two states agree.
 */
@Tag("postgres")
class DefaultPartitionOnPostgresTest {
    private static final String SQL =
            """
            CREATE TABLE events (id bigint, at date) PARTITION BY RANGE (at);
            CREATE TABLE events_2024 PARTITION OF events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
            CREATE TABLE events_other PARTITION OF events DEFAULT;
            CREATE TABLE plain_parts (id int) PARTITION BY LIST (id);
            CREATE TABLE plain_parts_1 PARTITION OF plain_parts FOR VALUES IN (1);
            """;

    @ParameterizedTest
    @ValueSource(ints = {14, 16, 18})
    void theCatalogAndTheSqlNameTheSameDefaultPartition(int major) throws SQLException {
        Schema live;
        try (Connection c = PostgresServers.freshDatabase(major);
                Statement st = c.createStatement()) {
            st.execute(SQL);
            live = CatalogReader.read(c, Set.of());
        }
        SqlStatementApplier folder = new SqlStatementApplier(Schema.EMPTY);
        folder.foldAll(SqlParser.parse(SQL, "schema.sql"));
        Schema written = folder.schema();

        Partitioning events = live.tables().get(QualifiedName.of("events")).partitioning();
        assertThat(events.defaultPartition()).isEqualTo(QualifiedName.of("events_other"));
        assertThat(written.tables().get(QualifiedName.of("events")).partitioning())
                .isEqualTo(events);
        Partitioning plain = live.tables().get(QualifiedName.of("plain_parts")).partitioning();
        assertThat(plain.defaultPartition()).isNull();
        assertThat(written.tables().get(QualifiedName.of("plain_parts")).partitioning())
                .isEqualTo(plain);
    }
}
