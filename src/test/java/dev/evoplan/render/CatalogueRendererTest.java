package dev.evoplan.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.evoplan.rules.LockLevel;
import dev.evoplan.rules.RuleInfo;
import dev.evoplan.rules.Safety;
import java.util.List;
import org.junit.jupiter.api.Test;

class CatalogueRendererTest {
    private static final RuleInfo INDEX =
            new RuleInfo(
                    "create-index-non-concurrent",
                    "EP101",
                    "CREATE INDEX without CONCURRENTLY blocks writes while the index builds",
                    Safety.DOWNTIME,
                    LockLevel.SHARE);
    private static final RuleInfo META =
            new RuleInfo(
                    "metadata-only-change",
                    "EP001",
                    "A catalog-only change under a brief lock",
                    Safety.SAFE,
                    LockLevel.ACCESS_EXCLUSIVE);
    private static final RuleInfo OPAQUE =
            new RuleInfo(
                    "opaque-change-needs-review",
                    "EP003",
                    "Raw SQL | custom changes are not read",
                    Safety.NEEDS_REVIEW,
                    LockLevel.NONE);

    /** Out of order on purpose: the catalogue is listed by code whatever order it arrives in. */
    private static final List<RuleInfo> RULES = List.of(INDEX, OPAQUE, META);

    private static final String DOC =
            """
            # create-index-non-concurrent

            ## Problem
            It blocks writes.
            """;

    @Test
    void textListIsAlignedAndSortedByCode() {
        assertThat(CatalogueRenderer.list(RULES, Format.TEXT))
                .isEqualTo(
                        """
                CODE   ID                           SAFETY        LOCK              SUMMARY
                EP001  metadata-only-change         safe          ACCESS EXCLUSIVE  A catalog-only change under a brief lock
                EP003  opaque-change-needs-review   needs-review  none              Raw SQL | custom changes are not read
                EP101  create-index-non-concurrent  downtime      SHARE             CREATE INDEX without CONCURRENTLY blocks writes while the index builds
                """);
    }

    @Test
    void markdownListEscapesPipes() {
        assertThat(CatalogueRenderer.list(RULES, Format.MARKDOWN))
                .isEqualTo(
                        """
                | code | id | default safety | lock | summary |
                |---|---|---|---|---|
                | EP001 | `metadata-only-change` | safe | ACCESS EXCLUSIVE | A catalog-only change under a brief lock |
                | EP003 | `opaque-change-needs-review` | needs-review | none | Raw SQL \\| custom changes are not read |
                | EP101 | `create-index-non-concurrent` | downtime | SHARE | CREATE INDEX without CONCURRENTLY blocks writes while the index builds |
                """);
    }

    @Test
    void jsonListIsAnArrayOfRulesInCodeOrder() throws Exception {
        JsonNode array = new ObjectMapper().readTree(CatalogueRenderer.list(RULES, Format.JSON));
        assertThat(array.isArray()).isTrue();
        assertThat(array).hasSize(3);
        assertThat(JsonRendererTest.keys(array.get(0)))
                .containsExactly("code", "id", "defaultSafety", "lock", "summary");
        assertThat(array.get(0).get("code").asText()).isEqualTo("EP001");
        assertThat(array.get(1).get("defaultSafety").asText()).isEqualTo("needs-review");
        assertThat(array.get(2).get("lock").asText()).isEqualTo("SHARE");
    }

    @Test
    void emptyCatalogue() {
        assertThat(CatalogueRenderer.list(List.of(), Format.TEXT)).isEqualTo("No rules.\n");
        assertThat(CatalogueRenderer.list(List.of(), Format.JSON)).isEqualTo("[]\n");
        assertThat(CatalogueRenderer.list(List.of(), Format.MARKDOWN))
                .isEqualTo(
                        "| code | id | default safety | lock | summary |\n|---|---|---|---|---|\n");
    }

    @Test
    void explainTextShowsTheRuleThenTheDoc() {
        assertThat(CatalogueRenderer.explain(INDEX, DOC, Format.TEXT))
                .isEqualTo(
                        """
                EP101 create-index-non-concurrent
                summary: CREATE INDEX without CONCURRENTLY blocks writes while the index builds
                default safety: downtime
                lock: SHARE, blocks writes (reads go on)

                # create-index-non-concurrent

                ## Problem
                It blocks writes.
                """);
    }

    @Test
    void explainMarkdownShowsTheRuleThenTheDoc() {
        assertThat(CatalogueRenderer.explain(INDEX, DOC, Format.MARKDOWN))
                .isEqualTo(
                        """
                ## EP101 `create-index-non-concurrent`

                - **Summary:** CREATE INDEX without CONCURRENTLY blocks writes while the index builds
                - **Default safety:** downtime
                - **Lock:** SHARE, blocks writes (reads go on)

                # create-index-non-concurrent

                ## Problem
                It blocks writes.
                """);
    }

    @Test
    void explainJsonHasTheFieldsAndTheDoc() throws Exception {
        JsonNode n =
                new ObjectMapper().readTree(CatalogueRenderer.explain(INDEX, DOC, Format.JSON));
        assertThat(JsonRendererTest.keys(n))
                .containsExactly("code", "id", "defaultSafety", "lock", "summary", "blocks", "doc");
        assertThat(n.get("doc").asText()).isEqualTo(DOC);
        assertThat(n.get("blocks").asText()).isEqualTo("writes (reads go on)");
    }

    @Test
    void explainWithoutADocShowsOnlyTheRule() throws Exception {
        assertThat(CatalogueRenderer.explain(OPAQUE, null, Format.TEXT))
                .isEqualTo(
                        """
                EP003 opaque-change-needs-review
                summary: Raw SQL | custom changes are not read
                default safety: needs-review
                lock: none
                """);
        JsonNode n =
                new ObjectMapper().readTree(CatalogueRenderer.explain(OPAQUE, "  ", Format.JSON));
        assertThat(n.get("doc").isNull()).isTrue();
        assertThat(CatalogueRenderer.explain(OPAQUE, null, Format.MARKDOWN))
                .endsWith("- **Lock:** none\n")
                .contains("- **Summary:** Raw SQL \\| custom changes are not read\n");
    }
}
