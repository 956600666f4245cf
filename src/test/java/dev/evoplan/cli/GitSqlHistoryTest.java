package dev.evoplan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code history} over a folder of SQL migrations: each commit that changed the folder, judged. */
class GitSqlHistoryTest {
    private static final PersonIdent ANN = new PersonIdent("Ann", "ann@example.com");

    @TempDir Path dir;

    private static void commit(Git git, Path dir, String path, String sql, String message)
            throws Exception {
        Path file = dir.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, sql);
        git.add().addFilepattern(".").call();
        git.commit().setMessage(message).setAuthor(ANN).setCommitter(ANN).call();
    }

    @Test
    void eachCommitThatChangedTheFolderIsJudged() throws Exception {
        try (Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call()) {
            commit(
                    git,
                    dir,
                    "db/migrations/V1__orders.sql",
                    "CREATE TABLE orders (id bigint, total int);\n",
                    "orders");
            commit(git, dir, "db/notes.txt", "beside the folder, not in it\n", "notes");
            commit(
                    git,
                    dir,
                    "db/migrations/V2__index.sql",
                    "CREATE INDEX orders_total ON orders (total);\n",
                    "index");
        }
        CliRun run =
                CliRun.of("history", "-C", dir.toString(), "db/migrations", "--format", "json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode commits = new ObjectMapper().readTree(run.out()).get("commits");
        // The notes commit changed db/ but not the folder.
        assertThat(commits).hasSize(2);
        assertThat(commits.get(0).get("subject").asText()).isEqualTo("orders");
        assertThat(commits.get(1).get("subject").asText()).isEqualTo("index");
        assertThat(commits.get(1).get("counts").get("downtime").asInt()).isEqualTo(1);
        assertThat(commits.get(0).get("counts").get("downtime").asInt()).isZero();
    }
}
