package dev.evoplan.render.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evoplan.diff.Change;
import dev.evoplan.diff.SchemaDiffer;
import dev.evoplan.engine.AnalysisOptions;
import dev.evoplan.engine.Analyzer;
import dev.evoplan.model.LoadedSchema;
import dev.evoplan.model.Schema;
import dev.evoplan.plan.Plan;
import dev.evoplan.plan.Planner;
import dev.evoplan.rules.TableStats;
import dev.evoplan.source.SourceSettings;
import dev.evoplan.source.Sources;
import dev.evoplan.source.jdbc.CatalogReader;
import dev.evoplan.testing.PostgresServers;
import dev.evoplan.verify.PlanRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each export, run by its tool (liquibase-core {@code update}; psql's and Flyway's execution rules,
 * see {@link ExportRunners}), turns the old schema into the new one on PostgreSQL 14, 16 and 18:
 * the catalog it leaves equals the catalog of the new schema created directly, and planning again
 * from it gives nothing to do.
 */
@Tag("postgres")
class PlanExportOnPostgresTest {
    private static final List<String> SAMPLE =
            List.of(
                    "changelogs/crawler/v1/db.changelog-master.yaml",
                    "changelogs/crawler/v2/db.changelog-master.yaml");

    /**
     * SQL pairs with indexes, FKs, views, types, renames, enum values; each on one major in turn,
     * to keep the tier short.
     */
    private static final List<List<String>> PAIRS =
            List.of(
                    List.of(
                            "fixtures/sql-cases/add-index/from.sql",
                            "fixtures/sql-cases/add-index/to.sql"),
                    List.of(
                            "fixtures/sql-cases/add-fk-view/from.sql",
                            "fixtures/sql-cases/add-fk-view/to.sql"),
                    List.of(
                            "fixtures/sql-cases/type-change/from.sql",
                            "fixtures/sql-cases/type-change/to.sql"),
                    List.of(
                            "fixtures/sql-cases/rename-column/from.sql",
                            "fixtures/sql-cases/rename-column/to.sql"),
                    List.of(
                            "fixtures/sql-cases/enum-value/from.sql",
                            "fixtures/sql-cases/enum-value/to.sql"));

    @TempDir Path temp;

    @TestFactory
    Stream<DynamicTest> everyExportTurnsTheOldSchemaIntoTheNew() {
        List<Integer> majors = PostgresServers.MAJORS;
        Stream<DynamicTest> sample = majors.stream().flatMap(major -> cases(SAMPLE, major));
        Stream<DynamicTest> pairs =
                java.util.stream.IntStream.range(0, PAIRS.size())
                        .boxed()
                        .flatMap(i -> cases(PAIRS.get(i), majors.get(i % majors.size())));
        return Stream.concat(sample, pairs);
    }

    private Stream<DynamicTest> cases(List<String> pair, int major) {
        return Stream.of(ExportFormat.values())
                .map(
                        format ->
                                DynamicTest.dynamicTest(
                                        format.label()
                                                + ": "
                                                + pair.get(0)
                                                + " on PostgreSQL "
                                                + major,
                                        () -> roundTrip(major, pair.get(0), pair.get(1), format)));
    }

    /**
     * The comparison sees a half-run export: the sample stopped at its first checkpoint is not the
     * new schema.
     */
    @org.junit.jupiter.api.Test
    void anExportStoppedAtItsFirstCheckpointIsNotTheNewSchema() throws Exception {
        int major = PostgresServers.REFERENCE;
        LoadedSchema from = Sources.load(SAMPLE.get(0), SourceSettings.defaults());
        LoadedSchema to = Sources.load(SAMPLE.get(1), SourceSettings.defaults());
        Plan plan =
                Analyzer.analyze(
                                from,
                                to,
                                new AnalysisOptions(major, TableStats.UNKNOWN, 1000, "5s"))
                        .plan();
        PlanExport.Export export = PlanExport.render(plan, ExportFormat.SQL, "sample");
        Path dir = temp.resolve("half");
        PlanExport.write(export, dir);
        Schema expected = direct(major, to.schema());
        try (Connection db = PostgresServers.freshDatabase(major)) {
            PlanRunner.run(db, Planner.between(Schema.EMPTY, from.schema(), major));
            ExportRunners.psql(
                    db,
                    dir.resolve(PlanExport.unit(ExportFormat.SQL, export.cut().parts().get(0))));
            Schema actual = CatalogReader.read(db, Set.of());
            assertThat(SchemaDiffer.diff(actual, expected)).isNotEmpty();
            assertThat(Planner.between(actual, expected, major).steps()).isNotEmpty();
        }
    }

    private static Schema direct(int major, Schema schema) throws Exception {
        try (Connection direct = PostgresServers.freshDatabase(major)) {
            PlanRunner.run(direct, Planner.between(Schema.EMPTY, schema, major));
            return CatalogReader.read(direct, Set.of());
        }
    }

    private void roundTrip(int major, String fromSpec, String toSpec, ExportFormat format)
            throws Exception {
        LoadedSchema from = Sources.load(fromSpec, SourceSettings.defaults());
        LoadedSchema to = Sources.load(toSpec, SourceSettings.defaults());
        Plan plan =
                Analyzer.analyze(
                                from,
                                to,
                                new AnalysisOptions(major, TableStats.UNKNOWN, 1000, "5s"))
                        .plan();
        PlanExport.Export export = PlanExport.render(plan, format, fromSpec + " -> " + toSpec);
        Path dir = Files.createTempDirectory(temp, format.label()).resolve("out");
        PlanExport.write(export, dir);

        Schema expected = direct(major, to.schema());
        try (Connection db = PostgresServers.freshDatabase(major)) {
            PlanRunner.run(db, Planner.between(Schema.EMPTY, from.schema(), major));
            for (ExportPart part : export.cut().parts()) {
                String unit = PlanExport.unit(format, part);
                switch (format) {
                    case SQL -> ExportRunners.psql(db, dir.resolve(unit));
                    case FLYWAY -> ExportRunners.flyway(db, dir.resolve(unit));
                    case LIQUIBASE_YAML, LIQUIBASE_XML ->
                            ExportRunners.liquibaseUpdate(
                                    PostgresServers.connect(major, db.getCatalog()), dir, unit);
                }
            }
            if (format == ExportFormat.LIQUIBASE_YAML || format == ExportFormat.LIQUIBASE_XML) {
                assertThat(count(db, "SELECT count(*) FROM databasechangelog"))
                        .as("one changeset per SQL step")
                        .isEqualTo(
                                plan.steps().stream()
                                        .filter(s -> s.kind() == dev.evoplan.plan.Step.Kind.SQL)
                                        .count());
                try (Statement st = db.createStatement()) {
                    st.execute(
                            "DROP TABLE databasechangelog, databasechangeloglock"); // Liquibase's,
                    // not the
                    // schema's
                }
            }
            Schema actual = CatalogReader.read(db, Set.of());
            List<String> differences =
                    SchemaDiffer.diff(actual, expected).stream().map(Change::summary).toList();
            assertThat(differences)
                    .as("catalog after the export against the new schema created directly")
                    .isEmpty();
            assertThat(Planner.between(actual, expected, major).steps())
                    .as("planning again")
                    .isEmpty();
        }
    }

    private static long count(Connection c, String sql) throws Exception {
        try (Statement st = c.createStatement();
                var rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
