package dev.evoplan.source.git;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * A path inside a repository's tree: '/'-separated, relative to the top, "" for the top. Git stores
 * no "." or ".." entries, so they are resolved here, as {@code Path.normalize} would; a path that
 * climbs above the top names nothing in the tree.
 */
final class TreePath {
    private TreePath() {}

    /**
     * The path with "." and ".." resolved and separators made '/', or empty when it leaves the
     * tree.
     */
    static Optional<String> normalize(String path) {
        Deque<String> parts = new ArrayDeque<>();
        for (String part : path.replace('\\', '/').split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (parts.isEmpty()) {
                    return Optional.empty();
                }
                parts.removeLast();
            } else {
                parts.addLast(part);
            }
        }
        return Optional.of(String.join("/", parts));
    }

    /** {@code child} below {@code folder}, normalized. */
    static Optional<String> join(String folder, String child) {
        return normalize(folder.isEmpty() ? child : folder + "/" + child);
    }

    /** The folder holding {@code path}, "" for a path at the top. */
    static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash);
    }

    /** The last name of {@code path}. */
    static String name(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** The normalized path, or an IllegalArgumentException naming it when it leaves the tree. */
    static String require(String path) {
        return normalize(path)
                .orElseThrow(
                        () ->
                                new IllegalArgumentException(
                                        "path " + path + " leaves the repository"));
    }
}
