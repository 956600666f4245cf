package dev.evoplan.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evoplan.engine.Analysis;
import dev.evoplan.engine.AnalysisOptions;
import dev.evoplan.engine.Analyzer;
import dev.evoplan.model.LoadedSchema;
import dev.evoplan.source.liquibase.LiquibaseOptions;
import dev.evoplan.source.liquibase.LiquibaseSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Data changes in a plan carry the SQL the changelog runs (Fineract: 70 steps were "review and run
 * by hand: update on job" with no SQL), so a team can run the plan as it is.
 */
class DataChangeStepsTest {
    private static final String TABLE =
            """
              - changeSet:
                  id: "1"
                  author: t
                  changes:
                    - createTable: {tableName: job, columns: [{column: {name: id, type: bigint}}, {column: {name: name, type: text}}, {column: {name: active, type: boolean}}]}
            """;
    private static final String DATA =
            """
              - changeSet:
                  id: "2"
                  author: t
                  changes:
                    - update:
                        tableName: job
                        columns: [{column: {name: active, valueBoolean: false}}]
                        where: "name = 'purge'"
                    - insert:
                        tableName: job
                        columns: [{column: {name: id, valueNumeric: 7}}, {column: {name: name, value: report}}]
                    - delete: {tableName: job, where: "id = 3"}
            """;

    @TempDir Path tmp;

    private LoadedSchema load(String dir, String... changesets) throws Exception {
        Path file = tmp.resolve(dir).resolve("db.yaml");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "databaseChangeLog:\n" + String.join("", changesets));
        return new LiquibaseSource().load(file, LiquibaseOptions.defaults());
    }

    @Test
    void onASmallTableUpdateInsertAndDeleteAreStepsWithTheirSql() throws Exception {
        AnalysisOptions small =
                new AnalysisOptions(
                        16,
                        new dev.evoplan.rules.TableStats(
                                java.util.Map.of(dev.evoplan.model.QualifiedName.of("job"), 100L),
                                dev.evoplan.rules.TableStats.DEFAULT_SMALL_TABLE_ROWS),
                        PlanOptions.DEFAULT_BATCH_SIZE,
                        PlanOptions.DEFAULT_LOCK_TIMEOUT);
        Analysis a = Analyzer.analyze(load("v1", TABLE), load("v2", TABLE, DATA), small);

        List<Step> steps = a.plan().steps();
        assertThat(steps).noneMatch(s -> s.kind() == Step.Kind.CHECKPOINT);
        // In the order the changeset writes them: an UPDATE may touch the row an INSERT adds.
        assertThat(steps)
                .extracting(Step::sql)
                .containsSubsequence(
                        "UPDATE job SET active = FALSE WHERE name = 'purge';",
                        "INSERT INTO job (id, name) VALUES (7, 'report');",
                        "DELETE FROM job WHERE id = 3;");
    }

    @Test
    void onATableNotKnownToBeSmallUpdateAndDeleteAreStopsThatCarryTheirSql() throws Exception {
        Analysis a =
                Analyzer.analyze(
                        load("v1", TABLE), load("v2", TABLE, DATA), AnalysisOptions.defaults());

        List<Step> steps = a.plan().steps();
        // One statement would hold its row locks on every row until commit: a person runs it in
        // batches.
        assertThat(steps)
                .filteredOn(s -> s.kind() == Step.Kind.CHECKPOINT)
                .extracting(Step::description)
                .containsExactly(
                        "run in committed batches (job is not known to be small): UPDATE job SET active = FALSE WHERE name = 'purge'",
                        "run in committed batches (job is not known to be small): DELETE FROM job WHERE id = 3");
        assertThat(steps).noneMatch(s -> s.description().contains("run by hand"));
        assertThat(steps)
                .extracting(Step::sql)
                .contains("INSERT INTO job (id, name) VALUES (7, 'report');");
    }
}
