package dev.evoplan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Project config and rule control through the command line: precedence (default &lt; file &lt;
 * flag), every way to turn a rule off or change its verdict, each seen in the report and the exit
 * code, and the errors a wrong config gives.
 */
class RuleControlCliTest {
    @TempDir Path dir;

    private String index;
    private String column;

    @BeforeEach
    void migrations() throws IOException {
        // idx.sql: EP101 downtime and EP302 multi-step; add.sql: EP302 multi-step and a safe EP001.
        index = write("legacy/idx.sql", "CREATE INDEX a_c_idx ON a (c);\n");
        column = write("current/add.sql", "ALTER TABLE a ADD COLUMN x int;\n");
    }

    /**
     * Lint of the added column with EP302 off and its safe EP001 note raised to multi-step, with
     * {@code more} options.
     */
    private CliRun lintRaisingTheSafeNote(String... more) {
        List<String> args =
                new ArrayList<>(
                        List.of(
                                "lint",
                                "--disable",
                                "EP302",
                                "--severity",
                                "metadata-only-change=multi-step"));
        args.addAll(List.of(more));
        args.add(column);
        return CliRun.of(args.toArray(String[]::new));
    }

    private String write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        return file.toString();
    }

    private String config(String yaml) throws IOException {
        return write(".evoplan.yaml", yaml);
    }

    @Test
    void configPrintsEachValueWithWhereItCameFrom() throws IOException {
        String config = config("pg-version: 14\nsmall-table-rows: 500\n");
        CliRun run = CliRun.of("config", "--config", config, "--small-table-rows", "700");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(0);
        assertThat(run.out())
                .containsPattern("pg-version\\s+14\\s+\\S*\\.evoplan\\.yaml:1")
                .containsPattern("small-table-rows\\s+700\\s+--small-table-rows")
                .containsPattern("batch-size\\s+10000\\s+default");
    }

    @Test
    void includeAllFiltersComeFromTheFileAndTheFlagAndABadOneIsRefused() throws IOException {
        String config =
                config(
                        "pg-version: 16\ninclude-all-filters:\n"
                                + "  com.example.ModuleFilter: \"**/module-master.xml\"\n");
        CliRun run =
                CliRun.of(
                        "config",
                        "--config",
                        config,
                        "--include-all-filter",
                        "com.example.OtherFilter=**/other.xml");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(0);
        assertThat(run.out())
                .containsPattern(
                        "include-all-filters\\.com\\.example\\.ModuleFilter\\s+\\*\\*/module-master\\.xml\\s+\\S*\\.evoplan\\.yaml:3")
                .containsPattern(
                        "include-all-filters\\.com\\.example\\.OtherFilter\\s+\\*\\*/other\\.xml\\s+--include-all-filter");

        CliRun badFile =
                CliRun.of("config", "--config", config("include-all-filters:\n  x.Y: \"[\"\n"));
        assertThat(badFile.exitCode()).isEqualTo(3);
        assertThat(badFile.err()).contains(".evoplan.yaml:2: ").contains("not a glob for x.Y");

        CliRun badFlag = CliRun.of("config", "--include-all-filter", "not a class=**/x.xml");
        assertThat(badFlag.exitCode()).isEqualTo(2);
        assertThat(badFlag.err()).contains("--include-all-filter: not a Java class name");
    }

    @Test
    void precedenceIsDefaultThenFileThenFlag() throws IOException {
        String config = config("pg-version: 10\n");
        // PostgreSQL 10 has no fast default: ADD COLUMN ... DEFAULT 0 rewrites, so the file's
        // version shows in the verdict.
        String fastDefault =
                write("v/V1__d.sql", "ALTER TABLE a ADD COLUMN d int NOT NULL DEFAULT 0;\n");
        CliRun byDefault = CliRun.of("lint", "--disable", "EP302", fastDefault);
        CliRun byFile = CliRun.of("lint", "--config", config, "--disable", "EP302", fastDefault);
        CliRun byFlag =
                CliRun.of(
                        "lint",
                        "--config",
                        config,
                        "--pg-version",
                        "16",
                        "--disable",
                        "EP302",
                        fastDefault);
        assertThat(byDefault.out()).contains("PostgreSQL 16").contains("verdict: SAFE");
        assertThat(byFile.out()).contains("PostgreSQL 10").contains("verdict: DOWNTIME");
        assertThat(byFile.exitCode()).isEqualTo(1);
        assertThat(byFlag.out()).contains("PostgreSQL 16").contains("verdict: SAFE");
        assertThat(byFlag.exitCode()).isEqualTo(0);
    }

    @Test
    void aRuleTurnedOffInTheFileLeavesTheReportAndTheGateAndTheReportSaysSo() throws IOException {
        String config = config("fail-on: multi-step\nrules:\n  EP302: off\n");
        CliRun without = CliRun.of("lint", "--fail-on", "multi-step", column);
        CliRun with = CliRun.of("lint", "--config", config, column);
        assertThat(without.exitCode()).isEqualTo(1);
        assertThat(without.out()).contains("strong-lock-without-lock-timeout");
        assertThat(with.exitCode()).as(with.out()).isEqualTo(0);
        assertThat(with.out())
                .doesNotContain("MULTI-STEP strong-lock")
                .containsPattern(
                        "rule control: strong-lock-without-lock-timeout \\(EP302\\) off \\(\\S*\\.evoplan\\.yaml:3\\): 1 finding dropped");
    }

    @Test
    void disableDropsOnlyTheRuleNamed() {
        CliRun run =
                CliRun.of(
                        "lint",
                        "--disable",
                        "create-index-non-concurrent",
                        "--show-safe",
                        index,
                        column);
        assertThat(run.out())
                .doesNotContain("DOWNTIME create-index-non-concurrent")
                .contains("MULTI-STEP strong-lock-without-lock-timeout")
                .contains(
                        "rule control: create-index-non-concurrent (EP101) off (--disable): 1 finding dropped");
        assertThat(run.exitCode()).as("no downtime left: the default gate passes").isEqualTo(0);
    }

    @Test
    void severityLowersAndRaisesTheVerdictAndTheExitCode() {
        CliRun lowered = CliRun.of("lint", "--severity", "EP101=multi-step", index);
        assertThat(lowered.exitCode()).as(lowered.out()).isEqualTo(0);
        assertThat(lowered.out()).contains("verdict: MULTI-STEP").contains("1 lowered");

        CliRun raised = CliRun.of("lint", "--severity", "EP302=downtime", column);
        assertThat(raised.exitCode()).as(raised.out()).isEqualTo(1);
        assertThat(raised.out()).contains("verdict: DOWNTIME").contains("1 raised");
        assertThat(raised.out())
                .as("the safe EP001 note of the same statement is untouched")
                .doesNotContain("metadata-only-change (EP001) set");

        CliRun quiet = CliRun.of("lint", "--quiet", "--severity", "EP302=downtime", column);
        assertThat(quiet.out()).contains("rule control: 1 setting applied");
    }

    @Test
    void aSafeNoteCanBeRaisedToFailTheGate() {
        CliRun run = lintRaisingTheSafeNote("--fail-on", "multi-step");
        assertThat(run.exitCode()).as(run.out()).isEqualTo(1);
        assertThat(run.out()).contains("MULTI-STEP metadata-only-change");
    }

    @Test
    void aSafeNoteRaisedIsPrintedWholeThoughTextOnlyCountsSafeFindings() {
        // Lint keeps a safe finding a text report does not list as its rule, verdict and place;
        // one that rule control raises into the listed ones keeps its subject and wording.
        CliRun run = lintRaisingTheSafeNote();
        assertThat(run.exitCode()).as(run.err()).isEqualTo(0);
        assertThat(run.out())
                .contains("add.sql:1:1: MULTI-STEP metadata-only-change (EP001): add column a.x\n")
                .contains("  what: ADD COLUMN a.x takes an ACCESS EXCLUSIVE lock on a");
    }

    @Test
    void enableOnTheCommandLineWinsOverTheFile() throws IOException {
        String config = config("rules:\n  EP101: off\n");
        CliRun off = CliRun.of("lint", "--config", config, index);
        CliRun on = CliRun.of("lint", "--config", config, "--enable", "EP101", index);
        assertThat(off.exitCode()).isEqualTo(0);
        assertThat(on.exitCode()).as(on.out()).isEqualTo(1);
        assertThat(on.out())
                .contains("DOWNTIME create-index-non-concurrent")
                .doesNotContain("rule control:");
    }

    @Test
    void aRuleLimitedToPathsChangesOnlyFindingsThere() throws IOException {
        String config = config("rules:\n  EP302: {level: off, paths: [\"legacy/**\"]}\n");
        CliRun run = CliRun.of("lint", "--config", config, "--format", "json", index, column);
        assertThat(run.out())
                .contains("\"ruleControl\"")
                .contains("strong-lock-without-lock-timeout (EP302) off in legacy/**");
        // The one EP302 left is the one in current/add.sql.
        assertThat(run.out().split("\"rule\": \"strong-lock-without-lock-timeout\"", -1))
                .hasSize(2);
        assertThat(run.out()).contains("current/add.sql");
    }

    @Test
    void excludedPathsReportNothingAndSaySo() throws IOException {
        String config = config("exclude: [\"legacy/**\"]\n");
        CliRun run = CliRun.of("lint", "--config", config, index);
        assertThat(run.exitCode()).as(run.out()).isEqualTo(0);
        assertThat(run.out()).contains("excluded: 2 findings in legacy/**");
    }

    @Test
    void theFileSetsTheMigrationsLintReadsWhenNoneAreGiven() throws IOException {
        String config = config("migrations: legacy\n");
        CliRun run = CliRun.of("lint", "--config", config);
        assertThat(run.out()).contains("create-index-non-concurrent");
        CliRun none = CliRun.of("lint");
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.err()).contains("migrations:");
    }

    @Test
    void anUnknownKeyIsAnInputErrorWithFileAndLine() throws IOException {
        String config = config("pg-version: 16\nfail_on: downtime\n");
        CliRun run = CliRun.of("lint", "--config", config, index);
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err().strip())
                .matches("evoplan: \\S*\\.evoplan\\.yaml:2: unknown key 'fail_on' .*")
                .doesNotContain("Exception")
                .hasLineCount(1);
    }

    @Test
    void anUnknownRuleOrLevelInTheFileIsAnInputErrorWithItsLine() throws IOException {
        CliRun rule =
                CliRun.of(
                        "check",
                        "--config",
                        config("# rules\nrules:\n  EP9999: off\n"),
                        "--from",
                        index,
                        "--to",
                        index);
        assertThat(rule.exitCode()).isEqualTo(3);
        assertThat(rule.err()).containsPattern("\\.evoplan\\.yaml:3: unknown rule 'EP9999'");
        CliRun level =
                CliRun.of(
                        "plan",
                        "--config",
                        config("rules:\n  EP302:\n    level: loud\n"),
                        "--from",
                        index,
                        "--to",
                        index);
        assertThat(level.exitCode()).isEqualTo(3);
        assertThat(level.err()).containsPattern("\\.evoplan\\.yaml:3: unknown rule level 'loud'");
        CliRun value = CliRun.of("lint", "--config", config("pg-version: 9\n"), index);
        assertThat(value.exitCode()).isEqualTo(3);
        assertThat(value.err()).containsPattern("\\.evoplan\\.yaml:1: pg-version must be");
    }

    @Test
    void anUnknownRuleOrLevelOnTheCommandLineIsAUsageError() {
        CliRun rule = CliRun.of("lint", "--disable", "EP9999", index);
        assertThat(rule.exitCode()).isEqualTo(2);
        assertThat(rule.err()).contains("--disable EP9999: no such rule");
        CliRun level = CliRun.of("lint", "--severity", "EP101=loud", index);
        assertThat(level.exitCode()).isEqualTo(2);
        assertThat(level.err()).contains("unknown level");
        CliRun twice =
                CliRun.of(
                        "lint",
                        "--disable",
                        "EP101",
                        "--enable",
                        "create-index-non-concurrent",
                        index);
        assertThat(twice.exitCode()).isEqualTo(2);
    }

    @Test
    void ruleControlAppliesToCheckAndPlanAndShowsInTheSummary() throws IOException {
        String from = write("from/V1__a.sql", "CREATE TABLE a (id bigint PRIMARY KEY, c int);\n");
        write("to/V1__a.sql", "CREATE TABLE a (id bigint PRIMARY KEY, c int);\n");
        String to = write("to/V2__idx.sql", "CREATE INDEX a_c_idx ON a (c);\n");
        String fromDir = Path.of(from).getParent().toString();
        String toDir = Path.of(to).getParent().toString();
        CliRun gate = CliRun.of("check", "--from", fromDir, "--to", toDir);
        CliRun lowered =
                CliRun.of(
                        "check",
                        "--severity",
                        "EP101=multi-step",
                        "--from",
                        fromDir,
                        "--to",
                        toDir);
        assertThat(gate.exitCode()).as(gate.out()).isEqualTo(1);
        assertThat(lowered.exitCode()).as(lowered.out()).isEqualTo(0);
        assertThat(lowered.out())
                .contains(
                        "rule control: create-index-non-concurrent (EP101) set to multi-step (--severity): 1 lowered");
        CliRun markdown =
                CliRun.of(
                        "plan",
                        "--disable",
                        "EP101",
                        "--format",
                        "markdown",
                        "--from",
                        fromDir,
                        "--to",
                        toDir);
        assertThat(markdown.out())
                .contains("**Rule control:**")
                .contains("EP101) off (--disable): 1 finding dropped");
        CliRun github =
                CliRun.of(
                        "check",
                        "--disable",
                        "EP101",
                        "--format",
                        "github",
                        "--from",
                        fromDir,
                        "--to",
                        toDir);
        assertThat(github.out())
                .contains(
                        "::notice title=evoplan rule control::rule control: create-index-non-concurrent");
    }
}
