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

    /**
     * A partition's own indexes, keys and foreign keys beside the parent's clones (an index, a key
     * and a foreign key cloned to every partition, and a partition key adopted by a parent's
     * index), as pg-schema-diff's local_partition_index cases write them.
     */
    private static final String OWN =
            """
            CREATE SCHEMA parts;
            CREATE TABLE carts (id bigint PRIMARY KEY);
            CREATE TABLE lines (cart bigint NOT NULL, shop text NOT NULL, sku text, qty int,
                PRIMARY KEY (shop, cart), FOREIGN KEY (cart) REFERENCES carts (id))
                PARTITION BY LIST (shop);
            CREATE INDEX lines_sku_idx ON lines (sku);
            CREATE TABLE parts.lines_a PARTITION OF lines (UNIQUE (shop, sku)) FOR VALUES IN ('a');
            CREATE TABLE lines_b PARTITION OF lines FOR VALUES IN ('b');
            CREATE INDEX lines_b_qty_idx ON lines_b (qty DESC) WHERE qty > 1;
            CREATE UNIQUE INDEX lines_b_sku_key ON lines_b (sku);
            ALTER TABLE lines_b ADD CONSTRAINT lines_b_sku_key UNIQUE USING INDEX lines_b_sku_key;
            ALTER TABLE lines_b ADD CONSTRAINT lines_b_cart_fkey FOREIGN KEY (cart) REFERENCES carts (id);
            CREATE TABLE returns (shop text, sku text, FOREIGN KEY (shop, sku) REFERENCES parts.lines_a (shop, sku));
            CREATE UNIQUE INDEX lines_shop_sku_uidx ON lines (shop, sku) WHERE sku IS NOT NULL;
            """;

    @ParameterizedTest(name = "PostgreSQL {0}")
    @ValueSource(ints = {14, 16, 18})
    void aPartitionsOwnIndexesAndKeysReadAsTheSqlMadeThem(int major) throws Exception {
        Schema written = sql(OWN);
        try (Connection db = PostgresServers.freshDatabase(major)) {
            Schema read = readAfter(db, OWN);

            Partition b =
                    (Partition) read.objects().get(Partition.key(QualifiedName.of("lines_b")));
            assertThat(b.indexes())
                    .extracting(dev.evoplan.model.Index::name)
                    .containsExactly("lines_b_qty_idx");
            assertThat(b.uniques())
                    .extracting(dev.evoplan.model.UniqueConstraint::name)
                    .containsExactly("lines_b_sku_key");
            assertThat(b.foreignKeys())
                    .extracting(dev.evoplan.model.ForeignKey::name)
                    .containsExactly("lines_b_cart_fkey");
            Partition a =
                    (Partition)
                            read.objects()
                                    .get(Partition.key(new QualifiedName("parts", "lines_a")));
            assertThat(a.uniques())
                    .extracting(dev.evoplan.model.UniqueConstraint::name)
                    .containsExactly("lines_a_shop_sku_key");
            assertThat(a.primaryKey()).isNull();
            assertThat(SchemaDiffer.diff(read.withUnreadOf(written), written)).isEmpty();
            assertThat(SchemaDiffer.diff(written, read.withUnreadOf(written))).isEmpty();
        }
    }
}
