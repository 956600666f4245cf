package dev.evoplan.source.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evoplan.model.QualifiedName;
import dev.evoplan.model.Schema;
import dev.evoplan.model.SourceChange;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Unqualified names follow the search_path a migration sets, as PostgreSQL resolves them: a new
 * object goes to the first schema of the path, an existing one is found in the first schema of the
 * path that holds it. Each file starts at the default path (public).
 */
class SearchPathTest {
    private static final QualifiedName APP_T = new QualifiedName("app", "t");

    private static List<SourceChange> fold(SqlStatementApplier applier, String sql, String file) {
        return applier.foldAll(SqlParser.parse(sql, file));
    }

    private static Schema schema(String sql) {
        SqlStatementApplier applier = new SqlStatementApplier(Schema.EMPTY);
        fold(applier, sql, "m.sql");
        return applier.schema();
    }

    @Test
    void aNewTableAndItsIndexGoToTheFirstSchemaOfThePath() {
        Schema s =
                schema(
                        """
                        CREATE SCHEMA app;
                        SET search_path = app;
                        CREATE TABLE t (id bigint PRIMARY KEY, a int);
                        CREATE INDEX ON t (a);
                        """);
        assertThat(s.tables()).containsOnlyKeys(APP_T);
        assertThat(s.tables().get(APP_T).indexes()).extracting(i -> i.name()).contains("t_a_idx");
    }

    @Test
    void publicFirstKeepsNewObjectsInPublic() {
        Schema s =
                schema(
                        """
                        CREATE SCHEMA app;
                        SET search_path = public, app;
                        CREATE TABLE t (a int);
                        """);
        assertThat(s.tables()).containsOnlyKeys(QualifiedName.of("t"));
    }

    @Test
    void aSchemaOfThePathThatDoesNotExistIsSkippedForNewObjects() {
        // PostgreSQL creates in the first schema of the path that exists.
        Schema s =
                schema(
                        """
                        SET search_path = missing, app, public;
                        CREATE TABLE a (x int);
                        CREATE SCHEMA app;
                        CREATE TABLE b (x int);
                        """);
        assertThat(s.tables())
                .containsOnlyKeys(QualifiedName.of("a"), new QualifiedName("app", "b"));
    }

    @Test
    void existingObjectsAreFoundInTheFirstSchemaOfThePathThatHoldsThem() {
        Schema s =
                schema(
                        """
                        CREATE SCHEMA app;
                        CREATE TABLE users (id bigint PRIMARY KEY);
                        CREATE TABLE t (a int);
                        SET SESSION search_path TO app, public;
                        CREATE TABLE t (b int);
                        CREATE TABLE orders (id bigint, user_id bigint REFERENCES users);
                        ALTER TABLE users ADD COLUMN name text;
                        ALTER TABLE t ADD COLUMN c int;
                        """);
        assertThat(s.tables())
                .containsOnlyKeys(
                        QualifiedName.of("users"),
                        QualifiedName.of("t"),
                        APP_T,
                        new QualifiedName("app", "orders"));
        assertThat(s.tables().get(new QualifiedName("app", "orders")).foreignKeys())
                .singleElement()
                .satisfies(f -> assertThat(f.target()).isEqualTo(QualifiedName.of("users")));
        assertThat(s.tables().get(QualifiedName.of("users")).column("name")).isPresent();
        // t is found in app, the first schema of the path that holds one.
        assertThat(s.tables().get(APP_T).column("c")).isPresent();
        assertThat(s.tables().get(QualifiedName.of("t")).column("c")).isEmpty();
    }

    @Test
    void commentsGrantsAndSequenceOwnersFindTheTableAlongThePath() {
        Schema s =
                schema(
                        """
                        CREATE SCHEMA app;
                        CREATE TABLE t (a int);
                        SET search_path = app, public;
                        CREATE TABLE t (id int, a int);
                        COMMENT ON TABLE t IS 'the app one';
                        COMMENT ON COLUMN t.a IS 'its a';
                        GRANT SELECT ON t TO reader;
                        CREATE SEQUENCE t_id_seq OWNED BY t.id;
                        """);
        assertThat(s.tables().get(APP_T).comment()).isEqualTo("the app one");
        assertThat(s.tables().get(APP_T).column("a").orElseThrow().comment()).isEqualTo("its a");
        assertThat(s.tables().get(QualifiedName.of("t")).comment()).isNull();
        assertThat(s.objects().values())
                .filteredOn(o -> o instanceof dev.evoplan.model.TableGrant)
                .extracting(o -> ((dev.evoplan.model.TableGrant) o).table())
                .containsExactly(APP_T);
        assertThat(s.sequences()).containsOnlyKeys(new QualifiedName("app", "t_id_seq"));
        assertThat(s.sequences().get(new QualifiedName("app", "t_id_seq")).ownedBy())
                .startsWith("app.t.");
        assertThat(s.unmodelled()).allSatisfy((k, v) -> assertThat(k.schema()).isEqualTo("schema"));
    }

