package dev.evoplan.source.git;

import dev.evoplan.model.InputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.treewalk.TreeWalk;

/** The tree of one commit, read from the object database: no checkout, no index. */
final class CommitSnapshot implements Snapshot {
    /** Git itself gives up on symbolic-link chains at about this length. */
    private static final int MAX_LINKS = 40;

    private final Repository repository;
    private final String ref;
    private final ObjectId commit;
    private final ObjectId tree;

    CommitSnapshot(Repository repository, String ref, ObjectId commit, ObjectId tree) {
        this.repository = repository;
        this.ref = ref;
        this.commit = commit;
        this.tree = tree;
    }

    @Override
    public Kind kind() {
        return Kind.COMMIT;
    }

    @Override
    public String ref() {
        return ref;
    }

    @Override
    public Optional<String> commitId() {
        return Optional.of(commit.name());
    }

    @Override
    public String describe() {
        String shortId = commit.abbreviate(7).name();
        return ref.equals(commit.name()) || ref.equals(shortId)
                ? shortId
                : ref + " (" + shortId + ")";
    }

    @Override
    public boolean isFile(String path) {
        return find(path).map(f -> !f.folder).orElse(false);
    }

    @Override
    public boolean isFolder(String path) {
        return find(path).map(f -> f.folder).orElse(false);
    }

    @Override
    public byte[] read(String path) {
        Found found = find(path).orElseThrow(() -> missing(path, "no such file"));
        if (found.folder) {
            throw missing(path, "is a folder, not a file");
        }
        byte[] known = blobs.get(found.id);
        if (known != null) {
            return known.clone();
        }
        try (ObjectReader reader = repository.newObjectReader()) {
            byte[] bytes = reader.open(found.id).getBytes();
            blobs.put(found.id, bytes);
            return bytes.clone();
        } catch (IOException e) {
            throw new InputException(
                    where(path),
                    0,
                    "cannot read " + path + " at " + describe() + ": " + e.getMessage(),
                    e);
        }
    }

    @Override
    public Optional<String> blobId(String path) {
        return find(path).filter(f -> !f.folder).map(f -> f.id.name());
    }

    @Override
    public Optional<String> treeId(String folder) {
        return find(folder).filter(f -> f.folder).map(f -> f.id.name());
    }

    @Override
    public List<Entry> list(String folder) {
        Optional<Found> found = find(folder).filter(f -> f.folder);
        if (found.isEmpty()) {
            return List.of();
        }
        String base = found.get().path;
        List<Entry> out = new ArrayList<>();
        try (ObjectReader reader = repository.newObjectReader();
                TreeWalk walk = new TreeWalk(reader)) {
            walk.addTree(found.get().id);
            walk.setRecursive(false);
            while (walk.next()) {
                String child =
                        base.isEmpty() ? walk.getNameString() : base + "/" + walk.getNameString();
                // A file or a folder is what the walk says: looking each child up from the root
                // again was a walk of the whole folder per child (ory/kratos's 3,483 migration
                // files: 4 s of CPU per side). A link is followed, a submodule left out, by find.
                FileMode mode = walk.getFileMode(0);
                Optional<Found> entry;
                if (mode == FileMode.TREE
                        || mode == FileMode.REGULAR_FILE
                        || mode == FileMode.EXECUTABLE_FILE) {
                    entry =
                            Optional.of(
                                    new Found(child, walk.getObjectId(0), mode == FileMode.TREE));
                    this.found.putIfAbsent(child, entry);
                } else {
                    entry = find(child);
                }
                // A submodule or a link that leads nowhere is not there for a reader of files.
                entry.ifPresent(e -> out.add(new Entry(child, TreePath.name(child), e.folder)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.sort(Comparator.comparing(Entry::name));
        return out;
    }

    private InputException missing(String path, String what) {
        return new InputException(where(path), 0, what + " at " + describe());
    }

    private String where(String path) {
        return "git:" + ref + ":" + path;
    }

    /** What a path names: a blob or a tree, after following symbolic links. */
    private record Found(String path, ObjectId id, boolean folder) {}

    /**
     * What each path asked for names: a commit's tree never changes, and Liquibase asks for the
     * same paths many times over (each include, each resource lookup), each a walk from the root.
     */
    private final Map<String, Optional<Found>> found = new ConcurrentHashMap<>();

    /** Each file's bytes once read: a changelog is read by each of several readers in turn. */
    private final Map<ObjectId, byte[]> blobs = new ConcurrentHashMap<>();

    private Optional<Found> find(String path) {
        Optional<Found> known = found.get(path);
        if (known == null) {
            known = walk(path);
            found.put(path, known);
        }
        return known;
    }

    private Optional<Found> walk(String path) {
        Optional<String> normalized = TreePath.normalize(path);
        if (normalized.isEmpty()) {
            return Optional.empty();
        }
        String current = normalized.get();
        try (ObjectReader reader = repository.newObjectReader()) {
            for (int hop = 0; hop <= MAX_LINKS; hop++) {
                if (current.isEmpty()) {
                    return Optional.of(new Found("", tree, true));
                }
                try (TreeWalk walk = TreeWalk.forPath(reader, current, tree)) {
                    if (walk == null) {
                        return Optional.empty();
                    }
                    FileMode mode = walk.getFileMode(0);
                    ObjectId id = walk.getObjectId(0);
                    if (mode == FileMode.TREE) {
                        return Optional.of(new Found(current, id, true));
                    }
                    if (mode == FileMode.REGULAR_FILE || mode == FileMode.EXECUTABLE_FILE) {
                        return Optional.of(new Found(current, id, false));
                    }
                    if (mode != FileMode.SYMLINK) {
                        return Optional.empty();
                    }
                    String target = new String(reader.open(id).getBytes(), StandardCharsets.UTF_8);
                    if (target.startsWith("/")) {
                        return Optional.empty();
                    }
                    Optional<String> next = TreePath.join(TreePath.parent(current), target);
                    if (next.isEmpty()) {
                        return Optional.empty();
                    }
                    current = next.get();
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
