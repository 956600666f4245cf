package dev.evoplan.verify;

import static dev.evoplan.verify.SeederTest.exec;
import static dev.evoplan.verify.SeederTest.scalar;
import static org.assertj.core.api.Assertions.assertThat;

import dev.evoplan.model.QualifiedName;
import dev.evoplan.model.Schema;
import dev.evoplan.source.jdbc.CatalogReader;
import dev.evoplan.testing.PostgresServers;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The stand-in fill on a real server, including a probe moving a row while it runs. */
@Tag("postgres")
class BackfillsTest {

    @Test
    void fillsEveryNullOfAColumnTheTargetMakesNotNullWithDistinctValues() throws Exception {
        try (Connection db = PostgresServers.freshDatabase(16)) {
            exec(
                    db,
                    "CREATE TABLE users (id int PRIMARY KEY, locale text UNIQUE); INSERT INTO users (id) SELECT generate_series(1, 30)");
            Schema target = targetWithNotNullLocale(db);

            List<String> notes = Backfills.standIn(db, target);

            assertThat(notes)
                    .containsExactly(
                            "verify filled users.locale on 30 rows with synthetic values, in place of the application and the backfill");
            assertThat(scalar(db, "SELECT count(*) FROM users WHERE locale IS NULL")).isZero();
            assertThat(scalar(db, "SELECT count(DISTINCT locale) FROM users")).isEqualTo(30);
        }
    }

    @Test
    void aColumnAlreadyFilledOrNullableInTheTargetIsLeftAlone() throws Exception {
        try (Connection db = PostgresServers.freshDatabase(16)) {
            exec(
                    db,
                    "CREATE TABLE users (id int PRIMARY KEY, locale text, nick text); INSERT INTO users (id, locale) SELECT g, 'x' || g FROM generate_series(1, 5) g");
            exec(db, "ALTER TABLE users ALTER COLUMN locale SET NOT NULL");
            Schema target = CatalogReader.read(db, Set.of());
            exec(db, "ALTER TABLE users ALTER COLUMN locale DROP NOT NULL");

            assertThat(Backfills.standIn(db, target)).isEmpty();
            assertThat(scalar(db, "SELECT count(*) FROM users WHERE nick IS NULL")).isEqualTo(5);
        }
    }

    @Test
    void aColumnUnderANotValidNotNullConstraintOfPostgres18IsStillFilled() throws Exception {
        // PostgreSQL 18 sets attnotnull for it, but the column may hold NULLs and reads as
        // nullable: the quick check for something to fill must see it as the full read does.
        try (Connection db = PostgresServers.freshDatabase(18)) {
            exec(
                    db,
                    "CREATE TABLE users (id int PRIMARY KEY, locale text UNIQUE); INSERT INTO users (id) SELECT generate_series(1, 12);"
                            + " ALTER TABLE users ADD CONSTRAINT users_locale_nn NOT NULL locale NOT VALID");
            Schema target = targetWithNotNullLocale(db);

            assertThat(Backfills.standIn(db, target))
                    .containsExactly(
                            "verify filled users.locale on 12 rows with synthetic values, in place of the application and the backfill");
            assertThat(scalar(db, "SELECT count(*) FROM users WHERE locale IS NULL")).isZero();
        }
    }

    /**
     * A probe's UPDATE that commits while the fill waits on its row moves the row to a new ctid;
     * the fill's join on the old ctid then skips it. The fill must go again until no NULL is left
     * (a single pass left one row NULL and VALIDATE failed in CI).
     */
    @Test
    void aRowAConcurrentUpdateMovesDuringTheFillIsFilledToo() throws Exception {
        try (Connection db = PostgresServers.freshDatabase(16);
                Connection probe = PostgresServers.connect(16, db.getCatalog())) {
            exec(
                    db,
                    "CREATE TABLE users (id int PRIMARY KEY, locale text UNIQUE); INSERT INTO users (id) SELECT generate_series(1, 20)");
            Schema target = targetWithNotNullLocale(db);
            int fillPid = (int) scalar(db, "SELECT pg_backend_pid()");
            probe.setAutoCommit(false);
            exec(probe, "UPDATE users SET id = id WHERE id = 7");

            CompletableFuture<List<String>> fill =
                    CompletableFuture.supplyAsync(
                            () -> {
                                try {
                                    return Backfills.standIn(db, target);
                                } catch (Exception e) {
                                    throw new IllegalStateException(e);
                                }
                            });
            waitUntilBlocked(probe, fillPid);
            probe.commit();

            assertThat(fill.get(30, TimeUnit.SECONDS))
                    .singleElement()
                    .asString()
                    .contains("on 20 rows");
            assertThat(scalar(db, "SELECT count(*) FROM users WHERE locale IS NULL")).isZero();
            assertThat(scalar(db, "SELECT count(DISTINCT locale) FROM users")).isEqualTo(20);
        }
    }

    /**
     * What the database holds now, with users.locale NOT NULL: the schema the plan is heading for.
     */
    private static Schema targetWithNotNullLocale(Connection db) throws Exception {
        return CatalogReader.read(db, Set.of())
                .mapTable(
                        QualifiedName.of("users"),
                        t -> t.mapColumn("locale", c -> c.withNullable(false)));
    }

    private static void waitUntilBlocked(Connection observer, int pid) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            try (Statement st = observer.createStatement();
                    ResultSet rs =
                            st.executeQuery(
                                    "SELECT wait_event_type FROM pg_stat_activity WHERE pid = "
                                            + pid)) {
                if (rs.next() && "Lock".equals(rs.getString(1))) {
                    return;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the fill never waited on the probe's row");
    }
}
