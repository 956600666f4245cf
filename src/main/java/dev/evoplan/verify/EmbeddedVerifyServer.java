package dev.evoplan.verify;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Verify's scratch databases on an embedded server. */
final class EmbeddedVerifyServer implements VerifyServer {
    private static final AtomicInteger DATABASES = new AtomicInteger();

    private final EmbeddedPostgres server;
    private final boolean owned;
    private final Set<String> created = ConcurrentHashMap.newKeySet();

    EmbeddedVerifyServer(EmbeddedPostgres server, boolean owned) {
        this.server = server;
        this.owned = owned;
    }

    @Override
    public String createDatabase(String suffix) throws SQLException {
        String name =
                "evoplan_verify_"
                        + ProcessHandle.current().pid()
                        + "_"
                        + DATABASES.incrementAndGet()
                        + suffix;
        try (Connection admin = server.getPostgresDatabase().getConnection();
                Statement st = admin.createStatement()) {
            st.execute("CREATE DATABASE " + name);
        }
        created.add(name);
        return name;
    }

    @Override
    public Connection connect(String database) throws SQLException {
        Connection c = server.getDatabase("postgres", database).getConnection();
        c.setAutoCommit(true);
        return c;
    }

    @Override
    public String label() {
        return "embedded";
    }

    @Override
    public int major() {
        try (Connection c = server.getPostgresDatabase().getConnection()) {
            return ExistingServer.major(c);
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "cannot read the embedded server's version: " + e.getMessage(), e);
        }
    }

    /**
     * Drops the database, on a lent server: a server of our own is deleted whole once stopped
     * (immediately, without writing out its data), so dropping first would only cost time.
     */
    @Override
    public void dropDatabase(String database) {
        if (!created.remove(database) || owned) {
            return;
        }
        try (Connection admin = server.getPostgresDatabase().getConnection();
                Statement st = admin.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + database);
        } catch (SQLException ignored) {
            // A database left behind on a throw-away server costs nothing.
        }
    }

    @Override
    public void close() {
        Set.copyOf(created).forEach(this::dropDatabase);
        if (owned) {
            EmbeddedServers.stop(server);
        }
    }
}
