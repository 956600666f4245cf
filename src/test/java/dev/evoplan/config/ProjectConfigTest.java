package dev.evoplan.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.evoplan.model.InputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Finding and reading {@code .evoplan.yaml}: where the search stops, values with their lines, and
 * errors.
 */
class ProjectConfigTest {
    @TempDir Path dir;

    @Test
    void foundInTheNearestFolderAboveButNotAboveTheRepositoryRoot() throws IOException {
        Path repo = Files.createDirectories(dir.resolve("outer/repo"));
        Files.createDirectories(repo.resolve(".git"));
        Path deep = Files.createDirectories(repo.resolve("db/migrations"));
        Files.writeString(dir.resolve("outer/" + ProjectConfig.FILE_NAME), "pg-version: 14\n");
        assertThat(ProjectConfig.find(deep))
                .as("the file above the repository root is not the project's")
                .isEmpty();

        Files.writeString(repo.resolve(ProjectConfig.FILE_NAME), "pg-version: 15\n");
        assertThat(ProjectConfig.find(deep))
                .contains(repo.resolve(ProjectConfig.FILE_NAME).toAbsolutePath().normalize());

        Path outside = Files.createDirectories(dir.resolve("outer/plain/sub"));
        assertThat(ProjectConfig.find(outside))
                .as("outside a repository the search goes on upward")
                .contains(
                        dir.resolve("outer/" + ProjectConfig.FILE_NAME)
                                .toAbsolutePath()
                                .normalize());
    }

    @Test
    void valuesKeepTheirLines() throws IOException {
        Path file = dir.resolve(ProjectConfig.FILE_NAME);
        Files.writeString(
                file,
                """
                pg-version: 14
                tables:
                  orders: {rows: 50_000_000}
                table-rows: {audit.events: 1000}
                rules:
                  EP302: off
                  drop-table-loses-data:
                    level: multi-step
                    paths: ["db/legacy/**"]
                search-path: [lib]
                """);
        ProjectConfig config = ProjectConfig.load(file, dir);
        assertThat(config.pgVersion())
                .contains(new ProjectConfig.Value<>(14, ProjectConfig.FILE_NAME + ":1"));
        assertThat(config.tableRows())
                .containsEntry(
                        "orders",
                        new ProjectConfig.Value<>(50_000_000L, ProjectConfig.FILE_NAME + ":3"))
                .containsEntry(
                        "audit.events",
                        new ProjectConfig.Value<>(1000L, ProjectConfig.FILE_NAME + ":4"));
        assertThat(config.rules())
                .containsExactly(
                        new RuleSetting(
                                "strong-lock-without-lock-timeout",
                                RuleLevel.OFF,
                                List.of(),
                                ProjectConfig.FILE_NAME + ":6"),
                        new RuleSetting(
                                "drop-table-loses-data",
                                RuleLevel.MULTI_STEP,
                                List.of("db/legacy/**"),
                                ProjectConfig.FILE_NAME + ":7"));
        assertThat(config.paths("search-path").orElseThrow().value()).containsExactly("lib");
    }

    @Test
    void pathsAreRelativeToTheFilesFolder() throws IOException {
        Path project = Files.createDirectories(dir.resolve("project"));
        Path file = project.resolve(ProjectConfig.FILE_NAME);
        Files.writeString(file, "schema: db/schema.sql\n");
        Path sub = Files.createDirectories(project.resolve("sub"));
        assertThat(ProjectConfig.load(file, sub).path("schema").orElseThrow().value())
                .isEqualTo("../db/schema.sql");
    }

    @Test
    void everyMistakeNamesItsLine() throws IOException {
        assertError(
                "pg-version: 16\n\nfail-on: sometimes\n",
                3,
                "fail-on must be advice, multi-step or downtime");
        assertError("rules:\n  no-such-rule: off\n", 2, "unknown rule 'no-such-rule'");
        assertError(
                "rules:\n  EP101: {level: off, path: [x]}\n",
                2,
                "unknown key 'path' under rules.EP101");
        assertError("tables:\n  orders: {rows: many}\n", 2, "must be a whole number");
        assertError("lock-timeout: soon\n", 1, "must look like 5s");
        assertError("pg-version: 14\npg-version: 16\n", 2, "written twice");
        assertError("- a\n- b\n", 1, "must be a mapping");
        assertError("rules: [\n", 1, "not valid YAML");
    }

    private void assertError(String yaml, int line, String message) throws IOException {
        Path file = dir.resolve(ProjectConfig.FILE_NAME);
        Files.writeString(file, yaml);
        assertThatThrownBy(() -> ProjectConfig.load(file, dir))
                .isInstanceOfSatisfying(
                        InputException.class,
                        e -> {
                            assertThat(e.line()).as(e.oneLine()).isEqualTo(line);
                            assertThat(e.oneLine())
                                    .startsWith(ProjectConfig.FILE_NAME + ":" + line + ": ")
                                    .contains(message);
                        });
    }
}
