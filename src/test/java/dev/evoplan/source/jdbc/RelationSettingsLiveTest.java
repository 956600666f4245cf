package dev.evoplan.source.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evoplan.diff.Change;
import dev.evoplan.diff.SchemaDiffer;
import dev.evoplan.model.QualifiedName;
import dev.evoplan.model.ReplicaIdentity;
import dev.evoplan.model.RowSecurity;
import dev.evoplan.model.Schema;
import dev.evoplan.model.StorageParameters;
import dev.evoplan.source.sql.SqlSource;
import dev.evoplan.testing.PostgresServers;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Replica identity, storage parameters (a TOAST table's too), a partition's own settings and view
 * options are read from a live database as the SQL that made them reads: {@code --from} the
 * database against that SQL is no change, and a database that differs in one is seen.
 */
@Tag("postgres")
class RelationSettingsLiveTest {
    private static final String DDL =
            """
            CREATE TABLE orders (id bigint PRIMARY KEY, ref text NOT NULL)
                WITH (fillfactor = 80, autovacuum_vacuum_scale_factor = 0.05);
            CREATE UNIQUE INDEX orders_ref_idx ON orders (ref);
            ALTER TABLE orders REPLICA IDENTITY USING INDEX orders_ref_idx;
            ALTER TABLE orders SET (toast.autovacuum_enabled = false);
            CREATE TABLE readings (station int, day date, PRIMARY KEY (station, day))
                PARTITION BY LIST (station);
            ALTER TABLE readings REPLICA IDENTITY FULL;
            ALTER TABLE readings ENABLE ROW LEVEL SECURITY;
            CREATE TABLE readings_north PARTITION OF readings FOR VALUES IN (1);
            ALTER TABLE readings_north REPLICA IDENTITY NOTHING;
            ALTER TABLE readings_north FORCE ROW LEVEL SECURITY;
            ALTER TABLE readings_north SET (fillfactor = 50);
            CREATE TABLE readings_south PARTITION OF readings FOR VALUES IN (2);
            CREATE VIEW open_orders WITH (security_barrier) AS SELECT id, ref FROM orders;
            CREATE MATERIALIZED VIEW order_refs WITH (fillfactor = 60) AS SELECT ref FROM orders;
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

    /** The live views' queries are as the server prints them: compare their options only. */
    private static Schema withWrittenQueries(Schema read, Schema written) {
        Schema out = read;
        for (var v : read.views().values()) {
            var w = written.views().get(v.name());
            if (w != null) {
                out = out.withView(w.withOptions(v.options()));
            }
        }
        return out;
    }

    @ParameterizedTest(name = "PostgreSQL {0}")
    @ValueSource(ints = {14, 16, 18})
    void theDatabaseHoldsTheSettingsTheSqlMade(int major) throws Exception {
        Schema written = sql(DDL);
        try (Connection db = PostgresServers.freshDatabase(major)) {
            Schema read = readAfter(db, DDL);

            QualifiedName orders = QualifiedName.of("orders");
            QualifiedName north = QualifiedName.of("readings_north");
            assertThat(read.objects().get(ReplicaIdentity.key(orders)))
                    .isEqualTo(
                            new ReplicaIdentity(
                                    orders, ReplicaIdentity.Mode.INDEX, "orders_ref_idx"));
            assertThat(read.objects().get(StorageParameters.key(orders)))
                    .isEqualTo(
                            new StorageParameters(
                                    orders,
                                    new java.util.TreeMap<>(
                                            Map.of(
                                                    "fillfactor", "80",
                                                    "autovacuum_vacuum_scale_factor", "0.05",
                                                    "toast.autovacuum_enabled", "false"))));
            assertThat(read.objects().get(RowSecurity.key(north)))
                    .isEqualTo(new RowSecurity(north, false, true));
            assertThat(read.views().get(QualifiedName.of("open_orders")).options())
                    .isEqualTo(Map.of("security_barrier", "true"));
            assertThat(
                            SchemaDiffer.diff(
                                    withWrittenQueries(read, written).withUnreadOf(written),
                                    written))
                    .isEmpty();
        }
    }

    @ParameterizedTest(name = "PostgreSQL {0}")
    @ValueSource(ints = {16})
    void aSettingTheSqlDoesNotHoldIsSeen(int major) throws Exception {
        String live =
                DDL
                        + "ALTER TABLE readings_south REPLICA IDENTITY FULL;\n"
                        + "ALTER TABLE orders RESET (fillfactor);\n"
                        + "ALTER MATERIALIZED VIEW order_refs SET (fillfactor = 40);\n";
        Schema written = sql(DDL);
        try (Connection db = PostgresServers.freshDatabase(major)) {
            Schema read = readAfter(db, live);

            assertThat(
                            SchemaDiffer.diff(
                                    withWrittenQueries(read, written).withUnreadOf(written),
                                    written))
                    .extracting(Change::summary)
                    .hasSize(3)
                    .noneMatch(s -> s.startsWith("opaque"));
        }
    }
}
