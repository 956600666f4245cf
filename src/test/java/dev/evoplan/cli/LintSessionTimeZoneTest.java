package dev.evoplan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lint follows the session TimeZone a migration sets, as it follows lock_timeout: with UTC,
 * PostgreSQL 12+ changes timestamp to timestamptz (and back) without rewriting the table (measured:
 * same relfilenode, no scan), unless an index on the column must be rebuilt.
 */
class LintSessionTimeZoneTest {
    @TempDir Path dir;

    private String file(String name, String sql) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, sql);
        return p.toString();
    }

    private String schema() throws IOException {
        return file(
                "schema.sql",
                "CREATE TABLE events (id bigint PRIMARY KEY, at timestamp, indexed_at timestamp);\n"
                        + "CREATE INDEX events_indexed_at_idx ON events (indexed_at);\n");
    }

    @Test
    void utcSetByTheMigrationMakesTimestampToTimestamptzACatalogUpdate() throws IOException {
        for (String set :
                new String[] {
                    "SET TimeZone = 'UTC';", "SET TIME ZONE 'UTC';", "SET timezone TO 'Etc/UTC';"
                }) {
            String f =
                    file(
                            "V2__tz.sql",
                            "SET lock_timeout = '2s';\n"
                                    + set
                                    + "\n"
                                    + "ALTER TABLE events ALTER COLUMN at TYPE timestamptz;\n");
            CliRun run = CliRun.of("lint", "--show-safe", "--schema", schema(), f);
            assertThat(run.exitCode()).as(set + "\n" + run.out()).isEqualTo(0);
            assertThat(run.out())
                    .contains("SAFE metadata-only-change (EP001)")
                    .contains("the session TimeZone is UTC")
                    .doesNotContain("change-column-type-rewrites");
        }
    }

    @Test
    void withoutUtcOrBefore12OrOnAnIndexedColumnItStillRewrites() throws IOException {
        String none =
                file(
                        "V2__none.sql",
                        "SET lock_timeout = '2s';\nALTER TABLE events ALTER COLUMN at TYPE timestamptz;\n");
        assertThat(CliRun.of("lint", "--schema", schema(), none).out())
                .contains("DOWNTIME change-column-type-rewrites");

        String paris =
                file(
                        "V2__paris.sql",
                        "SET lock_timeout = '2s';\nSET TimeZone = 'Europe/Paris';\n"
                                + "ALTER TABLE events ALTER COLUMN at TYPE timestamptz;\n");
        assertThat(CliRun.of("lint", "--schema", schema(), paris).out())
                .contains("DOWNTIME change-column-type-rewrites");

        String utc =
                file(
                        "V2__utc.sql",
                        "SET lock_timeout = '2s';\nSET TimeZone = 'UTC';\n"
                                + "ALTER TABLE events ALTER COLUMN at TYPE timestamptz;\n");
        assertThat(CliRun.of("lint", "--pg-version", "11", "--schema", schema(), utc).out())
                .contains("DOWNTIME change-column-type-rewrites");

        String indexed =
                file(
                        "V2__indexed.sql",
                        "SET lock_timeout = '2s';\nSET TimeZone = 'UTC';\n"
                                + "ALTER TABLE events ALTER COLUMN indexed_at TYPE timestamptz;\n");
        assertThat(CliRun.of("lint", "--schema", schema(), indexed).out())
                .contains("DOWNTIME change-column-type-rewrites")
                .contains("each index on the column is rebuilt");
    }

    @Test
    void setLocalEndsWithItsTransactionAndResetForgetsIt() throws IOException {
        String local =
                file(
                        "local.sql",
                        "SET lock_timeout = '2s';\nBEGIN;\nSET LOCAL TimeZone = 'UTC';\n"
                                + "ALTER TABLE events ALTER COLUMN at TYPE timestamptz;\nCOMMIT;\n"
                                + "ALTER TABLE events ALTER COLUMN at TYPE timestamp;\n");
        String out = CliRun.of("lint", "--show-safe", "--schema", schema(), local).out();
        assertThat(out)
                .contains(local + ":4:1: SAFE metadata-only-change")
                .contains(local + ":6:1: DOWNTIME change-column-type-rewrites");

        String reset =
                file(
                        "V2__reset.sql",
                        "SET lock_timeout = '2s';\nSET TimeZone = 'UTC';\nRESET TimeZone;\n"
                                + "ALTER TABLE events ALTER COLUMN at TYPE timestamptz;\n");
        assertThat(CliRun.of("lint", "--schema", schema(), reset).out())
                .contains("DOWNTIME change-column-type-rewrites");
    }
}