    @Test
    void setConfigLocalSettingsAndResetAreFollowed() {
        Schema s =
                schema(
                        """
                        CREATE SCHEMA app;
                        SELECT pg_catalog.set_config('search_path', 'app', false);
                        CREATE TABLE a (x int);
                        RESET search_path;
                        CREATE TABLE b (x int);
                        BEGIN;
                        SET LOCAL search_path = app;
                        CREATE TABLE c (x int);
                        COMMIT;
                        CREATE TABLE d (x int);
                        """);
        assertThat(s.tables())
                .containsOnlyKeys(
                        new QualifiedName("app", "a"),
                        QualifiedName.of("b"),
                        new QualifiedName("app", "c"),
                        QualifiedName.of("d"));
    }

    @Test
    void aRollbackUndoesTheSetMadeInItsBlock() {
        Schema s =
                schema(
                        """
                        CREATE SCHEMA app;
                        BEGIN;
                        SET search_path = app;
                        ROLLBACK;
                        CREATE TABLE a (x int);
                        """);
        assertThat(s.tables()).containsOnlyKeys(QualifiedName.of("a"));
    }

    @Test
    void pgDumpsEmptyPathWithQualifiedNamesStillReads() {
        List<SourceChange> changes =
                fold(
                        new SqlStatementApplier(Schema.EMPTY),
                        """
                        SELECT pg_catalog.set_config('search_path', '', false);
                        CREATE SCHEMA app;
                        CREATE TABLE public.t (id integer NOT NULL);
                        CREATE TABLE app.t (id integer NOT NULL);
                        ALTER TABLE ONLY app.t ADD CONSTRAINT t_pkey PRIMARY KEY (id);
                        CREATE INDEX t_id_idx ON public.t USING btree (id);
                        """,
                        "dump.sql");
        assertThat(changes).noneMatch(c -> c.kind() == SourceChange.Kind.OPAQUE);
        Schema s = changes.get(changes.size() - 1).after();
        assertThat(s.tables()).containsOnlyKeys(QualifiedName.of("t"), APP_T);
        assertThat(s.tables().get(APP_T).primaryKey()).isNotNull();
        assertThat(s.tables().get(QualifiedName.of("t")).indexes()).hasSize(1);
    }

    @Test
    void eachFileStartsAtTheDefaultPath() {
        SqlStatementApplier applier = new SqlStatementApplier(Schema.EMPTY);
        fold(
                applier,
                "CREATE SCHEMA app;\nSET search_path = app;\nCREATE TABLE a (x int);",
                "1.sql");
        fold(applier, "CREATE TABLE b (x int);", "2.sql");
        assertThat(applier.schema().tables())
                .containsOnlyKeys(new QualifiedName("app", "a"), QualifiedName.of("b"));
    }

    @Test
    void aPathBuiltByAFunctionCallIsStillForAReviewer() {
        List<SourceChange> changes =
                fold(
                        new SqlStatementApplier(Schema.EMPTY),
                        "SELECT set_config('search_path', current_setting('search_path') || ',app',"
                                + " false);\n",
                        "m.sql");
        assertThat(changes.get(0).kind()).isEqualTo(SourceChange.Kind.OPAQUE);
        assertThat(changes.get(0).description()).contains("search_path");
    }

    @Test
    void aFollowedPathIsNotForAReviewer() {
        List<SourceChange> changes =
                fold(
                        new SqlStatementApplier(Schema.EMPTY),
                        "SET search_path = app, public;\n",
                        "m.sql");
        assertThat(changes.get(0).kind()).isEqualTo(SourceChange.Kind.NONE);
    }
}
