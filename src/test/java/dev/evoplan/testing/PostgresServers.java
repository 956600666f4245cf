package dev.evoplan.testing;

import dev.evoplan.verify.EmbeddedServers;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Real PostgreSQL servers for tests: the zonky embedded server, one per major version, started
 * once per JVM and stopped at exit. Binaries of several majors sit side by side in
 * {@code target/pg-binaries} (copied there by the build), so a test picks its major.
 */
public final class PostgresServers {
    /** The reference server of EVOLUTION.md. */
    public static final int REFERENCE = 16;
    /** Majors the build copies binaries for: one older, the reference, one newer. */
    /** Majors the round-trip suites run on: one older, the reference, one newer (15 and 17 are started by PostgresServersTest). */
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
        EmbeddedPostgres pg = EmbeddedServers.start(major);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                pg.close();
            } catch (IOException ignored) {
                // The JVM is going away; the temp directory is the OS's to clean.
            }
        }));
        return pg;
    }
}
