package dev.evoplan.source.git;

import static dev.evoplan.source.git.Repos.commit;
import static dev.evoplan.source.git.Repos.commitFile;
import static dev.evoplan.source.git.Repos.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.evoplan.model.InputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.Status;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitTreeTest {
    @TempDir Path tmp;

    Path repo;
    Git git;
    RevCommit first;
    RevCommit second;
    RevCommit featureTip;

    /** main: first (tag v1) -> second; feature branches from first with its own commit. */
    @BeforeEach
    void history() throws Exception {
        repo = tmp.resolve("repo");
        git = Repos.init(repo);
        write(git, "db/notes.txt", "one\n");
        first = commitFile(git, "db/a.txt", "one\n");
        git.tag().setName("v1").call();
        second = commitFile(git, "db/a.txt", "two\n");
        git.checkout().setCreateBranch(true).setName("feature").setStartPoint(first).call();
        featureTip = commitFile(git, "db/a.txt", "three\n");
        git.checkout().setName("main").call();
    }

    private static String text(Snapshot s, String path) {
        return new String(s.read(path), StandardCharsets.UTF_8);
    }

    @Test
    void readsAFileAtBranchTagParentAndAbbreviatedId() {
        try (GitTree tree = GitTree.open(repo)) {
            assertThat(text(tree.at("main"), "db/a.txt")).isEqualTo("two\n");
            assertThat(text(tree.at("HEAD"), "db/a.txt")).isEqualTo("two\n");
            assertThat(text(tree.at("v1"), "db/a.txt")).isEqualTo("one\n");
            assertThat(text(tree.at("HEAD~1"), "db/a.txt")).isEqualTo("one\n");
            assertThat(text(tree.at("feature"), "db/a.txt")).isEqualTo("three\n");
            assertThat(text(tree.at(first.abbreviate(8).name()), "db/a.txt")).isEqualTo("one\n");
            assertThat(tree.at("v1").commitId()).contains(first.name());
            assertThat(tree.at("HEAD~1").describe())
                    .isEqualTo("HEAD~1 (" + first.abbreviate(7).name() + ")");
        }
    }

    @Test
    void blobIdsAreEqualExactlyWhenTheContentIs() {
        try (GitTree tree = GitTree.open(repo)) {
            // notes.txt holds "one\n" like a.txt at v1: git stores one blob for both.
            assertThat(tree.at("v1").blobId("db/a.txt"))
                    .isEqualTo(tree.at("main").blobId("db/notes.txt"));
            assertThat(tree.at("v1").blobId("db/a.txt"))
                    .isNotEqualTo(tree.at("main").blobId("db/a.txt"));
            assertThat(tree.at("main").blobId("db")).isEmpty();
            assertThat(tree.at("main").blobId("db/none.txt")).isEmpty();
        }
    }

    @Test
    void linesAreCountedPerVersionOfTheFileAsInItsBytes() throws Exception {
        commitFile(git, "db/c.yaml", "- id: 1\n  - id: 1\r\n- id: 2\n");
        commitFile(git, "db/c.yaml", "- id: 1\n- id: 2\n- id: 2\n  - id: 2  \n");
        try (GitTree tree = GitTree.open(repo)) {
            Snapshot older = tree.at("HEAD~1");
            Snapshot newer = tree.at("HEAD");
            for (Snapshot s : List.of(older, newer, older, newer)) {
                byte[] bytes = s.read("db/c.yaml");
                for (String line : List.of("- id: 1", "- id: 2", "- id: 3", "")) {
                    assertThat(tree.count(s, "db/c.yaml", line))
                            .as(s.describe() + " " + line)
                            .isEqualTo(GitTree.count(bytes, line));
                }
            }
            assertThat(tree.count(older, "db/c.yaml", "- id: 1")).isEqualTo(2);
            assertThat(tree.count(newer, "db/c.yaml", "- id: 2")).isEqualTo(3);
        }
    }

    @Test
    void listsFoldersAndTestsExistence() throws Exception {
        commitFile(git, "db/changes/002.yaml", "b");
        commitFile(git, "db/changes/001.yaml", "a");
        try (GitTree tree = GitTree.open(repo)) {
            Snapshot s = tree.at("main");
            assertThat(s.list("db"))
                    .extracting(Snapshot.Entry::name)
                    .containsExactly("a.txt", "changes", "notes.txt");
            assertThat(s.list("db"))
                    .filteredOn(Snapshot.Entry::folder)
                    .extracting(Snapshot.Entry::path)
                    .containsExactly("db/changes");
            assertThat(s.files(""))
                    .containsExactly(
                            "db/a.txt",
                            "db/changes/001.yaml",
                            "db/changes/002.yaml",
                            "db/notes.txt");
            assertThat(s.isFolder("db/changes")).isTrue();
            assertThat(s.isFile("db/changes/../a.txt")).isTrue();
            assertThat(s.exists("db/changes/003.yaml")).isFalse();
            assertThat(s.exists("../repo/db/a.txt")).isFalse();
            assertThat(s.list("nowhere")).isEmpty();
            assertThat(tree.at("v1").exists("db/changes")).isFalse();
        }
    }

    @Test
    void aMissingFileOrAFolderIsAnInputErrorNamingRefAndPath() {
        try (GitTree tree = GitTree.open(repo)) {
            assertThatThrownBy(() -> tree.at("v1").read("db/b.txt"))
                    .isInstanceOf(InputException.class)
                    .satisfies(
                            e ->
                                    assertThat(((InputException) e).oneLine())
                                            .isEqualTo(
                                                    "git:v1:db/b.txt: no such file at v1 ("
                                                            + first.abbreviate(7).name()
                                                            + ")"));
            assertThatThrownBy(() -> tree.at("main").read("db"))
                    .hasMessageContaining("is a folder");
        }
    }

    @Test
    void worktreeIsTheDiskWithUncommittedEditsAndUntrackedFiles() throws Exception {
        write(git, "db/a.txt", "edited\n");
        write(git, "db/new.txt", "untracked\n");
        try (GitTree tree = GitTree.open(repo)) {
            Snapshot disk = tree.at(GitTree.WORKTREE);
            assertThat(disk.kind()).isEqualTo(Snapshot.Kind.WORKING_TREE);
            assertThat(disk.commitId()).isEmpty();
            assertThat(text(disk, "db/a.txt")).isEqualTo("edited\n");
            assertThat(text(disk, "db/new.txt")).isEqualTo("untracked\n");
            assertThat(text(tree.at("HEAD"), "db/a.txt")).isEqualTo("two\n");
            assertThat(tree.at("HEAD").exists("db/new.txt")).isFalse();
            assertThat(disk.blobId("db/notes.txt"))
                    .isEqualTo(tree.at("HEAD").blobId("db/notes.txt"));
            assertThat(disk.blobId("db/a.txt")).isNotEqualTo(tree.at("HEAD").blobId("db/a.txt"));
            assertThat(disk.list("")).extracting(Snapshot.Entry::name).containsExactly("db");
            assertThat(disk.exists(".git/HEAD")).isFalse();
        }
    }

    @Test
    void detachedHeadReadsTheCheckedOutCommit() throws Exception {
        git.checkout().setName(first.name()).call();
        assertThat(git.getRepository().getFullBranch()).isEqualTo(first.name());
        try (GitTree tree = GitTree.open(repo)) {
            assertThat(text(tree.at("HEAD"), "db/a.txt")).isEqualTo("one\n");
            assertThat(text(tree.at("main"), "db/a.txt")).isEqualTo("two\n");
        }
    }

    @Test
    void anUnknownRefIsAnInputErrorNamingIt() {
        try (GitTree tree = GitTree.open(repo)) {
            assertThatThrownBy(() -> tree.at("no-such-branch"))
                    .isInstanceOf(InputException.class)
                    .hasMessageContaining("unknown git ref 'no-such-branch'");
            assertThatThrownBy(() -> tree.at("main~7"))
                    .hasMessageContaining("unknown git ref 'main~7'");
            assertThatThrownBy(() -> tree.at("")).hasMessageContaining("empty git ref");
        }
    }

    @Test
    void aRefThatIsNotACommitIsAnInputError() throws Exception {
        ObjectId blob =
                ObjectId.fromString(GitTree.open(repo).at("main").blobId("db/a.txt").orElseThrow());
        try (GitTree tree = GitTree.open(repo)) {
            assertThatThrownBy(() -> tree.at(blob.name()))
                    .isInstanceOf(InputException.class)
                    .hasMessageContaining("does not name a commit");
        }
    }

    @Test
    void aLocalNameOfARemoteBranchSuggestsIt() throws Exception {
        Path clone = tmp.resolve("clone");
        Git.cloneRepository()
                .setURI(repo.toUri().toString())
                .setDirectory(clone.toFile())
                .call()
                .close();
        try (GitTree tree = GitTree.open(clone)) {
            assertThatThrownBy(() -> tree.at("feature"))
                    .hasMessageContaining("did you mean origin/feature?");
            assertThat(text(tree.at("origin/feature"), "db/a.txt")).isEqualTo("three\n");
        }
    }

    @Test
    void opensFromASubfolderAndFailsOutsideAnyRepository() throws Exception {
        try (GitTree tree = GitTree.open(repo.resolve("db"))) {
            assertThat(tree.workTree()).contains(repo.toAbsolutePath().normalize());
        }
        Path plain = Files.createDirectories(tmp.resolve("plain/sub"));
        assertThatThrownBy(() -> GitTree.open(plain))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("not inside a git repository");
        assertThatThrownBy(() -> GitTree.open(tmp.resolve("absent")))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("no such folder");
    }

    @Test
    void readsABareRepositoryWhichHasNoWorkingTree() throws Exception {
        Path bare = tmp.resolve("bare.git");
        Git.cloneRepository()
                .setURI(repo.toUri().toString())
                .setDirectory(bare.toFile())
                .setBare(true)
                .call()
                .close();
        try (GitTree tree = GitTree.open(bare)) {
            assertThat(tree.workTree()).isEmpty();
            assertThat(text(tree.at("main"), "db/a.txt")).isEqualTo("two\n");
            assertThat(text(tree.at("feature"), "db/a.txt")).isEqualTo("three\n");
            assertThatThrownBy(() -> tree.at(GitTree.WORKTREE))
                    .hasMessageContaining("bare repository has no working tree");
        }
        try (GitTree tree = GitTree.open(bare.resolve("refs"))) {
            assertThat(text(tree.at("v1"), "db/a.txt")).isEqualTo("one\n");
        }
    }

    @Test
    void readsALinkedWorktreeMadeByGit() throws Exception {
        Assumptions.assumeTrue(
                gitAvailable(),
                "the git command is needed to make a linked worktree (jgit cannot)");
        Path linked = tmp.resolve("linked");
        Process p =
                new ProcessBuilder("git", "worktree", "add", linked.toString(), "feature")
                        .directory(repo.toFile())
                        .redirectErrorStream(true)
                        .start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue())
                .as(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
                .isZero();
        assertThat(linked.resolve(".git")).isRegularFile();
        Files.writeString(linked.resolve("db/a.txt"), "edited in the linked worktree\n");
        try (GitTree tree = GitTree.open(linked.resolve("db"))) {
            assertThat(tree.workTree()).contains(linked.toAbsolutePath().normalize());
            assertThat(text(tree.at("HEAD"), "db/a.txt")).isEqualTo("three\n");
            assertThat(text(tree.at("main"), "db/a.txt")).isEqualTo("two\n");
            assertThat(text(tree.at(GitTree.WORKTREE), "db/a.txt"))
                    .isEqualTo("edited in the linked worktree\n");
        }
        try (GitTree tree = GitTree.open(repo)) {
            assertThat(text(tree.at(GitTree.WORKTREE), "db/a.txt")).isEqualTo("two\n");
        }
    }

    private static boolean gitAvailable() {
        try {
            Process p = new ProcessBuilder("git", "--version").redirectErrorStream(true).start();
            return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (Exception e) {
            return false;
        }
    }

    @Test
    void mergeBaseIsTheForkPointAndFollowsMerges() throws Exception {
        try (GitTree tree = GitTree.open(repo)) {
            assertThat(tree.mergeBase("main", "feature")).isEqualTo(first.name());
            assertThat(tree.mergeBase("feature", "main")).isEqualTo(first.name());
            assertThat(tree.mergeBase("main", "HEAD")).isEqualTo(second.name());
        }
        // The branches both edit a.txt; "ours" merges without a conflict, and the merge base is
        // what is tested.
        git.merge()
                .include(git.getRepository().resolve("feature"))
                .setStrategy(org.eclipse.jgit.merge.MergeStrategy.OURS)
                .setMessage("merge feature")
                .call();
        assertThat(GitTree.mergeBase(repo, "main", "feature")).isEqualTo(featureTip.name());
    }

    @Test
    void unrelatedHistoriesHaveNoMergeBase() throws Exception {
        git.checkout().setOrphan(true).setName("orphan").call();
        commitFile(git, "other.txt", "x");
        try (GitTree tree = GitTree.open(repo)) {
            assertThatThrownBy(() -> tree.mergeBase("main", "orphan"))
                    .isInstanceOf(InputException.class)
                    .hasMessageContaining("main and orphan have no common history");
        }
    }

    @Test
    void aShallowCloneMissingTheCommitSaysWhatToFetch() throws Exception {
        Path shallow = tmp.resolve("shallow");
        Git.cloneRepository()
                .setURI(repo.toUri().toString())
                .setDirectory(shallow.toFile())
                .setBranch("feature")
                .setDepth(1)
                .call()
                .close();
        git.checkout().setCreateBranch(true).setName("later").call();
        RevCommit later = commitFile(git, "db/later.txt", "not in the clone\n");
        try (GitTree tree = GitTree.open(shallow)) {
            assertThat(tree.isShallow()).isTrue();
            assertThat(text(tree.at("HEAD"), "db/a.txt")).isEqualTo("three\n");
            assertThatThrownBy(() -> tree.at("HEAD~1"))
                    .isInstanceOf(InputException.class)
                    .hasMessageContaining("shallow clone")
                    .hasMessageContaining("fetch-depth: 0");
            assertThatThrownBy(() -> tree.at(later.name()))
                    .isInstanceOf(InputException.class)
                    .hasMessageContaining("not in this repository")
                    .hasMessageContaining("fetch-depth: 0");
            assertThatThrownBy(() -> tree.mergeBase("origin/main", "HEAD"))
                    .isInstanceOf(InputException.class)
                    .hasMessageContaining("shallow clone")
                    .hasMessageContaining(
                            "`git fetch --deepen=1000 origin main:refs/remotes/origin/main`");
        }
        try (GitTree full = GitTree.open(repo)) {
            assertThat(full.isShallow()).isFalse();
        }
    }

    @Test
    void symbolicLinksInACommitAreFollowedInsideTheTree() throws Exception {
        Files.createDirectories(repo.resolve("db/links"));
        Files.createSymbolicLink(repo.resolve("db/links/current.txt"), Path.of("../a.txt"));
        Files.createSymbolicLink(
                repo.resolve("db/links/outside.txt"), Path.of("../../../elsewhere.txt"));
        commit(git, "links");
        try (GitTree tree = GitTree.open(repo)) {
            Snapshot s = tree.at("HEAD");
            assertThat(text(s, "db/links/current.txt")).isEqualTo("two\n");
            assertThat(s.blobId("db/links/current.txt")).isEqualTo(s.blobId("db/a.txt"));
            assertThat(s.exists("db/links/outside.txt")).isFalse();
            assertThat(s.list("db/links"))
                    .extracting(Snapshot.Entry::name)
                    .containsExactly("current.txt");
        }
    }

    @Test
    void readingLeavesTheWorkingTreeAndIndexUntouched() throws Exception {
        write(git, "db/a.txt", "edited\n");
        write(git, "db/untracked.txt", "u\n");
        git.add().addFilepattern("db/notes.txt").call();
        write(git, "db/notes.txt", "staged then edited\n");
        Status before = git.status().call();
        Path index = repo.resolve(".git/index");
        byte[] indexBefore = Files.readAllBytes(index);
        long indexTime = Files.getLastModifiedTime(index).toMillis();
        String head = git.getRepository().getFullBranch();
        try (GitTree tree = GitTree.open(repo)) {
            for (String ref : new String[] {"v1", "feature", "HEAD~1", GitTree.WORKTREE}) {
                Snapshot s = tree.at(ref);
                s.files("").forEach(s::read);
                s.files("").forEach(s::blobId);
            }
            tree.mergeBase("main", "feature");
        }
        Status after = git.status().call();
        assertThat(after.getModified())
                .isEqualTo(before.getModified())
                .contains("db/a.txt", "db/notes.txt");
        assertThat(after.getUntracked())
                .isEqualTo(before.getUntracked())
                .contains("db/untracked.txt");
        assertThat(after.getChanged()).isEqualTo(before.getChanged());
        assertThat(after.getAdded()).isEqualTo(before.getAdded());
        assertThat(Files.readAllBytes(index)).isEqualTo(indexBefore);
        assertThat(Files.getLastModifiedTime(index).toMillis()).isEqualTo(indexTime);
        assertThat(git.getRepository().getFullBranch()).isEqualTo(head);
        assertThat(Files.readString(repo.resolve("db/a.txt"))).isEqualTo("edited\n");
    }

    @Test
    void opensOfOneRepositoryShareItWithinASharingAndSeeWhatWasWrittenBetween() throws Exception {
        Path other = tmp.resolve("other");
        Git otherGit = Repos.init(other);
        commitFile(otherGit, "db/b.txt", "b\n");
        try (GitTree.Sharing sharing = GitTree.Sharing.open()) {
            Repository shared;
            try (GitTree a = GitTree.open(repo)) {
                shared = a.repository();
                try (GitTree b = GitTree.open(repo.resolve("db"))) {
                    assertThat(b.repository()).isSameAs(shared);
                }
                // Closing one tree leaves the other's repository open.
                assertThat(text(a.at("main"), "db/a.txt")).isEqualTo("two\n");
            }
            RevCommit third = commitFile(git, "db/a.txt", "four\n");
            git.gc().call();
            try (GitTree again = GitTree.open(repo)) {
                assertThat(again.repository()).isSameAs(shared);
                assertThat(text(again.at("main"), "db/a.txt")).isEqualTo("four\n");
                assertThat(again.at("main").commitId()).contains(third.name());
                assertThat(text(again.at("v1"), "db/a.txt")).isEqualTo("one\n");
            }
            // Another repository in between: both stay shared, each reads its own.
            Repository otherShared;
            try (GitTree o = GitTree.open(other)) {
                otherShared = o.repository();
                assertThat(text(o.at("main"), "db/b.txt")).isEqualTo("b\n");
            }
            try (GitTree back = GitTree.open(repo);
                    GitTree o = GitTree.open(other)) {
                assertThat(back.repository()).isSameAs(shared);
                assertThat(o.repository()).isSameAs(otherShared);
                assertThat(text(back.at("main"), "db/a.txt")).isEqualTo("four\n");
            }
            // Another thread's trees are not this sharing's.
            java.util.concurrent.atomic.AtomicReference<Object> elsewhere =
                    new java.util.concurrent.atomic.AtomicReference<>();
            Thread t =
                    new Thread(
                            () -> {
                                try (GitTree there = GitTree.open(repo)) {
                                    elsewhere.set(there.repository());
                                }
                            });
            t.start();
            t.join();
            assertThat(elsewhere.get()).isNotNull().isNotSameAs(shared);
        }
        // Without a sharing each tree has a repository of its own, read as well.
        try (GitTree a = GitTree.open(repo);
                GitTree b = GitTree.open(repo)) {
            assertThat(a.repository()).isNotSameAs(b.repository());
            assertThat(text(b.at("main"), "db/a.txt")).isEqualTo("four\n");
        }
        assertThatThrownBy(
                        () -> {
                            GitTree.Sharing outer = GitTree.Sharing.open();
                            try (GitTree.Sharing inner = GitTree.Sharing.open()) {
                                outer.close();
                            } finally {
                                outer.close();
                            }
                        })
                .isInstanceOf(IllegalStateException.class);
    }
}
