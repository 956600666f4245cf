package dev.evoplan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.evoplan.model.Schema;
import dev.evoplan.plan.Planner;
import dev.evoplan.source.liquibase.LiquibaseOptions;
import dev.evoplan.source.liquibase.LiquibaseSource;
import dev.evoplan.testing.PostgresServers;
import dev.evoplan.verify.PlanRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A live database as the old side: read from its catalog, judged as planned. */
@Tag("postgres")
class LiveDatabaseSourceTest {

    @Test
    void aDatabaseAtV1AgainstTheV2ChangelogIsJudgedAsPlanned() throws Exception {
        try (Connection db = PostgresServers.freshDatabase(16)) {
            Schema v1 =
                    new LiquibaseSource()
                            .load(Path.of(CliTest.V1), LiquibaseOptions.defaults())
                            .schema();
            PlanRunner.run(db, Planner.between(Schema.EMPTY, v1, 16));
            try (Statement st = db.createStatement()) {
                st.execute("ALTER USER postgres PASSWORD 'hunter2'");
            }
            String url =
                    "jdbc:postgresql://localhost:"
                            + PostgresServers.server(16).getPort()
                            + "/"
                            + db.getCatalog()
                            + "?user=postgres&password=hunter2";

            CliRun same =
                    CliRun.of(
                            "check",
                            "--from",
                            url,
                            "--to",
                            CliTest.V1,
                            "--fail-on",
                            "multi-step",
                            "--format",
                            "json");
            assertThat(same.exitCode()).as(same.err()).isEqualTo(0);
            assertThat(CliTest.json(same.out()).path("findings").size()).isZero();

            CliRun run = CliRun.of("plan", "--from", url, "--to", CliTest.V2, "--format", "json");
            assertThat(run.exitCode()).as(run.err()).isEqualTo(0);
            JsonNode json = CliTest.json(run.out());
            assertThat(json.path("mode").asText()).isEqualTo("as-planned");
            assertThat(json.path("findings").size()).isGreaterThan(10);
            assertThat(run.out()).doesNotContain("hunter2").contains("password=***");
        }
    }

    /**
     * A database made by a schema file with routines, a trigger and grants, planned against the
     * same file: no change; against the file with one function body changed: that one change.
     * Before routines and grants were read, the database took the file's, and the changed body
     * passed unseen.
     */
    @ParameterizedTest(name = "PostgreSQL {0}")
    @ValueSource(ints = {14, 16, 18})
    void aDatabaseAgainstTheFileThatMadeItHasNoChangeButTheBodyItDoesNotRun(
            int major, @TempDir Path dir) throws Exception {
        String ddl =
                dev.evoplan.source.jdbc.CatalogRoutinesTest.DDL
                        + "GRANT SELECT, UPDATE ON accounts TO PUBLIC;\n";
        Path same = Files.writeString(dir.resolve("same.sql"), ddl);
        Path changed =
                Files.writeString(
                        dir.resolve("changed.sql"),
                        ddl.replace("SELECT a || b", "SELECT a || ' ' || b"));
        try (Connection db = PostgresServers.freshDatabase(major)) {
            try (Statement st = db.createStatement()) {
                st.execute(ddl);
            }
            String url =
                    "jdbc:postgresql://localhost:"
                            + PostgresServers.server(major).getPort()
                            + "/"
                            + db.getCatalog()
                            + "?user=postgres";

            CliRun none =
                    CliRun.of("plan", "--from", url, "--to", same.toString(), "--format", "json");
            assertThat(none.exitCode()).as(none.err()).isEqualTo(0);
            assertThat(CliTest.json(none.out()).path("findings").size()).as(none.out()).isZero();

            CliRun one =
                    CliRun.of(
                            "plan", "--from", url, "--to", changed.toString(), "--format", "json");
            assertThat(one.exitCode()).as(one.err()).isEqualTo(0);
            JsonNode findings = CliTest.json(one.out()).path("findings");
            assertThat(findings.size()).as(one.out()).isEqualTo(1);
            assertThat(findings.get(0).toString()).contains("add(text, text)");
        }
    }

    @Test
    void anUnreachableDatabaseIsAnInputErrorWithoutThePassword() {
        CliRun run =
                CliRun.of(
                        "plan",
                        "--from",
                        "jdbc:postgresql://127.0.0.1:1/nope?user=x&password=s3cret",
                        "--to",
                        CliTest.V1);
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).contains("cannot read the database").doesNotContain("s3cret");
    }
}
