package dev.evoplan.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.evoplan.model.QualifiedName;
import dev.evoplan.model.Schema;
import dev.evoplan.source.sql.SqlSource;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The data-model document's facts: relationship types, index rationales, rules, privacy, diagram
 * splitting.
 */
class DataModelDocumentTest {
    private static final Schema FLAWED =
            SqlSource.load(Path.of("fixtures/design/flawed.sql")).schema();

    private static DataModelDocument doc(Schema schema) {
        return DataModelDocument.of(
                "test", schema, t -> true, Map.of(), null, DataModelDocument.MAX_DIAGRAM_CHARS);
    }

    @Test
    void relationshipsAreNamedByTheGuidesTypes() {
        Map<String, String> types =
                doc(FLAWED).relationships().stream()
                        .collect(
                                Collectors.toMap(
                                        DataModelDocument.Relationship::constraint,
                                        DataModelDocument.Relationship::type));
        assertThat(types)
                .containsEntry("fk_account_profiles_account", "one-to-one")
                .containsEntry(
                        "fk_account_roles_account",
                        "many-to-many (accounts to roles via account_roles)")
                .containsEntry(
                        "fk_account_roles_role",
                        "many-to-many (roles to accounts via account_roles)")
                .containsEntry("fk_categories_parent", "hierarchical (self-reference)")
                .containsEntry(
                        "account_plans_account_id_fkey",
                        "one-to-many, temporal (valid_from/valid_to)");
    }

    @Test
    void theDiagramMarksKeysNotNullAndCardinality() {
        String d = String.join("", doc(FLAWED).diagrams());
        assertThat(d)
                .startsWith("erDiagram\n")
                .contains("        integer id PK \"NOT NULL\"\n")
                .contains("        varchar(255) email UK \"NOT NULL\"\n")
                .contains("        timestamp signed_up \"NOT NULL\"\n")
                .contains("        text phone\n")
                .contains(
                        "    accounts ||--o| account_profiles : \"fk_account_profiles_account\"\n")
                .contains("    categories |o--o{ categories : \"fk_categories_parent\"\n")
                .contains("    roles ||--o{ account_roles : \"fk_account_roles_role\"\n");
    }

    @Test
    void aLargeSchemaIsSplitUnderTheLimitAndEveryTableIsDrawnOnce() {
        StringBuilder sql =
                new StringBuilder(
                        "CREATE SCHEMA other;\nCREATE TABLE other.t (id uuid PRIMARY KEY);\n");
        for (int i = 0; i < 400; i++) {
            sql.append("CREATE TABLE t")
                    .append(i)
                    .append(
                            " (id uuid PRIMARY KEY, a text NOT NULL, b text NOT NULL,"
                                    + " c timestamptz NOT NULL, d jsonb, e integer, f text, g text, h text);\n");
        }
        Schema big =
                SqlSource.loadFile(
                                "big",
                                "big.sql",
                                sql.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8))
                        .schema();
        List<String> diagrams =
                DataModelDocument.of("big", big, t -> true, Map.of(), null, 10_000).diagrams();
        assertThat(diagrams)
                .hasSizeGreaterThan(2)
                .allSatisfy(d -> assertThat(d.length()).isLessThanOrEqualTo(10_000));
        String all = String.join("", diagrams);
        for (int i = 0; i < 400; i++) {
            assertThat(all).containsOnlyOnce("    t" + i + " {\n");
        }
        assertThat(diagrams)
                .filteredOn(d -> d.contains("other__t {"))
                .singleElement()
                .satisfies(
                        d -> assertThat(d).as("one diagram per schema").doesNotContain("    t0 {"));
        assertThat(
                        DataModelDocument.of(
                                        "big",
                                        big,
                                        t -> true,
                                        Map.of(),
                                        null,
                                        DataModelDocument.MAX_DIAGRAM_CHARS)
                                .diagrams())
                .allSatisfy(d -> assertThat(d.length()).isLessThan(50_000));
    }

    @Test
    void indexesSayWhatTheyServe() {
        Schema s = SqlSource.load(Path.of("changelogs/guide/v1/schema.sql")).schema();
        Map<String, String> why =
                DataModelDocument.indexRows(s.table(QualifiedName.of("sources")).orElseThrow())
                        .stream()
                        .collect(Collectors.toMap(r -> r.get(0), r -> r.get(2)));
        assertThat(why.get("idx_sources_owner_created"))
                .contains("foreign key fk_sources_owner")
                .contains("sort: ORDER BY created_at DESC");
        assertThat(why.get("idx_sources_status"))
                .contains("partial: only rows WHERE status = 'active'");
        assertThat(why.get("uq_sources_name_per_owner"))
                .isEqualTo("unique rule: per owner_id (one row per name within each users row)");
        assertThat(why.get("pk_sources")).startsWith("primary key");
    }

    @Test
    void enumLikeChecksAreReadInBothSpellings() {
        assertThat(DataModelDocument.enumList("status IN ('active', 'paused')"))
                .contains("status is one of active, paused");
        assertThat(
                        DataModelDocument.enumList(
                                "((status = ANY (ARRAY['active'::text, 'paused'::text])))"))
                .contains("status is one of active, paused");
        assertThat(DataModelDocument.enumList("finished_at >= started_at")).isEmpty();
    }

    @Test
    void mutabilityIsSaidAsAnInference() {
        Schema s = SqlSource.load(Path.of("changelogs/guide/v1/schema.sql")).schema();
        assertThat(
                        DataModelDocument.mutability(
                                s.table(QualifiedName.of("source_events")).orElseThrow()))
                .contains("append-only");
        assertThat(DataModelDocument.mutability(s.table(QualifiedName.of("crawls")).orElseThrow()))
                .contains("inferred");
        assertThat(
                        DataModelDocument.mutability(
                                FLAWED.table(QualifiedName.of("roles")).orElseThrow()))
                .startsWith("unknown");
    }

    @Test
    void openQuestionsHoldEveryAdvisoryAndUnknownCardinality() throws Exception {
        DataModelDocument d =
                DataModelDocument.of(
                        "flawed",
                        FLAWED,
                        t -> true,
                        Map.of(QualifiedName.of("roles"), 12L),
                        null,
                        DataModelDocument.MAX_DIAGRAM_CHARS);
        String md = d.markdown();
        String open = md.substring(md.indexOf("## Open Questions"));
        for (String rule :
                List.of(
                        "EP601 integer-primary-key",
                        "EP602 timestamp-without-time-zone",
                        "EP603 table-without-timestamps",
                        "EP604 nullable-column-without-reason",
                        "EP605 status-column-without-check",
                        "EP606 anonymous-constraint",
                        "EP607 varchar-255",
                        "EP608 foreign-key-without-index",
                        "EP609 foreign-key-without-on-delete",
                        "EP610 table-without-primary-key",
                        "EP611 pii-column-without-comment",
                        "EP613 json-instead-of-jsonb")) {
            assertThat(open).contains("**" + rule + "**");
        }
        assertThat(open)
                .contains("**Cardinality unknown**")
                .contains("account_roles")
                .doesNotContain("categories, roles");
        assertThat(md).contains("- **Cardinality:** 12 rows");
        assertThat(md).contains("accounts.phone looks like personal data (phone number)");
        JsonNode json = new ObjectMapper().readTree(d.json());
        assertThat(json.get("openQuestions").size())
                .isEqualTo(dev.evoplan.rules.DesignReview.reviewSchema(FLAWED).size());
        assertThat(json.get("relationships").size()).isEqualTo(5);
        assertThat(json.get("unknownCardinality").toString()).doesNotContain("\"roles\"");
    }
}
