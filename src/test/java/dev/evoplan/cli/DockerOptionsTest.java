package dev.evoplan.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * {@code verify --db docker[:IMAGE]} as the command line reads it, and what a user without Docker
 * gets: one line and exit 3. The shadow option's spellings, and the runs on a machine with Docker,
 * are in {@code dev.evoplan.verify.DockerServerTest} (PostgreSQL tier, since they can reach a
 * server).
 */
class DockerOptionsTest {
    private static final String V1 = "changelogs/crawler/v1/db.changelog-master.yaml";
    private static final String V2 = "changelogs/crawler/v2/db.changelog-master.yaml";

    @Test
    void aMalformedImageIsAnInputErrorBeforeAnythingStarts() {
        CliRun run = CliRun.of("verify", "--db", "docker:", "--from", V1, "--to", V2);
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err())
                .isEqualTo(
                        "evoplan: --db docker:IMAGE needs an image name such as postgres:16 or "
                                + "postgis/postgis:16-3.4, not ''\n");
        assertThat(CliRun.of("verify", "--db", "dockr", "--from", V1, "--to", V2).err())
                .contains("URL (or docker[:IMAGE]), not dockr");
    }

    /**
     * Exit 3, as for an unreachable {@code --db} URL or missing embedded binaries: the user has
     * something to set up before a run can succeed; exit 4 would call it a bug in evoplan.
     */
    @Test
    void withoutDockerVerifySaysItInOneLineWithExit3() {
        boolean docker = dev.evoplan.verify.DockerServerAccess.dockerAvailable();
        if (docker) {
            System.out.println(
                    "DockerOptionsTest: Docker is available here, so the no-Docker message cannot be seen "
                            + "from the command line; the Docker tests of the PostgreSQL tier run on it instead");
        }
        assumeFalse(
                docker, "Docker is available: the Docker tests of the PostgreSQL tier run on it");

        CliRun verify =
                CliRun.of("verify", "--db", "docker", "--from", V1, "--to", V2, "--rows", "10");
        assertThat(verify.exitCode()).as(verify.err()).isEqualTo(3);
        assertThat(verify.out()).isEmpty();
        assertThat(verify.err())
                .startsWith("evoplan: --db docker: no Docker engine answers")
                .hasLineCount(1)
                .doesNotContain("Exception", "\tat ", "org.testcontainers");

        assertThat(Path.of(V1)).isRegularFile();
    }
}
