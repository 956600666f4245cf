package dev.evoplan.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.evoplan.cli.Main;
import dev.evoplan.cli.ShadowOptionAccess;
import dev.evoplan.model.InputException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code verify --db docker} and {@code --shadow docker} on a real container. Where no Docker
 * engine answers (this build machine has none) the runs are skipped with the reason printed; what
 * does not need Docker runs everywhere.
 */
@Tag("postgres")
class DockerServerTest {
    private static final Path SAMPLE =
            Path.of(System.getProperty("evoplan.root", "."), "changelogs/crawler");

    private static void requireDocker() {
        boolean docker = DockerServer.dockerAvailable();
        if (!docker) {
            System.out.println(
                    "DockerServerTest: skipped, no Docker engine answers here (DOCKER_HOST, /var/run/docker.sock)");
        }
        assumeTrue(docker, "no Docker engine answers here");
    }

    @Test
    void theImageIsTheOfficialOneOfTheMajorUnlessNamed() {
        assertThat(DockerServer.image("docker", 16, "--db")).contains("postgres:16");
        assertThat(DockerServer.image("docker:postgis/postgis:16-3.4", 16, "--db"))
                .contains("postgis/postgis:16-3.4");
        assertThat(DockerServer.image("jdbc:postgresql://h/db", 16, "--db")).isEmpty();
        assertThat(DockerServer.image(null, 16, "--db")).isEmpty();
        assertThatThrownBy(() -> DockerServer.image("docker:a b", 16, "--db"))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("needs an image name");
    }

    @Test
    void whenDockerDoesNotAnswerStartSaysSoWithoutTryingTheImage() {
        assertThatThrownBy(() -> DockerServer.start("postgres:16", "--db", () -> false))
                .isInstanceOf(InputException.class)
                .hasMessageStartingWith("--db docker: no Docker engine answers")
                .hasMessageNotContaining("Exception");
    }

    @Test
    void shadowTakesOnlyADockerSpellingAsItsValueSoAPathAfterItStaysThePath() {
        var embedded =
                ShadowOptionAccess.parse(
                        "check", "--base", "main", "--shadow", "db/changelog.yaml");
        assertThat(embedded).containsExactly("true", null, "db/changelog.yaml");
        assertThat(
                        ShadowOptionAccess.parse(
                                "check",
                                "--base",
                                "main",
                                "--shadow",
                                "docker:postgis/postgis:16-3.4",
                                "db/changelog.yaml"))
                .containsExactly("true", "docker:postgis/postgis:16-3.4", "db/changelog.yaml");
        assertThat(
                        ShadowOptionAccess.parse(
                                "plan", "--from", "a.sql", "--to", "b.sql", "--shadow", "docker"))
                .containsExactly("true", "docker", null);
        assertThat(ShadowOptionAccess.parse("plan", "--from", "a.sql", "--to", "b.sql"))
                .containsExactly("false", null, null);
    }

    @Test
    void withoutDockerShadowSaysItInOneLineWithExit3() {
        boolean docker = DockerServer.dockerAvailable();
        assumeTrue(
                !docker,
                "Docker is available: shadowOnDockerBuildsTheSampleAsPostgresDoes runs instead");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code =
                Main.run(
                        new String[] {
                            "plan",
                            "--from",
                            SAMPLE.resolve("v1/db.changelog-master.yaml").toString(),
                            "--to",
                            SAMPLE.resolve("v2/db.changelog-master.yaml").toString(),
                            "--shadow",
                            "docker:postgres:16-alpine"
                        },
                        new PrintWriter(out),
                        new PrintWriter(err));
        assertThat(code).as(err.toString()).isEqualTo(3);
        assertThat(err.toString())
                .startsWith("evoplan: --shadow docker: no Docker engine answers")
                .hasLineCount(1)
                .doesNotContain("Exception", "\tat ");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void theSampleVerifiesInAContainerOfTheOfficialImage() {
        requireDocker();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code =
                Main.run(
                        new String[] {
                            "verify",
                            "--db",
                            "docker",
                            "--pg-version",
                            "16",
                            "--from",
                            SAMPLE.resolve("v1/db.changelog-master.yaml").toString(),
                            "--to",
                            SAMPLE.resolve("v2/db.changelog-master.yaml").toString(),
                            "--rows",
                            "100",
                            "--format",
                            "json"
                        },
                        new PrintWriter(out),
                        new PrintWriter(err));
        assertThat(code).as(err + "\n" + out).isZero();
        assertThat(out.toString()).contains("\"verdict\" : \"pass\"", "\"serverVersion\" : \"16.");
    }

    @Test
    void aNamedImageIsTheServerVerifyRunsOn() throws Exception {
        requireDocker();
        try (DockerServer server = DockerServer.start("postgres:14-alpine", "--db")) {
            assertThat(server.major()).isEqualTo(14);
            String db = server.createDatabase("");
            try (Connection c = server.connect(db);
                    Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("SELECT current_database()")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo(db);
            }
            server.dropDatabase(db);
        }
    }

    @Test
    void shadowOnDockerBuildsTheSampleAsPostgresDoes() {
        requireDocker();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code =
                Main.run(
                        new String[] {
                            "plan",
                            "--shadow",
                            "docker",
                            "--pg-version",
                            "16",
                            "--from",
                            SAMPLE.resolve("v1/db.changelog-master.yaml").toString(),
                            "--to",
                            SAMPLE.resolve("v2/db.changelog-master.yaml").toString(),
                            "--quiet"
                        },
                        new PrintWriter(out),
                        new PrintWriter(err));
        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).startsWith("evoplan plan: ");
    }
}
