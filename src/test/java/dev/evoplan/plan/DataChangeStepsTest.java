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
                        "run in committed batches (job is not known to be small; job has no primary key to walk in batches): UPDATE job SET active = FALSE WHERE name = 'purge'",
                        "run in committed batches (job is not known to be small; job has no primary key to walk in batches): DELETE FROM job WHERE id = 3");
        assertThat(steps).noneMatch(s -> s.description().contains("run by hand"));
        assertThat(steps)
                .extracting(Step::sql)
                .contains("INSERT INTO job (id, name) VALUES (7, 'report');");
    }

    static final String KEYED_TABLE =
            """
              - changeSet:
                  id: "1"
                  author: t
                  changes:
                    - createTable: {tableName: job, columns: [{column: {name: id, type: bigint, constraints: {primaryKey: true}}}, {column: {name: name, type: text}}, {column: {name: active, type: boolean}}]}
            """;
    static final String KEYED_DATA =
            """
              - changeSet:
                  id: "2"
                  author: t
                  changes:
                    - update:
                        tableName: job
                        columns: [{column: {name: active, valueBoolean: false}}]
                        where: "name = 'purge'"
                    - update:
                        tableName: job
                        columns: [{column: {name: name, valueComputed: "upper(name)"}}]
                    - delete: {tableName: job, where: "id % 3 = 0"}
                    - insert:
                        tableName: job
                        columns: [{column: {name: id, valueNumeric: 1000}}, {column: {name: name, value: report}}]
            """;

    @Test
    void onAKeyedTableUpdateAndDeleteRunInCommittedBatchesWalkingTheKey() throws Exception {
        Analysis a =
                Analyzer.analyze(
                        load("v1", KEYED_TABLE),
                        load("v2", KEYED_TABLE, KEYED_DATA),
                        AnalysisOptions.defaults());

        List<Step> steps = a.plan().steps();
        assertThat(steps).noneMatch(s -> s.kind() == Step.Kind.CHECKPOINT);
        List<Step> batched =
                steps.stream().filter(s -> s.sql() != null && s.sql().startsWith("DO ")).toList();
        assertThat(batched).hasSize(3);
        assertThat(batched.get(0).sql())
                .contains(
                        "UPDATE job SET active = FALSE\n"
                                + "      WHERE id IN (SELECT id FROM evoplan_batch) AND (name = 'purge')")
                .contains("WHERE id > evoplan_key_1 AND (name = 'purge')")
                .contains("COMMIT;");
        // An update with no WHERE: every row, a batch at a time.
        assertThat(batched.get(1).sql())
                .contains(
                        "UPDATE job SET name = upper(name)\n"
                                + "      WHERE id IN (SELECT id FROM evoplan_batch) AND TRUE");
        assertThat(batched.get(2).sql())
                .contains(
                        "DELETE FROM job\n"
                                + "      WHERE id IN (SELECT id FROM evoplan_batch) AND (id % 3 = 0)");
        assertThat(batched).allMatch(s -> !s.transactional());
        assertThat(batched.get(0).description())
                .startsWith(
                        "update job as the changelog writes it, in committed batches of 10000"
                                + " rows walking the primary key: UPDATE job SET active = FALSE");
        // An insert adds its rows: one step as written.
        assertThat(steps)
                .extracting(Step::sql)
                .contains("INSERT INTO job (id, name) VALUES (1000, 'report');");
    }

    @Test
    void aStatementThatNamesItsTableByAnAliasIsNotBatched() {
        // The batch walk selects keys FROM the table by its own name, where the alias in the
        // statement's WHERE means nothing: PostgreSQL would refuse the loop.
        assertThat(DataChangeBatches.split("UPDATE job j SET a = 1 WHERE j.id > 5")).isNull();
        assertThat(DataChangeBatches.split("DELETE FROM job AS j WHERE j.id = 1")).isNull();
        assertThat(DataChangeBatches.split("UPDATE ONLY public.\"Job\" SET a = 1 WHERE a = 2"))
                .isEqualTo(
                        new DataChangeBatches.Split(
                                false, "UPDATE ONLY public.\"Job\" SET a = 1", "a = 2"));
        assertThat(DataChangeBatches.split("DELETE FROM job"))
                .isEqualTo(new DataChangeBatches.Split(true, "DELETE FROM job", null));
    }

    @Test
    void anUpdateThatReadsItsOwnTableStaysAStopThatSaysWhy() {
        assertThat(
                        DataChangeBatches.split(
                                "UPDATE job SET a = 1 FROM other WHERE other.id = job.id"))
                .isNull();
        assertThat(DataChangeBatches.split("DELETE FROM job USING other WHERE other.id = job.id"))
                .isNull();
        assertThat(DataChangeBatches.split("UPDATE job SET a = 1 WHERE CURRENT OF c")).isNull();
        assertThat(DataChangeBatches.split("UPDATE job SET current = 1 WHERE \"from\" = 'x'"))
                .isEqualTo(
                        new DataChangeBatches.Split(
                                false, "UPDATE job SET current = 1", "\"from\" = 'x'"));
    }

    @Test
    void aDeleteReadingItsOwnTableIsNotBatched() throws Exception {
        String dedupe =
                """
                  - changeSet:
                      id: "3"
                      author: t
                      changes:
                        - delete: {tableName: job, where: "id NOT IN (SELECT min(id) FROM job GROUP BY name)"}
                """;
        Analysis a =
                Analyzer.analyze(
                        load("v1", KEYED_TABLE),
                        load("v2", KEYED_TABLE, dedupe),
                        AnalysisOptions.defaults());

        assertThat(a.plan().steps())
                .filteredOn(s -> s.kind() == Step.Kind.CHECKPOINT)
                .extracting(Step::description)
                .containsExactly(
                        "run in committed batches (job is not known to be small; it reads job in a"
                                + " subquery, so batches could change which rows it selects): DELETE"
                                + " FROM job WHERE id NOT IN (SELECT min(id) FROM job GROUP BY name)");
    }

    @Test
    void anUpdateOfAColumnTheChangesetAddsAndRenamesStaysAStopThatSaysWhy() throws Exception {
        // Keycloak's way to change a column's type: add VALUE_NEW, copy, drop VALUE, rename.
        String copy =
                """
                  - changeSet:
                      id: "3"
                      author: t
                      changes:
                        - addColumn: {tableName: job, columns: [{column: {name: name_new, type: text}}]}
                        - update:
                            tableName: job
                            columns: [{column: {name: name_new, valueComputed: name}}]
                        - dropColumn: {tableName: job, columnName: name}
                        - renameColumn: {tableName: job, oldColumnName: name_new, newColumnName: name}
                """;
        Analysis a =
                Analyzer.analyze(
                        load("v1", KEYED_TABLE),
                        load("v2", KEYED_TABLE, copy),
                        AnalysisOptions.defaults());

        assertThat(a.plan().steps())
                .filteredOn(s -> s.kind() == Step.Kind.CHECKPOINT)
                .extracting(Step::description)
                .anySatisfy(
                        d ->
                                assertThat(d)
                                        .contains(
                                                "name_new exists only inside its changeset (added,"
                                                        + " then dropped or renamed there)")
                                        .endsWith("UPDATE job SET name_new = name"));
        assertThat(a.plan().steps())
                .noneMatch(s -> s.sql() != null && s.sql().contains("SET name_new"));
    }

    @Test
    void aColumnTheChangelogFillsByAnUpdateIsNotAValueEvoplanCannotKnow() throws Exception {
        // Keycloak 26's membership type: add the column, update every row, then NOT NULL.
        String fill =
                """
                  - changeSet:
                      id: "3"
                      author: t
                      changes:
                        - addColumn: {tableName: job, columns: [{column: {name: kind, type: text}}]}
                        - update:
                            tableName: job
                            columns: [{column: {name: kind, value: plain}}]
                        - addNotNullConstraint: {tableName: job, columnName: kind, columnDataType: text}
                """;
        Analysis a =
                Analyzer.analyze(
                        load("v1", KEYED_TABLE),
                        load("v2", KEYED_TABLE, fill),
                        AnalysisOptions.defaults());

        List<Step> steps = a.plan().steps();
        assertThat(steps).noneMatch(s -> s.description().contains("cannot know the value"));
        assertThat(steps)
                .anyMatch(
                        s ->
                                s.sql() != null
                                        && s.sql().contains("UPDATE job SET kind = 'plain'")
                                        && s.sql().startsWith("DO "));
        // The fill runs before the NOT NULL is validated.
        int fillAt = -1;
        int validateAt = -1;
        for (int i = 0; i < steps.size(); i++) {
            String sql = String.valueOf(steps.get(i).sql());
            if (sql.contains("SET kind = 'plain'")) {
                fillAt = i;
            } else if (sql.contains("VALIDATE CONSTRAINT")) {
                validateAt = i;
            }
        }
        assertThat(fillAt).isNotNegative().isLessThan(validateAt);
    }
}
