package dev.evoplan.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.evoplan.model.Origin;
import dev.evoplan.plan.Step;
import dev.evoplan.rules.Finding;
import dev.evoplan.rules.LockLevel;
import dev.evoplan.rules.Mode;
import dev.evoplan.rules.Safety;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonRendererTest {
    private static final Renderer JSON = Renderers.of(Format.JSON, false);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    static final List<String> ROOT_KEYS =
            List.of(
                    "schemaVersion",
                    "from",
                    "to",
                    "mode",
                    "pgVersion",
                    "verdict",
                    "summary",
                    "findings",
                    "plan");
    static final List<String> SUMMARY_KEYS =
            List.of("safe", "multiStep", "needsReview", "downtime");
    static final List<String> FINDING_KEYS =
            List.of(
                    "rule",
                    "safety",
                    "lock",
                    "blocks",
                    "table",
                    "change",
                    "what",
                    "why",
                    "fix",
                    "sizeNote",
                    "origin",
                    "writtenSql",
                    "fixSql");
    static final List<String> ORIGIN_KEYS =
            List.of("file", "line", "column", "changeset", "author", "commit");
    static final List<String> STEP_KEYS =
            List.of(
                    "kind",
                    "sql",
                    "description",
                    "transactional",
                    "lock",
                    "table",
                    "lockTimeout",
                    "statementTimeout",
                    "rollback",
                    "onFailure",
                    "forChange");

    @Test
    void parsesBackWithTheDocumentedKeysInOrder() throws Exception {
        JsonNode root = MAPPER.readTree(JSON.render(Samples.mixed(Mode.AS_WRITTEN)));

        assertThat(keys(root)).isEqualTo(ROOT_KEYS);
        assertThat(keys(root.get("summary"))).isEqualTo(SUMMARY_KEYS);
        assertThat(root.get("findings")).hasSize(4);
        for (JsonNode f : root.get("findings")) {
            assertThat(keys(f)).isEqualTo(FINDING_KEYS);
            assertThat(keys(f.get("origin"))).isEqualTo(ORIGIN_KEYS);
        }
        assertThat(keys(root.get("plan"))).containsExactly("stages");
        for (JsonNode stage : root.get("plan").get("stages")) {
            assertThat(keys(stage)).containsExactly("stage", "steps");
            for (JsonNode step : stage.get("steps")) {
                assertThat(keys(step)).isEqualTo(STEP_KEYS);
            }
        }
    }

    @Test
    void carriesTheValues() throws Exception {
        JsonNode root = MAPPER.readTree(JSON.render(Samples.mixed(Mode.AS_WRITTEN)));

        assertThat(root.get("schemaVersion").asInt()).isEqualTo(1);
        assertThat(root.get("mode").asText()).isEqualTo("as-written");
        assertThat(root.get("pgVersion").asInt()).isEqualTo(16);
        assertThat(root.get("verdict").asText()).isEqualTo("downtime");
        assertThat(root.get("summary").toString())
                .isEqualTo("{\"safe\":1,\"multiStep\":1,\"needsReview\":1,\"downtime\":1}");

        List<String> safeties = new ArrayList<>();
        root.get("findings").forEach(f -> safeties.add(f.get("safety").asText()));
        assertThat(safeties).containsExactly("safe", "downtime", "multi-step", "needs-review");

        JsonNode index = root.get("findings").get(1);
        assertThat(index.get("rule").asText()).isEqualTo("create-index-non-concurrent");
        assertThat(index.get("lock").asText()).isEqualTo("SHARE");
        assertThat(index.get("blocks").asText()).isEqualTo("writes (reads go on)");
        assertThat(index.get("table").asText()).isEqualTo("users");
        assertThat(index.get("sizeNote").asText())
                .isEqualTo("size of users unknown: assumed large");
        assertThat(index.get("origin").toString())
                .isEqualTo(
                        "{\"file\":\"db/changelog.yaml\",\"line\":12,\"column\":null,\"changeset\":\"3\",\"author\":\"alice\",\"commit\":\"abc1234\"}");
        assertThat(index.get("writtenSql").get(0).asText())
                .isEqualTo("CREATE INDEX users_email_idx ON users (email);");
        assertThat(index.get("fixSql").get(0).asText())
                .isEqualTo("CREATE INDEX CONCURRENTLY users_email_idx ON users (email);");

        JsonNode drop = root.get("findings").get(2);
        assertThat(drop.get("origin").get("line").isNull()).isTrue();
        assertThat(drop.get("fixSql").get(0).asText())
                .isEqualTo(
                        "-- CHECKPOINT: deploy the application that no longer reads users.legacy");

        JsonNode opaque = root.get("findings").get(3);
        assertThat(opaque.get("table").isNull()).isTrue();
        assertThat(opaque.get("lock").asText()).isEqualTo("NONE");
        assertThat(opaque.get("fixSql")).isEmpty();
        assertThat(opaque.get("origin").toString())
                .isEqualTo(
                        "{\"file\":null,\"line\":null,\"column\":null,\"changeset\":null,\"author\":null,\"commit\":null}");

        JsonNode stages = root.get("plan").get("stages");
        // The empty backfill stage of the sample is left out.
        List<String> stageNames = new ArrayList<>();
        stages.forEach(s -> stageNames.add(s.get("stage").asText()));
        assertThat(stageNames).containsExactly("expand", "migrate-reads", "contract");

        JsonNode concurrent = stages.get(0).get("steps").get(1);
        assertThat(concurrent.get("kind").asText()).isEqualTo("sql");
        assertThat(concurrent.get("transactional").asBoolean()).isFalse();
        assertThat(concurrent.get("lock").asText()).isEqualTo("SHARE_UPDATE_EXCLUSIVE");
        assertThat(concurrent.get("statementTimeout").asText()).isEqualTo("0");
        assertThat(concurrent.get("onFailure").asText()).startsWith("drop the INVALID index");
        assertThat(stages.get(0).get("steps").get(0).get("transactional").asBoolean()).isTrue();

        JsonNode checkpoint = stages.get(1).get("steps").get(0);
        assertThat(checkpoint.get("kind").asText()).isEqualTo("checkpoint");
        assertThat(checkpoint.get("sql").isNull()).isTrue();
        assertThat(checkpoint.get("description").asText())
                .isEqualTo("deploy the application that no longer reads users.legacy");
        assertThat(checkpoint.get("forChange").asText()).isEqualTo("drop column users.legacy");
    }

    @Test
    void unknownValuesAreNullNeverMissing() throws Exception {
        JsonNode root = MAPPER.readTree(JSON.render(Samples.mixed(Mode.AS_PLANNED)));
        JsonNode safe = root.get("findings").get(0);
        assertThat(safe.has("why")).isTrue();
        assertThat(safe.get("why").isNull()).isTrue();
        assertThat(safe.get("sizeNote").isNull()).isTrue();
        assertThat(root.get("mode").asText()).isEqualTo("as-planned");
    }

    @Test
    void wholeChangesetFindingHasNullChange() throws Exception {
        Finding f =
                new Finding(
                        "changeset-holds-lock-until-commit",
                        Safety.MULTI_STEP,
                        LockLevel.ACCESS_EXCLUSIVE,
                        null,
                        "w",
                        null,
                        null,
                        null,
                        new Origin("c.yaml", 4, "9", "eve", null),
                        List.of(),
                        null);
        JsonNode finding =
                MAPPER.readTree(JSON.render(Samples.single(f, List.of()))).get("findings").get(0);
        assertThat(finding.get("change").isNull()).isTrue();
        assertThat(finding.get("origin").get("line").asInt()).isEqualTo(4);
    }

    @Test
    void smallAnalysisRendersExactly() {
        Step step =
                new Step(
                        Step.Kind.SQL,
                        "ALTER TABLE t VALIDATE CONSTRAINT c;",
                        "validate c",
                        true,
                        LockLevel.SHARE_UPDATE_EXCLUSIVE,
                        dev.evoplan.model.QualifiedName.parse("app.t"),
                        null,
                        "0",
                        null,
                        null,
                        "validate check constraint c on app.t");
        Finding f =
                new Finding(
                        "metadata-only-change",
                        Safety.SAFE,
                        LockLevel.SHARE_UPDATE_EXCLUSIVE,
                        dev.evoplan.model.QualifiedName.parse("app.t"),
                        "validates \"c\"",
                        null,
                        null,
                        null,
                        Origin.file("V4__v.sql", 0),
                        List.of(),
                        null);
        assertThat(JSON.render(Samples.single(f, List.of(step))))
                .isEqualTo(
                        """
                {
                  "schemaVersion": 1,
                  "from": "a.yaml",
                  "to": "b.yaml",
                  "mode": "as-written",
                  "pgVersion": 16,
                  "verdict": "safe",
                  "summary": {
                    "safe": 1,
                    "multiStep": 0,
                    "needsReview": 0,
                    "downtime": 0
                  },
                  "findings": [
                    {
                      "rule": "metadata-only-change",
                      "safety": "safe",
                      "lock": "SHARE_UPDATE_EXCLUSIVE",
                      "blocks": "only other DDL and VACUUM (reads and writes go on)",
                      "table": "app.t",
                      "change": null,
                      "what": "validates \\"c\\"",
                      "why": null,
                      "fix": null,
                      "sizeNote": null,
                      "origin": {
                        "file": "V4__v.sql",
                        "line": null,
                        "column": null,
                        "changeset": null,
                        "author": null,
                        "commit": null
                      },
                      "writtenSql": [],
                      "fixSql": [
                        "ALTER TABLE t VALIDATE CONSTRAINT c;"
                      ]
                    }
                  ],
                  "plan": {
                    "stages": [
                      {
                        "stage": "expand",
                        "steps": [
                          {
                            "kind": "sql",
                            "sql": "ALTER TABLE t VALIDATE CONSTRAINT c;",
                            "description": "validate c",
                            "transactional": true,
                            "lock": "SHARE_UPDATE_EXCLUSIVE",
                            "table": "app.t",
                            "lockTimeout": null,
                            "statementTimeout": "0",
                            "rollback": null,
                            "onFailure": null,
                            "forChange": "validate check constraint c on app.t"
                          }
                        ]
                      }
                    ]
                  }
                }
                """);
    }

    @Test
    void emptyAnalysisHasEveryTopLevelKeyAndEmptyLists() {
        assertThat(JSON.render(Samples.empty()))
                .isEqualTo(
                        """
                {
                  "schemaVersion": 1,
                  "from": "a.yaml",
                  "to": "b.yaml",
                  "mode": "as-planned",
                  "pgVersion": 16,
                  "verdict": "safe",
                  "summary": {
                    "safe": 0,
                    "multiStep": 0,
                    "needsReview": 0,
                    "downtime": 0
                  },
                  "findings": [],
                  "plan": {
                    "stages": []
                  }
                }
                """);
    }

    @Test
    void documentedExampleIsWhatTheRendererWrites() throws Exception {
        String doc = java.nio.file.Files.readString(java.nio.file.Path.of("docs/json-format.md"));
        int start = doc.indexOf("```json\n") + "```json\n".length();
        String example = doc.substring(start, doc.indexOf("```\n", start));

        Finding f =
                new Finding(
                        "create-index-non-concurrent",
                        Safety.DOWNTIME,
                        LockLevel.SHARE,
                        Samples.USERS,
                        "CREATE INDEX reads all of users under a SHARE lock until the build ends",
                        "every INSERT, UPDATE and DELETE on users waits for the build",
                        "build the index CONCURRENTLY, outside a transaction",
                        "size of users unknown: assumed large",
                        new Origin("db/changelog.yaml", 12, "3", "alice", null),
                        List.of("CREATE INDEX users_email_idx ON users (email);"),
                        Samples.CREATE_INDEX);
        var analysis =
                new dev.evoplan.engine.Analysis(
                        "db/changelog.yaml@main",
                        "db/changelog.yaml",
                        Mode.AS_WRITTEN,
                        16,
                        List.of(Samples.CREATE_INDEX),
                        List.of(
                                new dev.evoplan.plan.FindingWithFix(
                                        f, List.of(Samples.CONCURRENT_INDEX))),
                        new dev.evoplan.plan.Plan(
                                List.of(
                                        new dev.evoplan.plan.Stage(
                                                dev.evoplan.plan.StageKind.EXPAND,
                                                List.of(Samples.CONCURRENT_INDEX)))),
                        "the new side continues the old side's history");
        assertThat(JSON.render(analysis)).isEqualTo(example);
    }

    @Test
    void colourIsNeverWrittenIntoJson() {
        assertThat(Renderers.of(Format.JSON, true).render(Samples.mixed(Mode.AS_WRITTEN)))
                .doesNotContain("\u001b")
                .isEqualTo(JSON.render(Samples.mixed(Mode.AS_WRITTEN)));
    }

    static List<String> keys(JsonNode node) {
        List<String> names = new ArrayList<>();
        Iterator<String> it = node.fieldNames();
        it.forEachRemaining(names::add);
        return names;
    }
}
