package dev.evoplan.render.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.evoplan.engine.AnalysisOptions;
import dev.evoplan.engine.Analyzer;
import dev.evoplan.model.InputException;
import dev.evoplan.plan.Plan;
import dev.evoplan.plan.Step;
import dev.evoplan.source.SourceSettings;
import dev.evoplan.source.Sources;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exports' shape without a server: parts at checkpoints, transaction rules, headers, the folder
 * rule.
 */
class PlanExportTest {
    private static final Plan SAMPLE =
            Analyzer.analyze(
                            Sources.load(
                                    "changelogs/crawler/v1/db.changelog-master.yaml",
                                    SourceSettings.defaults()),
                            Sources.load(
                                    "changelogs/crawler/v2/db.changelog-master.yaml",
                                    SourceSettings.defaults()),
                            AnalysisOptions.defaults())
                    .plan();

    @TempDir Path temp;

    private static Map<String, String> files(ExportFormat format) {
        return PlanExport.render(SAMPLE, format, "v1 -> v2").files().stream()
                .collect(Collectors.toMap(ExportedFile::path, ExportedFile::content));
    }

    @Test
    void everyCheckpointIsAStopAndEverySqlStepIsInAPart() {
        ExportParts.Cut cut = ExportParts.cut(SAMPLE);
        List<Step> checkpoints =
                SAMPLE.steps().stream().filter(s -> s.kind() == Step.Kind.CHECKPOINT).toList();
        assertThat(cut.stops()).containsExactlyElementsOf(checkpoints);
        // Work left to a person (a value evoplan cannot know) is a stop like a deploy.
        assertThat(cut.stops())
                .anyMatch(s -> s.description().contains("evoplan cannot know the value"));
        assertThat(
                        cut.parts().stream()
                                .flatMap(p -> p.steps().stream())
                                .map(ExportPart.PartStep::step))
                .containsExactlyElementsOf(
                        SAMPLE.steps().stream().filter(s -> s.kind() == Step.Kind.SQL).toList());
        // Every part but the last ends at a checkpoint: a part boundary is a stop, nothing else.
        cut.parts()
                .subList(0, cut.parts().size() - 1)
                .forEach(p -> assertThat(p.stopsAfter()).isNotEmpty());
    }

    @Test
    void aPsqlScriptStopsOnErrorFirstAndQuitsAtItsCheckpoint() {
        Map<String, String> files = files(ExportFormat.SQL);
        ExportParts.Cut cut = ExportParts.cut(SAMPLE);
        for (ExportPart part : cut.parts()) {
            String text = files.get(PsqlExport.fileName(part));
            String firstCommand =
                    text.lines()
                            .filter(l -> !l.startsWith("--") && !l.isBlank())
                            .findFirst()
                            .orElseThrow();
            assertThat(firstCommand).isEqualTo("\\set ON_ERROR_STOP on");
            assertThat(text.strip().endsWith("\\quit")).isEqualTo(!part.stopsAfter().isEmpty());
            part.stopsAfter()
                    .forEach(
                            s ->
                                    assertThat(text)
                                            .contains(
                                                    s.description()
                                                            .lines()
                                                            .findFirst()
                                                            .orElseThrow()));
        }
        String expand = files.get(PsqlExport.fileName(cut.parts().get(1)));
        // CONCURRENTLY is never inside BEGIN ... COMMIT; a strong lock waits at most lock_timeout.
        String index =
                expand.substring(expand.indexOf("CREATE UNIQUE INDEX CONCURRENTLY pk_page_links"));
        String before =
                expand.substring(
                        0, expand.indexOf("CREATE UNIQUE INDEX CONCURRENTLY pk_page_links"));
        assertThat(before.lastIndexOf("COMMIT;")).isGreaterThan(before.lastIndexOf("BEGIN;"));
        assertThat(index)
                .contains(
                        "ALTER TABLE page_links ADD CONSTRAINT pk_page_links PRIMARY KEY USING INDEX");
        assertThat(files.get(PsqlExport.fileName(cut.parts().get(0))))
                .contains(
                        "BEGIN;\nSET LOCAL lock_timeout = '5s';\nALTER TABLE sources ADD COLUMN base_url text;\nCOMMIT;");
    }

