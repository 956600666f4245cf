package dev.evoplan.verify;

import dev.evoplan.rules.LockLevel;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * Watches another backend's relation locks from its own connection: from {@link #watch} to {@link
 * #drain} (while a step's SQL runs) polls {@code pg_locks} every few milliseconds and keeps the
 * strongest granted mode per relation (by oid) for {@link #drain} to take. Between a drain and the
 * next watch it does not poll: nothing seen then would be kept, and a poll costs a round trip and a
 * walk of the server's lock table on both cores' time. A lock held for less than a poll can be
 * missed; the verifier also reads the locks of transactional steps from inside their transaction.
 */
final class LockSampler implements AutoCloseable {
    private static final String LOCKS =
            "SELECT relation::bigint, mode FROM pg_locks "
                    + "WHERE pid = ? AND locktype = 'relation' AND granted AND relation IS NOT NULL";

    private final Connection connection;
    private final int pid;
    private Map<Long, LockLevel> seen = new HashMap<>();

    /**
     * Bumped by each drain: a poll that began before it belongs to the previous step and is
     * dropped.
     */
    private long generation;

    /** Whether a step runs: polls happen only then. */
    private boolean watching;

    private final Thread thread;
    private volatile boolean running = true;
    private volatile SQLException failure;

    LockSampler(Connection connection, int pid) {
        this.connection = connection;
        this.pid = pid;
        this.thread = new Thread(this::poll, "evoplan-lock-sampler");
        thread.setDaemon(true);
        thread.start();
    }

    private void poll() {
        try (PreparedStatement ps = connection.prepareStatement(LOCKS)) {
            ps.setInt(1, pid);
            while (running) {
                long startedIn = awaitWatching();
                if (startedIn < 0) {
                    return;
                }
                Map<Long, LockLevel> round = new HashMap<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        round.merge(
                                rs.getLong(1),
                                LockLevel.fromPgName(rs.getString(2)),
                                LockLevel::strongest);
                    }
                }
                record(startedIn, round);
                Thread.sleep(2);
            }
        } catch (SQLException e) {
            failure = e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Waits until a step is watched, then returns the current generation; -1 when the sampler was
     * closed meanwhile.
     */
    private synchronized long awaitWatching() throws InterruptedException {
        while (!watching && running) {
            wait();
        }
        return running ? generation : -1;
    }

    private synchronized void record(long startedIn, Map<Long, LockLevel> round) {
        if (startedIn == generation) {
            round.forEach((oid, mode) -> seen.merge(oid, mode, LockLevel::strongest));
        }
    }

    /** Starts polling afresh: what is seen from now on is the next {@link #drain}'s. */
    synchronized void watch() throws SQLException {
        if (failure != null) {
            throw failure;
        }
        seen = new HashMap<>();
        generation++;
        watching = true;
        notifyAll();
    }

    /**
     * The strongest mode per relation oid seen since {@link #watch}, and stops polling until the
     * next one.
     */
    synchronized Map<Long, LockLevel> drain() throws SQLException {
        if (failure != null) {
            throw failure;
        }
        Map<Long, LockLevel> result = seen;
        seen = new HashMap<>();
        generation++;
        watching = false;
        return result;
    }

    @Override
    public void close() throws SQLException {
        synchronized (this) {
            running = false;
            notifyAll();
        }
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        connection.close();
    }
}
