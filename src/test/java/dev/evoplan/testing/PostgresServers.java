package dev.evoplan.testing;

import dev.evoplan.verify.EmbeddedServers;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Real PostgreSQL servers for tests: the zonky embedded server, one per major version, started on
 * first use and shared by every test class of the JVM (production code that starts its own server
 * borrows these too, see {@link SharedPostgres}); stopped, data folders removed, when the test
 * engine finishes. Binaries of several majors sit side by side in {@code target/pg-binaries}
 * (copied there by the build), so a test picks its major.
 *
 * <p>Only test classes tagged {@code @Tag("postgres")} may use them: the fast tier runs without
 * PostgreSQL, and {@link TestTier} refuses a server to an untagged class.
 */
public final class PostgresServers {
    /** The reference server of EVOLUTION.md. */
    public static final int REFERENCE = 16;

    /**
     * Majors the round-trip suites run on: one older, the reference, one newer (15 and 17 are
     * started by PostgresServersTest).
     */
    public static final List<Integer> MAJORS = List.of(14, 16, 18);

    /**
     * Settings of every test server on top of the embedded server's own: autovacuum would analyse
     * or vacuum a test's tables at moments no test controls (a table a test expects unanalysed).
     */
    static final Map<String, String> TEST_SETTINGS = Map.of("autovacuum", "off");

    private static final Map<Integer, EmbeddedPostgres> SERVERS = new ConcurrentHashMap<>();
    private static final AtomicInteger DATABASES = new AtomicInteger();

    /** Databases {@link #freshDatabase} made and not yet dropped: name -> major. */
    private static final Map<String, Integer> CREATED = new ConcurrentHashMap<>();

    private PostgresServers() {}

    /** The running server of that major, started on first use. */
    public static EmbeddedPostgres server(int major) {
        TestTier.requirePostgresTag();
        return SERVERS.computeIfAbsent(major, m -> EmbeddedServers.start(m, TEST_SETTINGS));
    }

    /**
     * A new, empty database on the server of that major, so tests never see each other's tables.
     * The caller closes the connection; the database is dropped when the test class that made it
     * has finished.
     */
    public static Connection freshDatabase(int major) throws SQLException {
        EmbeddedPostgres pg = server(major);
        String name = "t" + DATABASES.incrementAndGet();
        try (Connection admin = pg.getPostgresDatabase().getConnection();
                Statement st = admin.createStatement()) {
            st.execute("CREATE DATABASE " + name);
        }
        CREATED.put(name, major);
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

    /**
     * Drops every database {@link #freshDatabase} made (sessions still on them are ended): called
     * after each test class, so the servers stay small and stopping them at the end has little data
     * folder left to remove.
     */
    static void dropDatabases() {
        for (String name : CREATED.keySet().stream().sorted().toList()) {
            Integer major = CREATED.remove(name);
            EmbeddedPostgres pg = SERVERS.get(major);
            if (pg == null) {
                continue;
            }
            try (Connection admin = pg.getPostgresDatabase().getConnection();
                    Statement st = admin.createStatement()) {
                st.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            } catch (SQLException e) {
                System.err.println(
                        "could not drop test database "
                                + name
                                + " on PostgreSQL "
                                + major
                                + ": "
                                + e.getMessage());
            }
        }
    }

    /** Whether a database {@link #freshDatabase} made is still there (not yet dropped). */
    static boolean created(String database) {
        return CREATED.containsKey(database);
    }

    /** The majors running now, in order. */
    static List<Integer> running() {
        return SERVERS.keySet().stream().sorted().toList();
    }

    /**
     * Stops every server and removes its data folder (zonky's close does both, waiting for the
     * server to stop), so nothing is left for the JVM's exit to do.
     */
    static synchronized void stopAll() {
        running().forEach(PostgresServers::stop);
    }

    /**
     * Stops the server of that major, if running, and removes its data folder; the next use starts
     * another.
     */
    static synchronized void stop(int major) {
        EmbeddedPostgres pg = SERVERS.remove(major);
        if (pg == null) {
            return;
        }
        // Its data folder is a copy of the cached cluster: stop deletes it with the server.
        EmbeddedServers.stop(pg);
    }
}
