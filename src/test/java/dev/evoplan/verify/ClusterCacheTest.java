package dev.evoplan.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An embedded server starts in a copy of a cluster initdb made once, and its copy goes when it
 * stops.
 */
@Tag("postgres")
class ClusterCacheTest {

    @Test
    void theFirstStartKeepsItsFreshClusterAndTheNextStartsInACopyOfIt(@TempDir Path state)
            throws Exception {
        String before = System.getProperty("evoplan.stateDir");
        System.setProperty("evoplan.stateDir", state.toString());
        try {
            Path cached = ClusterCache.cached(EmbeddedServers.binariesJar(16));
            assertThat(cached).doesNotExist();

            EmbeddedPostgres first = EmbeddedServers.start(16);
            Path firstDirectory = dataDirectory(first);
            EmbeddedServers.stop(first);

            // initdb's output, kept before the server first ran in it.
            assertThat(cached.resolve("PG_VERSION")).isRegularFile();
            assertThat(cached.resolve("postmaster.pid")).doesNotExist();
            assertThat(firstDirectory).doesNotExist();
            // A file only the cache has shows that the next server's directory is a copy of it.
            Files.writeString(cached.resolve("evoplan-cache-marker"), "kept");

            EmbeddedPostgres second = EmbeddedServers.start(16);
            Path secondDirectory = dataDirectory(second);
            try {
                assertThat(secondDirectory.resolve("evoplan-cache-marker")).hasContent("kept");
                assertThat(secondDirectory).isNotEqualTo(cached);
                try (Connection c = second.getPostgresDatabase().getConnection();
                        Statement st = c.createStatement()) {
                    st.execute("CREATE TABLE t (id int PRIMARY KEY)");
                }
            } finally {
                EmbeddedServers.stop(second);
            }
            assertThat(secondDirectory).doesNotExist();
        } finally {
            if (before == null) {
                System.clearProperty("evoplan.stateDir");
            } else {
                System.setProperty("evoplan.stateDir", before);
            }
        }
    }

    @Test
    void stoppingQuitsTheServerWithoutAShutdownCheckpointAndDeletesItsDirectory() throws Exception {
        EmbeddedPostgres server = EmbeddedServers.start(16);
        Path directory = dataDirectory(server);
        try {
            try (Connection c = server.getPostgresDatabase().getConnection();
                    Statement st = c.createStatement()) {
                st.execute("CREATE TABLE t AS SELECT g FROM generate_series(1, 10000) AS g");
            }

            EmbeddedServers.quit(directory);

            // Gone without writing its data out: pg_control still says "in production" (6), where a
            // fast or smart stop ends with a shutdown checkpoint that says "shut down" (1).
            assertThat(directory.resolve("postmaster.pid")).doesNotExist();
            byte[] control = Files.readAllBytes(directory.resolve("global/pg_control"));
            assertThat(
                            java.nio.ByteBuffer.wrap(control, 16, 4)
                                    .order(java.nio.ByteOrder.LITTLE_ENDIAN)
                                    .getInt())
                    .isEqualTo(6);
        } finally {
            EmbeddedServers.stop(server);
        }
        assertThat(directory).doesNotExist();
    }

    private static Path dataDirectory(EmbeddedPostgres server) throws Exception {
        try (Connection c = server.getPostgresDatabase().getConnection();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SHOW data_directory")) {
            rs.next();
            return Path.of(rs.getString(1));
        }
    }
}
