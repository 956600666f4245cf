package dev.evoplan.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.evoplan.testing.PostgresServers;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The session facts behind strong-lock-without-lock-timeout (EP302) and
 * changeset-holds-lock-until-commit (EP301), shown on real PostgreSQL: a DDL statement waiting for
 * its lock queues every later reader behind it unless {@code lock_timeout} makes it give up, and a
 * lock taken by a fast statement is held until its transaction commits.
 */
@Tag("postgres")
class LockQueueOnPostgresTest {
    @ParameterizedTest(name = "PostgreSQL {0}")
    @ValueSource(ints = {14, 16, 18})
    void waitingDdlQueuesReadersUnlessLockTimeoutEndsTheWait(int major) throws Exception {
        try (Connection ddl = PostgresServers.freshDatabase(major);
                Connection longReader = PostgresServers.connect(major, ddl.getCatalog());
                Connection reader = PostgresServers.connect(major, ddl.getCatalog());
                Connection observer = PostgresServers.connect(major, ddl.getCatalog())) {
            execute(ddl, "CREATE TABLE q (id int); INSERT INTO q SELECT generate_series(1, 100)");
            // A long-running read: its ACCESS SHARE lock is what the DDL has to wait for.
            longReader.setAutoCommit(false);
            execute(longReader, "SELECT count(*) FROM q");

            execute(ddl, "SET lock_timeout = '100ms'");
            long start = System.nanoTime();
            SQLException gaveUp =
                    catchThrowableOfType(
                            () -> execute(ddl, "ALTER TABLE q ADD COLUMN z int"),
                            SQLException.class);
            long waitedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertThat((Throwable) gaveUp)
                    .as("ALTER TABLE under lock_timeout on PostgreSQL %d", major)
                    .isNotNull();
            assertThat(gaveUp.getSQLState()).isEqualTo("55P03");
            assertThat(waitedMs).as("ms waited").isBetween(90L, 5_000L);

            // Without it the DDL waits, and a plain SELECT that conflicts only with the DDL queues
            // behind it.
            execute(ddl, "SET lock_timeout = 0");
            int ddlPid = pid(ddl);
            int readerPid = pid(reader);
            CompletableFuture<Void> alter =
                    CompletableFuture.runAsync(() -> run(ddl, "ALTER TABLE q ADD COLUMN z int"));
            waitUntilWaiting(observer, ddlPid);
            CompletableFuture<Void> select =
                    CompletableFuture.runAsync(() -> run(reader, "SELECT count(*) FROM q"));
            waitUntilWaiting(observer, readerPid);
            assertThat(requested(observer, ddlPid)).isEqualTo(LockLevel.ACCESS_EXCLUSIVE);
            assertThat(requested(observer, readerPid))
                    .as(
                            "the reader waits for ACCESS SHARE, which only the queued DDL"
                                    + " conflicts with")
                    .isEqualTo(LockLevel.ACCESS_SHARE);
            assertThat(alter).isNotDone();
            assertThat(select).isNotDone();

            longReader.commit();
            alter.get(20, TimeUnit.SECONDS);
            select.get(20, TimeUnit.SECONDS);
        }
    }

    @ParameterizedTest(name = "PostgreSQL {0}")
    @ValueSource(ints = {14, 16, 18})
    void lockOfAFastStatementIsHeldUntilCommit(int major) throws Exception {
        try (Connection migration = PostgresServers.freshDatabase(major);
                Connection reader = PostgresServers.connect(major, migration.getCatalog());
                Connection observer = PostgresServers.connect(major, migration.getCatalog())) {
            execute(
                    migration,
                    "CREATE TABLE q (id int); INSERT INTO q SELECT generate_series(1, 100)");
            int readerPid = pid(reader);
            migration.setAutoCommit(false);
            execute(migration, "ALTER TABLE q ADD COLUMN z int");
            // The ALTER is done; the transaction (the changeset) is not.
            CompletableFuture<Void> select =
                    CompletableFuture.runAsync(() -> run(reader, "SELECT count(*) FROM q"));
            waitUntilWaiting(observer, readerPid);
            execute(migration, "SELECT pg_sleep(0.2)");
            assertThat(select)
                    .as("the read waits while the changeset's later statements run")
                    .isNotDone();
            migration.commit();
            select.get(20, TimeUnit.SECONDS);
        }
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    private static void run(Connection c, String sql) {
        try {
            execute(c, sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    private static int pid(Connection c) throws SQLException {
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static void waitUntilWaiting(Connection observer, int pid)
            throws SQLException, InterruptedException {
        long deadline = System.currentTimeMillis() + 10_000;
        try (PreparedStatement ps =
                observer.prepareStatement(
                        "SELECT wait_event_type = 'Lock' FROM pg_stat_activity WHERE pid = ?")) {
            ps.setInt(1, pid);
            while (System.currentTimeMillis() < deadline) {
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next() && rs.getBoolean(1)) {
                        return;
                    }
                }
                Thread.sleep(5);
            }
        }
        throw new AssertionError("backend " + pid + " never waited for a lock");
    }

    /** The relation lock the backend waits for. */
    private static LockLevel requested(Connection observer, int pid) throws SQLException {
        try (PreparedStatement ps =
                observer.prepareStatement(
                        "SELECT l.mode FROM pg_locks l JOIN pg_class c"
                                + " ON c.oid = l.relation WHERE l.pid = ? AND NOT l.granted AND c.relname = 'q'")) {
            ps.setInt(1, pid);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).as("backend %d waits for a lock on q", pid).isTrue();
                return LockLevel.fromPgName(rs.getString(1));
            }
        }
    }
}
