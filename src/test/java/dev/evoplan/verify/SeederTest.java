package dev.evoplan.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evoplan.model.QualifiedName;
import dev.evoplan.model.Schema;
import dev.evoplan.source.jdbc.CatalogReader;
import dev.evoplan.testing.PostgresServers;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Seeding on a real server: every constraint the rows must satisfy is enforced by PostgreSQL
 * itself.
 */
@Tag("postgres")
class SeederTest {

    @Test
    void seedsParentsFirstAndSatisfiesForeignKeysUniquesNotNullAndChecks() throws Exception {
        try (Connection db = PostgresServers.freshDatabase(16)) {
            exec(
                    db,
                    """
                    CREATE TYPE mood AS ENUM ('ok', 'meh');
                    CREATE TABLE child (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                        parent_code varchar(12) NOT NULL REFERENCES parent_t(code),
                        status text NOT NULL CHECK (status IN ('a', 'b', 'c')),
                        http int NOT NULL CHECK (http BETWEEN 100 AND 599),
                        email varchar(60) NOT NULL UNIQUE CHECK (email ~* '^.+@.+\\..+$'),
                        m mood NOT NULL, at timestamptz NOT NULL, amount numeric(6,2) NOT NULL, u uuid UNIQUE, doc jsonb);
                    """
                            .replace(
                                    "CREATE TABLE child",
                                    "CREATE TABLE parent_t (code varchar(12) PRIMARY KEY, n int NOT NULL UNIQUE);\nCREATE TABLE child"));
            exec(
                    db,
                    "CREATE TABLE pair (a varchar(12) NOT NULL REFERENCES parent_t(code), b bigint NOT NULL REFERENCES child(id), PRIMARY KEY (a, b))");
            Schema schema = CatalogReader.read(db, Set.of());

            List<SeedResult> seeded =
                    Seeder.seed(
                            db,
                            schema,
                            new RowCounts(300, Map.of(QualifiedName.of("parent_t"), 40L)));

            assertThat(seeded)
                    .extracting(s -> s.table().name())
                    .containsExactly("parent_t", "child", "pair");
            assertThat(seeded).allSatisfy(s -> assertThat(s.skipped()).isNull());
            assertThat(Seeder.count(db, QualifiedName.of("parent_t"))).isEqualTo(40);
            assertThat(Seeder.count(db, QualifiedName.of("child"))).isEqualTo(300);
            // (a, b) is a key made only of foreign keys: 40 parents x 300 children cycle with
            // period 300.
            assertThat(Seeder.count(db, QualifiedName.of("pair"))).isEqualTo(300);
            assertThat(scalar(db, "SELECT count(DISTINCT parent_code) FROM child")).isEqualTo(40);
            assertThat(scalar(db, "SELECT count(DISTINCT status) FROM child")).isEqualTo(3);
        }
    }

    @Test
    void rangesReadBackFromTheCatalogHoldForMoreRowsThanTheRangeHasValues() throws Exception {
        // PostgreSQL keeps BETWEEN as (c >= lo) AND (c <= hi), and a range may be split over two
        // CHECKs: 1,000 rows must all land inside each range, not count up past its end.
        try (Connection db = PostgresServers.freshDatabase(16)) {
            exec(
                    db,
                    """
                    CREATE TABLE ranged (id int PRIMARY KEY,
                        http smallint NOT NULL CHECK (http BETWEEN 100 AND 599),
                        score int NOT NULL CHECK (score >= 1) CHECK (score < 6),
                        below int NOT NULL CHECK (below <= 0),
                        above int NOT NULL CHECK (above > 7))
                    """);
            Schema schema = CatalogReader.read(db, Set.of());
            assertThat(schema.table(QualifiedName.of("ranged")).orElseThrow().checks())
                    .extracting(c -> c.expression())
                    .noneMatch(e -> e.toUpperCase(java.util.Locale.ROOT).contains("BETWEEN"));

            List<SeedResult> seeded = Seeder.seed(db, schema, RowCounts.everyTable(1000));

            assertThat(seeded).singleElement().satisfies(s -> assertThat(s.skipped()).isNull());
            assertThat(Seeder.count(db, QualifiedName.of("ranged"))).isEqualTo(1000);
            assertThat(scalar(db, "SELECT count(DISTINCT http) FROM ranged")).isEqualTo(500);
            assertThat(scalar(db, "SELECT count(DISTINCT score) FROM ranged")).isEqualTo(5);
            assertThat(scalar(db, "SELECT count(DISTINCT below) FROM ranged")).isEqualTo(1000);
            assertThat(scalar(db, "SELECT min(above) FROM ranged")).isEqualTo(8);
        }
    }

