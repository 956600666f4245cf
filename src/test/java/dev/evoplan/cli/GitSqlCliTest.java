package dev.evoplan.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Plain SQL at git refs through the command line, on this project's own repository (the CLI reads
 * the repository holding the current directory): its committed SQL fixtures and sample Flyway
 * folder.
 */
class GitSqlCliTest {
    private static final Path ROOT = CliTest.ROOT.toAbsolutePath().normalize();
    private static final String CASE = ROOT.resolve("fixtures/sql-cases/add-column").toString();
    private static final String FLYWAY = ROOT.resolve("changelogs/crawler/migrations").toString();

    @BeforeEach
    void insideThisRepository() {
        assumeTrue(
                Files.exists(ROOT.resolve(".git")),
                "the tests run from a git checkout of the project");
        assumeTrue(
                Path.of("").toAbsolutePath().normalize().startsWith(ROOT),
                "the tests run inside the project");
    }

    @Test
    void planReadsSqlFilesAtARef() {
        CliRun run =
                CliRun.of(
                        "plan",
                        "--from",
                        "git:HEAD:" + CASE + "/from.sql",
                        "--to",
                        "git:HEAD:" + CASE + "/to.sql");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(0);
        assertThat(run.out()).contains("nickname", "active");
        CliRun same =
                CliRun.of(
                        "plan",
                        "--from",
                        "git:HEAD:" + CASE + "/from.sql",
                        "--to",
                        CASE + "/from.sql");
        assertThat(same.exitCode()).as(same.err()).isEqualTo(0);
        assertThat(same.out()).doesNotContain("nickname");
    }

    @Test
    void checkWithBaseReadsAMigrationFolder() {
        CliRun run =
                CliRun.of(
                        "check",
                        "--base",
                        "HEAD",
                        "--head",
                        "HEAD",
                        FLYWAY,
                        "--fail-on",
                        "multi-step");
        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(0);
        assertThat(run.err()).isEmpty();
        // The same folder from nothing to its four migrations: every one read at the ref, in
        // Flyway's order.
        CliRun all =
                CliRun.of(
                        "plan",
                        "--from",
                        "git:HEAD:" + CASE + "/from.sql",
                        "--to",
                        "git:HEAD:" + FLYWAY);
        assertThat(all.exitCode()).as(all.err()).isEqualTo(0);
        assertThat(all.out()).contains("crawls", "pages_http_status_idx", "pages_fetched_at_idx");
        CliRun unknown = CliRun.of("check", "--base", "no-such-ref-here", FLYWAY);
        assertThat(unknown.exitCode()).isEqualTo(3);
        assertThat(unknown.err()).contains("unknown git ref 'no-such-ref-here'");
    }
}
