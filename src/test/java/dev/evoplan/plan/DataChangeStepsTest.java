package dev.evoplan.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evoplan.model.LoadedSchema;
import dev.evoplan.source.liquibase.LiquibaseOptions;
import dev.evoplan.source.liquibase.LiquibaseSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Data changes in a plan carry the SQL the changelog runs (Fineract: 70 steps were "review and
 * run by hand: update on job" with no SQL), so a team can run the plan as it is.
 */
class DataChangeStepsTest {
    private static final String TABLE = """
              - changeSet:
                  id: "1"
                  author: t
                  changes:
                    - createTable: {tableName: job, columns: [{column: {name: id, type: bigint}}, {column: {name: name, type: text}}, {column: {name: active, type: boolean}}]}
            """;
    private static final String DATA = """
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

    @TempDir
    Path tmp;

    private LoadedSchema load(String dir, String... changesets) throws Exception {
        Path file = tmp.resolve(dir).resolve("db.yaml");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "databaseChangeLog:\n" + String.join("", changesets));
        return new LiquibaseSource().load(file, LiquibaseOptions.defaults());
    }

    @Test
    void updateInsertAndDeleteStepsCarryTheirSql() throws Exception {
        Analysis a = Analyzer.analyze(load("v1", TABLE), load("v2", TABLE, DATA), AnalysisOptions.defaults());

        List<Step> steps = a.plan().steps();
        assertThat(steps).noneMatch(s -> s.kind() == Step.Kind.CHECKPOINT && s.description().contains("run by hand"));
        assertThat(steps).extracting(Step::sql).contains(
                "UPDATE job SET active = FALSE WHERE name = 'purge';",
                "INSERT INTO job (id, name) VALUES (7, 'report');",
                "DELETE FROM job WHERE id = 3;");
    }
}
