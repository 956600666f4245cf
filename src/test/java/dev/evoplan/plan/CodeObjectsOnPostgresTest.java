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
 * Routines, triggers, policies and row-security switches on a real PostgreSQL, the way
 * pg-schema-diff checks its plans: schema A is built from its own SQL, the plan runs on it, and the
 * catalog's routines, triggers, policies and switches then equal those of a second database where
 * B's SQL ran directly; planning B against itself finds nothing.
 */
@Tag("postgres")
class CodeObjectsOnPostgresTest {
    private static final String A =
            """
            CREATE TABLE t (id int PRIMARY KEY, owner text, n int);
            CREATE FUNCTION bump(a integer) RETURNS integer LANGUAGE sql RETURN a + 1;
            CREATE FUNCTION gone() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$;
            CREATE FUNCTION trg() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.n := 1; RETURN NEW; END $$;
            CREATE TRIGGER t_ins BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION trg();
            CREATE TRIGGER t_old BEFORE UPDATE ON t FOR EACH ROW EXECUTE FUNCTION trg();
            CREATE POLICY t_read ON t FOR SELECT USING (true);
            CREATE POLICY t_old ON t FOR DELETE USING (false);
            """;
    private static final String B =
            """
            CREATE TABLE t (id int PRIMARY KEY, owner text, n int);
            CREATE FUNCTION bump(a integer) RETURNS integer LANGUAGE sql RETURN a + 2;
            CREATE FUNCTION half(a integer) RETURNS bigint LANGUAGE sql AS $$ SELECT a / 2 $$;
            CREATE PROCEDURE reset_n() LANGUAGE sql BEGIN ATOMIC UPDATE t SET n = 0; END;
            CREATE FUNCTION trg() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.n := 2; RETURN NEW; END $$;
            CREATE TRIGGER t_ins BEFORE INSERT OR UPDATE ON t FOR EACH ROW EXECUTE FUNCTION trg();
            CREATE TRIGGER t_new AFTER DELETE ON t FOR EACH ROW EXECUTE FUNCTION trg();
            ALTER TABLE t ENABLE ROW LEVEL SECURITY;
            ALTER TABLE t FORCE ROW LEVEL SECURITY;
            CREATE POLICY t_read ON t FOR SELECT TO PUBLIC USING (owner = current_user);
            CREATE POLICY t_write ON t AS RESTRICTIVE FOR INSERT WITH CHECK (n > 0);
            """;

    private static LoadedSchema sql(String name, String text) {
        return SqlSource.loadFile(name, name, text.getBytes(StandardCharsets.UTF_8));
    }

    @ParameterizedTest(name = "PostgreSQL {0}")
    @ValueSource(ints = {14, 16, 18})
    void planReachesTheTargetBothWays(int major) throws Exception {
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
            run(direct, to);
            expected = catalog(direct);
        }
        try (Connection db = PostgresServers.freshDatabase(major)) {
            run(db, from);
            PlanRunner.run(db, analysis.plan());
            assertThat(catalog(db)).as("catalog after the plan").isEqualTo(expected);
        }
        LoadedSchema target = sql("b.sql", to);
        assertThat(Planner.between(target.schema(), target.schema(), major).isEmpty()).isTrue();
    }

    private static void run(Connection db, String sql) throws Exception {
        // One statement at a time, as the schema's own SQL would run: the connection prepares
        // each one.
        for (var statement : dev.evoplan.source.sql.SqlParser.parse(sql, "x.sql").statements()) {
            try (Statement s = db.createStatement()) {
                s.setEscapeProcessing(false);
                s.execute(statement.span().text());
            }
        }
    }

    /** Routines with their definitions, triggers, policies and switches, as PostgreSQL has them. */
    private static List<String> catalog(Connection db) throws Exception {
        List<String> out = new ArrayList<>();
        query(
                db,
                "SELECT p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ') '"
                        + " || pg_get_functiondef(p.oid) FROM pg_proc p"
                        + " WHERE p.pronamespace = 'public'::regnamespace ORDER BY 1",
                out);
        query(
                db,
                "SELECT pg_get_triggerdef(oid) FROM pg_trigger WHERE NOT tgisinternal ORDER BY 1",
                out);
        query(
                db,
                "SELECT polname || ' ' || polcmd::text || ' ' || polpermissive::text || ' ' || polroles::text"
                        + " || ' ' || coalesce(pg_get_expr(polqual, polrelid), '-')"
                        + " || ' ' || coalesce(pg_get_expr(polwithcheck, polrelid), '-')"
                        + " FROM pg_policy ORDER BY 1",
                out);
        query(
                db,
                "SELECT relname || ' ' || relrowsecurity::text || ' ' || relforcerowsecurity::text FROM pg_class"
                        + " WHERE relnamespace = 'public'::regnamespace AND relkind = 'r' ORDER BY 1",
                out);
        return out;
    }

    private static void query(Connection db, String sql, List<String> out) throws Exception {
        try (Statement s = db.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
    }
}