    @Test
    void aTableWithANotNullColumnOfAnUnknownTypeIsSkippedAndSaysWhy() throws Exception {
        try (Connection db = PostgresServers.freshDatabase(16)) {
            exec(
                    db,
                    "CREATE TABLE shapes (id int PRIMARY KEY, p point NOT NULL); CREATE TABLE spots (id int PRIMARY KEY, p point)");
            Schema schema = CatalogReader.read(db, Set.of());

            List<SeedResult> seeded = Seeder.seed(db, schema, RowCounts.everyTable(10));

            assertThat(seeded)
                    .filteredOn(s -> s.table().name().equals("shapes"))
                    .singleElement()
                    .satisfies(
                            s -> {
                                assertThat(s.inserted()).isZero();
                                assertThat(s.skipped()).contains("NOT NULL column p of type point");
                            });
            // A nullable column of the same type is left NULL and the table is still seeded.
            assertThat(Seeder.count(db, QualifiedName.of("spots"))).isEqualTo(10);
            assertThat(Seeder.count(db, QualifiedName.of("shapes"))).isZero();
        }
    }

    @Test
    void aCheckItCannotReadSkipsTheTableWithTheServersMessage() throws Exception {
        try (Connection db = PostgresServers.freshDatabase(16)) {
            exec(db, "CREATE TABLE odd (id int PRIMARY KEY, n int NOT NULL CHECK (n % 7 = 3))");
            Schema schema = CatalogReader.read(db, Set.of());

            List<SeedResult> seeded = Seeder.seed(db, schema, RowCounts.everyTable(10));

            assertThat(seeded)
                    .singleElement()
                    .satisfies(
                            s -> assertThat(s.skipped()).contains("CHECK could not be satisfied"));
        }
    }

    @Test
    void seedingIndependentTablesInParallelSessionsGivesTheRowsOneSessionGives() throws Exception {
        // Two roots, a child of both, a grandchild, and a cycle: late_t points at early_t, which
        // is seeded after it and so gives it no keys (NULL), in parallel as one at a time.
        String ddl =
                """
                CREATE TABLE late_t (id int PRIMARY KEY, note text);
                CREATE TABLE early_t (id int PRIMARY KEY, late_id int, name text NOT NULL);
                ALTER TABLE late_t ADD COLUMN early_id int REFERENCES early_t(id);
                ALTER TABLE early_t ADD FOREIGN KEY (late_id) REFERENCES late_t(id);
                CREATE TABLE root_a (id int PRIMARY KEY, code varchar(10) NOT NULL UNIQUE);
                CREATE TABLE root_b (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, n int NOT NULL);
                CREATE TABLE child (id int PRIMARY KEY, a_code varchar(10) NOT NULL REFERENCES root_a(code),
                    b_id bigint REFERENCES root_b(id), label text);
                CREATE INDEX child_label ON child (label);
                CREATE TABLE grandchild (child_id int NOT NULL REFERENCES child(id), k int NOT NULL,
                    PRIMARY KEY (child_id, k));
                """;
        RowCounts rows = new RowCounts(50, Map.of(QualifiedName.of("root_a"), 7L));
        try (Connection one = PostgresServers.freshDatabase(16);
                Connection many = PostgresServers.freshDatabase(16)) {
            exec(one, ddl);
            exec(many, ddl);
            Schema schema = CatalogReader.read(one, Set.of());
            List<Connection> opened = new java.util.ArrayList<>();
            List<SeedResult> alone =
                    Seeder.seed(one, null, 1, schema, Schema.EMPTY, rows, Progress.SILENT);
            List<SeedResult> together = seedOnMoreSessions(many, 4, schema, rows, opened);

            // The three roots went together, on sessions of their own.
            assertThat(opened).hasSize(2);
            assertThat(together).isEqualTo(alone);
            assertThat(together)
                    .extracting(s -> s.table().name())
                    .containsExactly(
                            "root_a", "root_b", "child", "late_t", "early_t", "grandchild");
            for (String table :
                    List.of("early_t", "late_t", "root_a", "root_b", "child", "grandchild")) {
                String rowsOf =
                        "SELECT md5(string_agg(t::text, '|' ORDER BY t::text)) FROM "
                                + table
                                + " t";
                assertThat(scalarText(many, rowsOf)).as(table).isEqualTo(scalarText(one, rowsOf));
            }
            assertThat(scalar(many, "SELECT count(*) FROM late_t WHERE early_id IS NULL"))
                    .isEqualTo(50);
            assertThat(scalar(many, "SELECT count(DISTINCT a_code) FROM child")).isEqualTo(7);
        }
    }

