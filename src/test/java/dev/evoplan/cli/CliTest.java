package dev.evoplan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The command line from the outside: arguments in, exit code and text out. */
class CliTest {
    static final Path ROOT = Path.of(System.getProperty("evoplan.root", "."));
    static final String V1 =
            ROOT.resolve("changelogs/crawler/v1/db.changelog-master.yaml").toString();
    static final String V2 =
            ROOT.resolve("changelogs/crawler/v2/db.changelog-master.yaml").toString();

    @Test
    void planOnTheSampleReportsEveryVerdictAndAStagedPlan() {
        CliRun run = CliRun.of("plan", "--from", V1, "--to", V2, "--show-safe");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(0);
        // The sample's one raw SQL changeset (CREATE EXTENSION, then an index using it) is read
        // now: nothing needs review.
        assertThat(run.out())
                .contains("DOWNTIME", "MULTI-STEP", "SAFE")
                .contains(
                        "CREATE INDEX CONCURRENTLY",
                        "NOT VALID",
                        "VALIDATE CONSTRAINT",
                        "CHECKPOINT");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void checkFailsTheDowntimeGateOnTheSample() {
        CliRun run = CliRun.of("check", "--from", V1, "--to", V2, "--fail-on", "downtime");
        assertThat(run.exitCode()).isEqualTo(1);
    }

    @Test
    void checkPassesWhenNothingChanges() {
        CliRun run = CliRun.of("check", "--from", V1, "--to", V1, "--fail-on", "multi-step");
        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(0);
    }

    @Test
    void multiStepGateIsStricterThanDowntimeGate() {
        Path dir = ROOT.resolve("fixtures/cases/drop-column");
        String from = dir.resolve("from.yaml").toString();
        String to = dir.resolve("to.yaml").toString();
        assertThat(
                        CliRun.of("check", "--from", from, "--to", to, "--fail-on", "downtime")
                                .exitCode())
                .isEqualTo(0);
        assertThat(
                        CliRun.of("check", "--from", from, "--to", to, "--fail-on", "multi-step")
                                .exitCode())
                .isEqualTo(1);
    }

    @Test
    void tableRowsTurnARewriteOfASmallTableIntoSafe() {
        Path dir = ROOT.resolve("fixtures/cases/create-index");
        String from = dir.resolve("from.yaml").toString();
        String to = dir.resolve("to.yaml").toString();
        CliRun large = CliRun.of("check", "--from", from, "--to", to);
        assertThat(large.exitCode()).isEqualTo(1);
        assertThat(large.out()).contains("assumed large");
        String table = tableOf(to);
        CliRun small =
                CliRun.of("check", "--from", from, "--to", to, "--table-rows", table + "=500");
        assertThat(small.exitCode()).as(small.out()).isEqualTo(0);
    }

    private static String tableOf(String changelog) {
        JsonNode json =
                json(
                        CliRun.of(
                                        "plan",
                                        "--from",
                                        changelog.replace("to.yaml", "from.yaml"),
                                        "--to",
                                        changelog,
                                        "--format",
                                        "json")
                                .out());
        return json.path("findings").get(0).path("table").asText();
    }

    @Test
    void jsonOutputIsParseableAndVersioned() {
        CliRun run = CliRun.of("plan", "--from", V1, "--to", V2, "--format", "json");
        assertThat(run.exitCode()).isEqualTo(0);
        JsonNode json = json(run.out());
        assertThat(json.path("schemaVersion").asInt()).isEqualTo(1);
        assertThat(json.path("verdict").asText()).isEqualTo("downtime");
        assertThat(json.path("findings").size()).isGreaterThan(10);
        assertThat(json.path("plan").path("stages").size()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void markdownOutputHasASummaryTable() {
        CliRun run = CliRun.of("plan", "--from", V1, "--to", V2, "--format", "markdown");
        assertThat(run.exitCode()).isEqualTo(0);
        assertThat(run.out()).contains("| ").contains("```sql");
    }

    @Test
    void checkOfAFlywayFolderReportsANewFileFlywayRefusesForMixingTransactionKinds(
            @TempDir Path tmp) throws Exception {
        Path before = Files.createDirectories(tmp.resolve("before"));
        Path after = Files.createDirectories(tmp.resolve("after"));
        Files.writeString(
                before.resolve("V1__a.sql"),
                "CREATE TABLE a (id bigint PRIMARY KEY, note text);\n");
        Files.copy(before.resolve("V1__a.sql"), after.resolve("V1__a.sql"));
        Files.writeString(
                after.resolve("V2__idx.sql"),
                "SET lock_timeout = '2s';\nCREATE INDEX CONCURRENTLY a_note_idx ON a (note);\n");

        CliRun refused = CliRun.of("check", "--from", before.toString(), "--to", after.toString());
        assertThat(refused.exitCode()).as(refused.out()).isEqualTo(1);
        assertThat(refused.out())
                .contains("rule: flyway-mixed-transaction")
                .contains("where: V2__idx.sql:2:1");

        Files.writeString(after.resolve("V2__idx.sql.conf"), "executeInTransaction=false\n");
        CliRun outside = CliRun.of("check", "--from", before.toString(), "--to", after.toString());
        assertThat(outside.exitCode()).as(outside.out()).isEqualTo(0);
        assertThat(outside.out()).doesNotContain("flyway-mixed-transaction");
    }

    @Test
    void outputFileIsWrittenWhole(@TempDir Path tmp) throws Exception {
        Path report = tmp.resolve("report.json");
        CliRun run =
                CliRun.of(
                        "plan",
                        "--from",
                        V1,
                        "--to",
                        V2,
                        "--format",
                        "json",
                        "--output",
                        report.toString());
        assertThat(run.exitCode()).isEqualTo(0);
        assertThat(run.out()).isEmpty();
        assertThat(json(Files.readString(report)).path("schemaVersion").asInt()).isEqualTo(1);
        assertThat(Files.list(tmp)).containsExactly(report);
    }

    @Test
    void aTextReportWrittenAsRenderedIsTheSameOnStdoutAndInTheFile(@TempDir Path tmp)
            throws Exception {
        // The text report of a plan is handed on as it is rendered, to stdout or to a temp file
        // moved over the output once whole.
        Path report = tmp.resolve("report.txt");
        Files.writeString(report, "old\n");
        CliRun printed = CliRun.of("plan", "--from", V1, "--to", V2, "--show-safe");
        CliRun written =
                CliRun.of("plan", "--from", V1, "--to", V2, "--show-safe", "-o", report.toString());
        assertThat(printed.exitCode()).as(printed.err()).isZero();
        assertThat(written.exitCode()).as(written.err()).isZero();
        assertThat(written.out()).isEmpty();
        assertThat(printed.out()).contains("Plan (").endsWith("\n");
        assertThat(Files.readString(report)).isEqualTo(printed.out());
        assertThat(Files.list(tmp)).containsExactly(report);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "malformed.xml",
                "malformed.yaml",
                "malformed.json",
                "missing-include.yaml",
                "unknown-change.yaml",
                "empty.yaml"
            })
    void badInputIsOneLineWithFileAndExitCodeThree(String file, @TempDir Path tmp) {
        String bad = ROOT.resolve("fixtures/bad").resolve(file).toString();
        Path report = tmp.resolve("out.txt");
        CliRun run = CliRun.of("plan", "--from", V1, "--to", bad, "--output", report.toString());
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err().strip())
                .doesNotContain("\n")
                .contains(file)
                .doesNotContain("Exception", "\tat ");
        assertThat(run.out()).isEmpty();
        assertThat(report).doesNotExist();
    }

    @Test
    void missingFileIsAnInputError() {
        CliRun run = CliRun.of("plan", "--from", V1, "--to", "no/such/changelog.yaml");
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).contains("no/such/changelog.yaml").contains("no such file");
    }

