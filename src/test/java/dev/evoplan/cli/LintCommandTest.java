package dev.evoplan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code evoplan lint} from the outside: arguments in, exit code and report out. */
class LintCommandTest {
    @TempDir Path dir;

    private String file(String name, String sql) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, sql);
        return p.toString();
    }

    @Test
    void aDowntimeStatementFailsTheDefaultGateAndIsNamedByFileLineAndColumn() throws IOException {
        String f =
                file(
                        "V2__idx.sql",
                        "ALTER TABLE a ADD COLUMN c int;\n\n  CREATE INDEX a_c_idx ON a (c);\n");
        CliRun run = CliRun.of("lint", f);
        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        assertThat(run.out())
                .contains(f + ":3:3: DOWNTIME create-index-non-concurrent (EP101)")
                .contains("CREATE INDEX CONCURRENTLY a_c_idx");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void
            aFlywayFileMixingTransactionKindsIsDowntimeAtItsConcurrentStatementAndCanBeSuppressedWithAReason()
                    throws IOException {
        String f =
                file(
                        "flyway/V7__note.sql",
                        "SET lock_timeout = '2s';\nALTER TABLE a ADD COLUMN note text;\n"
                                + "CREATE INDEX CONCURRENTLY a_note_idx ON a (note);\n");
        CliRun run = CliRun.of("lint", f);
        assertThat(run.exitCode()).as(run.out()).isEqualTo(1);
        assertThat(run.out())
                .contains(f + ":3:1: DOWNTIME flyway-mixed-transaction (EP405)")
                .contains("Detected both transactional and non-transactional statements")
                .contains("executeInTransaction=false");

        String mixedOn =
                file(
                        "flyway/V8__note.sql",
                        "-- evoplan:ignore-file EP405 this project runs Flyway with mixed=true\n"
                                + "SET lock_timeout = '2s';\nCREATE INDEX CONCURRENTLY a_note2_idx ON a (note);\n");
        CliRun suppressed = CliRun.of("lint", mixedOn);
        assertThat(suppressed.exitCode()).as(suppressed.out()).isEqualTo(0);
        assertThat(suppressed.out())
                .contains("Suppressed (1):")
                .contains("flyway-mixed-transaction");
    }

    @Test
    void safeMigrationsPassEveryGate() throws IOException {
        String f =
                file(
                        "001_init.sql",
                        "CREATE TABLE a (id bigint PRIMARY KEY, c int);\nCREATE INDEX a_c_idx ON a (c);\n");
        CliRun run = CliRun.of("lint", "--fail-on", "multi-step", f);
        assertThat(run.exitCode()).as(run.out()).isEqualTo(0);
        assertThat(run.out()).contains("verdict: SAFE").contains("No findings above safe.");
        assertThat(CliRun.of("lint", "--show-safe", f).out()).contains("change-on-new-table");
    }

    @Test
    void theMultiStepGateIsStricterThanTheDowntimeGate() throws IOException {
        String f = file("002_drop.sql", "ALTER TABLE a DROP COLUMN c;\n");
        assertThat(CliRun.of("lint", "--assume-lock-timeout", "2s", f).exitCode()).isEqualTo(0);
        assertThat(CliRun.of("lint", "--fail-on", "multi-step", f).exitCode()).isEqualTo(1);
    }

    @Test
    void tableRowsMakeAScanOfASmallTableSafe() throws IOException {
        String f =
                file(
                        "003_check.sql",
                        "SET lock_timeout = '2s';\nALTER TABLE a ADD CONSTRAINT a_c CHECK (c > 0);\n");
        assertThat(CliRun.of("lint", f).exitCode()).isEqualTo(1);
        CliRun small = CliRun.of("lint", "--table-rows", "a=100", f);
        assertThat(small.exitCode()).as(small.out()).isEqualTo(0);
    }

    @Test
    void jsonHasEveryFindingWithItsColumn() throws IOException {
        String f =
                file("004_idx.sql", "SET lock_timeout = '2s';\n  CREATE INDEX a_c_idx ON a (c);\n");
        CliRun run = CliRun.of("lint", "--format", "json", f);
        JsonNode root = new ObjectMapper().readTree(run.out());
        assertThat(root.get("command").asText()).isEqualTo("lint");
        assertThat(root.get("verdict").asText()).isEqualTo("downtime");
        JsonNode finding = root.get("findings").get(0);
        assertThat(finding.get("rule").asText()).isEqualTo("create-index-non-concurrent");
        assertThat(finding.get("origin").get("line").asInt()).isEqualTo(2);
        assertThat(finding.get("origin").get("column").asInt()).isEqualTo(3);
        assertThat(finding.get("fixSql").get(0).asText()).contains("CONCURRENTLY");
    }

    @Test
    void markdownIsATableAndASectionPerFinding() throws IOException {
        String f = file("005_idx.sql", "CREATE INDEX a_c_idx ON a (c);\n");
        CliRun run = CliRun.of("lint", "--format", "markdown", f);
        assertThat(run.out())
                .startsWith("## evoplan lint: DOWNTIME")
                .contains("| verdict | where | rule | statement | lock |")
                .contains("Instead of:")
                .contains("Use:");
    }

    @Test
    void aFolderIsLintedInItsToolsOrder() throws IOException {
        file("db/V1__init.sql", "CREATE TABLE a (id bigint PRIMARY KEY, c int);\n");
        file("db/V2__idx.sql", "CREATE INDEX a_c_idx ON a (c);\n");
        CliRun run = CliRun.of("lint", dir.resolve("db").toString());
        assertThat(run.out())
                .contains("(2 files, 2 statements)")
                .contains("V2__idx.sql:1:1: DOWNTIME");
    }

    @Test
    void aMissingFileIsAnInputErrorOnOneLineAndNoReportIsWritten() {
        Path report = dir.resolve("report.txt");
        CliRun run = CliRun.of("lint", "-o", report.toString(), dir.resolve("nope.sql").toString());
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err().strip())
                .doesNotContain("\n")
                .contains("nope.sql")
                .contains("no such file");
        assertThat(report).doesNotExist();
    }

    private String temporalFolder(String v12Manifest) throws IOException {
        file("versioned/v1.0/schema.sql", "CREATE TABLE t (id int);\n");
        file("versioned/v1.0/manifest.json", "{\"SchemaUpdateCqlFiles\": [\"schema.sql\"]}\n");
        file("versioned/v1.2/a.sql", "ALTER TABLE t ADD COLUMN a int;\n");
        file("versioned/v1.2/manifest.json", v12Manifest);
        return dir.resolve("versioned").toString();
    }

    @Test
    void aFileATemporalManifestListsButIsMissingIsAnInputErrorAtItsLine() throws IOException {
        String folder =
                temporalFolder(
                        "{\n  \"CurrVersion\": \"1.2\",\n  \"SchemaUpdateCqlFiles\": [\n"
                                + "    \"a.sql\",\n    \"gone.sql\"\n  ]\n}\n");
        for (CliRun run :
                java.util.List.of(
                        CliRun.of("lint", folder),
                        CliRun.of("plan", "--from", folder, "--to", folder))) {
            assertThat(run.exitCode()).isEqualTo(3);
            assertThat(run.err().strip())
                    .doesNotContain("\n")
                    .doesNotContain("Exception")
                    .startsWith(
                            "evoplan: "
                                    + folder
                                    + "/v1.2/manifest.json:5: lists gone.sql, which is not in v1.2/");
        }
    }

    @Test
    void aTemporalManifestListingFilesThatAreThereIsRead() throws IOException {
        String folder =
                temporalFolder(
                        "{\n  \"SchemaUpdateCqlFiles\": [\n    \"a.sql\"\n  ],\n"
                                + "  \"Other\": {\"x\": [1]}\n}\n");
        CliRun run = CliRun.of("lint", folder);
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("(2 files, 2 statements)").doesNotContain("not listed");
        // A program beside the files is not one of them: temporal-sql-tool runs only what the
        // manifest lists.
        file("versioned/v1.2/reindex.sh", "curl -X POST localhost:9200/_reindex\n");
        CliRun script = CliRun.of("lint", folder);
        assertThat(script.out()).isEqualTo(run.out());
        file("versioned/v1.2/extra.sql", "DROP TABLE t;\n");
        CliRun unlisted = CliRun.of("lint", folder);
        assertThat(unlisted.exitCode()).isZero();
        assertThat(unlisted.out())
                .contains("(2 files, 2 statements)")
                .contains(
                        folder
                                + "/v1.2/extra.sql: note: not listed in v1.2/manifest.json, so not read"
                                + " (temporal-sql-tool does not run it)");
    }

    @Test
    void aTemporalManifestListingAProgramIsAnInputErrorAtItsLine() throws IOException {
        String folder =
                temporalFolder(
                        "{\n  \"SchemaUpdateCqlFiles\": [\n    \"a.sql\",\n    \"fill.sh\"\n  ]\n}\n");
        file("versioned/v1.2/fill.sh", "psql -c 'UPDATE t SET a = 1'\n");
        CliRun run = CliRun.of("lint", folder);
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err().strip())
                .isEqualTo(
                        "evoplan: "
                                + folder
                                + "/v1.2/manifest.json:4: lists fill.sh, which is not a .sql file"
                                + " (temporal-sql-tool fails on it)");
    }

    @Test
    void aMalformedTemporalManifestIsAnInputErrorAtItsLine() throws IOException {
        String folder = temporalFolder("{\n  \"SchemaUpdateCqlFiles\": [\n    \"a.sql\"\n  \n}\n");
        CliRun run = CliRun.of("lint", folder);
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err().strip())
                .doesNotContain("\n")
                .isEqualTo("evoplan: " + folder + "/v1.2/manifest.json:5: is not valid JSON");
    }

    @Test
    void aTemporalManifestListingNoFilesIsAnInputErrorUnlessItAllowsNone() throws IOException {
        String folder = temporalFolder("{\"SchemaUpdateCqlFiles\": []}\n");
        CliRun run = CliRun.of("lint", folder);
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).contains("v1.2/manifest.json: lists no SchemaUpdateCqlFiles");
        file(
                "versioned/v1.2/manifest.json",
                "{\"SchemaUpdateCqlFiles\": [], \"AllowNoCqlFiles\": true}\n");
        CliRun allowed = CliRun.of("lint", folder);
        assertThat(allowed.exitCode()).isZero();
        assertThat(allowed.out()).contains("(1 file, 1 statement)");
    }

    private static final String CHANGELOG =
            "<databaseChangeLog xmlns=\"http://www.liquibase.org/xml/ns/dbchangelog\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:schemaLocation=\"http://www.liquibase.org/xml/ns/dbchangelog https://www.liquibase.org/xml/ns/dbchangelog/dbchangelog-latest.xsd\">\n%s</databaseChangeLog>\n";

    @Test
    void planAndCheckGoOnFromSchemaOnBothSides() throws IOException {
        String base =
                file(
                        "base.xml",
                        CHANGELOG.formatted(
                                "<changeSet id=\"b\" author=\"t\"><createTable tableName=\"provider\">"
                                        + "<column name=\"id\" type=\"bigint\"/><column name=\"role_id\" type=\"bigint\"/>"
                                        + "</createTable></changeSet>\n"));
        String add =
                "<changeSet id=\"u1\" author=\"t\"><addColumn tableName=\"provider\">"
                        + "<column name=\"note\" type=\"text\"/></addColumn></changeSet>\n";
        String index =
                "<changeSet id=\"u2\" author=\"t\"><createIndex tableName=\"provider\" indexName=\"p_role\">"
                        + "<column name=\"role_id\"/></createIndex></changeSet>\n";
        String a = file("a/update.xml", CHANGELOG.formatted(add));
        String b = file("b/update.xml", CHANGELOG.formatted(add + index));
        CliRun without = CliRun.of("plan", "--from", a, "--to", b);
        assertThat(without.exitCode()).isEqualTo(3);
        assertThat(without.err().strip())
                .doesNotContain("\n")
                .contains("table provider does not exist")
                .endsWith("give that one with --schema SRC)");
        for (String command : java.util.List.of("plan", "check")) {
            CliRun run = CliRun.of(command, "--schema", base, "--from", a, "--to", b);
            assertThat(run.exitCode()).as(run.err()).isEqualTo(command.equals("plan") ? 0 : 1);
            assertThat(run.out())
                    .contains("0 needs review")
                    .contains("create-index-non-concurrent")
                    .doesNotContain("note");
        }
        CliRun state = CliRun.of("plan", "--schema", base, "--from", file("s.sql", ""), "--to", b);
        assertThat(state.exitCode()).isEqualTo(3);
        assertThat(state.err()).contains("a lone SQL file is a schema state");
    }

    @Test
    void aMalformedChangelogIsAnInputErrorNamingIt() throws IOException {
        String f = file("bad.yaml", "databaseChangeLog:\n  - changeSet: [unclosed\n");
        CliRun run = CliRun.of("lint", f);
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).contains("bad.yaml").doesNotContain("Exception");
    }

    @Test
    void aBadLockTimeoutIsAUsageError() throws IOException {
        String f = file("006.sql", "SELECT 1;\n");
        assertThat(CliRun.of("lint", "--assume-lock-timeout", "soon", f).exitCode()).isEqualTo(2);
        assertThat(CliRun.of("lint").exitCode()).isEqualTo(2);
    }

    @Test
    void aSchemaMakesKnownTablesKnown() throws IOException {
        String schema =
                file("schema.sql", "CREATE TABLE a (id bigint PRIMARY KEY, c varchar(10));\n");
        String f =
                file(
                        "007_widen.sql",
                        "SET lock_timeout = '1s';\nALTER TABLE a ALTER COLUMN c TYPE varchar(20);\n");
        // Without the schema the old type is unknown: assumed to rewrite.
        assertThat(CliRun.of("lint", f).exitCode()).isEqualTo(1);
        CliRun known = CliRun.of("lint", "--schema", schema, f);
        assertThat(known.exitCode()).as(known.out()).isEqualTo(0);
    }

    @Test
    void theBundledSampleMigrationsGiveTheReadmesFindings() {
        String folder = CliTest.ROOT.resolve("changelogs/crawler/migrations").toString();
        CliRun run = CliRun.of("lint", "--format", "json", folder);
        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        assertThat(run.out()).contains("\"files\": 4").contains("\"statements\": 10");
        CliRun text = CliRun.of("lint", folder);
        // V1 creates and indexes its own tables, V2 and V2_1 are written the safe way: only V3 has
        // findings.
        assertThat(text.out().lines().filter(l -> l.startsWith(folder)))
                .allMatch(l -> l.startsWith(folder + "/V3__page_checks.sql:"))
                .extracting(l -> l.replaceFirst("^\\S+ ([A-Z-]+ ?[A-Z]*) ([a-z0-9-]+).*$", "$2"))
                .containsExactly(
                        "add-check-scans-table",
                        "strong-lock-without-lock-timeout",
                        "changeset-holds-lock-until-commit",
                        "set-not-null-scans-table",
                        "strong-lock-without-lock-timeout",
                        "create-index-non-concurrent",
                        "strong-lock-without-lock-timeout",
                        "data-change-unbatched",
                        "strong-lock-without-lock-timeout");
        assertThat(text.out())
                .contains("Suppressed (1):")
                .contains("V3__page_checks.sql:7:1: change-column-type-rewrites");
    }
}
