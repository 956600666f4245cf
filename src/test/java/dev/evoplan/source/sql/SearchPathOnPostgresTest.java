package dev.evoplan.source.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evoplan.model.QualifiedName;
import dev.evoplan.model.Schema;
import dev.evoplan.model.Table;
import dev.evoplan.source.jdbc.CatalogReader;
import dev.evoplan.testing.PostgresServers;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The schema each unqualified name lands in, as the applier reads a script, is where PostgreSQL
 * puts it: each script is run on a fresh database and its catalog's tables, with their columns and
 * foreign-key targets, compared with the fold's.
 */
@Tag("postgres")
class SearchPathOnPostgresTest {
    @ParameterizedTest
    @ValueSource(
            strings = {
                """
                CREATE SCHEMA app;
                SET search_path = app;
                CREATE TABLE t (id bigint PRIMARY KEY, a int);
                CREATE INDEX ON t (a);
                """,
                """
                CREATE SCHEMA app;
                SET search_path = public, app;
                CREATE TABLE t (a int);
                """,
                """
                CREATE SCHEMA app;
                CREATE TABLE users (id bigint PRIMARY KEY);
                CREATE TABLE t (a int);
                SET SESSION search_path TO app, public;
                CREATE TABLE t (b int);
                CREATE TABLE orders (id bigint, user_id bigint REFERENCES users);
                ALTER TABLE users ADD COLUMN name text;
                ALTER TABLE t ADD COLUMN c int;
                """,
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
                BEGIN;
                SET search_path = app;
                ROLLBACK;
                CREATE TABLE e (x int);
                """,
                """
                SET search_path = missing, app, public;
                CREATE TABLE a (x int);
                CREATE SCHEMA app;
                CREATE TABLE b (x int);
                """,
                """
                SELECT pg_catalog.set_config('search_path', '', false);
                CREATE SCHEMA app;
                CREATE TABLE public.t (id integer NOT NULL);
                CREATE TABLE app.t (id integer NOT NULL, p integer);
                ALTER TABLE ONLY app.t ADD CONSTRAINT t_pkey PRIMARY KEY (id);
                ALTER TABLE ONLY app.t ADD CONSTRAINT t_p_fkey FOREIGN KEY (p) REFERENCES app.t(id);
                """
            })
    void unqualifiedNamesLandWherePostgresPutsThem(String script) throws Exception {
        SqlStatementApplier applier = new SqlStatementApplier(Schema.EMPTY);
        applier.foldAll(SqlParser.parse(script, "m.sql"));
        Schema actual;
        try (Connection db = PostgresServers.freshDatabase(PostgresServers.REFERENCE)) {
            try (Statement st = db.createStatement()) {
                // One statement at a time, as psql and the migration tools send them: a script
                // sent whole runs in PostgreSQL's implicit block, which a BEGIN takes over.
                for (SqlSplitter.Statement statement :
                        SqlSplitter.split(script, "m.sql").statements()) {
                    st.execute(statement.text());
                }
                st.execute("RESET search_path");
            }
            actual = CatalogReader.read(db, Set.of());
        }
        assertThat(shape(applier.schema())).isEqualTo(shape(actual));
    }

    /** Each table by name: its columns and the tables its foreign keys point at. */
    private static Map<QualifiedName, String> shape(Schema s) {
        Map<QualifiedName, String> out = new TreeMap<>();
        for (Table t : s.tables().values()) {
            out.put(
                    t.name(),
                    t.columns().stream().map(c -> c.name()).collect(Collectors.joining(","))
                            + " -> "
                            + t.foreignKeys().stream()
                                    .map(f -> f.target().toString())
                                    .sorted()
                                    .collect(Collectors.joining(",")));
        }
        return out;
    }
}
