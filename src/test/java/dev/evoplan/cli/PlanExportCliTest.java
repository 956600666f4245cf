package dev.evoplan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code plan --emit DIR --as FORMAT} on the command line: options, the folder rule, what stderr
 * says.
 */
class PlanExportCliTest {
    private static final String FROM = "changelogs/crawler/v1/db.changelog-master.yaml";
    private static final String TO = "changelogs/crawler/v2/db.changelog-master.yaml";

    @TempDir Path temp;

    @Test
    void writesTheFilesAndSaysEveryCheckpointOnStderr() throws Exception {
        Path dir = temp.resolve("out");
        CliRun run =
                CliRun.of(
                        "plan",
                        "--from",
                        FROM,
                        "--to",
                        TO,
                        "--emit",
                        dir.toString(),
                        "--as",
                        "sql");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Plan (");
        assertThat(dir.resolve("README.md")).exists();
        assertThat(dir.resolve("01-expand.sql")).exists();
        assertThat(run.err())
                .contains("plan exported to " + dir + " as sql")
                .contains(
                        "checkpoint after 02-expand-backfill.sql: fill users.locale on existing rows: evoplan cannot know the value");
    }

    @Test
    void aFolderWithFilesIsAnInputErrorBeforeAnyWork() throws Exception {
        Path dir = Files.createDirectories(temp.resolve("taken"));
        Files.writeString(dir.resolve("V1__mine.sql"), "SELECT 1;");
        CliRun run =
                CliRun.of(
                        "plan",
                        "--from",
                        FROM,
                        "--to",
                        TO,
                        "--emit",
                        dir.toString(),
                        "--as",
                        "flyway");
        assertThat(run.exitCode()).isEqualTo(ExitCode.INPUT.code());
        assertThat(run.out()).isEmpty();
        assertThat(run.err().strip().lines()).hasSize(1);
        assertThat(run.err())
                .contains(dir.toString())
                .contains("not empty")
                .doesNotContain("Exception");
        try (var list = Files.list(dir)) {
            assertThat(list.toList()).hasSize(1);
        }
    }

    @Test
    void emitAndAsComeTogetherAndTheFormatIsChecked() {
        assertThat(
                        CliRun.of(
                                        "plan",
                                        "--from",
                                        FROM,
                                        "--to",
                                        TO,
                                        "--emit",
                                        temp.resolve("x").toString())
                                .exitCode())
                .isEqualTo(ExitCode.USAGE.code());
        assertThat(CliRun.of("plan", "--from", FROM, "--to", TO, "--as", "sql").exitCode())
                .isEqualTo(ExitCode.USAGE.code());
        CliRun unknown =
                CliRun.of(
                        "plan",
                        "--from",
                        FROM,
                        "--to",
                        TO,
                        "--emit",
                        temp.resolve("y").toString(),
                        "--as",
                        "dbmate");
        assertThat(unknown.exitCode()).isEqualTo(ExitCode.USAGE.code());
        assertThat(unknown.err()).contains("liquibase-yaml, liquibase-xml, sql, flyway");
        assertThat(temp.resolve("x")).doesNotExist();
    }

    @Test
    void aPlanWithNothingToRunWritesNothing() {
        Path dir = temp.resolve("none");
        CliRun run =
                CliRun.of(
                        "plan",
                        "--from",
                        FROM,
                        "--to",
                        FROM,
                        "--emit",
                        dir.toString(),
                        "--as",
                        "liquibase-xml");
        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).contains("no SQL to run");
        assertThat(dir).doesNotExist();
    }
}
