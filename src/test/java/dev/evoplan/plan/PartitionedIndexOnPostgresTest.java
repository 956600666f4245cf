package dev.evoplan.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evoplan.diff.Change;
import dev.evoplan.diff.SchemaDiffer;
import dev.evoplan.model.Schema;
import dev.evoplan.rules.TableStats;
import dev.evoplan.source.jdbc.CatalogReader;
import dev.evoplan.source.sql.SqlParser;
import dev.evoplan.source.sql.SqlStatementApplier;
import dev.evoplan.testing.PostgresServers;
import dev.evoplan.verify.CatalogSnapshot;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Indexes of partitioned tables, round-tripped on PostgreSQL: the state before is built from its
 * SQL, the plan runs on it, and the catalog must equal the state after built from its own SQL
 * (every index of every partition, with PostgreSQL's own names), and a new plan from that catalog
 * is empty. PostgreSQL refuses CONCURRENTLY on a partitioned table, so a new index must come as ON
 * ONLY + one concurrent build per partition + ATTACH PARTITION.
 */
@Tag("postgres")
class PartitionedIndexOnPostgresTest {
    /** A list-partitioned table in one schema, its partitions in another, with rows. */
    private static final String BASE =
            """
            CREATE SCHEMA sales;
            CREATE SCHEMA parts;
            CREATE TABLE sales.orders (id bigint, region text, total numeric, note text)
                PARTITION BY LIST (region);
            CREATE TABLE parts.orders_eu PARTITION OF sales.orders FOR VALUES IN ('eu');
            CREATE TABLE parts.orders_us PARTITION OF sales.orders FOR VALUES IN ('us');
            CREATE TABLE parts.orders_rest PARTITION OF sales.orders DEFAULT;
            """;

    private static final String ROWS =
            "INSERT INTO sales.orders SELECT g, (ARRAY['eu', 'us', 'apac'])[1 + g % 3], g, 'n'"
                    + " FROM generate_series(1, 3000) g;";

    static Stream<Arguments> cases() {
        List<String[]> pairs =
                List.of(
                        new String[] {
                            "a new index on the parent",
                            BASE,
                            BASE + "CREATE INDEX orders_total_idx ON sales.orders (total DESC, id);"
                        },
                        new String[] {
                            "a new unique expression index on the parent",
                            BASE,
                            BASE
                                    + "CREATE UNIQUE INDEX orders_key ON sales.orders (region, lower(note), id);"
                        },
                        new String[] {
                            "a new index whose quoted name holds the word ON",
                            BASE,
                            BASE + "CREATE INDEX \"by ON total\" ON sales.orders (total);"
                        },
                        new String[] {
                            "an index whose method changes keeps its name",
                            BASE + "CREATE INDEX orders_region_idx ON sales.orders (region);",
                            BASE
                                    + "CREATE INDEX orders_region_idx ON sales.orders USING hash (region);"
                        },
                        new String[] {
                            "a dropped partitioned index",
                            BASE + "CREATE INDEX orders_total_idx ON sales.orders (total);",
                            BASE
                        });
        return Stream.of(14, 16, 18)
                .flatMap(pg -> pairs.stream().map(p -> Arguments.of(p[0], pg, p[1], p[2])));
    }

    @ParameterizedTest(name = "PostgreSQL {1}: {0}")
    @MethodSource("cases")
    void planReachesTheTargetCatalog(String what, int pg, String before, String after)
            throws Exception {
        Schema from = fold(before);
        Schema to = fold(after);
        Plan plan =
                Planner.plan(
                        from,
                        SchemaDiffer.diff(from, to),
                        new PlanOptions(pg, 100, "5s", TableStats.UNKNOWN, Set.of()));
        List<String> sql =
                plan.stages().stream()
                        .flatMap(s -> s.steps().stream())
                        .map(Step::sql)
                        .filter(s -> s != null)
                        .toList();
        assertThat(sql)
                .as("PostgreSQL refuses CONCURRENTLY on the partitioned table itself")
                .noneMatch(s -> s.matches("(?s).*CONCURRENTLY.* sales\\.orders .*"));
        try (Connection planned = PostgresServers.freshDatabase(pg);
                Connection direct = PostgresServers.freshDatabase(pg)) {
            exec(planned, before + ROWS);
            LocalRunner.run(planned, plan);
            exec(direct, after + ROWS);
            assertThat(
                            CatalogSnapshot.differences(
                                    CatalogSnapshot.read(planned), CatalogSnapshot.read(direct)))
                    .as("catalog after the plan against the target's own DDL")
                    .isEmpty();
            Schema reached = CatalogReader.read(planned, Set.of());
            List<Change> again = SchemaDiffer.diff(reached, to.withUnmodelledOf(reached));
            assertThat(again).as("a new plan from the reached catalog").isEmpty();
        }
    }

    private static Schema fold(String sql) {
        SqlStatementApplier applier = new SqlStatementApplier(Schema.EMPTY);
        applier.foldAll(SqlParser.parse(sql, "schema.sql"));
        return applier.schema();
    }

    private static void exec(Connection c, String sql) throws Exception {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }
}
