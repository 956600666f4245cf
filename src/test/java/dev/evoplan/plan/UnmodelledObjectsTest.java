package dev.evoplan.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evoplan.diff.Change;
import dev.evoplan.engine.Analysis;
import dev.evoplan.engine.AnalysisOptions;
import dev.evoplan.engine.Analyzer;
import dev.evoplan.model.LoadedSchema;
import dev.evoplan.rules.Safety;
import dev.evoplan.source.liquibase.LiquibaseOptions;
import dev.evoplan.source.liquibase.LiquibaseSource;
import dev.evoplan.source.sql.SqlSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A state diff keeps what the model does not hold: two schema files that differ only in a statement
 * evoplan cannot fold into the model are never "no changes" (issue 9, item 3).
 */
class UnmodelledObjectsTest {
    private static final String BASE = "CREATE TABLE t (id int PRIMARY KEY, name text);\n";

    private static LoadedSchema sql(String name, String text) {
        return SqlSource.loadFile(name, name, text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Both files end in the same statement, so neither is the other with statements appended (that
     * is judged as written, as lint would): these are two states, diffed.
     */
    private static final String LAST = "CREATE TABLE last (id int);\n";

    private static Analysis analyze(String a, String b) {
        return Analyzer.analyze(
                sql("a.sql", a + LAST), sql("b.sql", b + LAST), AnalysisOptions.defaults());
    }

    private static List<String> opaque(Analysis analysis) {
        return analysis.changes().stream()
                .filter(c -> c.kind() == Change.Kind.OPAQUE)
                .map(c -> ((Change.Opaque) c).text())
                .toList();
    }

    @Test
    void aRemovedSchemaIsDroppedLastAndAnAddedOneCreatedFirst() {
        Analysis analysis =
                analyze(
                        BASE
                                + "CREATE SCHEMA \"Old Data\";\n"
                                + "CREATE TABLE \"Old Data\".rows (id int);\n",
                        BASE + "CREATE SCHEMA reports;\n");

        List<String> sql =
                analysis.plan().steps().stream()
                        .map(Step::sql)
                        .filter(java.util.Objects::nonNull)
                        .toList();
        assertThat(sql.get(0)).isEqualTo("CREATE SCHEMA IF NOT EXISTS reports;");
        assertThat(sql.get(sql.size() - 1)).isEqualTo("DROP SCHEMA \"Old Data\";");
        assertThat(sql).filteredOn(s -> s.contains("SCHEMA")).hasSize(2);
        assertThat(sql).anyMatch(s -> s.startsWith("DROP TABLE \"Old Data\"."));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            do block        | DO $$ BEGIN UPDATE t SET name = 'x'; END $$;                                   | added statement DO $$ BEGIN UPDATE t SET name = 'x'; END $$
            set storage     | ALTER TABLE t ALTER COLUMN name SET STORAGE EXTERNAL;                          | added column storage t.name
            column options  | ALTER TABLE t ALTER COLUMN name SET (n_distinct = 100);                        | added column option t.name.n_distinct
            compression     | ALTER TABLE t ALTER COLUMN name SET COMPRESSION pglz;                          | added column compression t.name
            cluster on      | ALTER TABLE t CLUSTER ON t_pkey;                                               | added cluster index t
            access method   | ALTER TABLE t SET ACCESS METHOD heap;                                          | added access method t
            unlogged        | CREATE UNLOGGED TABLE u (id int);                                              | added persistence u
            attach          | CREATE TABLE p (id int); ALTER TABLE t ATTACH PARTITION p FOR VALUES IN (1);   | added partition p of t
            composite type  | CREATE TYPE pair AS (a int, b int);                                            | added statement CREATE TYPE pair AS (a int, b int)
            column grant    | GRANT SELECT (name) ON t TO PUBLIC;                                            | added grant GRANT SELECT (name) ON t TO PUBLIC
            comment         | CREATE INDEX t_name ON t (name); COMMENT ON INDEX t_name IS 'by name';         | added comment index t_name
            unrecognized    | FROBNICATE TABLE t;                                                            | added statement FROBNICATE TABLE t
            """)
    void aStatementTheModelDoesNotHoldIsAChangeToReview(
            String what, String added, String expected) {
        Analysis analysis = analyze(BASE, BASE + added + "\n");

        assertThat(opaque(analysis))
                .as(what)
                .anySatisfy(text -> assertThat(text).startsWith(expected).contains("(b.sql:"));
        assertThat(analysis.worst()).isEqualTo(Safety.NEEDS_REVIEW);
        assertThat(analysis.trips(Safety.MULTI_STEP)).isTrue();
    }

    @Test
    void theSameStatementsOnBothSidesAreNoChangeWhateverTheirLayout() {
        String a =
                BASE
                        + """
                CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
                ALTER TABLE t SET (fillfactor=70);
                DO $$ BEGIN PERFORM 1; END $$;
                FROBNICATE TABLE t;
                """;
        String b =
                BASE
                        + """
                -- the same, laid out differently
                CREATE FUNCTION f()
                  RETURNS trigger LANGUAGE plpgsql
                  AS $$
                    BEGIN
                      RETURN NEW; -- unchanged
                    END
                  $$;
                ALTER TABLE t SET ( fillfactor = 70 );
                DO $$ BEGIN   PERFORM 1; END $$;
                FROBNICATE   TABLE t;
                """;

        Analysis analysis = analyze(a, b);

        assertThat(analysis.changes()).isEmpty();
        assertThat(analysis.worst()).isEqualTo(Safety.SAFE);
    }

    @Test
    void eachColumnOptionIsKeptOnItsOwnAndAResetRemovesIt() {
        String both =
                "ALTER TABLE t ALTER COLUMN name SET (n_distinct = 100);\n"
                        + "ALTER TABLE t ALTER COLUMN name SET (n_distinct_inherited = 5);\n";
        // The later SET leaves n_distinct as it was: dropping it is a change.
        assertThat(
                        opaque(
                                analyze(
                                        BASE + both,
                                        BASE
                                                + "ALTER TABLE t ALTER COLUMN name SET (n_distinct_inherited = 5);\n")))
                .anySatisfy(
                        text ->
                                assertThat(text)
                                        .startsWith("removed column option t.name.n_distinct"));
        // One statement or two, and an option set then reset: the same options.
        assertThat(
                        analyze(
                                        BASE + both,
                                        BASE
                                                + "ALTER TABLE t ALTER COLUMN name SET (n_distinct = 100, n_distinct_inherited = 5),"
                                                + " ALTER COLUMN name SET (n_distinct = 1), ALTER COLUMN name RESET (n_distinct);\n"
                                                + "ALTER TABLE t ALTER COLUMN name SET (n_distinct = 100);\n")
                                .changes())
                .isEmpty();
    }

    @Test
    void aTableClusteredThenUnclusteredIsOneNeverClustered() {
        assertThat(
                        analyze(
                                        BASE,
                                        BASE
                                                + "ALTER TABLE t CLUSTER ON t_pkey;\n"
                                                + "ALTER TABLE t SET WITHOUT CLUSTER;\n")
                                .changes())
                .isEmpty();
        // Unclustered on one side only: the clustering is gone.
        assertThat(
                        opaque(
                                analyze(
                                        BASE + "ALTER TABLE t CLUSTER ON t_pkey;\n",
                                        BASE
                                                + "ALTER TABLE t CLUSTER ON t_pkey;\n"
                                                + "ALTER TABLE t SET WITHOUT CLUSTER;\n")))
                .singleElement()
                .satisfies(text -> assertThat(text).startsWith("removed cluster index t"));
    }

    @Test
    void aSettingWrittenDifferentlyIsChangedAndOneGoneIsRemoved() {
        Analysis changed =
                analyze(
                        BASE + "ALTER TABLE t ALTER COLUMN name SET STATISTICS 500;",
                        BASE + "ALTER TABLE t ALTER COLUMN name SET STATISTICS 800;");
        Analysis removed =
                analyze(
                        BASE + "CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$;",
                        BASE);

        assertThat(opaque(changed))
                .singleElement()
                .asString()
                .startsWith(
                        "changed column statistics t.name: ALTER TABLE t ALTER COLUMN name SET STATISTICS 800 (b.sql:2:1)")
                .contains("was: ALTER TABLE t ALTER COLUMN name SET STATISTICS 500 (a.sql:2:1)");
        // Functions are modelled (CodeObjectsTest): one gone is a typed drop, not an opaque one.
        assertThat(removed.changes())
                .singleElement()
                .satisfies(c -> assertThat(c.summary()).isEqualTo("drop function f()"));
    }

    @Test
    void laterStatementsReplaceOrRemoveWhatEarlierOnesKept() {
        // A RESET, a second setting, DROP TRIGGER/FUNCTION and DROP TABLE undo what came before:
        // the state at the end has nothing left to report.
        String b =
                BASE
                        + """
                ALTER TABLE t SET (fillfactor=70);
                ALTER TABLE t RESET (fillfactor);
                CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
                CREATE TABLE gone (id int);
                CREATE TRIGGER tr BEFORE INSERT ON gone FOR EACH ROW EXECUTE FUNCTION f();
                ALTER TABLE gone SET UNLOGGED;
                DROP TABLE gone;
                CREATE TRIGGER tr2 BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION f();
                DROP TRIGGER tr2 ON t;
                DROP FUNCTION f();
                """;

        assertThat(analyze(BASE, b).changes()).isEmpty();
    }

    @Test
    void sessionStatementsAndDataAreNotObjects() {
        String b =
                BASE
                        + """
                SET lock_timeout = '1s';
                BEGIN;
                SELECT pg_catalog.setval('t_id_seq', 5, true);
                SELECT pg_catalog.set_config('search_path', '', false);
                INSERT INTO t VALUES (1, 'a');
                COMMIT;
                """;

        assertThat(analyze(BASE, b).changes()).isEmpty();
    }

    @Test
    void aMigrationFolderWrittenAsItRunsCarriesEachUnreadStatementOnce(@TempDir Path dir)
            throws IOException {
        Path from = Files.createDirectories(dir.resolve("from"));
        Path to = Files.createDirectories(dir.resolve("to"));
        Files.writeString(from.resolve("V1__t.sql"), BASE);
        Files.writeString(to.resolve("V1__t.sql"), BASE);
        Files.writeString(
                to.resolve("V2__f.sql"),
                "CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$;\n");

        Analysis analysis =
                Analyzer.analyze(
                        SqlSource.load(from), SqlSource.load(to), AnalysisOptions.defaults());

        assertThat(analysis.mode()).isEqualTo(dev.evoplan.rules.Mode.AS_WRITTEN);
        // Judged once, as written: defining a function locks no table (known-lock-statement); the
        // function kept as an unmodelled object is not reported a second time by the diff.
        assertThat(analysis.changes())
                .singleElement()
                .satisfies(c -> assertThat(c.kind()).isEqualTo(Change.Kind.MAINTENANCE));
        assertThat(analysis.worst()).isEqualTo(Safety.SAFE);
    }

    @Test
    void aChangelogsRawSqlThatStaysOpaqueKeepsItsObjects(@TempDir Path dir) throws IOException {
        String table =
                """
                databaseChangeLog:
                  - changeSet:
                      id: 1
                      author: a
                      changes:
                        - createTable: {tableName: t, columns: [{column: {name: id, type: int}}]}
                """;
        Path a = Files.writeString(dir.resolve("a.yaml"), table);
        Path b =
                Files.writeString(
                        dir.resolve("b.yaml"),
                        table.replace("id: 1", "id: other")
                                + """
                  - changeSet:
                      id: 2
                      author: a
                      changes:
                        - sql:
                            sql: CREATE TRIGGER tr BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION f()
                """);

        LoadedSchema from = new LiquibaseSource().load(a, LiquibaseOptions.defaults());
        LoadedSchema to = new LiquibaseSource().load(b, LiquibaseOptions.defaults());

        // Raw SQL goes through the SQL front end: the trigger is a modelled object of the state.
        assertThat(to.schema().objects()).hasSize(1);
        Analysis analysis = Analyzer.analyze(from, to, AnalysisOptions.defaults());
        assertThat(analysis.changes())
                .singleElement()
                .satisfies(c -> assertThat(c.summary()).isEqualTo("create trigger tr on t"));
    }
}
