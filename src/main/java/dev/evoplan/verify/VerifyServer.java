package dev.evoplan.verify;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Where verify runs: a server on which it creates scratch databases of its own, connects to them,
 * and drops them again. Verify runs DDL only in databases it created here.
 */
public interface VerifyServer extends AutoCloseable {
    /**
     * Creates a new, empty database whose name starts with {@code evoplan_verify_}; returns the
     * name.
     */
    String createDatabase(String suffix) throws SQLException;

    /** A new autocommit session on a database this server created; the caller closes it. */
    Connection connect(String database) throws SQLException;

    /**
     * Drops a database this server created (ends its sessions first), or leaves it to go with the
     * cluster when this is an embedded server verify started and deletes whole on close; never
     * throws.
     */
    void dropDatabase(String database);

    /** How the report names the server: "embedded", or the user's server by its redacted URL. */
    String label();

    /**
     * Scratch databases this server could not drop on close (the server stopped mid-run), sorted;
     * recorded so that the next run or {@code verify --cleanup} drops them.
     */
    default java.util.List<String> leftBehind() {
        return java.util.List.of();
    }

    /** Scratch databases an earlier, interrupted run left here that opening this server dropped. */
    default java.util.List<String> droppedOnOpen() {
        return java.util.List.of();
    }

    /**
     * {@code verify --cleanup}: drops every idle {@code evoplan_verify_...} database on the user's
     * server at {@code url} and the ones runs recorded as left behind; returns their names.
     */
    static java.util.List<String> cleanup(String url) {
        ExistingServer server = ExistingServer.open(url);
        java.util.List<String> dropped = new java.util.ArrayList<>(server.droppedOnOpen());
        dropped.addAll(server.dropLeftovers(true));
        server.close();
        return dropped.stream().sorted().toList();
    }

    /** The server's major version (14, 16, ...). */
    int major();

    /** Drops whatever scratch database is still there and releases the server if this owns it. */
    @Override
    void close();

    /** A running embedded server, left running on close. */
    static VerifyServer embedded(EmbeddedPostgres server) {
        return new EmbeddedVerifyServer(server, false);
    }

    /**
     * A new embedded server of that major, stopped on close (or the one a test lends, left
     * running).
     */
    static VerifyServer startEmbedded(int major) {
        EmbeddedServers.Lease lease = EmbeddedServers.lease(major);
        return new EmbeddedVerifyServer(lease.server(), lease.owned());
    }

    /**
     * The user's server at a {@code jdbc:postgresql:} URL; throws InputException (password
     * redacted) when it cannot be reached.
     */
    static VerifyServer existing(String url) {
        return ExistingServer.open(url);
    }
}
