package dev.evoplan.source.git;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * Builds real repositories with jgit for the tests: files written on disk, then committed. Public
 * for the source tests of other packages (Liquibase read at a git ref).
 */
public final class Repos {
    private static final PersonIdent AUTHOR = new PersonIdent("Test", "test@example.com");

    private Repos() {}

    public static Git init(Path dir) throws GitAPIException {
        return Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call();
    }

    public static void write(Git git, String path, String text) {
        try {
            Path file = git.getRepository().getWorkTree().toPath().resolve(path);
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stages everything (deletions too) and commits. */
    public static RevCommit commit(Git git, String message) throws GitAPIException {
        git.add().addFilepattern(".").call();
        git.add().addFilepattern(".").setUpdate(true).call();
        return git.commit().setMessage(message).setAuthor(AUTHOR).setCommitter(AUTHOR).call();
    }

    public static RevCommit commitFile(Git git, String path, String text) throws GitAPIException {
        write(git, path, text);
        return commit(git, "write " + path);
    }

    /** Copies a folder's files (recursively) to {@code target} below the repository's top. */
    public static void copy(Path from, Git git, String target) {
        Path to = git.getRepository().getWorkTree().toPath().resolve(target);
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Path dest = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(dest);
                } else {
                    Files.createDirectories(dest.getParent());
                    Files.copy(f, dest, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void deleteTree(Git git, String target) {
        Path dir = git.getRepository().getWorkTree().toPath().resolve(target);
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f :
                    (Iterable<Path>) files.sorted(java.util.Comparator.reverseOrder())::iterator) {
                Files.delete(f);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
