package dev.evoplan.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evoplan.engine.Analysis;
import dev.evoplan.engine.AnalysisOptions;
import dev.evoplan.engine.Analyzer;
import dev.evoplan.model.LoadedSchema;
import dev.evoplan.rules.TableStats;
import dev.evoplan.source.sql.SqlSource;
import dev.evoplan.testing.PostgresServers;
import dev.evoplan.verify.PlanRunner;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Table privileges on a real PostgreSQL: A is built from its SQL, the plan runs on it, and every
 * table's privileges then equal those of a database where B's SQL ran directly (and back).
 */
@Tag("postgres")
class TableGrantsOnPostgresTest {
    private static final String ROLES =
            """
            DO $$ BEGIN
              CREATE ROLE evoplan_grants_reader;
            EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
            END $$;
            DO $$ BEGIN
              CREATE ROLE evoplan_grants_writer;
            EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
            END $$;
            """;
    private static final String A =
            """
            CREATE TABLE t (id int PRIMARY KEY);
            CREATE TABLE u (id int);
            CREATE TABLE gone (id int);
            GRANT SELECT, UPDATE ON t TO evoplan_grants_reader;
            GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE ON u TO evoplan_grants_writer WITH GRANT OPTION;
            GRANT SELECT ON gone TO PUBLIC;
            COMMENT ON TABLE t IS 'shared';
            """;
    private static final String B =
            """
            CREATE TABLE t (id int PRIMARY KEY);
            CREATE TABLE u (id int);
            CREATE TABLE fresh (id int);
            GRANT SELECT ON t TO evoplan_grants_reader WITH GRANT OPTION;
            GRANT INSERT ON t, u TO PUBLIC;
            GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE, TRIGGER ON u TO evoplan_grants_writer;
            REVOKE TRUNCATE ON u FROM evoplan_grants_writer;
            GRANT SELECT, REFERENCES ON fresh TO evoplan_grants_reader, evoplan_grants_writer;
            COMMENT ON TABLE t IS 'shared';
            """;

    private static LoadedSchema sql(String name, String text) {
        return SqlSource.loadFile(name, name, text.getBytes(StandardCharsets.UTF_8));
    }

    @ParameterizedTest(name = "PostgreSQL {0}")
    @ValueSource(ints = {14, 16, 18})
    void planReachesTheTargetPrivilegesBothWays(int major) throws Exception {
        roundTrip(A, B, major);
        roundTrip(B, A, major);
    }

    private static void roundTrip(String from, String to, int major) throws Exception {
        Analysis analysis =
                Analyzer.analyze(
                        sql("a.sql", from),
                        sql("b.sql", to),
                        new AnalysisOptions(
                                major,
                                TableStats.UNKNOWN,
                                PlanOptions.DEFAULT_BATCH_SIZE,
                                PlanOptions.DEFAULT_LOCK_TIMEOUT));
        List<String> expected;
        try (Connection direct = PostgresServers.freshDatabase(major)) {
            run(direct, ROLES + to);
            expected = privileges(direct);
        }
        try (Connection db = PostgresServers.freshDatabase(major)) {
            run(db, ROLES + from);
            assertThat(privileges(db)).as("privileges before the plan").isNotEqualTo(expected);
            PlanRunner.run(db, analysis.plan());
            assertThat(privileges(db)).as("privileges after the plan").isEqualTo(expected);
        }
        LoadedSchema target = sql("b.sql", to);
        assertThat(Planner.between(target.schema(), target.schema(), major).isEmpty()).isTrue();
    }

    private static void run(Connection db, String sql) throws Exception {
        for (var statement : dev.evoplan.source.sql.SqlParser.parse(sql, "x.sql").statements()) {
            try (Statement s = db.createStatement()) {
                s.setEscapeProcessing(false);
                s.execute(statement.span().text());
            }
        }
    }

    /** Each table's privileges granted to others than its owner, as PostgreSQL holds them. */
    private static List<String> privileges(Connection db) throws Exception {
        List<String> out = new ArrayList<>();
        try (Statement s = db.createStatement();
                ResultSet rs =
                        s.executeQuery(
                                "SELECT c.relname || ' ' || CASE a.grantee WHEN 0 THEN 'PUBLIC'"
                                        + " ELSE a.grantee::regrole::text END || ' '"
                                        + " || a.privilege_type || ' ' || a.is_grantable"
                                        + " FROM pg_class c, aclexplode(c.relacl) a"
                                        + " WHERE c.relnamespace = 'public'::regnamespace"
                                        + " AND a.grantee <> c.relowner ORDER BY 1")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
