package dev.evoplan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 0 as a lock_timeout means no timeout, as in PostgreSQL; it was read as a timeout that protects.
 */
class ZeroLockTimeoutTest {
    @TempDir Path dir;

    @Test
    void assumingLockTimeoutZeroProtectsNothing() throws IOException {
        Path f = dir.resolve("V2__c.sql");
        Files.writeString(f, "ALTER TABLE a ADD COLUMN c int;\n");
        for (String zero : new String[] {"0", "0s", "0ms"}) {
            assertThat(CliRun.of("lint", "--assume-lock-timeout", zero, f.toString()).out())
                    .contains("strong-lock-without-lock-timeout (EP302)");
        }
        assertThat(CliRun.of("lint", "--assume-lock-timeout", "5s", f.toString()).out())
                .doesNotContain("strong-lock-without-lock-timeout");
    }

    @Test
    void planningWithLockTimeoutZeroSetsNone() throws IOException {
        Path from = dir.resolve("from.sql");
        Path to = dir.resolve("to.sql");
        Files.writeString(from, "CREATE TABLE a (id int);\n");
        Files.writeString(
                to,
                "CREATE TABLE a (id int, c int NOT NULL DEFAULT 0);\nCREATE INDEX ai ON a (c);\n");
        CliRun zero =
                CliRun.of(
                        "plan",
                        "--lock-timeout",
                        "0",
                        "--from",
                        from.toString(),
                        "--to",
                        to.toString(),
                        "-f",
                        "json");
        assertThat(zero.exitCode()).as(zero.err()).isZero();
        assertThat(zero.out())
                .contains("\"lockTimeout\": null")
                .doesNotContain("\"lockTimeout\": \"0\"")
                .doesNotContain("\"lockTimeout\": \"5s\"");
        CliRun five =
                CliRun.of(
                        "plan",
                        "--lock-timeout",
                        "5s",
                        "--from",
                        from.toString(),
                        "--to",
                        to.toString(),
                        "-f",
                        "json");
        assertThat(five.out()).contains("\"lockTimeout\": \"5s\"");
    }
}
