package dev.evoplan.rules;

import dev.evoplan.testing.PostgresServers;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs a statement on a real PostgreSQL server and reads what it did from another session: the
 * strongest lock it held or asked for on each relation ({@code pg_locks}), whether the first
 * relation got a new relfilenode, and whether its own transaction read the relation through. One
 * probe per server major; each case works in its own schema of the probe's database.
 */
final class LockProbe implements AutoCloseable {
    /**
     * What PostgreSQL did. {@code failure} is the SQLSTATE when the statement failed; then nothing
     * else is read.
     */
    record Observed(Map<String, LockLevel> locks, Boolean rewrite, Boolean scan, String failure) {}

    private static final String LOCKS =
            "SELECT relation::bigint, mode FROM pg_locks "
                    + "WHERE pid = ? AND locktype = 'relation' AND relation = ANY (?)";
    private static final long WAIT_LIMIT_MS = 20_000;

    private final int major;

    /** Runs the statement. */
    private final Connection runner;

    /** Reads pg_locks and pg_class. */
    private final Connection observer;

    /** Holds a weak lock so an autocommit statement waits where it can be seen. */
    private final Connection holder;

    private final int runnerPid;
    private int schemas;

    LockProbe(int major) throws SQLException {
        this.major = major;
        this.runner = PostgresServers.freshDatabase(major);
        String database = runner.getCatalog();
        this.observer = PostgresServers.connect(major, database);
        this.holder = PostgresServers.connect(major, database);
        this.runnerPid = intValue(runner, "SELECT pg_backend_pid()");
        try (Statement st = runner.createStatement()) {
            // A hung case must fail, not hang the build.
            st.execute("SET statement_timeout = '30s'");
        }
    }

    int major() {
        return major;
    }

    String database() throws SQLException {
        return runner.getCatalog();
    }

    /**
     * Runs the case's setup in a fresh schema, then the statement, and reports what PostgreSQL did.
     */
    Observed observe(String setup, LockCase c) throws SQLException, InterruptedException {
        String schema = "c" + ++schemas;
        try (Statement st = runner.createStatement()) {
            st.execute("CREATE SCHEMA " + schema);
        }
        for (Connection session : List.of(runner, observer, holder)) {
            try (Statement st = session.createStatement()) {
                st.execute("SET search_path = " + schema);
            }
        }
        try (Statement st = runner.createStatement()) {
            st.execute(setup);
        }
        Map<String, Long> oids = new LinkedHashMap<>();
        for (String relation : c.locks().keySet()) {
            oids.put(relation, longValue(observer, "SELECT '" + relation + "'::regclass::oid"));
        }
        Long firstOid = oids.values().stream().findFirst().orElse(null);
        Long before = firstOid == null ? null : relfilenode(observer, firstOid);
        return c.inTransaction() ? inTransaction(c, oids, before) : inAutocommit(c, oids, before);
    }

    /** BEGIN; statement; then read its locks while the transaction is still open. */
    private Observed inTransaction(LockCase c, Map<String, Long> oids, Long before)
            throws SQLException {
        runner.setAutoCommit(false);
        Long firstOid = oids.values().stream().findFirst().orElse(null);
        try (Statement st = runner.createStatement()) {
            // Scans not yet reported to the statistics (the setup's) show in the xact view too:
            // count from inside the transaction, before the statement.
            long scansBefore = firstOid == null ? 0 : seqScans(firstOid);
            try {
                st.execute(c.statement());
            } catch (SQLException e) {
                return new Observed(Map.of(), null, null, e.getSQLState());
            }
            Map<Long, LockLevel> held = locksOf(oids);
            Boolean rewrite = null;
            Boolean scan = null;
            if (firstOid != null) {
                // Read in the statement's own transaction: the observer still sees the old catalog
                // row.
                Long after = relfilenode(runner, firstOid);
                rewrite = after == null ? null : !after.equals(before);
                scan = seqScans(firstOid) > scansBefore;
            }
            return new Observed(byName(oids, held), rewrite, scan, null);
        } finally {
            runner.rollback();
            runner.setAutoCommit(true);
        }
    }

