package dev.evoplan.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evoplan.cli.Main;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Scratch databases a stopped server kept: their names are printed and recorded, the next run drops
 * them, and {@code verify --cleanup} drops every idle one, never a database in use or of another
 * name. Each test has a server of its own: cleanup must not meet other tests' databases.
 */
@Tag("postgres")
class VerifyCleanupTest {
    private static Path state;
    private static String previous;

    @BeforeAll
    static void privateStateFolder() throws Exception {
        state = Files.createTempDirectory("evoplan-state");
        previous = System.getProperty("evoplan.stateDir");
        System.setProperty("evoplan.stateDir", state.toString());
    }

    @AfterAll
    static void restoreStateFolder() {
        if (previous == null) {
            System.clearProperty("evoplan.stateDir");
        } else {
            System.setProperty("evoplan.stateDir", previous);
        }
    }

    @Test
    void aServerThatStopsMidRunLeavesItsScratchDatabaseNamedAndRecorded() throws Exception {
        EmbeddedPostgres pg = EmbeddedServers.start(16);
        VerifyServer server = VerifyServer.existing(pg.getJdbcUrl("postgres", "postgres"));
        String name = server.createDatabase("");
        pg.close(); // the server stops before verify could drop its database

        server.close();

        assertThat(server.leftBehind()).containsExactly(name);
        assertThat(Files.readString(Leftovers.file()))
                .contains("\t" + name + "\n")
                .doesNotContain("password");
    }

    @Test
    void theNextRunDropsWhatWasRecordedAndCleanupDropsEveryIdleScratchDatabaseOnly()
            throws Exception {
        try (EmbeddedPostgres pg = EmbeddedServers.start(16)) {
            String url = pg.getJdbcUrl("postgres", "postgres");
            String recorded = "evoplan_verify_00000000000000aa";
            String idle = "evoplan_verify_00000000000000bb_target";
            String busy = "evoplan_verify_00000000000000cc";
            String other = "evoplan_verify_mine";
            exec(
                    pg,
                    "CREATE DATABASE " + recorded,
                    "CREATE DATABASE " + idle,
                    "CREATE DATABASE " + busy,
                    "CREATE DATABASE " + other);
            String key = "jdbc:postgresql://localhost:" + pg.getPort() + "/";
            Leftovers.record(key, recorded);

            VerifyServer next = VerifyServer.existing(url);
            next.close();
            assertThat(next.droppedOnOpen()).containsExactly(recorded);
            assertThat(databases(pg)).contains(idle, busy, other).doesNotContain(recorded);

            try (Connection inUse = pg.getDatabase("postgres", busy).getConnection()) {
                StringWriter out = new StringWriter();
                StringWriter err = new StringWriter();
                int code =
                        Main.run(
                                new String[] {"verify", "--cleanup", "--db", url},
                                new PrintWriter(out),
                                new PrintWriter(err));

                assertThat(code).as(err.toString()).isZero();
                assertThat(out.toString()).isEqualTo("dropped " + idle + "\n");
            }
            assertThat(databases(pg)).contains(busy, other).doesNotContain(idle);
            assertThat(Leftovers.recorded(key)).isEmpty();
        }
    }

    private static void exec(EmbeddedPostgres pg, String... sql) throws SQLException {
        try (Connection c = pg.getPostgresDatabase().getConnection();
                Statement st = c.createStatement()) {
            for (String s : sql) {
                st.execute(s);
            }
        }
    }

    private static List<String> databases(EmbeddedPostgres pg) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = pg.getPostgresDatabase().getConnection();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT datname FROM pg_database")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
