package dev.evoplan.source.sql;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Prints lexing + parsing throughput on a generated 25,000-statement script; asserts results, not
 * time.
 */
class SqlParserThroughputTest {

    @Test
    void measuresTwentyFiveThousandStatements() {
        String[] shapes = {
            "CREATE TABLE t%d (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name varchar(100) NOT NULL DEFAULT 'x', created_at timestamptz DEFAULT now());",
            "ALTER TABLE t%d ADD COLUMN c int, ALTER COLUMN name TYPE text USING name::text, ADD CONSTRAINT k CHECK (c > 0) NOT VALID;",
            "CREATE INDEX CONCURRENTLY IF NOT EXISTS i%d ON t (lower(name), created_at DESC) INCLUDE (id) WHERE name IS NOT NULL;",
            "UPDATE t%d SET name = 'y' WHERE id < 1000;",
            "COMMENT ON COLUMN t%d.name IS 'the name; of things';",
        };
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 25_000; i++) {
            sb.append(String.format(shapes[i % shapes.length], i)).append('\n');
        }
        String sql = sb.toString();
        // Best of a few runs: the first ones pay for JIT compilation, and the build machine is
        // shared.
        SqlScript script = null;
        long nanos = Long.MAX_VALUE;
        long splitNanos = Long.MAX_VALUE;
        for (int run = 0; run < 4; run++) {
            long start = System.nanoTime();
            SqlSplitter.split(sql, "gen.sql");
            splitNanos = Math.min(splitNanos, System.nanoTime() - start);
            start = System.nanoTime();
            script = SqlParser.parse(sql, "gen.sql");
            nanos = Math.min(nanos, System.nanoTime() - start);
        }
        assertThat(script.statements())
                .hasSize(25_000)
                .noneMatch(s -> s.kind() == SqlStatement.Kind.UNRECOGNIZED);
        System.out.printf(
                "SQL throughput: 25,000 statements (%.1f MB) lexed and parsed in %d ms (%.0f statements/s);"
                        + " lexing and splitting alone %d ms%n",
                sql.length() / 1e6,
                nanos / 1_000_000,
                25_000 / (nanos / 1e9),
                splitNanos / 1_000_000);
    }
}
