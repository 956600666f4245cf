package dev.evoplan.source.git;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The files of a repository as they are at one commit, or in the working tree on disk, read without
 * a checkout. Paths are '/'-separated and relative to the repository's top ("" is the top); "." and
 * ".." are resolved, and a path that climbs above the top names nothing.
 */
public sealed interface Snapshot permits CommitSnapshot, WorkingTreeSnapshot {

    /** Which kind of snapshot this is. */
    enum Kind {
        COMMIT,
        WORKING_TREE
    }

    /** An entry of a folder: its full path, its name, and whether it is a folder. */
    record Entry(String path, String name, boolean folder) {
        public Entry {
            Objects.requireNonNull(path, "path is null");
            Objects.requireNonNull(name, "name is null");
        }
    }

    Kind kind();

    /** The ref as the user named it ({@code main}, {@code HEAD~1}, {@link GitTree#WORKTREE}). */
    String ref();

    /** The full commit id, or empty for the working tree. */
    Optional<String> commitId();

    /** The ref and the abbreviated commit it resolved to, for messages: {@code main (1a2b3c4)}. */
    String describe();

    /** Whether the path names a file or a folder. */
    default boolean exists(String path) {
        return isFile(path) || isFolder(path);
    }

    boolean isFile(String path);

    boolean isFolder(String path);

    /** The file's bytes; dev.evoplan.model.InputException when it is missing or a folder. */
    byte[] read(String path);

    /**
     * The git blob id of the file's content (for the working tree, what {@code git hash-object}
     * gives for the bytes on disk, without filters): the same id means the same bytes. Empty when
     * the path is not a file.
     */
    Optional<String> blobId(String path);

    /**
     * The git tree id of the folder (the same id means the same files below it, at any depth): a
     * cheap test of whether anything in it changed. Empty when it is not a folder, and always for
     * the working tree, which has no tree object.
     */
    default Optional<String> treeId(String folder) {
        return Optional.empty();
    }

    /** The folder's entries, sorted by name; empty when the folder does not exist. */
    List<Entry> list(String folder);

    /** Every file below the folder, at any depth, sorted by path; empty when it does not exist. */
    default List<String> files(String folder) {
        List<String> out = new java.util.ArrayList<>();
        for (Entry e : list(folder)) {
            if (e.folder()) {
                out.addAll(files(e.path()));
            } else {
                out.add(e.path());
            }
        }
        out.sort(null);
        return out;
    }
}
