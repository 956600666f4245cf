package dev.evoplan.verify;

import static dev.evoplan.verify.SeederTest.exec;
import static dev.evoplan.verify.SeederTest.scalar;
import static dev.evoplan.verify.SeederTest.scalarText;
import static org.assertj.core.api.Assertions.assertThat;

import dev.evoplan.rules.LockLevel;
import dev.evoplan.testing.PostgresServers;
import java.sql.Connection;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The lock sampler on a real server: what it sees while a step is watched, and when it polls. */
@Tag("postgres")
class LockSamplerTest {

    @Test
    void seesALockTakenWhileWatchedAndSendsNoQueryBetweenADrainAndTheNextWatch() throws Exception {
        try (Connection db = PostgresServers.freshDatabase(16);
                Connection observer = PostgresServers.connect(16, db.getCatalog());
                Connection samplerSession = PostgresServers.connect(16, db.getCatalog())) {
            exec(db, "CREATE TABLE t (id int)");
            long table = scalar(db, "SELECT 't'::regclass::oid::bigint");
            int pid = (int) scalar(db, "SELECT pg_backend_pid()");
            long samplerPid = scalar(samplerSession, "SELECT pg_backend_pid()");
            try (LockSampler sampler = new LockSampler(samplerSession, pid)) {
                sampler.watch();
                db.setAutoCommit(false);
                exec(db, "LOCK TABLE t IN SHARE MODE");
                String locked = scalarText(db, "SELECT clock_timestamp()::text");
                awaitAPollSince(observer, samplerPid, locked);
                assertThat(sampler.drain()).containsEntry(table, LockLevel.SHARE);
                db.commit();
                db.setAutoCommit(true);

                // A poll already under way when the drain came ends; after that, nothing is sent.
                String last = awaitQuiet(observer, samplerPid);
                Thread.sleep(300);
                assertThat(lastQueryStart(observer, samplerPid)).isEqualTo(last);

                sampler.watch();
                // Polling again: a query started after the last one before the pause.
                awaitAPollSince(observer, samplerPid, last);
                assertThat(sampler.drain()).doesNotContainKey(table);
            }
        }
    }

    /** Waits until the sampler's session has finished a query that began after {@code since}. */
    private static void awaitAPollSince(Connection db, long samplerPid, String since)
            throws Exception {
        for (int i = 0; i < 3000; i++) {
            if (scalar(
                            db,
                            "SELECT count(*) FROM pg_stat_activity WHERE pid = "
                                    + samplerPid
                                    + " AND query_start > '"
                                    + since
                                    + "'::timestamptz AND state = 'idle'")
                    > 0) {
                return;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("the sampler sent no query for 30 s");
    }

    /**
     * Waits until the sampler's session is idle and has started no query for 100 ms (a sampler that
     * polls every 2 ms never is); returns when its last query started.
     */
    private static String awaitQuiet(Connection db, long samplerPid) throws Exception {
        for (int i = 0; i < 300; i++) {
            String before = lastQueryStart(db, samplerPid);
            Thread.sleep(100);
            if ("idle"
                            .equals(
                                    scalarText(
                                            db,
                                            "SELECT state FROM pg_stat_activity WHERE pid = "
                                                    + samplerPid))
                    && lastQueryStart(db, samplerPid).equals(before)) {
                return before;
            }
        }
        throw new AssertionError("the sampler kept sending queries for 30 s after the drain");
    }

    private static String lastQueryStart(Connection db, long samplerPid) throws Exception {
        return scalarText(
                db, "SELECT query_start::text FROM pg_stat_activity WHERE pid = " + samplerPid);
    }
}
