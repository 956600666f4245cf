package dev.evoplan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code evoplan doc --format html} in a real headless Chromium: the page's bundled Mermaid renders
 * every diagram block, every table is in the drawing, and nothing went wrong on the way (the page
 * writes script, console and render errors into an element; Chromium's own log shows console
 * messages, a refused fetch among them). With {@code -Devoplan.updateDocs=true} it also redraws
 * {@code docs/images/guide-er-diagram.png}, the sample's diagram shown in the README.
 */
@Tag("browser")
class DocHtmlInChromiumTest {
    static final List<String> SAMPLE_TABLES =
            List.of("users", "sources", "crawls", "pages", "source_events", "audit_log");
    private static final Pattern ER_SVG =
            Pattern.compile("<svg[^>]*class=\"erDiagram\"[^>]*>(.*?)</svg>", Pattern.DOTALL);
    private static final Pattern ERRORS =
            Pattern.compile("<pre id=\"evoplan-render-errors\">(.*?)</pre>", Pattern.DOTALL);
    private static final Pattern MERMAID_BLOCK = Pattern.compile("(?m)^```mermaid$");

    @Test
    void theSampleDocumentRendersItsDiagramWithEveryTableAndNoError(@TempDir Path work)
            throws Exception {
        Chromium chromium = Chromium.installed();
        Path page = work.resolve("guide.html");
        CliRun run =
                CliRun.of(
                        "doc",
                        DocCommandTest.V2,
                        "--from",
                        DocCommandTest.V1,
                        "--format",
                        "html",
                        "-o",
                        page.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();

        Chromium.Run rendered = chromium.dumpDom(page, work);

        assertRenderedCleanly(rendered, 1);
        List<String> drawings = drawings(rendered.dom());
        for (String table : SAMPLE_TABLES) {
            assertThat(drawings.get(0)).as(table).contains(">" + table + "<");
        }
        if (Boolean.getBoolean("evoplan.updateDocs")) {
            redrawReadmeImage(chromium, work);
        }
    }

    @Test
    void keycloaksSplitDiagramRendersEveryPart(@TempDir Path work) throws Exception {
        // A real schema of 88 tables, split small so that every part and its cross-part boxes are
        // parsed.
        Chromium chromium = Chromium.installed();
        Path master = KeycloakChangelogsTest.master(KeycloakChangelogsTest.NEW);
        Path page = work.resolve("keycloak.html");
        CliRun run =
                CliRun.of(
                        "doc",
                        master.toString(),
                        "--max-diagram-chars",
                        "8000",
                        "--format",
                        "html",
                        "-o",
                        page.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        int blocks =
                DocKeycloakTest.blocks(
                                CliRun.of("doc", master.toString(), "--max-diagram-chars", "8000")
                                        .out())
                        .size();
        assertThat(blocks).isGreaterThan(3);

        Chromium.Run rendered = chromium.dumpDom(page, work);

        assertRenderedCleanly(rendered, blocks);
        String all = String.join("", drawings(rendered.dom()));
        for (String table : List.of("user_entity", "realm", "client", "credential", "org")) {
            assertThat(all).as(table).contains(">" + table + "<");
        }
    }

    @Test
    void aDiagramMermaidRefusesIsReportedOnThePage(@TempDir Path work) throws Exception {
        // The check above must be able to fail: a block Mermaid cannot parse ends in the errors
        // element.
        Chromium chromium = Chromium.installed();
        Path page = work.resolve("broken.html");
        Files.writeString(
                page,
                dev.evoplan.render.DocumentHtml.page(
                        "broken",
                        "# broken\n\n```mermaid\nerDiagram\n    users ||--o{ : \"no child\"\n```\n"),
                StandardCharsets.UTF_8);

        Chromium.Run rendered = chromium.dumpDom(page, work);

        assertThat(rendered.dom()).contains("data-rendered=\"failed\"");
        assertThat(errors(rendered.dom())).contains("Parse error");
        assertThat(drawings(rendered.dom())).isEmpty();
    }

    /**
     * Every Mermaid block drawn as an ER diagram, the page says it finished, and nothing was
     * reported.
     */
    static void assertRenderedCleanly(Chromium.Run rendered, int blocks) {
        assertThat(rendered.dom()).contains("data-rendered=\"done\"");
        assertThat(errors(rendered.dom())).as("errors the page reported").isEmpty();
        assertThat(rendered.log().lines().filter(l -> l.contains(":CONSOLE")).toList())
                .as("console messages in Chromium's log")
                .isEmpty();
        assertThat(drawings(rendered.dom())).hasSize(blocks);
    }

    static int mermaidBlocks(String markdown) {
        return (int) MERMAID_BLOCK.matcher(markdown).results().count();
    }

    /** The SVG bodies of the ER diagrams Mermaid drew. */
    static List<String> drawings(String dom) {
        List<String> out = new ArrayList<>();
        Matcher m = ER_SVG.matcher(dom);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    private static String errors(String dom) {
        Matcher m = ERRORS.matcher(dom);
        assertThat(m.find()).as("the page's errors element").isTrue();
        return m.group(1).strip();
    }

    /** The sample's diagram alone, fitted to the window, as the README's picture. */
    private static void redrawReadmeImage(Chromium chromium, Path work) throws Exception {
        CliRun json = CliRun.of("doc", DocCommandTest.V2, "--format", "json");
        String diagram =
                new com.fasterxml.jackson.databind.ObjectMapper()
                        .readTree(json.out())
                        .get("diagrams")
                        .get(0)
                        .asText();
        String page =
                dev.evoplan.render.DocumentHtml.page("guide", "```mermaid\n" + diagram + "```\n")
                        .replace(
                                "</style>",
                                "main { max-width: none; margin: 0; }\n"
                                        + "pre.mermaid svg { height: 96vh; max-width: 100% !important; }\n</style>");
        Path file = work.resolve("diagram.html");
        Files.writeString(file, page, StandardCharsets.UTF_8);
        Path png = Path.of("docs", "images", "guide-er-diagram.png");
        Files.createDirectories(png.getParent());
        chromium.screenshot(file, png, 1400, 1100, work);
    }
}