    @Test
    void everyTableAndMaterializedViewHasStatisticsOnceSeeded() throws Exception {
        // Each table is analysed as soon as it is seeded, on the session that seeded it; the
        // materialized view is in no table's seeding and is analysed with the rest at the end.
        try (Connection db = PostgresServers.freshDatabase(16)) {
            exec(
                    db,
                    """
                    CREATE TABLE parent_t (id int PRIMARY KEY, name text NOT NULL);
                    CREATE TABLE child (id int PRIMARY KEY, parent_id int NOT NULL REFERENCES parent_t(id), note text);
                    CREATE INDEX child_note ON child (note);
                    CREATE TABLE other (id int PRIMARY KEY, n int);
                    CREATE MATERIALIZED VIEW ten AS SELECT g FROM generate_series(1, 10) AS g;
                    """);
            Schema schema = CatalogReader.read(db, Set.of());
            seedOnMoreSessions(
                    db, 2, schema, RowCounts.everyTable(200), new java.util.ArrayList<>());

            for (String relation : List.of("parent_t", "child", "other", "ten")) {
                assertThat(
                                scalar(
                                        db,
                                        "SELECT count(*) FROM pg_statistic WHERE starelid = '"
                                                + relation
                                                + "'::regclass"))
                        .as(relation)
                        .isPositive();
            }
            assertThat(scalar(db, "SELECT count(*) FROM pg_indexes WHERE indexname = 'child_note'"))
                    .isEqualTo(1);
        }
    }

    @Test
    void eachTableIsLookedUpInTheCatalogByItsOwnNameAndOneTheDatabaseLacksHasNone()
            throws Exception {
        try (Connection db = PostgresServers.freshDatabase(16)) {
            exec(
                    db,
                    """
                    CREATE SCHEMA app;
                    CREATE TABLE app."Mixed Case" (id int PRIMARY KEY);
                    CREATE TABLE plain (id int PRIMARY KEY);
                    CREATE TABLE events (id int, at date) PARTITION BY RANGE (at);
                    CREATE TABLE events_2024 PARTITION OF events
                        FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
                    """);
            QualifiedName mixed = new QualifiedName("app", "Mixed Case");
            QualifiedName plain = QualifiedName.of("plain");
            QualifiedName events = QualifiedName.of("events");
            QualifiedName partition = QualifiedName.of("events_2024");
            QualifiedName absent = QualifiedName.of("absent");
            List<QualifiedName> names = List.of(absent, mixed, plain, events, partition);

            Map<QualifiedName, Seeder.Relation> relations =
                    Seeder.relations(
                            db, names.stream().map(dev.evoplan.model.Table::empty).toList());

            assertThat(relations)
                    .containsOnlyKeys(mixed, plain, events, partition)
                    .containsEntry(
                            mixed,
                            new Seeder.Relation(
                                    scalar(db, "SELECT 'app.\"Mixed Case\"'::regclass::oid"), true))
                    .containsEntry(
                            plain,
                            new Seeder.Relation(scalar(db, "SELECT 'plain'::regclass::oid"), true))
                    .containsEntry(
                            events,
                            new Seeder.Relation(
                                    scalar(db, "SELECT 'events'::regclass::oid"), false))
                    .containsEntry(
                            partition,
                            new Seeder.Relation(
                                    scalar(db, "SELECT 'events_2024'::regclass::oid"), false));
            assertThat(Seeder.relations(db, List.of())).isEmpty();
        }
    }

