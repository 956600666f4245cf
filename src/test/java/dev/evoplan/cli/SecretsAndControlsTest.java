package dev.evoplan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What the user's inputs put in evoplan's output: no password in clear, no terminal control. */
// Its jdbc: sources make the driver try a connection (to a closed port): the PostgreSQL tier.
@org.junit.jupiter.api.Tag("postgres")
class SecretsAndControlsTest {
    @TempDir Path dir;

    @ParameterizedTest
    @ValueSource(
            strings = {
                "postgresql://alice:Hunter2-Secret@db.example/app",
                "postgres://alice:Hunter2-Secret@db.example/app?sslmode=require",
                "jdbc:postgresql://127.0.0.1:1/app?user=alice&password=Colon;Hunter2-Secret",
                "jdbc:postgresql://127.0.0.1:1/app?user=alice&password=Space Hunter2-Secret",
                "jdbc:postgresql://127.0.0.1:1/app?user=alice&PGPASSWORD=Hunter2-Secret&ssl=false",
                "jdbc:postgresql://alice:Hunter2-Secret@127.0.0.1:1/app"
            })
    void noPasswordIsShownInAnyMessage(String url) throws IOException {
        Path to = dir.resolve("to.sql");
        Files.writeString(to, "CREATE TABLE a (id int);\n");
        CliRun run = CliRun.of("plan", "--from", url, "--to", to.toString());
        assertThat(run.exitCode()).as(run.err()).isEqualTo(3);
        assertThat(run.err() + run.out()).doesNotContain("Hunter2").doesNotContain("Secret");
        assertThat(run.err()).contains("***").hasLineCount(1);
    }

    @Test
    void terminalControlsFromAMigrationAreEscapedInTheTextReport() throws IOException {
        Path f = dir.resolve("V1__esc.sql");
        Files.writeString(
                f,
                "ALTER TABLE \"x\u001b[2J\u001b]0;owned\u0007\" ADD COLUMN c int NOT NULL;\n"
                        + "CREATE INDEX i ON \"x\u001b[2J\u001b]0;owned\u0007\" (c); -- \u202etxt.exe\n");
        for (String format : new String[] {"text", "markdown"}) {
            CliRun run = CliRun.of("lint", "-f", format, "--color", f.toString());
            assertThat(run.exitCode()).as(run.out()).isEqualTo(1);
            assertThat(run.out())
                    .doesNotContain("\u001b[2J")
                    .doesNotContain("\u0007")
                    .doesNotContain("\u202e")
                    .contains("\\u001b[2J")
                    .contains("\\u0007");
        }
        CliRun colour = CliRun.of("lint", "--color", f.toString());
        assertThat(colour.out())
                .as("the report's own verdict colours stay")
                .contains("\u001b[1;31mDOWNTIME\u001b[0m");
    }

    @Test
    void theJsonReportStaysValidAndKeepsTheName() throws IOException {
        Path f = dir.resolve("V1__esc.sql");
        Files.writeString(f, "CREATE INDEX i ON \"x\u001b[2J\u009b\" (c);\n");
        CliRun run = CliRun.of("lint", "-f", "json", f.toString());
        assertThat(run.out()).doesNotContain("\u001b").doesNotContain("\u009b");
        assertThat(new ObjectMapper().readTree(run.out()).findValue("table").asText())
                .isEqualTo("x\u001b[2J\u009b");
    }
}
