package dev.evoplan.verify;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Where verify runs: a server on which it creates scratch databases of its own, connects to
 * them, and drops them again. Verify runs DDL only in databases it created here.
 */
public interface VerifyServer extends AutoCloseable {
    /** Creates a new, empty database whose name starts with {@code evoplan_verify_}; returns the name. */
    String createDatabase(String suffix) throws SQLException;

    /** A new autocommit session on a database this server created; the caller closes it. */
    Connection connect(String database) throws SQLException;

    /** Drops a database this server created (ends its sessions first); never throws. */
    void dropDatabase(String database);

    /** The server's major version (14, 16, ...). */
    int major();

    /** Drops whatever scratch database is still there and releases the server if this owns it. */
    @Override
    void close();

    /** A running embedded server, left running on close. */
    static VerifyServer embedded(EmbeddedPostgres server) {
        return new EmbeddedVerifyServer(server, false);
    }

    /** A new embedded server of that major, stopped on close (or the one a test lends, left running). */
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
