package dev.evoplan.source.git;

import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import liquibase.resource.AbstractResourceAccessor;
import liquibase.resource.Resource;

/**
 * A Liquibase resource accessor over one folder of a snapshot, so {@code include} and {@code
 * includeAll} resolve inside the ref's tree. It answers as Liquibase's DirectoryResourceAccessor
 * does for a directory holding the same files, so a changelog read here gets the same paths, and
 * the same changeset identities, as read from a checkout.
 */
public final class GitResourceAccessor extends AbstractResourceAccessor {
    private final Snapshot snapshot;
    private final String root;

    /** Where the paths looked at are noted, or null. */
    private final Footprint footprint;

    /**
     * Resolves Liquibase paths against {@code rootFolder}, a tree path ("" for the repository's
     * top).
     */
    public GitResourceAccessor(Snapshot snapshot, String rootFolder) {
        this(snapshot, rootFolder, null);
    }

    GitResourceAccessor(Snapshot snapshot, String rootFolder, Footprint footprint) {
        this.snapshot = Objects.requireNonNull(snapshot, "snapshot is null");
        this.root = TreePath.require(Objects.requireNonNull(rootFolder, "rootFolder is null"));
        this.footprint = footprint;
    }

    @Override
    public List<Resource> getAll(String path) throws IOException {
        if (path == null) {
            throw new IllegalArgumentException("Path must not be null");
        }
        String logical = standardize(path);
        List<Resource> out = new ArrayList<>();
        String tree = TreePath.join(root, logical).orElse(null);
        if (footprint != null) {
            footprint.path(tree);
        }
        if (tree != null && snapshot.exists(tree)) {
            out.add(new GitResource(snapshot, logical, tree, footprint));
        }
        return out;
    }

    /**
     * As Liquibase's path accessors do: normalized, '/' separators, no leading '/' or drive letter.
     */
    private static String standardize(String path) {
        String s =
                new File(path)
                        .toPath()
                        .normalize()
                        .toString()
                        .replace('\\', '/')
                        .replaceFirst("^/", "");
        return s.replaceFirst("^\\w:/", "");
    }

    @Override
    public List<Resource> search(String startPath, SearchOptions options) throws IOException {
        if (startPath == null) {
            throw new IllegalArgumentException("Path must not be null");
        }
        String start = startPath.replaceFirst("^file:/+", "").replaceFirst("^/", "");
        String base = TreePath.join(root, start).orElse(null);
        List<Resource> out = new ArrayList<>();
        if (footprint != null && base != null) {
            footprint.path(base);
            footprint.listing(base);
        }
        if (base == null || !snapshot.exists(base)) {
            return out;
        }
        if (!snapshot.isFolder(base)) {
            throw new IOException("'" + start + "' is a file, not a directory");
        }
        int baseDepth = depth(base);
        String suffix =
                options.endsWithFilterIsSet()
                        ? options.getEndsWithFilter().toLowerCase(Locale.ROOT)
                        : null;
        for (String file : snapshot.files(base)) {
            // A file directly in the start folder is at depth 1, as Files.walkFileTree counts.
            int depth = depth(file) - baseDepth;
            if (depth < options.getMinDepth() || depth > options.getMaxDepth()) {
                continue;
            }
            if (suffix != null && !file.toLowerCase(Locale.ROOT).endsWith(suffix)) {
                continue;
            }
            out.add(new GitResource(snapshot, relativeToRoot(file), file, footprint));
        }
        return out;
    }

    @Override
    public List<Resource> search(String path, boolean recursive) throws IOException {
        SearchOptions options = new SearchOptions();
        options.setRecursive(recursive);
        return search(path, options);
    }

    private static int depth(String treePath) {
        return treePath.isEmpty() ? 0 : treePath.split("/").length;
    }

    /** The logical path of a tree file: relative to the root, with ".." where it lies outside. */
    private String relativeToRoot(String file) {
        if (root.isEmpty()) {
            return file;
        }
        if (file.startsWith(root + "/")) {
            return file.substring(root.length() + 1);
        }
        String[] rootParts = root.split("/");
        String[] fileParts = file.split("/");
        int common = 0;
        while (common < rootParts.length
                && common < fileParts.length - 1
                && rootParts[common].equals(fileParts[common])) {
            common++;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = common; i < rootParts.length; i++) {
            sb.append("../");
        }
        for (int i = common; i < fileParts.length; i++) {
            sb.append(fileParts[i]).append(i < fileParts.length - 1 ? "/" : "");
        }
        return sb.toString();
    }

    /** One location, named as the user names a git source: {@code git:REF:FOLDER}. */
    @Override
    public List<String> describeLocations() {
        return List.of("git:" + snapshot.ref() + ":" + (root.isEmpty() ? "." : root));
    }

    @Override
    public String toString() {
        return getClass().getName() + " (" + describeLocations().get(0) + ")";
    }

    @Override
    public void close() {
        // Nothing to release: the snapshot belongs to its GitTree.
    }
}
