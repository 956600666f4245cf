package dev.evoplan.source.git;

import dev.evoplan.model.InputException;
import dev.evoplan.source.liquibase.BlobIdentified;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The working tree as it is on disk, uncommitted and untracked files included, as a plain checkout
 * would be read. The repository's own {@code .git} is not part of it.
 */
final class WorkingTreeSnapshot implements Snapshot {
    private final Path top;

    WorkingTreeSnapshot(Path top) {
        this.top = top;
    }

    @Override
    public Kind kind() {
        return Kind.WORKING_TREE;
    }

    @Override
    public String ref() {
        return GitTree.WORKTREE;
    }

    @Override
    public Optional<String> commitId() {
        return Optional.empty();
    }

    @Override
    public String describe() {
        return "the working tree";
    }

    /** The file on disk for a tree path, or empty when the path leaves the tree or enters .git. */
    Optional<Path> file(String path) {
        return TreePath.normalize(path)
                .filter(
                        p ->
                                !p.equals(".git")
                                        && !p.startsWith(".git/")
                                        && !p.contains("/.git/")
                                        && !p.endsWith("/.git"))
                .map(p -> p.isEmpty() ? top : top.resolve(p));
    }

    @Override
    public boolean isFile(String path) {
        return file(path).map(Files::isRegularFile).orElse(false);
    }

    @Override
    public boolean isFolder(String path) {
        return file(path).map(Files::isDirectory).orElse(false);
    }

    @Override
    public byte[] read(String path) {
        Path file = file(path).orElseThrow(() -> missing(path, "no such file"));
        if (Files.isDirectory(file)) {
            throw missing(path, "is a folder, not a file");
        }
        if (!Files.isRegularFile(file)) {
            throw missing(path, "no such file");
        }
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new InputException(file.toString(), 0, "cannot read: " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<String> blobId(String path) {
        if (!isFile(path)) {
            return Optional.empty();
        }
        return Optional.of(BlobIdentified.of(read(path)));
    }

    @Override
    public List<Entry> list(String folder) {
        Optional<String> base = TreePath.normalize(folder);
        if (base.isEmpty() || !isFolder(base.get())) {
            return List.of();
        }
        List<Entry> out = new ArrayList<>();
        try (Stream<Path> children = Files.list(file(base.get()).orElseThrow())) {
            children.forEach(
                    child -> {
                        String name = child.getFileName().toString();
                        String path = base.get().isEmpty() ? name : base.get() + "/" + name;
                        if (isFolder(path)) {
                            out.add(new Entry(path, name, true));
                        } else if (isFile(path)) {
                            out.add(new Entry(path, name, false));
                        }
                    });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.sort(Comparator.comparing(Entry::name));
        return out;
    }

    private InputException missing(String path, String what) {
        return new InputException(
                "git:" + GitTree.WORKTREE + ":" + path, 0, what + " in the working tree");
    }
}
