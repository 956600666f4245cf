package dev.evoplan.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code verify --db docker[:IMAGE]} and {@code --shadow docker[:IMAGE]} as the command line reads
 * them, and what a user without Docker gets: one line and exit 3. The runs on a machine with
 * Docker are in {@code dev.evoplan.verify.DockerServerTest} (PostgreSQL tier).
 */
class DockerOptionsTest {
    private static final String V1 = "changelogs/crawler/v1/db.changelog-master.yaml";
    private static final String V2 = "changelogs/crawler/v2/db.changelog-master.yaml";

    private static CheckCommand parsed(String... args) {
        CommandLine cli = Main.commandLine();
        CommandLine.ParseResult result = cli.parseArgs(args);
        return (CheckCommand) result.subcommand().commandSpec().userObject();
    }

    @Test
    void shadowTakesOnlyADockerSpellingAsItsValueSoAPathAfterItStaysThePath() {
        CheckCommand embedded = parsed("check", "--base", "main", "--shadow", "db/changelog.yaml");
        assertThat(embedded.shadow).isTrue();
        assertThat(embedded.shadowServer).isNull();
        assertThat(embedded.path).isEqualTo("db/changelog.yaml");

        CheckCommand docker = parsed("check", "--base", "main", "--shadow", "docker:postgis/postgis:16-3.4", "db/changelog.yaml");
        assertThat(docker.shadowServer).isEqualTo("docker:postgis/postgis:16-3.4");
        assertThat(docker.path).isEqualTo("db/changelog.yaml");

        CheckCommand bare = parsed("check", "--from", V1, "--to", V2, "--shadow", "docker");
        assertThat(bare.shadowServer).isEqualTo("docker");

        CheckCommand none = parsed("check", "--from", V1, "--to", V2);
        assertThat(none.shadow).isFalse();
        assertThat(none.shadowServer).isNull();
    }

    @Test
    void aMalformedImageIsAnInputErrorBeforeAnythingStarts() {
        CliRun run = CliRun.of("verify", "--db", "docker:", "--from", V1, "--to", V2);
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).isEqualTo("evoplan: --db docker:IMAGE needs an image name such as postgres:16 or "
                + "postgis/postgis:16-3.4, not ''\n");
        assertThat(CliRun.of("verify", "--db", "dockr", "--from", V1, "--to", V2).err())
                .contains("--db takes a jdbc:postgresql: URL (or docker[:IMAGE]), not dockr");
    }

    /**
     * Exit 3, as for an unreachable {@code --db} URL or missing embedded binaries: the user has
     * something to set up before a run can succeed; exit 4 would call it a bug in evoplan.
     */
    @Test
    void withoutDockerVerifyAndShadowSayItInOneLineWithExit3() {
        boolean docker = dev.evoplan.verify.DockerServerAccess.dockerAvailable();
        if (docker) {
            System.out.println("DockerOptionsTest: Docker is available here, so the no-Docker message cannot be seen "
                    + "from the command line; DockerServerTest runs on it instead");
        }
        assumeFalse(docker, "Docker is available: the runs on it are in DockerServerTest");

        CliRun verify = CliRun.of("verify", "--db", "docker", "--from", V1, "--to", V2, "--rows", "10");
        assertThat(verify.exitCode()).as(verify.err()).isEqualTo(3);
        assertThat(verify.out()).isEmpty();
        assertThat(verify.err()).startsWith("evoplan: --db docker: no Docker engine answers").hasLineCount(1)
                .doesNotContain("Exception", "\tat ", "org.testcontainers");

        CliRun shadow = CliRun.of("plan", "--from", V1, "--to", V2, "--shadow", "docker:postgres:16-alpine");
        assertThat(shadow.exitCode()).as(shadow.err()).isEqualTo(3);
        assertThat(shadow.err()).startsWith("evoplan: --shadow docker: no Docker engine answers").hasLineCount(1)
                .doesNotContain("Exception", "\tat ");
        assertThat(Path.of(V1)).isRegularFile();
    }
}
