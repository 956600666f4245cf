package dev.evoplan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The CI formats of {@code plan}, {@code check} and {@code lint} on the bundled sample: SARIF valid
 * against the official SARIF 2.1.0 schema, workflow commands GitHub can read, Code Quality JSON,
 * well-formed JUnit whose failures agree with the exit code, and the reviewed goldens in {@code
 * fixtures/golden} (regenerate with {@code -Devoplan.updateGoldens=true}).
 */
class CiReportsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String MIGRATIONS = "changelogs/crawler/migrations";

    /** The three commands on the sample, each as a CI would run it. */
    static Stream<Arguments> commands() {
        return Stream.of(
                Arguments.of(
                        "plan", List.of("plan", "--from", GoldenTest.V1, "--to", GoldenTest.V2), 0),
                Arguments.of(
                        "check",
                        List.of(
                                "check",
                                "--from",
                                GoldenTest.V1,
                                "--to",
                                GoldenTest.V2,
                                "--fail-on",
                                "multi-step"),
                        1),
                Arguments.of("lint", List.of("lint", MIGRATIONS), 1));
    }

    private static CliRun run(List<String> command, String format, String... more) {
        List<String> args = new ArrayList<>(command);
        args.add("--format");
        args.add(format);
        args.addAll(List.of(more));
        return CliRun.of(args.toArray(String[]::new));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("commands")
    void sarifIsValidAgainstTheOfficialSchemaAndPointsAtFilesThatExist(
            String name, List<String> command, int exit) throws Exception {
        CliRun run = run(command, "sarif");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(exit);
        JsonNode sarif = JSON.readTree(run.out());
        List<Error> errors = sarifSchema().validate(sarif);
        assertThat(errors).as(run.out().substring(0, Math.min(2000, run.out().length()))).isEmpty();

        JsonNode results = sarif.get("runs").get(0).get("results");
        assertThat(results.size()).isGreaterThan(3);
        for (JsonNode result : results) {
            JsonNode location = result.get("locations").get(0).get("physicalLocation");
            String uri = location.get("artifactLocation").get("uri").asText();
            assertThat(Path.of(uri)).as("a path relative to the working folder").isRegularFile();
            assertThat(location.get("region").get("startLine").asInt()).isPositive();
        }
        assertThat(sarif.get("runs").get(0).get("automationDetails").get("id").asText())
                .isEqualTo("evoplan/" + name + "/");
        assertThat(run(command, "sarif").out())
                .as("the same report on a second run, fingerprints included")
                .isEqualTo(run.out());
    }

    @Test
    void theSchemaRejectsAReportMissingWhatSarifRequires() throws Exception {
        // The validator must be able to fail: a result without a message is not SARIF.
        JsonNode broken =
                JSON.readTree(
                        "{\"version\": \"2.1.0\", \"runs\": [{\"tool\": {\"driver\": {\"name\": \"evoplan\"}},"
                                + " \"results\": [{\"ruleId\": \"x\", \"level\": \"fatal\"}]}]}");
        assertThat(sarifSchema().validate(broken)).isNotEmpty();
    }

    private static final Pattern WORKFLOW_COMMAND =
            Pattern.compile(
                    "^::(error|warning|notice) file=([^,:]+),line=(\\d+)(?:,col=(\\d+))?,title=([^:]+)::(.+)$");

    @ParameterizedTest(name = "{0}")
    @MethodSource("commands")
    void githubWritesOneWorkflowCommandPerFindingThenTheVerdictLine(
            String name, List<String> command, int exit) {
        CliRun run = run(command, "github");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(exit);
        List<String> lines = run.out().lines().toList();
        assertThat(lines.get(lines.size() - 1)).startsWith("evoplan " + name + ": DOWNTIME (");
        List<String> commands = lines.subList(0, lines.size() - 1);
        assertThat(commands).isNotEmpty();
        for (String line : commands) {
            Matcher m = WORKFLOW_COMMAND.matcher(line);
            assertThat(m.matches()).as(line).isTrue();
            assertThat(m.group(1))
                    .as("safe findings are not shown without --show-safe")
                    .isNotEqualTo("notice");
            assertThat(Path.of(m.group(2))).isRegularFile();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("commands")
    void gitlabCodeQualityHasEveryRequiredFieldAndUniqueFingerprints(
            String name, List<String> command, int exit) throws Exception {
        CliRun run = run(command, "gitlab");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(exit);
        JsonNode issues = JSON.readTree(run.out());
        assertThat(issues.isArray()).isTrue();
        assertThat(issues.size()).isPositive();
        List<String> fingerprints = new ArrayList<>();
        for (JsonNode issue : issues) {
            assertThat(issue.get("description").asText()).isNotBlank();
            assertThat(issue.get("check_name").asText()).matches("[a-z0-9-]+");
            assertThat(issue.get("severity").asText())
                    .isIn("blocker", "critical", "major", "minor", "info");
            assertThat(Path.of(issue.get("location").get("path").asText())).isRegularFile();
            assertThat(issue.get("location").get("lines").get("begin").asInt()).isPositive();
            fingerprints.add(issue.get("fingerprint").asText());
        }
        assertThat(fingerprints).doesNotHaveDuplicates();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("commands")
    void junitIsWellFormedAndFailsExactlyWhenTheExitCodeDoes(
            String name, List<String> command, int exit) throws Exception {
        CliRun run = run(command, "junit");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(exit);
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document doc =
                factory.newDocumentBuilder()
                        .parse(
                                new ByteArrayInputStream(
                                        run.out().getBytes(StandardCharsets.UTF_8)));
        Element root = doc.getDocumentElement();
        assertThat(root.getTagName()).isEqualTo("testsuites");
        int failures = doc.getElementsByTagName("failure").getLength();
        assertThat(Integer.parseInt(root.getAttribute("failures"))).isEqualTo(failures);
        NodeList cases = doc.getElementsByTagName("testcase");
        assertThat(Integer.parseInt(root.getAttribute("tests"))).isEqualTo(cases.getLength());
        if (name.equals("plan")) {
            // plan has no gate of its own: the default, downtime, which the sample reaches.
            assertThat(failures).isPositive();
        } else {
            assertThat(failures > 0).isEqualTo(exit == 1);
        }
    }

    @Test
    void commandsWithoutFindingsRefuseTheCiFormatsAsAUsageError() {
        CliRun run = CliRun.of("rules", "--format", "sarif");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--format sarif is for plan, check and lint");
        assertThat(CliRun.of("lint", MIGRATIONS, "--format", "xml").err())
                .contains("expected text, markdown, json, sarif, github, gitlab or junit");
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("goldens")
    void sampleReportsMatchTheirGoldens(String command, String format, String golden)
            throws Exception {
        List<String> args =
                command.equals("plan")
                        ? List.of("plan", "--from", GoldenTest.V1, "--to", GoldenTest.V2)
                        : List.of("lint", MIGRATIONS);
        CliRun run = run(args, format);
        assertThat(run.err()).isEmpty();
        Path file = Path.of("fixtures/golden", golden);
        if (Boolean.getBoolean("evoplan.updateGoldens")) {
            Files.writeString(file, run.out(), StandardCharsets.UTF_8);
        }
        assertThat(run.out()).isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
    }

    static Stream<Arguments> goldens() {
        return Stream.of(
                Arguments.of("plan", "sarif", "crawler.sarif"),
                Arguments.of("plan", "github", "crawler.github.txt"),
                Arguments.of("plan", "gitlab", "crawler.gitlab.json"),
                Arguments.of("plan", "junit", "crawler.junit.xml"),
                Arguments.of("lint", "sarif", "crawler-migrations.sarif"),
                Arguments.of("lint", "github", "crawler-migrations.github.txt"),
                Arguments.of("lint", "gitlab", "crawler-migrations.gitlab.json"),
                Arguments.of("lint", "junit", "crawler-migrations.junit.xml"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("commands")
    void quietPrintsTheVerdictLineOnlyAndKeepsTheExitCode(
            String name, List<String> command, int exit) {
        List<String> args = new ArrayList<>(command);
        args.add("--quiet");
        CliRun run = CliRun.of(args.toArray(String[]::new));
        assertThat(run.exitCode()).as(run.err()).isEqualTo(exit);
        assertThat(run.out())
                .matches(
                        "evoplan "
                                + name
                                + ": DOWNTIME \\(\\d+ downtime, \\d+ multi-step, \\d+ needs review, "
                                + "\\d+ safe(; \\d+ suppressed)?\\)\n");
        args.addAll(List.of("--format", "json"));
        CliRun mixed = CliRun.of(args.toArray(String[]::new));
        assertThat(mixed.exitCode()).isEqualTo(2);
        assertThat(mixed.err()).contains("--quiet prints the text verdict line");
    }

    @Test
    void planAndCheckListSafeFindingsOnlyWithShowSafeAndTheBlockingOnesFirst() {
        CliRun plain = CliRun.of("check", "--from", GoldenTest.V1, "--to", GoldenTest.V2);
        assertThat(plain.out())
                .doesNotContain("[SAFE]")
                .contains("21 safe findings not listed (--show-safe lists them).");
        assertThat(plain.out().indexOf("summary: 12 downtime"))
                .isLessThan(plain.out().indexOf("[DOWNTIME]"));
        assertThat(plain.out().indexOf("[DOWNTIME]"))
                .isLessThan(plain.out().indexOf("[MULTI-STEP]"));
        CliRun all =
                CliRun.of("check", "--from", GoldenTest.V1, "--to", GoldenTest.V2, "--show-safe");
        assertThat(all.out()).contains("[SAFE]").doesNotContain("not listed");
        assertThat(all.out().lastIndexOf("[MULTI-STEP]")).isLessThan(all.out().indexOf("[SAFE]"));
    }

    @Test
    void lintMarkdownCountsFirstAndCollapsesSafeFindings() {
        CliRun run = CliRun.of("lint", MIGRATIONS, "--format", "markdown", "--show-safe");
        assertThat(run.out().indexOf("| verdict | findings |"))
                .isLessThan(run.out().indexOf("| verdict | where |"));
        assertThat(run.out())
                .contains("<details><summary>6 safe findings</summary>")
                .doesNotContain("Truncated");
    }

    /** The official SARIF 2.1.0 schema (OASIS, draft-04), kept under src/test/resources/sarif. */
    static Schema sarifSchema() throws Exception {
        try (InputStream in =
                CiReportsTest.class.getResourceAsStream("/sarif/sarif-schema-2.1.0.json")) {
            assertThat(in).as("the schema is on the test classpath").isNotNull();
            JsonNode schema = JSON.readTree(in);
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4)
                    .getSchema(schema);
        }
    }
}