    @Test
    void usageErrorsExitTwo() {
        assertThat(CliRun.of("plan", "--from", V1).exitCode()).isEqualTo(2);
        assertThat(CliRun.of("plan", "--from", V1, "--to", V2, "--format", "xml").exitCode())
                .isEqualTo(2);
        assertThat(CliRun.of("plan", "--from", V1, "--to", V2, "--pg-version", "9").exitCode())
                .isEqualTo(2);
        assertThat(
                        CliRun.of("check", "--from", V1, "--to", V2, "--fail-on", "sometimes")
                                .exitCode())
                .isEqualTo(2);
        assertThat(CliRun.of("frobnicate").exitCode()).isEqualTo(2);
        assertThat(CliRun.of("check", "--base", "main").err())
                .contains("--base needs the changelog PATH");
        assertThat(CliRun.of("check", "--base", "main", "--from", V1, "x.yaml").exitCode())
                .isEqualTo(2);
        assertThat(CliRun.of("check", "--from", V1, "--to", V2, "x.yaml").exitCode()).isEqualTo(2);
        assertThat(CliRun.of().exitCode()).isEqualTo(2);
    }

    @Test
    void helpListsExitCodes() {
        CliRun run = CliRun.of("check", "--help");
        assertThat(run.exitCode()).isEqualTo(0);
        assertThat(run.out())
                .contains(
                        "Exit codes:", "input error", "--fail-on", "--table-rows", "--pg-version");
    }

