package dev.evoplan.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evoplan.cli.Main;
import dev.evoplan.model.QualifiedName;
import dev.evoplan.source.jdbc.TableSizes;
import dev.evoplan.testing.PostgresServers;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --stats-from}: table sizes from a live database's statistics feed the verdicts. */
@Tag("postgres")
class StatsFromTest {
    @TempDir Path dir;

    @Test
    void anAnalysedSmallTableMakesItsRewriteSafeAndAnUnanalysedOneStaysUnknown() throws Exception {
        String url;
        try (Connection c = PostgresServers.freshDatabase(16);
                Statement st = c.createStatement()) {
            // "fresh" stays unanalysed only because no autovacuum can analyse it behind the test's
            // back.
            try (java.sql.ResultSet rs = st.executeQuery("SHOW autovacuum")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("off");
            }
            st.execute("CREATE TABLE small (id int PRIMARY KEY, v int NOT NULL)");
            st.execute("INSERT INTO small SELECT g, g FROM generate_series(1, 100) g");
            st.execute("ANALYZE small");
            st.execute("CREATE TABLE fresh (id int PRIMARY KEY, v int NOT NULL)");
            st.execute("INSERT INTO fresh SELECT g, g FROM generate_series(1, 100) g");
            url = PostgresServers.server(16).getJdbcUrl("postgres", c.getCatalog());

            Map<QualifiedName, Long> sizes = TableSizes.read(c);
            assertThat(sizes)
                    .containsEntry(QualifiedName.of("small"), 100L)
                    .doesNotContainKey(QualifiedName.of("fresh"));
        }
        Path from =
                write(
                        "from.sql",
                        "CREATE TABLE small (id int PRIMARY KEY, v int NOT NULL);\n"
                                + "CREATE TABLE fresh (id int PRIMARY KEY, v int NOT NULL);\n");
        Path smallChanged =
                write(
                        "small.sql",
                        "CREATE TABLE small (id int PRIMARY KEY, v bigint NOT NULL);\n"
                                + "CREATE TABLE fresh (id int PRIMARY KEY, v int NOT NULL);\n");
        Path freshChanged =
                write(
                        "fresh.sql",
                        "CREATE TABLE small (id int PRIMARY KEY, v int NOT NULL);\n"
                                + "CREATE TABLE fresh (id int PRIMARY KEY, v bigint NOT NULL);\n");

        // Known small: the plan changes the type in place; unknown: expand and contract through a
        // new column.
        assertThat(plan(from, smallChanged, "--stats-from", url))
                .contains("small is small (100 rows)")
                .doesNotContain("Stage 2")
                .contains("verdict: SAFE");
        assertThat(plan(from, smallChanged))
                .doesNotContain("small is small")
                .contains("Stage 2")
                .contains("verdict: MULTI-STEP");
        assertThat(plan(from, freshChanged, "--stats-from", url))
                .doesNotContain("fresh is small")
                .contains("Stage 2");
        // --table-rows wins over the statistics.
        assertThat(plan(from, smallChanged, "--stats-from", url, "--table-rows", "small=50000000"))
                .doesNotContain("small is small")
                .contains("Stage 2");
    }

    @Test
    void anUnreachableStatsDatabaseIsAnInputErrorWithoutThePassword() throws Exception {
        Path from = write("a.sql", "CREATE TABLE t (id int);\n");
        StringWriter err = new StringWriter();
        int code =
                Main.run(
                        new String[] {
                            "plan",
                            "--from",
                            from.toString(),
                            "--to",
                            from.toString(),
                            "--stats-from",
                            "jdbc:postgresql://127.0.0.1:1/x?user=u&password=sekrit-pw-42&connectTimeout=2"
                        },
                        new PrintWriter(new StringWriter()),
                        new PrintWriter(err));
        assertThat(code).isEqualTo(3);
        assertThat(err.toString())
                .contains("cannot read table statistics")
                .doesNotContain("sekrit-pw-42");
    }

    private String plan(Path from, Path to, String... more) {
        String[] args = new String[8 + more.length];
        args[0] = "check";
        args[1] = "--from";
        args[2] = from.toString();
        args[3] = "--to";
        args[4] = to.toString();
        args[5] = "--fail-on";
        args[6] = "multi-step";
        args[7] = "--show-safe"; // the size notes asserted on are on safe findings too
        System.arraycopy(more, 0, args, 8, more.length);
        StringWriter out = new StringWriter();
        int code = Main.run(args, new PrintWriter(out), new PrintWriter(new StringWriter()));
        assertThat(code).as(out.toString()).isBetween(0, 1);
        return out.toString();
    }

    private Path write(String name, String text) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }
}
