package dev.evoplan.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PostgresServersTest {
    @ParameterizedTest
    @ValueSource(ints = {14, 15, 16, 17, 18})
    void startsTheRequestedMajor(int major) throws Exception {
        try (Connection c = PostgresServers.freshDatabase(major); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SHOW server_version_num")) {
            assertThat(rs.next()).isTrue();
            assertThat(Integer.parseInt(rs.getString(1)) / 10000).isEqualTo(major);
        }
    }
}
