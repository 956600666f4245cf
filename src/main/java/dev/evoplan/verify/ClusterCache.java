package dev.evoplan.verify;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Initialised data directories (what {@code initdb} makes), kept once per PostgreSQL build and
 * locale and copied for each embedded server instead of running {@code initdb} again (about 1.3 cpu
 * s of every start, a copy of ~40 MB costs a tenth of that).
 *
 * <p>The first start of a build runs {@code initdb} as before, and its fresh directory is copied
 * here before the server starts in it (zonky calls its data-directory customizer between the two).
 * The key is the binaries jar's name (which holds the full version) and the locale and time zone
 * the environment gives {@code initdb}, which are stored in the cluster. A cache written elsewhere
 * half-way is never used: it is written beside its place and moved there whole.
 *
 * <p>Each server's copy lives in zonky's working folder ({@code java.io.tmpdir/embedded-pg}),
 * holding zonky's lock file while the server runs: {@link EmbeddedServers#stop} deletes it, and a
 * copy whose process died is deleted by zonky's own stale-directory clean-up at a later start.
 */
final class ClusterCache {
    private static final List<String> LOCALE_ENVIRONMENT =
            List.of(
                    "LC_ALL",
                    "LC_COLLATE",
                    "LC_CTYPE",
                    "LC_MESSAGES",
                    "LC_MONETARY",
                    "LC_NUMERIC",
                    "LC_TIME",
                    "LANG",
                    "TZ");

    /** zonky's lock file, held while a server runs in the directory: never part of a copy. */
    private static final String LOCK_FILE = "epg-lock";

    private ClusterCache() {}

    /** The cached cluster for the binaries in {@code jar}, whether or not it exists yet. */
    static Path cached(Path jar) {
        String name = jar.getFileName().toString().replaceFirst("\\.jar$", "");
        return root().resolve(name + "-" + localeKey());
    }

    /**
     * A new, unused data directory for one server: a copy of the cached cluster when there is one,
     * else empty (zonky runs initdb in it).
     */
    static Path newDataDirectory(Path jar) throws IOException {
        Path workingFolder =
                Path.of(
                        System.getProperty(
                                "ot.epg.working-dir",
                                Path.of(System.getProperty("java.io.tmpdir"), "embedded-pg")
                                        .toString()));
        Files.createDirectories(workingFolder);
        Path copy = workingFolder.resolve("evoplan-" + UUID.randomUUID());
        Path cached = cached(jar);
        if (Files.isRegularFile(cached.resolve("PG_VERSION"))) {
            copyTree(cached, copy);
        } else {
            Files.createDirectories(copy);
        }
        return copy;
    }

    /**
     * Keeps a copy of {@code initialised} (initdb's output, before the server first starts in it)
     * as the cached cluster of {@code jar}, unless one is there already. Never throws: without a
     * cache the next start runs initdb.
     */
    static void keep(Path jar, Path initialised) {
        Path cached = cached(jar);
        if (Files.exists(cached)) {
            return;
        }
        Path partial =
                cached.resolveSibling(cached.getFileName() + ".partial-" + UUID.randomUUID());
        try {
            Files.createDirectories(cached.getParent());
            copyTree(initialised, partial);
            Files.move(partial, cached, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | java.nio.file.DirectoryNotEmptyException raced) {
            // Another run kept the same cluster first.
        } catch (IOException | UncheckedIOException e) {
            // No cache: initdb again next time.
        } finally {
            delete(partial);
        }
    }

    /** Deletes a directory tree; what cannot be deleted is left. */
    static void delete(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder())
                    .forEach(
                            p -> {
                                try {
                                    Files.deleteIfExists(p);
                                } catch (IOException ignored) {
                                    // left to zonky's stale-directory clean-up or the OS
                                }
                            });
        } catch (IOException | UncheckedIOException ignored) {
            // the same
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path source : (Iterable<Path>) paths::iterator) {
                Path relative = from.relativize(source);
                if (relative.toString().equals(LOCK_FILE)
                        || relative.toString().equals("postmaster.pid")) {
                    continue;
                }
                Path target = to.resolve(relative.toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        // PostgreSQL refuses a data directory others may read.
        Files.setPosixFilePermissions(
                to, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
    }

    private static Path root() {
        String dir = System.getProperty("evoplan.stateDir");
        Path folder =
                dir == null || dir.isBlank()
                        ? Path.of(System.getProperty("user.home"), ".cache", "evoplan")
                        : Path.of(dir);
        return folder.resolve("pg-clusters");
    }

    /** A short digest of the locale and time zone settings initdb reads from the environment. */
    private static String localeKey() {
        StringBuilder settings = new StringBuilder();
        for (String name : LOCALE_ENVIRONMENT) {
            settings.append(name)
                    .append('=')
                    .append(Optional.ofNullable(System.getenv(name)).orElse(""))
                    .append('\n');
        }
        try {
            byte[] digest =
                    MessageDigest.getInstance("SHA-256")
                            .digest(settings.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
