package dev.evoplan.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.evoplan.engine.Analysis;
import dev.evoplan.engine.LintReport;
import dev.evoplan.model.Origin;
import dev.evoplan.plan.FindingWithFix;
import dev.evoplan.rules.Finding;
import dev.evoplan.rules.LockLevel;
import dev.evoplan.rules.Mode;
import dev.evoplan.rules.Safety;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The CI formats on analyses and lint reports built by hand: levels, escaping, paths, fingerprints.
 */
class CiFormatsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir Path work;

    private String render(Format format, Analysis analysis, Safety gate, boolean showSafe) {
        return Renderers.of(format, false, new CiContext("check", gate, showSafe, work))
                .render(analysis);
    }

    /**
     * {@link Renderers#listsSafe} says which formats list safe findings: what the report keeps of
     * counted findings rests on it, so each renderer must list a safe finding exactly then.
     */
    @Test
    void aSafeFindingIsListedExactlyWhereListsSafeSaysSo() {
        Analysis analysis = Samples.mixed(Mode.AS_WRITTEN);
        Finding safe =
                analysis.verdicts().stream()
                        .map(v -> v.finding())
                        .filter(f -> f.safety() == Safety.SAFE)
                        .findFirst()
                        .orElseThrow();
        for (Format format : Format.values()) {
            for (boolean showSafe : new boolean[] {false, true}) {
                String out = render(format, analysis, Safety.DOWNTIME, showSafe);
                // The rule's id; the Markdown table has a row of the finding instead.
                boolean listed =
                        format == Format.MARKDOWN
                                ? out.contains(
                                        "| **"
                                                + Wording.label(safe.safety())
                                                + "** | "
                                                + Markdown.cell(Wording.subject(safe)))
                                : out.contains(safe.ruleId());
                assertThat(listed)
                        .as(format + (showSafe ? " with" : " without") + " --show-safe")
                        .isEqualTo(Renderers.listsSafe(format, showSafe));
            }
        }
    }

    /** A finding whose text holds every character a CI format must escape. */
    private static Finding hostile(String file, int line, int column) {
        return new Finding(
                "create-index-non-concurrent",
                Safety.DOWNTIME,
                LockLevel.SHARE,
                Samples.USERS,
                "100% of \"users\" <read>, & then\r\nwritten: a,b",
                "why: it, blocks",
                "fix\nit",
                null,
                Origin.statement(file, line, column),
                List.of("CREATE INDEX i ON users (a, b);"),
                Samples.CREATE_INDEX);
    }

    @Test
    void sarifLevelsFollowTheVerdictAndEveryResultNamesACatalogueRule() throws Exception {
        JsonNode sarif =
                JSON.readTree(
                        render(
                                Format.SARIF,
                                Samples.mixed(Mode.AS_PLANNED),
                                Safety.DOWNTIME,
                                false));
        assertThat(sarif.get("version").asText()).isEqualTo("2.1.0");
        JsonNode run = sarif.get("runs").get(0);
        JsonNode rules = run.get("tool").get("driver").get("rules");
        List<String> levels = new ArrayList<>();
        for (JsonNode result : run.get("results")) {
            levels.add(result.get("ruleId").asText() + "=" + result.get("level").asText());
            JsonNode rule = rules.get(result.get("ruleIndex").asInt());
            assertThat(rule.get("id").asText()).isEqualTo(result.get("ruleId").asText());
            assertThat(rule.get("helpUri").asText())
                    .endsWith("/src/main/resources/rules/" + rule.get("id").asText() + ".md");
            assertThat(result.get("partialFingerprints").get("evoplan/v1").asText()).hasSize(64);
        }
        // Only the rules that have results are listed, so adding a rule changes no report.
        List<String> listed = new ArrayList<>();
        rules.forEach(r -> listed.add(r.get("id").asText()));
        List<String> used = new ArrayList<>();
        run.get("results").forEach(r -> used.add(r.get("ruleId").asText()));
        assertThat(listed)
                .doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(new java.util.TreeSet<>(used));
        // Safe findings are results too (notes); sorted by path and line, the one without a file
        // first.
        assertThat(levels)
                .containsExactly(
                        "opaque-change-needs-review=error",
                        "drop-column-breaks-running-code=warning",
                        "create-index-non-concurrent=error",
                        "metadata-only-change=note");
        JsonNode located =
                run.get("results").get(2).get("locations").get(0).get("physicalLocation");
        assertThat(located.get("artifactLocation").get("uri").asText())
                .isEqualTo("db/changelog.yaml");
        assertThat(located.get("region").get("startLine").asInt()).isEqualTo(12);
        assertThat(located.get("region").has("startColumn")).isFalse();
        assertThat(run.get("results").get(0).has("locations")).as("no file, no location").isFalse();
    }

    @Test
    void aChangelogsIncludedFileIsPlacedRelativeToTheWorkingFolderAndAStatementByLineAndColumn()
            throws Exception {
        Files.createDirectories(work.resolve("db/changes"));
        Files.writeString(work.resolve("db/master.yaml"), "");
        Files.writeString(work.resolve("db/changes/010-users.sql"), "");
        Finding f = hostile("changes/010-users.sql", 7, 3);
        Analysis analysis =
                new Analysis(
                        "git:main:db/master.yaml",
                        "db/master.yaml",
                        Mode.AS_WRITTEN,
                        16,
                        List.of(),
                        List.of(new FindingWithFix(f, List.of())),
                        dev.evoplan.plan.Plan.EMPTY);
        JsonNode physical =
                JSON.readTree(render(Format.SARIF, analysis, Safety.DOWNTIME, false))
                        .get("runs")
                        .get(0)
                        .get("results")
                        .get(0)
                        .get("locations")
                        .get(0)
                        .get("physicalLocation");
        assertThat(physical.get("artifactLocation").get("uri").asText())
                .isEqualTo("db/changes/010-users.sql");
        assertThat(physical.get("region").get("startLine").asInt()).isEqualTo(7);
        assertThat(physical.get("region").get("startColumn").asInt()).isEqualTo(3);
        assertThat(render(Format.GITHUB, analysis, Safety.DOWNTIME, false))
                .startsWith("::error file=db/changes/010-users.sql,line=7,col=3,title=");
        assertThat(
                        JSON.readTree(render(Format.GITLAB, analysis, Safety.DOWNTIME, false))
                                .get(0)
                                .get("location")
                                .get("path")
                                .asText())
                .isEqualTo("db/changes/010-users.sql");
    }

    @Test
    void githubCommandsEscapeDataAndPropertiesSoEachFindingIsOneWellFormedLine() {
        Finding f = hostile("a,b:c%.sql", 2, 1);
        String out = render(Format.GITHUB, Samples.single(f, List.of()), Safety.DOWNTIME, false);
        List<String> lines = out.lines().toList();
        assertThat(lines).hasSize(2);
        Matcher m = Pattern.compile("^::error ([^:]*)::(.*)$").matcher(lines.get(0));
        assertThat(m.matches()).as(lines.get(0)).isTrue();
        assertThat(m.group(1))
                .startsWith(
                        "file=a%2Cb%3Ac%25.sql,line=2,col=1,title=DOWNTIME EP101 create-index-non-concurrent%3A ");
        assertThat(m.group(2))
                .contains("100%25 of \"users\" <read>, & then%0D%0Awritten: a,b.")
                .contains("Fix: fix%0Ait.")
                .doesNotContain("\r")
                .doesNotContain("\n");
        assertThat(lines.get(1))
                .isEqualTo(
                        "evoplan check: DOWNTIME (1 downtime, 0 multi-step, 0 needs review, 0 safe)");
    }

    @Test
    void githubListsSafeFindingsAsNoticesOnlyWhenAskedAndMultiStepAsWarnings() {
        Analysis mixed = Samples.mixed(Mode.AS_PLANNED);
        String hidden = render(Format.GITHUB, mixed, Safety.DOWNTIME, false);
        assertThat(hidden)
                .doesNotContain("::notice")
                .contains("::warning file=db/changelog.yaml,title=MULTI-STEP")
                .contains("::error title=NEEDS REVIEW EP003")
                .contains("::error file=db/changelog.yaml,line=12,title=DOWNTIME");
        assertThat(render(Format.GITHUB, mixed, Safety.DOWNTIME, true))
                .contains(
                        "::notice file=db/changelog.yaml,line=30,title=SAFE EP001 metadata-only-change%3A add column users.nickname::");
    }

    @Test
    void gitlabIssuesHaveTheRequiredFieldsSeveritiesAndDistinctStableFingerprints()
            throws Exception {
        Finding twice = hostile("V1__a.sql", 4, 1);
        Analysis analysis =
                new Analysis(
                        "a.yaml",
                        "b.yaml",
                        Mode.AS_WRITTEN,
                        16,
                        List.of(),
                        List.of(
                                new FindingWithFix(twice, List.of()),
                                new FindingWithFix(twice, List.of())),
                        dev.evoplan.plan.Plan.EMPTY);
        JsonNode issues = JSON.readTree(render(Format.GITLAB, analysis, Safety.DOWNTIME, false));
        assertThat(issues).hasSize(2);
        assertThat(issues.get(0).get("fingerprint").asText())
                .isNotEqualTo(issues.get(1).get("fingerprint").asText());
        for (JsonNode issue : issues) {
            assertThat(issue.get("severity").asText()).isEqualTo("blocker");
            assertThat(issue.get("check_name").asText()).isEqualTo("create-index-non-concurrent");
            assertThat(issue.get("description").asText()).startsWith("DOWNTIME EP101");
            assertThat(issue.get("location").get("lines").get("begin").asInt()).isEqualTo(4);
        }
        // The same finding moved down three lines keeps its fingerprint: GitLab does not see it as
        // new.
        Finding moved = hostile("V1__a.sql", 7, 1);
        JsonNode again =
                JSON.readTree(
                        render(
                                Format.GITLAB,
                                Samples.single(moved, List.of()),
                                Safety.DOWNTIME,
                                false));
        assertThat(again.get(0).get("fingerprint").asText())
                .isEqualTo(issues.get(0).get("fingerprint").asText());

        JsonNode mixed =
                JSON.readTree(
                        render(
                                Format.GITLAB,
                                Samples.mixed(Mode.AS_PLANNED),
                                Safety.DOWNTIME,
                                true));
        List<String> severities = new ArrayList<>();
        mixed.forEach(i -> severities.add(i.get("severity").asText()));
        assertThat(severities).containsExactly("critical", "major", "blocker", "info");
        assertThat(mixed.get(0).get("location").get("path").asText())
                .as("no file: the target side")
                .isEqualTo("db/changelog.yaml");
        assertThat(mixed.get(0).get("location").get("lines").get("begin").asInt()).isEqualTo(1);
    }

    @Test
    void junitIsWellFormedWithAFailurePerFindingAtOrAboveTheGate() throws Exception {
        Finding f = hostile("a.sql", 2, 1);
        Analysis mixed = Samples.mixed(Mode.AS_PLANNED);
        Document downtime = parse(render(Format.JUNIT, mixed, Safety.DOWNTIME, false));
        Element suites = downtime.getDocumentElement();
        assertThat(suites.getTagName()).isEqualTo("testsuites");
        assertThat(suites.getAttribute("tests")).isEqualTo("4");
        // downtime and needs review fail the downtime gate; multi-step and safe pass it.
        assertThat(suites.getAttribute("failures")).isEqualTo("2");
        assertThat(
                        parse(render(Format.JUNIT, mixed, Safety.MULTI_STEP, false))
                                .getDocumentElement()
                                .getAttribute("failures"))
                .isEqualTo("3");

        Document hostile =
                parse(render(Format.JUNIT, Samples.single(f, List.of()), Safety.DOWNTIME, false));
        NodeList failures = hostile.getElementsByTagName("failure");
        assertThat(failures.getLength()).isEqualTo(1);
        Element failure = (Element) failures.item(0);
        assertThat(failure.getAttribute("type")).isEqualTo("downtime");
        assertThat(failure.getTextContent())
                .contains("100% of \"users\" <read>, & then")
                .contains("fix\nit");
        Element testcase = (Element) hostile.getElementsByTagName("testcase").item(0);
        assertThat(testcase.getAttribute("name"))
                .isEqualTo("a.sql:2:1 create index users_email_idx on users");
        assertThat(testcase.getAttribute("classname"))
                .isEqualTo("EP101.create-index-non-concurrent");
    }

    @Test
    void junitHasOneSuitePerLintInputAndAPassingCaseForAnInputWithoutFindings() throws Exception {
        Finding inFirst = hostile("migrations/V1__a.sql", 1, 1);
        LintReport report =
                new LintReport(
                        List.of("migrations", "extra/V9__b.sql"),
                        16,
                        2,
                        2,
                        List.of(new FindingWithFix(inFirst, List.of())),
                        List.of(),
                        List.of());
        String xml =
                new LintRenderer(
                                Format.JUNIT,
                                false,
                                new CiContext("lint", Safety.DOWNTIME, false, work))
                        .render(report);
        NodeList suites = parse(xml).getElementsByTagName("testsuite");
        assertThat(suites.getLength()).isEqualTo(2);
        Element first = (Element) suites.item(0);
        Element second = (Element) suites.item(1);
        assertThat(first.getAttribute("name")).isEqualTo("migrations");
        assertThat(first.getAttribute("failures")).isEqualTo("1");
        assertThat(second.getAttribute("name")).isEqualTo("extra/V9__b.sql");
        assertThat(second.getAttribute("tests")).isEqualTo("1");
        assertThat(second.getAttribute("failures")).isEqualTo("0");
        assertThat(((Element) second.getElementsByTagName("testcase").item(0)).getAttribute("name"))
                .isEqualTo("no findings");
    }

    @Test
    void junitDropsCharactersXmlCannotHold() throws Exception {
        Finding f =
                new Finding(
                        "opaque-change-needs-review",
                        Safety.NEEDS_REVIEW,
                        LockLevel.NONE,
                        null,
                        "bell \u0007 and nul \u0000 here",
                        null,
                        null,
                        null,
                        Origin.UNKNOWN,
                        List.of(),
                        null);
        Document doc =
                parse(render(Format.JUNIT, Samples.single(f, List.of()), Safety.DOWNTIME, false));
        assertThat(doc.getElementsByTagName("failure").item(0).getTextContent())
                .startsWith("bell  and nul  here.");
    }

    @Test
    void suppressedLintFindingsAreSarifResultsWithAnInSourceSuppressionAndNothingElsewhere()
            throws Exception {
        Finding kept = hostile("V1__a.sql", 1, 1);
        Finding silenced =
                new Finding(
                        "strong-lock-without-lock-timeout",
                        Safety.MULTI_STEP,
                        LockLevel.SHARE,
                        Samples.USERS,
                        "no lock_timeout",
                        null,
                        null,
                        null,
                        Origin.statement("V1__a.sql", 1, 1),
                        List.of(),
                        Samples.CREATE_INDEX);
        LintReport report =
                new LintReport(
                        List.of("V1__a.sql"),
                        16,
                        1,
                        1,
                        List.of(new FindingWithFix(kept, List.of())),
                        List.of(new FindingWithFix(silenced, List.of())),
                        List.of());
        CiContext context = new CiContext("lint", Safety.DOWNTIME, false, work);
        JsonNode results =
                JSON.readTree(new LintRenderer(Format.SARIF, false, context).render(report))
                        .get("runs")
                        .get(0)
                        .get("results");
        assertThat(results).hasSize(2);
        assertThat(results.get(0).has("suppressions")).isFalse();
        assertThat(results.get(1).get("ruleId").asText())
                .isEqualTo("strong-lock-without-lock-timeout");
        assertThat(results.get(1).get("suppressions").get(0).get("kind").asText())
                .isEqualTo("inSource");
        assertThat(new LintRenderer(Format.GITHUB, false, context).render(report))
                .doesNotContain("EP302");
        assertThat(JSON.readTree(new LintRenderer(Format.GITLAB, false, context).render(report)))
                .hasSize(1);
    }

    @Test
    void sarifUriEncodesWhatAUriCannotHoldAndKeepsAPathOutsideTheWorkingFolderAbsolute() {
        assertThat(SarifRenderer.uri("db/my changes/10:a.sql"))
                .isEqualTo("db/my%20changes/10:a.sql");
        assertThat(SarifRenderer.uri("c:a.sql")).isEqualTo("c%3Aa.sql");
        assertThat(SarifRenderer.uri("/tmp/x/V1.sql")).isEqualTo("file:///tmp/x/V1.sql");
        assertThat(SarifRenderer.uri("é.sql")).isEqualTo("%C3%A9.sql");
    }

    @Test
    void aPullRequestCommentOverItsLimitKeepsWholeBlocksAndSaysWhatWasLeftOutAndWhere() {
        Analysis mixed = Samples.mixed(Mode.AS_PLANNED);
        CiContext context =
                new CiContext("check", Safety.DOWNTIME, true, work, "https://ci.example/run/7");
        String whole = new MarkdownRenderer(context, CommentBudget.LIMIT).render(mixed);
        assertThat(whole)
                .doesNotContain("Truncated")
                .contains("<details><summary>1 safe finding</summary>")
                .contains("<summary>3 stages, 4 steps</summary>");
        // Room for the head and the findings in full, not for the plan.
        int limit = whole.indexOf("\n## Plan") + 1_000;
        String cut = new MarkdownRenderer(context, limit).render(mixed);
        assertThat(cut.length()).isLessThanOrEqualTo(limit);
        assertThat(cut)
                .contains("### 3. MULTI-STEP")
                .doesNotContain("## Plan")
                .endsWith(
                        "**Truncated to fit a pull-request comment:** 4 of 4 findings shown in full, the plan left out; "
                                + "the full report: https://ci.example/run/7.\n");
        assertThat(cut.split("```", -1).length % 2).as("every code fence closed").isEqualTo(1);
        assertThat(cut.split("<details>", -1).length).isEqualTo(cut.split("</details>", -1).length);
        // Without a URL the line names the command that writes the whole report.
        String noUrl =
                new MarkdownRenderer(new CiContext("check", Safety.DOWNTIME, false, work), limit)
                        .render(mixed);
        assertThat(noUrl)
                .contains("3 of 3 findings shown in full")
                .contains("1 safe finding not listed")
                .contains("`evoplan check ... --format markdown --output evoplan.md`");
    }

    @Test
    void theSampleCommentFitsGithubsLimitAndTheBlockingFindingsComeFirst() {
        String md =
                new MarkdownRenderer(
                                new CiContext("plan", Safety.DOWNTIME, true, work),
                                CommentBudget.LIMIT)
                        .render(Samples.mixed(Mode.AS_PLANNED));
        assertThat(md.indexOf("| **DOWNTIME** | 1 |")).isLessThan(md.indexOf("### 1. DOWNTIME"));
        assertThat(md.indexOf("### 1. DOWNTIME")).isLessThan(md.indexOf("### 2. NEEDS REVIEW"));
        assertThat(md.indexOf("### 2. NEEDS REVIEW")).isLessThan(md.indexOf("### 3. MULTI-STEP"));
        assertThat(md.indexOf("### 3. MULTI-STEP"))
                .isLessThan(md.indexOf("<details><summary>1 safe finding"));
    }

    static Document parse(String xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }
}
