package dev.evoplan.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evoplan.verify.EmbeddedServers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Tag("postgres")
class PostgresServersTest {
    @ParameterizedTest
    @ValueSource(ints = {14, 15, 16, 17, 18})
    void startsTheRequestedMajor(int major) throws Exception {
        try (Connection c = PostgresServers.freshDatabase(major)) {
            assertThat(Integer.parseInt(show(c, "server_version_num")) / 10000).isEqualTo(major);
        }
    }

    @Test
    void testServersRunWithoutAutovacuum() throws Exception {
        try (Connection c = PostgresServers.freshDatabase(PostgresServers.REFERENCE)) {
            assertThat(show(c, "autovacuum")).isEqualTo("off");
            // The embedded server's own settings are kept underneath.
            assertThat(show(c, "fsync")).isEqualTo("off");
        }
    }

    @Test
    void productionCodeBorrowsTheSharedServerAndLeavesItRunning() throws Exception {
        try (EmbeddedServers.Lease lease = EmbeddedServers.lease(PostgresServers.REFERENCE)) {
            assertThat(lease.owned()).isFalse();
            assertThat(lease.server()).isSameAs(PostgresServers.server(PostgresServers.REFERENCE));
        }
        try (Connection c = PostgresServers.freshDatabase(PostgresServers.REFERENCE)) {
            assertThat(show(c, "autovacuum")).isEqualTo("off");
        }
    }

    @Test
    void aStoppedServerLeavesNoDataFolderAndTheNextUseStartsAnother() throws Exception {
        // 15 serves only this class, so stopping it costs no other test a restart.
        Path dataFolder;
        try (Connection c = PostgresServers.freshDatabase(15)) {
            dataFolder = Path.of(show(c, "data_directory"));
        }
        assertThat(dataFolder).isDirectory();

        PostgresServers.stop(15);

        assertThat(Files.exists(dataFolder)).isFalse();
        assertThat(PostgresServers.running()).doesNotContain(15);
        try (Connection c = PostgresServers.freshDatabase(15)) {
            assertThat(Path.of(show(c, "data_directory"))).isNotEqualTo(dataFolder).isDirectory();
        }
    }

    @Test
    void aClassesDatabasesAreDroppedEvenWithASessionStillOnThem() throws Exception {
        int major = PostgresServers.REFERENCE;
        try (Connection left = PostgresServers.freshDatabase(major)) {
            String name = left.getCatalog();
            assertThat(PostgresServers.created(name)).isTrue();

            // What SharedPostgres does after each top-level class.
            PostgresServers.dropDatabases();

            assertThat(PostgresServers.created(name)).isFalse();
            try (Connection admin =
                            PostgresServers.server(major).getPostgresDatabase().getConnection();
                    java.sql.PreparedStatement ps =
                            admin.prepareStatement(
                                    "SELECT count(*) FROM pg_database WHERE datname = ?")) {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getInt(1)).isZero();
                }
            }
        }
    }

    private static String show(Connection c, String setting) throws Exception {
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SHOW " + setting)) {
            assertThat(rs.next()).isTrue();
            return rs.getString(1);
        }
    }
}
