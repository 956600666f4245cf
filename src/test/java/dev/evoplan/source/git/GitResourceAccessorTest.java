package dev.evoplan.source.git;

import static dev.evoplan.source.git.Repos.commit;
import static dev.evoplan.source.git.Repos.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import liquibase.resource.DirectoryResourceAccessor;
import liquibase.resource.Resource;
import liquibase.resource.ResourceAccessor;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The accessor is held to Liquibase's own DirectoryResourceAccessor: for a commit whose files are
 * also checked out, every question gets the same answer from both.
 */
class GitResourceAccessorTest {
    @TempDir Path tmp;
    Path repo;
    Git git;

    @BeforeEach
    void files() throws Exception {
        repo = tmp.resolve("repo");
        git = Repos.init(repo);
        write(git, "db/master.yaml", "databaseChangeLog: []\n");
        write(git, "db/changes/001.yaml", "a");
        write(git, "db/changes/002.XML", "b");
        write(git, "db/changes/old/000.sql", "c");
        write(git, "db/changes/old/deep/999.yaml", "d");
        write(git, "shared/common.yaml", "e");
        commit(git, "files");
    }

    private static List<String> paths(List<Resource> resources) {
        List<String> out = new ArrayList<>();
        for (Resource r : resources) {
            out.add(r.getPath() + (r.exists() ? "" : " (missing)"));
        }
        out.sort(null);
        return out;
    }

    private static List<String> search(
            ResourceAccessor a, String path, int min, int max, String suffix) throws IOException {
        ResourceAccessor.SearchOptions o = new ResourceAccessor.SearchOptions();
        o.setMinDepth(min);
        o.setMaxDepth(max);
        o.setTrimmedEndsWithFilter(suffix);
        return paths(a.search(path, o));
    }

    @Test
    void answersAsLiquibasesDirectoryAccessorDoes() throws Exception {
        try (GitTree tree = GitTree.open(repo);
                DirectoryResourceAccessor disk = new DirectoryResourceAccessor(repo.resolve("db"));
                GitResourceAccessor git = new GitResourceAccessor(tree.at("HEAD"), "db")) {
            for (String path :
                    List.of(
                            "master.yaml",
                            "/master.yaml",
                            "changes/001.yaml",
                            "changes/./001.yaml",
                            "changes/old/../001.yaml",
                            "../shared/common.yaml",
                            "changes\\001.yaml",
                            "absent.yaml",
                            "changes",
                            "../../outside.yaml")) {
                assertThat(paths(git.getAll(path)))
                        .as("getAll " + path)
                        .isEqualTo(paths(disk.getAll(path)));
            }
            for (String start :
                    List.of(
                            "changes",
                            "changes/",
                            "/changes",
                            "changes/old",
                            "absent",
                            "",
                            "../shared")) {
                assertThat(paths(git.search(start, true)))
                        .as("recursive " + start)
                        .isEqualTo(paths(disk.search(start, true)));
                assertThat(paths(git.search(start, false)))
                        .as("flat " + start)
                        .isEqualTo(paths(disk.search(start, false)));
                assertThat(search(git, start, 2, 3, ".yaml"))
                        .as("depth 2..3 yaml " + start)
                        .isEqualTo(search(disk, start, 2, 3, ".yaml"));
                assertThat(search(git, start, 0, Integer.MAX_VALUE, ".xml"))
                        .as("xml, any case " + start)
                        .isEqualTo(search(disk, start, 0, Integer.MAX_VALUE, ".xml"));
            }
            assertThat(git.search("changes", true)).isNotEmpty();
            assertThatThrownBy(() -> git.search("master.yaml", true))
                    .isInstanceOf(IOException.class)
                    .hasMessage("'master.yaml' is a file, not a directory");
            assertThatThrownBy(() -> disk.search("master.yaml", true))
                    .isInstanceOf(IOException.class)
                    .hasMessage("'master.yaml' is a file, not a directory");
        }
    }

    @Test
    void resourcesResolveAndReadAsPathResourcesDo() throws Exception {
        try (GitTree tree = GitTree.open(repo);
                DirectoryResourceAccessor disk = new DirectoryResourceAccessor(repo.resolve("db"));
                GitResourceAccessor git = new GitResourceAccessor(tree.at("HEAD"), "db")) {
            Resource g = git.get("changes/001.yaml");
            Resource d = disk.get("changes/001.yaml");
            for (String other : List.of("002.XML", "old/000.sql", "../master.yaml", "none.yaml")) {
                assertThat(g.resolveSibling(other).getPath())
                        .isEqualTo(d.resolveSibling(other).getPath());
                assertThat(g.resolveSibling(other).exists())
                        .as(other)
                        .isEqualTo(d.resolveSibling(other).exists());
            }
            Resource gFolder = git.get("changes");
            Resource dFolder = disk.get("changes");
            assertThat(gFolder.resolve("old/000.sql").getPath())
                    .isEqualTo(dFolder.resolve("old/000.sql").getPath());
            assertThat(gFolder.resolve("old/000.sql").exists()).isTrue();
            assertThat(read(g.resolveSibling("old/000.sql"))).isEqualTo("c");
            assertThat(g.isWritable()).isFalse();
            assertThatThrownBy(gFolder::openInputStream)
                    .isInstanceOf(java.io.FileNotFoundException.class);
            assertThatThrownBy(() -> g.resolveSibling("none.yaml").openInputStream())
                    .isInstanceOf(java.io.FileNotFoundException.class);
            assertThat(g.getUri()).isNotEqualTo(git.get("changes/002.XML").getUri());
            assertThat(git.describeLocations()).containsExactly("git:HEAD:db");
        }
    }

    @Test
    void readsTheRefNotTheDisk() throws Exception {
        write(git, "db/changes/003.yaml", "only on disk");
        write(git, "db/changes/001.yaml", "edited on disk");
        try (GitTree tree = GitTree.open(repo);
                GitResourceAccessor atHead = new GitResourceAccessor(tree.at("HEAD"), "db");
                GitResourceAccessor onDisk =
                        new GitResourceAccessor(tree.at(GitTree.WORKTREE), "db")) {
            assertThat(paths(atHead.search("changes", false)))
                    .containsExactly("changes/001.yaml", "changes/002.XML");
            assertThat(paths(onDisk.search("changes", false)))
                    .containsExactly("changes/001.yaml", "changes/002.XML", "changes/003.yaml");
            assertThat(read(atHead.get("changes/001.yaml"))).isEqualTo("a");
            assertThat(read(onDisk.get("changes/001.yaml"))).isEqualTo("edited on disk");
            assertThat(onDisk.get("changes/001.yaml").getUri())
                    .isEqualTo(repo.resolve("db/changes/001.yaml").toUri());
        }
    }

    private static String read(Resource r) throws IOException {
        try (InputStream in = r.openInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
