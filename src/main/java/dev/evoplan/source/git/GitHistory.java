package dev.evoplan.source.git;

import dev.evoplan.model.Commit;
import dev.evoplan.model.InputException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * The commits on the first-parent history of a ref that changed a changelog: each with its parent,
 * so the two sides of the change can be loaded.
 */
public final class GitHistory {
    private GitHistory() {}

    /**
     * The walked history: the changelog's path in the tree and the commits that changed it, oldest
     * first.
     */
    public record Changes(String treePath, List<Commit> commits) {
        public Changes {
            Objects.requireNonNull(treePath, "treePath is null");
            commits = List.copyOf(commits);
        }
    }

    /**
     * Walks the first-parent history from {@code until} back to {@code since} (exclusive; null: to
     * the root) and keeps the commits where the tree of the changelog's folder changed: the cheap
     * test, since includes usually sit next to the master changelog. {@code path} is read as a path
     * on disk relative to {@code workingDir}, as {@link GitSources#load} reads it.
     */
    public static Changes changes(Path workingDir, String path, String since, String until) {
        Objects.requireNonNull(workingDir, "workingDir is null");
        Objects.requireNonNull(path, "path is null");
        Objects.requireNonNull(until, "until is null");
        try (GitTree git = GitTree.open(workingDir)) {
            String treePath = GitSources.inTree(git, workingDir, Path.of(path), path);
            // A migration folder is watched itself; a changelog, through the folder that holds its
            // includes.
            String folder = git.at(until).isFolder(treePath) ? treePath : TreePath.parent(treePath);
            List<RevCommit> chain = firstParents(git, since, until);
            List<Commit> kept = new ArrayList<>();
            RevCommit first = chain.isEmpty() ? null : chain.get(0);
            // The state before the oldest walked commit: its parent's, or nothing for a root.
            Snapshot before =
                    first == null || first.getParentCount() == 0
                            ? null
                            : git.at(first.getParent(0).name());
            Optional<String> beforeTree = before == null ? Optional.empty() : before.treeId(folder);
            boolean beforePresent = before != null && before.exists(treePath);
            // Each time the file came or went, its folder's tree changed: a commit below is kept.
            boolean everPresent = beforePresent || git.at(until).exists(treePath);
            for (RevCommit c : chain) {
                Snapshot now = git.at(c.name());
                Optional<String> nowTree = now.treeId(folder);
                if (!nowTree.equals(beforeTree)) {
                    boolean nowPresent = now.exists(treePath);
                    everPresent |= nowPresent;
                    kept.add(
                            new Commit(
                                    c.name(),
                                    c.getAuthorIdent().getName(),
                                    c.getAuthorIdent().getEmailAddress(),
                                    c.getAuthorIdent().getWhenAsInstant(),
                                    c.getShortMessage(),
                                    c.getParentCount() == 0 ? null : c.getParent(0).name(),
                                    nowPresent,
                                    beforePresent));
                    beforePresent = nowPresent;
                }
                beforeTree = nowTree;
            }
            if (!everPresent) {
                // Every commit that touched the folder would be listed with nothing judged, as if
                // the file had a history: an uncommitted changelog, or a misspelt path.
                throw new InputException(
                        path,
                        0,
                        "no commit on the first-parent history of "
                                + until
                                + " holds "
                                + treePath
                                + ": history reads committed changelogs (commit it, or check the"
                                + " path)");
            }
            return new Changes(treePath, kept);
        }
    }

    /**
     * The first-parent chain from {@code until} back to {@code since} (exclusive), oldest first.
     */
    private static List<RevCommit> firstParents(GitTree git, String since, String until) {
        RevCommit head = git.commit(until);
        RevCommit stop = since == null ? null : git.commit(since);
        List<RevCommit> chain = new ArrayList<>();
        try (RevWalk walk = new RevWalk(git.repository())) {
            RevCommit c = walk.parseCommit(head);
            while (c != null && (stop == null || !c.equals(stop))) {
                walk.parseBody(c);
                chain.add(c);
                c = c.getParentCount() == 0 ? null : walk.parseCommit(c.getParent(0));
            }
            if (stop != null && c == null) {
                throw new InputException(
                        "git:" + since,
                        0,
                        since
                                + " is not on the first-parent history of "
                                + until
                                + ": give a commit that "
                                + until
                                + " descends from by first parents");
            }
        } catch (IOException e) {
            throw new InputException(until, 0, "cannot walk the history: " + e.getMessage(), e);
        }
        Collections.reverse(chain);
        return chain;
    }
}