    /**
     * The statement runs in autocommit while the holder keeps a conflicting lock in an open
     * transaction, so it stops where its locks can be read: granted ones it holds while it waits
     * (CONCURRENTLY waits for older transactions under SHARE UPDATE EXCLUSIVE) and the one it asks
     * for.
     */
    private Observed inAutocommit(LockCase c, Map<String, Long> oids, Long before)
            throws SQLException, InterruptedException {
        holder.setAutoCommit(false);
        boolean released = false;
        try {
            try (Statement st = holder.createStatement()) {
                st.execute(c.holder());
            }
            CompletableFuture<String> run =
                    CompletableFuture.supplyAsync(
                            () -> {
                                try (Statement st = runner.createStatement()) {
                                    st.execute(c.statement());
                                    return null;
                                } catch (SQLException e) {
                                    return e.getSQLState() == null ? "?" : e.getSQLState();
                                }
                            });
            Map<Long, LockLevel> seen = new LinkedHashMap<>();
            long deadline = System.currentTimeMillis() + WAIT_LIMIT_MS;
            while (!run.isDone() && System.currentTimeMillis() < deadline) {
                locksOf(oids).forEach((oid, mode) -> seen.merge(oid, mode, LockLevel::strongest));
                if (!released && waiting()) {
                    // Sample once more now that it is parked, then let it finish.
                    locksOf(oids)
                            .forEach((oid, mode) -> seen.merge(oid, mode, LockLevel::strongest));
                    holder.commit();
                    released = true;
                }
                Thread.sleep(2);
            }
            if (!released) {
                holder.commit();
                released = true;
            }
            String failure;
            try {
                failure = run.get(WAIT_LIMIT_MS, TimeUnit.MILLISECONDS);
            } catch (ExecutionException | TimeoutException e) {
                throw new IllegalStateException("statement did not finish: " + c.statement(), e);
            }
            if (failure != null) {
                return new Observed(Map.of(), null, null, failure);
            }
            Long firstOid = oids.values().stream().findFirst().orElse(null);
            Boolean rewrite = null;
            if (firstOid != null) {
                Long after = relfilenode(observer, firstOid);
                rewrite = after == null ? null : !after.equals(before);
            }
            return new Observed(byName(oids, seen), rewrite, null, null);
        } finally {
            if (!released) {
                holder.rollback();
            }
            holder.setAutoCommit(true);
        }
    }

    /** Sequential scans of the relation the runner's session has not yet reported. */
    private long seqScans(long oid) throws SQLException {
        return longValue(
                runner,
                "SELECT coalesce(sum(seq_scan), 0) FROM pg_stat_xact_all_tables WHERE relid = "
                        + oid);
    }

    /** The runner's strongest lock per relation, held or asked for. */
    private Map<Long, LockLevel> locksOf(Map<String, Long> oids) throws SQLException {
        Map<Long, LockLevel> out = new LinkedHashMap<>();
        if (oids.isEmpty()) {
            return out;
        }
        try (PreparedStatement ps = observer.prepareStatement(LOCKS)) {
            ps.setInt(1, runnerPid);
            ps.setArray(2, observer.createArrayOf("bigint", oids.values().toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.merge(
                            rs.getLong(1),
                            LockLevel.fromPgName(rs.getString(2)),
                            LockLevel::strongest);
                }
            }
        }
        return out;
    }

    private boolean waiting() throws SQLException {
        try (PreparedStatement ps =
                observer.prepareStatement(
                        "SELECT wait_event_type = 'Lock' FROM pg_stat_activity WHERE pid = ?")) {
            ps.setInt(1, runnerPid);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    private static Map<String, LockLevel> byName(
            Map<String, Long> oids, Map<Long, LockLevel> locks) {
        Map<String, LockLevel> out = new LinkedHashMap<>();
        oids.forEach((name, oid) -> out.put(name, locks.getOrDefault(oid, LockLevel.NONE)));
        return out;
    }

    private static Long relfilenode(Connection c, long oid) throws SQLException {
        try (Statement st = c.createStatement();
                ResultSet rs =
                        st.executeQuery("SELECT relfilenode FROM pg_class WHERE oid = " + oid)) {
            return rs.next() ? rs.getLong(1) : null;
        }
    }

    static long longValue(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static int intValue(Connection c, String sql) throws SQLException {
        return (int) longValue(c, sql);
    }

    @Override
    public void close() throws SQLException {
        try (runner;
                observer;
                holder) {
            // Closing is all.
        }
    }
}
