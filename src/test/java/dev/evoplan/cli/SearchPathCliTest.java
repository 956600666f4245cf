package dev.evoplan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * lint and a state diff follow the search_path a file sets: unqualified names after it are the
 * first schema of the path's when created, and the first schema holding them when looked up.
 */
class SearchPathCliTest {
    @TempDir Path dir;

    private String file(String name, String sql) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, sql);
        return p.toString();
    }

    @Test
    void lintJudgesAnIndexOnTheTableTheFileCreatedInItsSchema() throws IOException {
        // public.t exists and is large; the migration makes a new, empty app.t and indexes it.
        String schema = file("schema.sql", "CREATE TABLE t (a int);\n");
        String migration =
                file(
                        "V2__app.sql",
                        "CREATE SCHEMA app;\nSET search_path = app;\n"
                                + "CREATE TABLE t (a int);\nCREATE INDEX ON t (a);\n");
        CliRun run = CliRun.of("lint", "--show-safe", "--schema", schema, migration);
        assertThat(run.out())
                .as(run.out())
                .contains("verdict: SAFE")
                .contains(migration + ":4:1: SAFE change-on-new-table")
                .contains("app.t")
                .doesNotContain("already exists")
                .doesNotContain("NEEDS REVIEW");
        assertThat(run.exitCode()).isZero();
    }

    @Test
    void lintJudgesAnIndexOnAnExistingTableOfTheSchemaThePathNames() throws IOException {
        String schema =
                file(
                        "schema.sql",
                        "CREATE SCHEMA app;\nCREATE TABLE app.t (a int);\nCREATE TABLE t (a int);\n");
        String migration =
                file(
                        "V2__index.sql",
                        "SET lock_timeout = '2s';\nSET search_path = app, public;\n"
                                + "CREATE INDEX t_a_idx ON t (a);\n");
        CliRun run = CliRun.of("lint", "--schema", schema, migration);
        assertThat(run.out())
                .as(run.out())
                .contains(migration + ":3:1: DOWNTIME create-index-non-concurrent")
                .contains("on app.t")
                .doesNotContain("NEEDS REVIEW");
    }

    @Test
    void publicFirstStillCreatesInPublic() throws IOException {
        String schema = file("schema.sql", "CREATE TABLE t (a int);\n");
        String migration =
                file(
                        "V2__public.sql",
                        "CREATE SCHEMA app;\nSET search_path = public, app;\n"
                                + "CREATE TABLE t (a int);\n");
        CliRun run = CliRun.of("lint", "--schema", schema, migration);
        // public.t exists: PostgreSQL refuses to create it again.
        assertThat(run.out()).as(run.out()).contains("already exists");
    }

    @Test
    void aStateDiffPutsTheTableInTheSchemaThePathNames() throws IOException {
        String from = file("a.sql", "CREATE SCHEMA app;\nCREATE TABLE u (id int);\n");
        String to =
                file(
                        "b.sql",
                        "CREATE SCHEMA app;\nSET search_path = app, public;\n"
                                + "CREATE TABLE t (id bigint PRIMARY KEY, a int);\n"
                                + "CREATE INDEX ON t (a);\nCREATE TABLE public.u (id int);\n");
        CliRun run = CliRun.of("plan", "--from", from, "--to", to);
        assertThat(run.out())
                .as(run.out())
                .contains("CREATE TABLE app.t")
                .contains("ON app.t")
                .doesNotContain("NEEDS REVIEW");
        assertThat(run.exitCode()).isZero();
    }
}