    @Test
    void flywayGivesExactlyTheNonTransactionalStepsAConf() {
        Map<String, String> files = files(ExportFormat.FLYWAY);
        List<String> sql =
                files.keySet().stream().filter(p -> p.endsWith(".sql")).sorted().toList();
        assertThat(sql)
                .hasSize(
                        (int)
                                SAMPLE.steps().stream()
                                        .filter(s -> s.kind() == Step.Kind.SQL)
                                        .count());
        List<ExportPart.PartStep> steps =
                ExportParts.cut(SAMPLE).parts().stream().flatMap(p -> p.steps().stream()).toList();
        for (int i = 0; i < sql.size(); i++) {
            String path = sql.get(i);
            Step step = steps.get(i).step();
            assertThat(files.get(path)).as(path).contains(StepSql.script(step));
            assertThat(files.get(path + ".conf"))
                    .as(path)
                    .isEqualTo(step.transactional() ? null : "executeInTransaction=false\n");
            assertThat(path).matches("\\d\\d-[a-z-]+/V\\d\\d_\\d{3}__[a-z0-9_]+\\.sql");
        }
        assertThat(files.keySet().stream().filter(p -> p.endsWith(".conf")))
                .hasSize((int) steps.stream().filter(s -> !s.step().transactional()).count())
                .isNotEmpty();
    }

    @Test
    void yamlChangeSetsRunOutsideATransactionWhereThePlanSays() throws Exception {
        Map<String, String> files = files(ExportFormat.LIQUIBASE_YAML);
        int outside = 0;
        int total = 0;
        for (Map.Entry<String, String> e : files.entrySet()) {
            if (!e.getKey().endsWith(".yaml")) {
                continue;
            }
            JsonNode log = new YAMLMapper().readTree(e.getValue()).get("databaseChangeLog");
            for (JsonNode entry : log) {
                JsonNode cs = entry.get("changeSet");
                total++;
                boolean inTransaction = !cs.has("runInTransaction");
                String first = cs.get("changes").get(0).get("sql").get("sql").asText();
                if (!inTransaction) {
                    outside++;
                    assertThat(cs.get("runInTransaction").asBoolean()).isFalse();
                    assertThat(first).doesNotStartWith("SET LOCAL");
                }
                cs.get("changes")
                        .forEach(
                                c ->
                                        assertThat(c.get("sql").get("splitStatements").asBoolean())
                                                .isFalse());
            }
        }
        assertThat(total)
                .isEqualTo(SAMPLE.steps().stream().filter(s -> s.kind() == Step.Kind.SQL).count());
        assertThat(outside)
                .isEqualTo(
                        SAMPLE.steps().stream()
                                .filter(s -> s.kind() == Step.Kind.SQL && !s.transactional())
                                .count());
    }

    @Test
    void theSameInputGivesTheSameFiles() {
        for (ExportFormat f : ExportFormat.values()) {
            assertThat(PlanExport.render(SAMPLE, f, "s").files())
                    .isEqualTo(PlanExport.render(SAMPLE, f, "s").files());
        }
    }

    @Test
    void aFolderThatIsNotEmptyIsRefusedAndLeftAlone() throws Exception {
        Path dir = Files.createDirectories(temp.resolve("taken"));
        Files.writeString(dir.resolve("keep.txt"), "mine");
        PlanExport.Export export = PlanExport.render(SAMPLE, ExportFormat.SQL, "s");
        assertThatThrownBy(() -> PlanExport.write(export, dir))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("not empty");
        try (var list = Files.list(dir)) {
            assertThat(list.toList()).containsExactly(dir.resolve("keep.txt"));
        }
        Path file = Files.writeString(temp.resolve("a-file"), "x");
        assertThatThrownBy(() -> PlanExport.write(export, file))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("not a folder");
    }

    @Test
    void anEmptyFolderIsFilledAndNoTemporaryFolderIsLeft() throws Exception {
        Path dir = Files.createDirectories(temp.resolve("empty"));
        PlanExport.Export export = PlanExport.render(SAMPLE, ExportFormat.FLYWAY, "s");
        PlanExport.write(export, dir);
        for (ExportedFile f : export.files()) {
            assertThat(Files.readString(dir.resolve(f.path()))).isEqualTo(f.content());
        }
        try (var list = Files.list(temp)) {
            assertThat(list.map(p -> p.getFileName().toString()).toList()).containsExactly("empty");
        }
    }
}
