package dev.evoplan.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evoplan.engine.AnalysisOptions;
import dev.evoplan.engine.Analyzer;
import dev.evoplan.model.LoadedSchema;
import dev.evoplan.plan.Plan;
import dev.evoplan.plan.PlanOptions;
import dev.evoplan.plan.Step;
import dev.evoplan.rules.TableStats;
import dev.evoplan.source.SourceSettings;
import dev.evoplan.source.Sources;
import dev.evoplan.testing.PostgresServers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Plans that touch rows, run on PostgreSQL 14, 16 and 18: a key column added to a table that has
 * rows (serial, identity, Liquibase autoIncrement, a plain key the application fills) reaches the
 * target with every row keyed, and a changelog's UPDATE and DELETE run in committed batches do what
 * the single statement does.
 */
@Tag("postgres")
class StagedRowPlansOnPostgresTest {
    private static final String TABLE = "CREATE TABLE job (name text, active boolean);\n";

    @TempDir Path dir;

    static Stream<Arguments> keyColumns() {
        List<Arguments> cases = new ArrayList<>();
        for (int major : PostgresServers.MAJORS) {
            for (String column :
                    List.of(
                            "id bigint PRIMARY KEY",
                            "id bigserial PRIMARY KEY",
                            "id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY",
                            "liquibase autoIncrement")) {
                cases.add(Arguments.of(major, column));
            }
        }
        return cases.stream();
    }

    private LoadedSchema load(String name, String text) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return Sources.load(file.toString(), SourceSettings.defaults());
    }

    private static AnalysisOptions options(int major, int batch) {
        return new AnalysisOptions(
                major, TableStats.UNKNOWN, batch, PlanOptions.DEFAULT_LOCK_TIMEOUT);
    }

    @ParameterizedTest(name = "PostgreSQL {0}: {1}")
    @MethodSource("keyColumns")
    void aKeyColumnAddedToATableWithRowsReachesTheTarget(int major, String column)
            throws Exception {
        LoadedSchema from;
        LoadedSchema to;
        if (column.startsWith("liquibase")) {
            String create =
                    """
                    databaseChangeLog:
                      - changeSet:
                          id: "1"
                          author: t
                          changes:
                            - createTable: {tableName: job, columns: [{column: {name: name, type: text}}, {column: {name: active, type: boolean}}]}
                    """;
            String key =
                    """
                      - changeSet:
                          id: "2"
                          author: t
                          changes:
                            - addColumn:
                                tableName: job
                                columns:
                                  - column: {name: id, type: bigint, autoIncrement: true, constraints: {primaryKey: true, nullable: false}}
                    """;
            from = load("from.yaml", create);
            to = load("to.yaml", create + key);
        } else {
            from = load("from.sql", TABLE);
            to = load("to.sql", TABLE + "ALTER TABLE job ADD COLUMN " + column + ";\n");
        }
        VerifyOptions options = new VerifyOptions(options(major, 40), RowCounts.everyTable(100));
        Plan plan = Analyzer.analyze(from, to, options.analysis()).plan();

        VerifyReport report =
                Verifier.verify(PostgresServers.server(major), from, to, plan, options);

        assertThat(
                        report.steps().stream()
                                .filter(s -> s.verdict() != VerifyReport.StepVerdict.OK)
                                .map(s -> s.index() + " " + s.description() + " " + s.reasons())
                                .toList())
                .isEmpty();
        assertThat(report.failure()).isNull();
        assertThat(report.schemaDifferences()).isEmpty();
        assertThat(report.replanSteps()).isZero();
        assertThat(report.passed()).isTrue();
        // The staged path, not the one statement that rewrites the table under ACCESS EXCLUSIVE.
        assertThat(plan.steps())
                .extracting(Step::sql)
                .anyMatch(s -> s != null && s.startsWith("CREATE UNIQUE INDEX CONCURRENTLY"))
                .anyMatch(s -> s != null && s.contains("PRIMARY KEY USING INDEX"))
                .anyMatch(s -> s != null && s.contains("NOT VALID"));
    }

    static Stream<Integer> majors() {
        return PostgresServers.MAJORS.stream();
    }

    @ParameterizedTest(name = "PostgreSQL {0}")
    @MethodSource("majors")
    void batchedUpdateAndDeleteDoWhatTheStatementsDo(int major) throws Exception {
        String create =
                """
                databaseChangeLog:
                  - changeSet:
                      id: "1"
                      author: t
                      changes:
                        - createTable: {tableName: job, columns: [{column: {name: id, type: bigint, constraints: {primaryKey: true}}}, {column: {name: name, type: text}}, {column: {name: active, type: boolean}}]}
                """;
        String data =
                """
                  - changeSet:
                      id: "2"
                      author: t
                      changes:
                        - update:
                            tableName: job
                            columns: [{column: {name: active, valueBoolean: false}}]
                            where: "name LIKE 'purge%'"
                        - update:
                            tableName: job
                            columns: [{column: {name: name, valueComputed: "name || '!'"}}]
                        - delete: {tableName: job, where: "id % 3 = 0"}
                """;
        LoadedSchema from = load("from.yaml", create);
        LoadedSchema to = load("to.yaml", create + data);
        // Batches of 7 over 100 rows: many batches, the last one short.
        Plan plan = Analyzer.analyze(from, to, options(major, 7)).plan();
        List<String> batched =
                plan.steps().stream()
                        .map(Step::sql)
                        .filter(s -> s != null && s.startsWith("DO "))
                        .toList();
        assertThat(batched).hasSize(3);

        try (Connection db = PostgresServers.freshDatabase(major);
                Statement st = db.createStatement()) {
            db.setAutoCommit(true);
            st.execute("CREATE TABLE job (id bigint PRIMARY KEY, name text, active boolean)");
            st.execute(
                    "INSERT INTO job SELECT g, CASE WHEN g % 2 = 0 THEN 'purge' || g ELSE 'keep'"
                            + " || g END, true FROM generate_series(1, 100) g");
            for (String sql : batched) {
                st.execute(sql);
            }
            try (ResultSet rs =
                    st.executeQuery(
                            "SELECT count(*), count(*) FILTER (WHERE NOT active),"
                                    + " count(*) FILTER (WHERE name LIKE '%!'),"
                                    + " count(*) FILTER (WHERE name LIKE '%!!')"
                                    + " FROM job")) {
                rs.next();
                // 100 rows less the 33 multiples of 3; of those left, the even ones are purged.
                assertThat(rs.getLong(1)).isEqualTo(67);
                assertThat(rs.getLong(2)).isEqualTo(34);
                // Every row updated once, none twice, though each batch re-reads the table.
                assertThat(rs.getLong(3)).isEqualTo(67);
                assertThat(rs.getLong(4)).isZero();
            }
        }
    }
}
