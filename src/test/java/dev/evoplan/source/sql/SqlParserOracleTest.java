package dev.evoplan.source.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evoplan.testing.PostgresServers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The parser against the real thing: PostgreSQL 16 runs the corpus statement by statement. */
@Tag("postgres")
class SqlParserOracleTest {
    private static final Path CORPUS = Path.of("fixtures/sql/corpus.sql");

    @Test
    void everyCorpusStatementIsTypedAndPostgresRunsEachAsExactlyOneStatement() throws Exception {
        String sql = Files.readString(CORPUS);
        SqlScript script = SqlParser.parse(sql, CORPUS.toString());

        assertThat(script.statements()).hasSizeGreaterThanOrEqualTo(40);
        assertThat(script.statements())
                .allSatisfy(
                        s ->
                                assertThat(s.kind())
                                        .as("%s: %s", s.span().where(), s.span().text())
                                        .isNotEqualTo(SqlStatement.Kind.UNRECOGNIZED));
        assertThat(script.diagnostics())
                .singleElement()
                .satisfies(
                        d ->
                                assertThat(d.message())
                                        .startsWith("psql meta-command skipped: \\set"));

        try (Connection db = PostgresServers.freshDatabase(16);
                Statement st = db.createStatement()) {
            int ran = 0;
            for (SqlStatement s : script.statements()) {
                // One statement per round trip: a fragment cut too early fails to parse on the
                // server, and
                // two statements glued together come back as two results.
                try {
                    st.execute(s.span().text());
                } catch (SQLException e) {
                    throw new AssertionError(
                            s.span().where()
                                    + " rejected by PostgreSQL: "
                                    + e.getMessage()
                                    + "\n"
                                    + s.span().text(),
                            e);
                }
                int results = 1;
                while (st.getMoreResults() || st.getUpdateCount() != -1) {
                    results++;
                }
                assertThat(results).as("results of %s", s.span().where()).isEqualTo(1);
                ran++;
            }
            assertThat(ran).isEqualTo(script.statements().size());
        }
    }

    @Test
    void aStatementPostgresRejectsIsNotMadeValidByTheParser() throws Exception {
        // Negative control for the oracle: the parser's reading must not be what makes the corpus
        // pass.
        SqlScript script =
                SqlParser.parse("CREATE TABLE t (id int PRIMARY KEY PRIMARY KEY);", "bad.sql");
        assertThat(script.statements()).hasSize(1);
        try (Connection db = PostgresServers.freshDatabase(16);
                Statement st = db.createStatement()) {
            org.assertj.core.api.Assertions.assertThatThrownBy(
                            () -> st.execute(script.statements().get(0).span().text()))
                    .isInstanceOf(SQLException.class);
        }
    }
}
