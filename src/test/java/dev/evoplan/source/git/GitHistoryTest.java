package dev.evoplan.source.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.evoplan.model.InputException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitHistoryTest {
    @TempDir Path dir;

    @Test
    void keepsOnlyTheCommitsThatChangedTheChangelogOldestFirst() throws Exception {
        List<String> ids = HistoryRepo.build(dir);
        GitHistory.Changes changes = GitHistory.changes(dir, "db/changelog.yaml", null, "HEAD");
        assertThat(changes.treePath()).isEqualTo("db/changelog.yaml");
        assertThat(changes.commits())
                .extracting(dev.evoplan.model.Commit::id)
                .containsExactly(ids.get(1), ids.get(3), ids.get(4));
        assertThat(changes.commits())
                .extracting(dev.evoplan.model.Commit::author)
                .containsExactly("Ann", "Bob", "Cy");
        dev.evoplan.model.Commit first = changes.commits().get(0);
        assertThat(first.subject()).isEqualTo("create orders");
        assertThat(first.date()).isEqualTo(Instant.parse("2026-01-02T10:00:00Z"));
        assertThat(first.parent()).isEqualTo(ids.get(0));
        // Created by this commit: missing at its parent.
        assertThat(first.present()).isTrue();
        assertThat(first.parentPresent()).isFalse();
        assertThat(changes.commits().get(1).parentPresent()).isTrue();
        assertThat(changes.commits().get(1).parent()).isEqualTo(ids.get(2));
    }

    @Test
    void sinceIsExclusiveAndUntilStopsTheWalk() throws Exception {
        List<String> ids = HistoryRepo.build(dir);
        assertThat(GitHistory.changes(dir, "db/changelog.yaml", ids.get(3), "HEAD").commits())
                .extracting(dev.evoplan.model.Commit::id)
                .containsExactly(ids.get(4));
        assertThat(GitHistory.changes(dir, "db/changelog.yaml", ids.get(0), "HEAD~1").commits())
                .extracting(dev.evoplan.model.Commit::id)
                .containsExactly(ids.get(1), ids.get(3));
        assertThat(GitHistory.changes(dir, "db/changelog.yaml", "HEAD", "HEAD").commits())
                .isEmpty();
    }

    @Test
    void aPathNoCommitHoldsIsAnInputError() throws Exception {
        // Not an empty history: the path is misspelt or the file not committed.
        HistoryRepo.build(dir);
        assertThatThrownBy(() -> GitHistory.changes(dir, "other/changelog.yaml", null, "HEAD"))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("no commit on the first-parent history of HEAD holds");
    }

    @Test
    void aSinceNotBehindUntilIsAnInputError() throws Exception {
        List<String> ids = HistoryRepo.build(dir);
        assertThatThrownBy(
                        () -> GitHistory.changes(dir, "db/changelog.yaml", ids.get(4), ids.get(1)))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("not on the first-parent history");
        assertThatThrownBy(() -> GitHistory.changes(dir, "db/changelog.yaml", null, "nope"))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("unknown git ref 'nope'");
    }

    @Test
    void folderTreeIdChangesOnlyWhenSomethingBelowChanges() throws Exception {
        List<String> ids = HistoryRepo.build(dir);
        try (GitTree git = GitTree.open(dir)) {
            assertThat(git.at(ids.get(0)).treeId("db")).isEmpty();
            assertThat(git.at(ids.get(1)).treeId("db")).isEqualTo(git.at(ids.get(2)).treeId("db"));
            assertThat(git.at(ids.get(2)).treeId("db"))
                    .isNotEqualTo(git.at(ids.get(3)).treeId("db"));
            assertThat(git.at(ids.get(1)).treeId("db/changelog.yaml")).isEmpty();
        }
    }
}