    @Test
    void levelsPutEachTableOneAfterTheLatestParentBeforeIt() throws Exception {
        try (Connection db = PostgresServers.freshDatabase(16)) {
            exec(
                    db,
                    """
                    CREATE TABLE a (id int PRIMARY KEY);
                    CREATE TABLE b (id int PRIMARY KEY, a_id int REFERENCES a(id));
                    CREATE TABLE c (id int PRIMARY KEY, parent int REFERENCES c(id));
                    CREATE TABLE d (a_id int REFERENCES a(id), b_id int REFERENCES b(id), c_id int REFERENCES c(id));
                    """);
            Schema schema = CatalogReader.read(db, Set.of());
            List<dev.evoplan.model.Table> ordered =
                    List.of("a", "b", "c", "d").stream()
                            .map(n -> schema.tables().get(QualifiedName.of(n)))
                            .toList();

            // a and c (its own parent only) first, then b, then d after b.
            assertThat(Seeder.levels(ordered))
                    .containsExactly(List.of(0, 2), List.of(1), List.of(3));
        }
    }

    @Test
    void rowCountsParse() {
        RowCounts r = RowCounts.parse("0,users=500,audit.events=7");
        assertThat(r.forTable(QualifiedName.of("users"))).isEqualTo(500);
        assertThat(r.forTable(new QualifiedName("audit", "events"))).isEqualTo(7);
        assertThat(r.forTable(QualifiedName.of("other"))).isZero();
        assertThat(RowCounts.parse("25").forTable(QualifiedName.of("x"))).isEqualTo(25);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> RowCounts.parse("users=lots"))
                .hasMessageContaining("users=lots");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> RowCounts.parse("-3"))
                .hasMessageContaining("negative");
    }

    /** Runs SQL on the test's database (the verify tests share these two). */
    /**
     * Seeds {@code db} on {@code threads} sessions: {@code db} and the ones opened on its database,
     * kept in {@code opened} and closed once seeding is over.
     */
    private static List<SeedResult> seedOnMoreSessions(
            Connection db, int threads, Schema schema, RowCounts rows, List<Connection> opened)
            throws Exception {
        String database = scalarText(db, "SELECT current_database()");
        try {
            return Seeder.seed(
                    db,
                    () -> {
                        Connection c = PostgresServers.connect(16, database);
                        opened.add(c);
                        return c;
                    },
                    threads,
                    schema,
                    Schema.EMPTY,
                    rows,
                    Progress.SILENT);
        } finally {
            for (Connection c : opened) {
                c.close();
            }
        }
    }

    static void exec(Connection db, String sql) throws Exception {
        try (Statement st = db.createStatement()) {
            st.execute(sql);
        }
    }

    /** The first column of the first row, as text. */
    static String scalarText(Connection db, String sql) throws Exception {
        try (Statement st = db.createStatement();
                var rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** The first column of the first row, as a number. */
    static long scalar(Connection db, String sql) throws Exception {
        try (Statement st = db.createStatement();
                var rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
