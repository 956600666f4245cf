package dev.evoplan.source.git;

import dev.evoplan.source.liquibase.BlobIdentified;
import java.io.ByteArrayInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import liquibase.resource.AbstractResource;
import liquibase.resource.Resource;

/**
 * One file or folder of a snapshot as Liquibase sees it: a logical path (what changelogs and
 * changeset identities use) and the tree path it stands for. Behaves as Liquibase's PathResource
 * does on disk, read-only.
 */
final class GitResource extends AbstractResource implements BlobIdentified {
    private final Snapshot snapshot;

    /** The tree path, or null when the logical path climbs above the repository's top. */
    private final String treePath;

    /** Where the paths looked at are noted, or null. */
    private final Footprint footprint;

    GitResource(Snapshot snapshot, String logicalPath, String treePath) {
        this(snapshot, logicalPath, treePath, null);
    }

    GitResource(Snapshot snapshot, String logicalPath, String treePath, Footprint footprint) {
        super(logicalPath, uri(snapshot, treePath == null ? "../" + logicalPath : treePath));
        this.snapshot = snapshot;
        this.treePath = treePath;
        this.footprint = footprint;
        if (footprint != null) {
            footprint.path(treePath);
        }
    }

    /**
     * A working-tree file gets its file URI, as on disk; a commit's file gets {@code
     * git:/COMMIT/PATH}, unique per commit and path, which Liquibase compares resources by.
     */
    private static URI uri(Snapshot snapshot, String path) {
        try {
            if (snapshot instanceof WorkingTreeSnapshot working) {
                return working.file(path)
                        .map(p -> p.toUri())
                        .orElse(new URI("git", null, "/" + GitTree.WORKTREE + "/" + path, null));
            }
            return new URI("git", null, "/" + snapshot.commitId().orElseThrow() + "/" + path, null);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("cannot name " + path + " as a URI", e);
        }
    }

    String treePath() {
        return treePath;
    }

    /** A commit's file has its id in its tree; the working tree's would be a hash of its bytes. */
    @Override
    public Optional<String> blobId() {
        return treePath == null || snapshot.kind() != Snapshot.Kind.COMMIT
                ? Optional.empty()
                : snapshot.blobId(treePath);
    }

    @Override
    public InputStream openInputStream() throws IOException {
        if (treePath == null || !snapshot.exists(treePath)) {
            throw new FileNotFoundException(
                    getPath() + " does not exist at " + snapshot.describe());
        }
        if (snapshot.isFolder(treePath)) {
            throw new FileNotFoundException(getPath() + " is a directory");
        }
        InputStream in = new ByteArrayInputStream(snapshot.read(treePath));
        // Liquibase's PathResource unpacks gzipped files; so does this, so both read the same.
        return treePath.toLowerCase(Locale.ROOT).endsWith(".gz") ? new GZIPInputStream(in) : in;
    }

    @Override
    public boolean exists() {
        return treePath != null && snapshot.exists(treePath);
    }

    @Override
    public Resource resolve(String other) {
        return new GitResource(
                snapshot,
                resolvePath(other),
                treePath == null ? null : TreePath.join(treePath, other).orElse(null),
                footprint);
    }

    @Override
    public Resource resolveSibling(String other) {
        String sibling =
                treePath == null
                        ? null
                        : TreePath.join(TreePath.parent(treePath), other).orElse(null);
        return new GitResource(snapshot, resolveSiblingPath(other), sibling, footprint);
    }

    @Override
    public boolean isWritable() {
        return false;
    }
}
