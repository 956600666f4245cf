package dev.evoplan.source.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evoplan.diff.Change;
import dev.evoplan.diff.SchemaDiffer;
import dev.evoplan.model.Partition;
import dev.evoplan.model.QualifiedName;
import dev.evoplan.model.Schema;
import dev.evoplan.source.sql.SqlSource;
import dev.evoplan.testing.PostgresServers;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Partitions and partition keys are read from a live database as the SQL that made them reads:
 * {@code --from} the database against that SQL is no change, and a bound that differs is seen.
 */
@Tag("postgres")
class CatalogPartitionsTest {
    /** Written the way people write it: lower case keywords, spaces, quoted names. */
    private static final String DDL =
            """
            CREATE SCHEMA "Old Data";
            create table readings (taken_on date not null, sensor int, primary key (taken_on, sensor))
                partition by range ( taken_on );
            create table "Old Data"."Readings 2020" partition of readings
                for values from ('2020-01-01') to ('2021-01-01');
            CREATE TABLE readings_rest PARTITION OF readings DEFAULT;
            CREATE TABLE tags (kind text NOT NULL, tag text) PARTITION BY LIST (kind);
            CREATE TABLE tags_ab PARTITION OF tags FOR VALUES IN ('a', 'b');
            CREATE TABLE buckets (id bigint NOT NULL) PARTITION BY HASH (id);
            CREATE TABLE buckets_0 PARTITION OF buckets for values with (modulus 2, remainder 0);
            """;

    private static Schema sql(String text) {
        return SqlSource.loadFile("s.sql", "s.sql", text.getBytes(StandardCharsets.UTF_8)).schema();
    }

    private static Schema readAfter(Connection db, String ddl) throws Exception {
        try (Statement st = db.createStatement()) {
            st.execute(ddl);
        }
        return CatalogReader.read(db, Set.of());
    }

    @ParameterizedTest(name = "PostgreSQL {0}")
    @ValueSource(ints = {14, 16, 18})
    void theDatabaseHoldsThePartitionsTheSqlMade(int major) throws Exception {
        Schema written = sql(DDL);
        try (Connection db = PostgresServers.freshDatabase(major)) {
            Schema read = readAfter(db, DDL);

            assertThat(read.objects().keySet())
                    .contains(
                            Partition.key(new QualifiedName("Old Data", "Readings 2020")),
                            Partition.key(QualifiedName.of("readings_rest")),
                            Partition.key(QualifiedName.of("tags_ab")),
                            Partition.key(QualifiedName.of("buckets_0")));
            assertThat(read.tables().get(QualifiedName.of("readings")).partitioning().key())
                    .isEqualTo("RANGE (taken_on)");
            assertThat(SchemaDiffer.diff(read.withUnreadOf(written), written)).isEmpty();
        }
    }

    @ParameterizedTest(name = "PostgreSQL {0}")
    @ValueSource(ints = {16})
    void aBoundOrKeyTheSqlDoesNotHoldIsSeen(int major) throws Exception {
        Schema written =
                sql(
                        DDL.replace("IN ('a', 'b')", "IN ('a', 'c')")
                                .replace(
                                        "partition by range ( taken_on )",
                                        "partition by range (sensor)"));
        try (Connection db = PostgresServers.freshDatabase(major)) {
            Schema read = readAfter(db, DDL);

            assertThat(SchemaDiffer.diff(read.withUnreadOf(written), written))
                    .extracting(c -> ((Change.Opaque) c).text())
                    .anySatisfy(
                            t ->
                                    assertThat(t)
                                            .startsWith(
                                                    "partition tags_ab of tags changes its bound"))
                    .anySatisfy(
                            t ->
                                    assertThat(t)
                                            .startsWith(
                                                    "readings changes its partition key from RANGE"
                                                            + " (taken_on) to range (sensor)"));
        }
    }
}