    @Test
    void rulesListsTheCatalogueAndExplainsOne() {
        CliRun list = CliRun.of("rules");
        assertThat(list.exitCode()).isEqualTo(0);
        assertThat(list.out())
                .contains("create-index-non-concurrent", "set-not-null-scans-table", "EP101");
        CliRun one = CliRun.of("rules", "create-index-non-concurrent");
        assertThat(one.exitCode()).isEqualTo(0);
        assertThat(one.out()).contains("Problem", "Solution", "CONCURRENTLY");
        assertThat(CliRun.of("rules", "EP101").out()).isEqualTo(one.out());
        assertThat(CliRun.of("rules", "no-such-rule").exitCode()).isEqualTo(2);
    }

    static JsonNode json(String text) {
        try {
            return new ObjectMapper().readTree(text);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }

    @Test
    void twoVersionsOfOneSchemaFileAreComparedAsStatesNotAsAnEditedMigration(
            @org.junit.jupiter.api.io.TempDir Path dir) throws java.io.IOException {
        Path cases = ROOT.resolve("fixtures/sql-cases/add-index");
        java.nio.file.Files.createDirectories(dir.resolve("v1"));
        java.nio.file.Files.createDirectories(dir.resolve("v2"));
        java.nio.file.Files.copy(cases.resolve("from.sql"), dir.resolve("v1/schema.sql"));
        java.nio.file.Files.copy(cases.resolve("to.sql"), dir.resolve("v2/schema.sql"));
        CliRun run =
                CliRun.of(
                        "check",
                        "--from",
                        dir.resolve("v1/schema.sql").toString(),
                        "--to",
                        dir.resolve("v2/schema.sql").toString(),
                        "--show-safe");
        // to.sql is from.sql with two statements appended: they are what will run, as written.
        assertThat(run.out())
                .contains(
                        "mode: as written: 1 new changeset (the new side is the old side's file"
                                + " with 2 statements appended)")
                .doesNotContain("ran-changeset-edited")
                .contains("create-index-non-concurrent");
        // An edit of a statement the old file has makes the two files two states.
        java.nio.file.Files.writeString(
                dir.resolve("v2/schema.sql"),
                java.nio.file.Files.readString(dir.resolve("v2/schema.sql"))
                        .replace("bigserial", "bigint GENERATED ALWAYS AS IDENTITY"));
        CliRun edited =
                CliRun.of(
                        "check",
                        "--from",
                        dir.resolve("v1/schema.sql").toString(),
                        "--to",
                        dir.resolve("v2/schema.sql").toString(),
                        "--show-safe");
        assertThat(edited.out())
                .contains("mode: as planned: the two sides share no changeset")
                .doesNotContain("ran-changeset-edited")
                .contains("create-index-non-concurrent");
    }

    @Test
    void aFlywayFolderGainingASecondMigrationOfOneVersionFailsTheGate(
            @org.junit.jupiter.api.io.TempDir Path dir) throws java.io.IOException {
        for (String side : java.util.List.of("base", "head")) {
            java.nio.file.Files.createDirectories(dir.resolve(side));
            java.nio.file.Files.writeString(
                    dir.resolve(side).resolve("V1__init.sql"),
                    "CREATE TABLE a (id bigint PRIMARY KEY);\n");
            java.nio.file.Files.writeString(
                    dir.resolve(side).resolve("V2__b.sql"), "ALTER TABLE a ADD COLUMN b int;\n");
        }
        java.nio.file.Files.writeString(
                dir.resolve("head/V2__c.sql"), "ALTER TABLE a ADD COLUMN c int;\n");
        CliRun run =
                CliRun.of(
                        "check",
                        "--from",
                        dir.resolve("base").toString(),
                        "--to",
                        dir.resolve("head").toString());
        assertThat(run.exitCode()).as(run.out()).isEqualTo(1);
        assertThat(run.out()).contains("changeset-id-duplicated").contains("has version 2");
        java.nio.file.Files.move(dir.resolve("head/V2__c.sql"), dir.resolve("head/V3__c.sql"));
        CliRun fixed =
                CliRun.of(
                        "check",
                        "--from",
                        dir.resolve("base").toString(),
                        "--to",
                        dir.resolve("head").toString());
        assertThat(fixed.out()).doesNotContain("changeset-id-duplicated");
    }
}
