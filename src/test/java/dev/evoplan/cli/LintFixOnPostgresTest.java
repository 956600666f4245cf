package dev.evoplan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evoplan.source.sql.SqlSplitter;
import dev.evoplan.testing.PostgresServers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The files {@code lint --fix} writes run on PostgreSQL: a plain psql-style file statement by
 * statement in autocommit, a split Flyway pair each as Flyway would (the original in one
 * transaction, the new version alone, as its .conf says), leaving the indexes valid and the
 * constraints validated.
 */
@Tag("postgres")
class LintFixOnPostgresTest {
    private static final String BASE =
            """
            CREATE TABLE customers (id bigint PRIMARY KEY);
            CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint, qty int, note text);
            CREATE INDEX orders_old_idx ON orders (qty);
            INSERT INTO customers VALUES (1);
            INSERT INTO orders VALUES (1, 1, 3, 'x');
            """;

    @TempDir Path dir;

    @Test
    void theFixedFilesRunAndLeaveValidIndexesAndConstraints() throws Exception {
        Path base = Files.writeString(dir.resolve("base.sql"), BASE);
        Path plain =
                Files.writeString(
                        dir.resolve("001_all.sql"),
                        "CREATE INDEX orders_customer_idx ON orders (customer_id);\n"
                                + "ALTER TABLE orders ADD CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES customers (id);\n"
                                + "ALTER TABLE orders ADD CONSTRAINT qty_positive CHECK (qty > 0);\nDROP INDEX orders_old_idx;\n");
        Files.createDirectories(dir.resolve("fw"));
        Path flyway =
                Files.writeString(
                        dir.resolve("fw/V2__more.sql"),
                        "ALTER TABLE orders ADD COLUMN extra text;\nCREATE INDEX orders_extra_idx ON orders (extra);\n");
        for (Path m : new Path[] {plain, flyway}) {
            CliRun run = CliRun.of("lint", "--fix", "--schema", base.toString(), m.toString());
            assertThat(run.err()).contains("fixed 1 file");
        }
        Path split = dir.resolve("fw/V2_1__more_concurrently.sql");
        assertThat(Files.readString(dir.resolve("fw/V2_1__more_concurrently.sql.conf")))
                .isEqualTo("executeInTransaction=false\n");
        for (int major : PostgresServers.MAJORS) {
            try (Connection c = PostgresServers.freshDatabase(major)) {
                run(c, Files.readString(base), true);
                run(c, Files.readString(plain), true);
                run(c, Files.readString(flyway), false);
                run(c, Files.readString(split), true);
                assertThat(one(c, "SELECT count(*) FROM pg_index WHERE NOT indisvalid"))
                        .isEqualTo("0");
                assertThat(
                                one(
                                        c,
                                        "SELECT string_agg(indexrelid::regclass::text, ',' ORDER BY indexrelid::regclass::text) FROM pg_index"
                                                + " WHERE indrelid = 'orders'::regclass"))
                        .isEqualTo("orders_customer_idx,orders_extra_idx,orders_pkey");
                assertThat(
                                one(
                                        c,
                                        "SELECT string_agg(conname || '=' || convalidated, ',' ORDER BY conname) FROM pg_constraint"
                                                + " WHERE conrelid = 'orders'::regclass AND contype IN ('f', 'c')"))
                        .isEqualTo("orders_customer_fk=true,qty_positive=true");
            }
        }
    }

    /**
     * Statement by statement: in autocommit as psql does, or in one transaction as Flyway runs a
     * file by default.
     */
    private static void run(Connection c, String sql, boolean autocommit) throws Exception {
        c.setAutoCommit(autocommit);
        try (Statement st = c.createStatement()) {
            for (SqlSplitter.Statement s : SqlSplitter.split(sql, "fixed").statements()) {
                st.execute(s.text());
            }
        }
        if (!autocommit) {
            c.commit();
            c.setAutoCommit(true);
        }
    }

    private static String one(Connection c, String sql) throws Exception {
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
