package dev.evoplan.source.git;

import static dev.evoplan.source.git.Repos.commit;
import static dev.evoplan.source.git.Repos.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.evoplan.model.InputException;
import dev.evoplan.model.LoadedSchema;
import dev.evoplan.model.Origin;
import dev.evoplan.model.SourceChangeset;
import dev.evoplan.source.liquibase.LiquibaseOptions;
import dev.evoplan.source.liquibase.LiquibaseSource;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitSourcesTest {
    private static final Path CRAWLER = Path.of("changelogs/crawler");
    private static final LiquibaseOptions DEFAULTS = LiquibaseOptions.defaults();

    @TempDir Path tmp;

    private static List<String> identities(LoadedSchema loaded) {
        return loaded.history().stream().map(SourceChangeset::identity).toList();
    }

    private static String table(String id, String name) {
        return """
                databaseChangeLog:
                  - changeSet:
                      id: %s
                      author: t
                      changes:
                        - createTable:
                            tableName: %s
                            columns:
                              - column: {name: id, type: bigint}
                """
                .formatted(id, name);
    }

    @Test
    void specsSplitAtTheFirstColonAfterGit() {
        assertThat(GitSources.Spec.parse("git:origin/main:db/a:b.yaml"))
                .isEqualTo(new GitSources.Spec("origin/main", "db/a:b.yaml"));
        assertThat(GitSources.Spec.parse("git:HEAD~1:x.yaml"))
                .isEqualTo(new GitSources.Spec("HEAD~1", "x.yaml"));
        assertThatThrownBy(() -> GitSources.Spec.parse("git:main"))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("expected git:REF:PATH");
        assertThatThrownBy(() -> GitSources.Spec.parse("git::x.yaml"))
                .hasMessageContaining("expected git:REF:PATH");
        assertThatThrownBy(() -> GitSources.Spec.parse("git:main:"))
                .hasMessageContaining("expected git:REF:PATH");
    }

    @Test
    void includesAndIncludeAllResolveInsideTheRefsTree() throws Exception {
        Path repo = tmp.resolve("repo");
        Git git = Repos.init(repo);
        write(
                git,
                "db/master.yaml",
                """
                databaseChangeLog:
                  - include:
                      file: base.yaml
                      relativeToChangelogFile: true
                  - includeAll:
                      path: changes/
                      relativeToChangelogFile: true
                """);
        write(git, "db/base.yaml", table("base", "base"));
        write(git, "db/changes/001-a.yaml", table("a", "a"));
        commit(git, "v1");
        git.tag().setName("v1").call();
        write(git, "db/changes/002-b.yaml", table("b", "b"));
        commit(git, "v2");
        write(git, "db/changes/003-uncommitted.yaml", table("c", "c"));

        LoadedSchema v1 = GitSources.load("git:v1:db/master.yaml", DEFAULTS, repo);
        LoadedSchema head = GitSources.load("git:HEAD:db/master.yaml", DEFAULTS, repo);
        LoadedSchema disk = GitSources.load("git:WORKTREE:db/master.yaml", DEFAULTS, repo);
        assertThat(identities(v1))
                .containsExactly("base.yaml::base::t", "changes/001-a.yaml::a::t");
        assertThat(identities(head))
                .containsExactly(
                        "base.yaml::base::t",
                        "changes/001-a.yaml::a::t",
                        "changes/002-b.yaml::b::t");
        assertThat(identities(disk))
                .containsExactly(
                        "base.yaml::base::t",
                        "changes/001-a.yaml::a::t",
                        "changes/002-b.yaml::b::t",
                        "changes/003-uncommitted.yaml::c::t");
        assertThat(v1.location()).isEqualTo("git:v1:db/master.yaml");
        assertThat(head.schema().tables()).hasSize(3);
        // From a subfolder the path is relative to it, as a path on disk would be.
        assertThat(identities(GitSources.load("git:v1:master.yaml", DEFAULTS, repo.resolve("db"))))
                .isEqualTo(identities(v1));
    }

    @Test
    void aPullRequestComparesTheMergeBaseWithTheHead() throws Exception {
        Path repo = tmp.resolve("repo");
        Git git = Repos.init(repo);
        write(
                git,
                "db/master.yaml",
                "databaseChangeLog:\n  - includeAll: {path: changes/, relativeToChangelogFile: true}\n");
        write(git, "db/changes/001-a.yaml", table("a", "a"));
        commit(git, "base");
        git.checkout().setCreateBranch(true).setName("feature").call();
        write(git, "db/changes/002-b.yaml", table("b", "b"));
        commit(git, "feature adds b");
        git.checkout().setName("main").call();
        write(git, "db/changes/003-c.yaml", table("c", "c"));
        commit(git, "main moves on with c");
        git.checkout().setName("feature").call();
        write(git, "db/changes/004-uncommitted.yaml", table("d", "d"));

        // The base side is the fork point: main's later c is not part of what the branch changes.
        List<String> committed =
                GitSources.pullRequestSides(repo, "main", "feature", "db/master.yaml");
        assertThat(identities(GitSources.load(committed.get(0), DEFAULTS, repo)))
                .containsExactly("changes/001-a.yaml::a::t");
        assertThat(committed.get(1)).isEqualTo("git:feature:db/master.yaml");
        assertThat(identities(GitSources.load(committed.get(1), DEFAULTS, repo)))
                .containsExactly("changes/001-a.yaml::a::t", "changes/002-b.yaml::b::t");

        List<String> onDisk =
                GitSources.pullRequestSides(repo, "main", GitTree.WORKTREE, "db/master.yaml");
        assertThat(onDisk.get(0)).isEqualTo(committed.get(0));
        assertThat(onDisk.get(1)).isEqualTo("db/master.yaml");
    }

    @Test
    void eachNewChangesetIsTracedToTheCommitThatIntroducedIt() throws Exception {
        Path repo = tmp.resolve("repo");
        Git git = Repos.init(repo);
        write(
                git,
                "db/master.yaml",
                "databaseChangeLog:\n  - includeAll: {path: changes/, relativeToChangelogFile: true}\n");
        write(git, "db/changes/001-a.yaml", table("a", "a"));
        commit(git, "base");
        git.checkout().setCreateBranch(true).setName("feature").call();
        write(git, "db/changes/002-b.yaml", table("b", "b"));
        commit(git, "add b");
        // c joins b's file in a later commit: the id line, not the file, decides.
        write(
                git,
                "db/changes/002-b.yaml",
                table("b", "b") + table("c", "c").replace("databaseChangeLog:\n", ""));
        commit(git, "add c");
        write(git, "db/changes/004-d.yaml", table("d", "d"));

        LoadedSchema head = GitSources.load("git:WORKTREE:db/master.yaml", DEFAULTS, repo);
        List<Origin> origins = head.history().stream().map(SourceChangeset::origin).toList();
        Map<Origin, Origin> traced =
                GitSources.introducingCommits(
                        repo, "main", GitTree.WORKTREE, "db/master.yaml", origins);

        Map<String, String> byChangeset = new java.util.TreeMap<>();
        traced.values().forEach(o -> byChangeset.put(o.changesetId(), o.commit()));
        // 001 is on main already: the walk stops at the merge-base, so it is not attributed.
        assertThat(byChangeset.keySet()).containsExactly("b", "c", "d");
        assertThat(byChangeset.get("b")).endsWith("(Test: add b)");
        assertThat(byChangeset.get("c")).endsWith("(Test: add c)");
        assertThat(byChangeset.get("d")).isEqualTo("the working tree (not committed yet)");
        assertThat(traced.values().iterator().next().describe()).contains("introduced in ");
    }

    @Test
    void anIncludeMissingAtTheRefIsNamedAtItsLine() throws Exception {
        Path repo = tmp.resolve("repo");
        Git git = Repos.init(repo);
        write(
                git,
                "db/master.yaml",
                """
                databaseChangeLog:
                  - include:
                      file: later.yaml
                      relativeToChangelogFile: true
                """);
        commit(git, "master only");
        write(git, "db/later.yaml", table("x", "x"));
        assertThat(identities(GitSources.load("git:WORKTREE:db/master.yaml", DEFAULTS, repo)))
                .containsExactly("later.yaml::x::t");
        assertThatThrownBy(() -> GitSources.load("git:HEAD:db/master.yaml", DEFAULTS, repo))
                .isInstanceOf(InputException.class)
                .satisfies(
                        e ->
                                assertThat(((InputException) e).oneLine())
                                        .isEqualTo(
                                                "git:HEAD:db/master.yaml:3: included file later.yaml does not exist"));
    }

    @Test
    void aChangelogMissingAtTheRefIsAnInputError() throws Exception {
        Path repo = tmp.resolve("repo");
        Git git = Repos.init(repo);
        write(git, "README", "x");
        commit(git, "no changelog yet");
        write(git, "db/master.yaml", table("a", "a"));
        assertThat(identities(GitSources.load("git:WORKTREE:db/master.yaml", DEFAULTS, repo)))
                .hasSize(1);
        assertThatThrownBy(() -> GitSources.load("git:HEAD:db/master.yaml", DEFAULTS, repo))
                .isInstanceOf(InputException.class)
                .hasMessageStartingWith("no file db/master.yaml at HEAD (");
        // A folder is a folder of SQL migrations, as on disk: this one has none.
        assertThatThrownBy(() -> GitSources.load("git:HEAD:.", DEFAULTS, repo))
                .hasMessageContaining("no SQL migrations in the folder");
        assertThatThrownBy(() -> GitSources.load("git:nope:db/master.yaml", DEFAULTS, repo))
                .hasMessageContaining("unknown git ref 'nope'");
        assertThatThrownBy(() -> GitSources.load("git:HEAD:db/master.yaml", DEFAULTS, tmp))
                .hasMessageContaining("not inside a git repository");
    }

    @Test
    void theSearchPathIsMappedIntoTheTreeAsOnDisk() throws Exception {
        Path repo = tmp.resolve("repo");
        Git git = Repos.init(repo);
        write(
                git,
                "db/master.yaml",
                """
                databaseChangeLog:
                  - include:
                      file: common/shared.yaml
                """);
        write(git, "lib/common/shared.yaml", table("s", "s"));
        commit(git, "shared through the search path");
        LiquibaseOptions searchLib = DEFAULTS.withSearchPath(List.of(repo.resolve("lib")));
        LoadedSchema disk = new LiquibaseSource().load(repo.resolve("db/master.yaml"), searchLib);
        LoadedSchema atHead = GitSources.load("git:HEAD:db/master.yaml", searchLib, repo);
        assertThat(identities(atHead))
                .containsExactly("common/shared.yaml::s::t")
                .isEqualTo(identities(disk));
        // The default search path is the working directory, here the repository's top.
        assertThatThrownBy(() -> GitSources.load("git:HEAD:db/master.yaml", DEFAULTS, repo))
                .hasMessageContaining("included file common/shared.yaml does not exist");
        assertThat(
                        identities(
                                GitSources.load(
                                        "git:HEAD:../db/master.yaml",
                                        DEFAULTS,
                                        repo.resolve("lib"))))
                .containsExactly("common/shared.yaml::s::t");
        assertThatThrownBy(
                        () ->
                                GitSources.load(
                                        "git:HEAD:db/master.yaml",
                                        DEFAULTS.withSearchPath(List.of(tmp)),
                                        repo))
                .hasMessageContaining("is outside the repository");
    }

    /**
     * The sample's v1 committed on main and v2 on a branch, at the same path: each ref loads what
     * the same files load from disk, identities and schema alike, and the working tree is left as
     * it was.
     */
    @Test
    void crawlerChangelogsAtRefsLoadAsTheyDoFromDisk() throws Exception {
        Path repo = tmp.resolve("repo");
        Git git = Repos.init(repo);
        Repos.copy(CRAWLER.resolve("v1"), git, "db");
        commit(git, "crawler v1");
        git.checkout().setCreateBranch(true).setName("v2").call();
        Repos.deleteTree(git, "db");
        Repos.copy(CRAWLER.resolve("v2"), git, "db");
        commit(git, "crawler v2");
        git.checkout().setName("main").call();
        Status before = git.status().call();

        LiquibaseSource liquibase = new LiquibaseSource();
        LoadedSchema v1Disk =
                liquibase.load(CRAWLER.resolve("v1/db.changelog-master.yaml"), DEFAULTS);
        LoadedSchema v2Disk =
                liquibase.load(CRAWLER.resolve("v2/db.changelog-master.yaml"), DEFAULTS);
        LoadedSchema v1Git =
                GitSources.load("git:main:db/db.changelog-master.yaml", DEFAULTS, repo);
        LoadedSchema v2Git = GitSources.load("git:v2:db/db.changelog-master.yaml", DEFAULTS, repo);
        LoadedSchema v1Worktree =
                GitSources.load("git:WORKTREE:db/db.changelog-master.yaml", DEFAULTS, repo);

        assertThat(identities(v1Git)).isNotEmpty().isEqualTo(identities(v1Disk));
        assertThat(identities(v2Git))
                .hasSizeGreaterThan(identities(v1Git).size())
                .isEqualTo(identities(v2Disk));
        assertThat(v1Git.history()).isEqualTo(v1Disk.history());
        assertThat(v2Git.history()).isEqualTo(v2Disk.history());
        assertThat(v1Git.schema()).isEqualTo(v1Disk.schema());
        assertThat(v2Git.schema()).isEqualTo(v2Disk.schema()).isNotEqualTo(v1Git.schema());
        assertThat(v1Worktree.history()).isEqualTo(v1Disk.history());
        assertThat(identities(v2Git)).startsWith(identities(v1Git).toArray(String[]::new));

        Status after = git.status().call();
        assertThat(after.isClean()).isTrue();
        assertThat(after.getUntracked()).isEqualTo(before.getUntracked());
        assertThat(git.getRepository().getFullBranch()).isEqualTo("refs/heads/main");
    }
}
