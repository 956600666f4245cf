package dev.evoplan.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evoplan.diff.SchemaDiffer;
import dev.evoplan.engine.Analysis;
import dev.evoplan.engine.AnalysisOptions;
import dev.evoplan.engine.Analyzer;
import dev.evoplan.model.CheckConstraint;
import dev.evoplan.model.Extension;
import dev.evoplan.model.LoadedSchema;
import dev.evoplan.model.QualifiedName;
import dev.evoplan.model.Schema;
import dev.evoplan.rules.TableStats;
import dev.evoplan.source.jdbc.CatalogReader;
import dev.evoplan.source.sql.SqlSource;
import dev.evoplan.testing.PostgresServers;
import dev.evoplan.verify.PlanRunner;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What the model now reads that it used to drop (a check's NO INHERIT, an extension's version), on
 * a real PostgreSQL: the catalog reads back as the SQL that made it, and a plan between two states
 * that differ only in NO INHERIT reaches the target.
 */
@Tag("postgres")
class SilentDifferencesOnPostgresTest {
    private static final String INHERITABLE =
            "CREATE TABLE readings (id int PRIMARY KEY, low int, high int,"
                    + " CONSTRAINT readings_range CHECK (high > low));\n";
    private static final String NO_INHERIT =
            "CREATE TABLE readings (id int PRIMARY KEY, low int, high int,"
                    + " CONSTRAINT readings_range CHECK (high > low) NO INHERIT);\n";

    private static LoadedSchema sql(String name, String text) {
        return SqlSource.loadFile(name, name, text.getBytes(StandardCharsets.UTF_8));
    }

    @ParameterizedTest(name = "PostgreSQL {0}")
    @ValueSource(ints = {14, 16, 18})
    void aCheckGoesToNoInheritAndBack(int major) throws Exception {
        roundTrip(sql("a.sql", INHERITABLE), sql("b.sql", NO_INHERIT), major);
        roundTrip(sql("b.sql", NO_INHERIT), sql("a.sql", INHERITABLE), major);
    }

    @ParameterizedTest(name = "PostgreSQL {0}")
    @ValueSource(ints = {14, 16, 18})
    void theCatalogReadsNoInheritAndTheExtensionVersionAsWritten(int major) throws Exception {
        String ddl = "CREATE EXTENSION pg_trgm WITH VERSION '1.5';\n" + NO_INHERIT;
        LoadedSchema written = sql("s.sql", ddl);
        try (Connection db = PostgresServers.freshDatabase(major)) {
            try (Statement st = db.createStatement()) {
                st.execute(ddl);
            }
            Schema read = CatalogReader.read(db, Set.of());

            assertThat(read.tables().get(QualifiedName.of("readings")).checks())
                    .containsExactly(
                            new CheckConstraint("readings_range", "high > low", true, true));
            assertThat(read.extensions().values())
                    .containsExactly(new Extension("pg_trgm", "public", "1.5"));
            // --from the database vs the SQL that made it: nothing to do.
            assertThat(SchemaDiffer.diff(read.withUnmodelledOf(written.schema()), written.schema()))
                    .isEmpty();
            // An upgrade written in the SQL is seen, never "no changes".
            assertThat(
                            SchemaDiffer.diff(
                                    read,
                                    sql("t.sql", ddl.replace("'1.5'", "'1.6'"))
                                            .schema()
                                            .withUnmodelledOf(read)))
                    .singleElement()
                    .asString()
                    .contains("ALTER EXTENSION pg_trgm UPDATE TO '1.6'");
        }
    }

    private static void roundTrip(LoadedSchema from, LoadedSchema to, int major) throws Exception {
        Analysis analysis =
                Analyzer.analyze(
                        from,
                        to,
                        new AnalysisOptions(
                                major,
                                TableStats.UNKNOWN,
                                PlanOptions.DEFAULT_BATCH_SIZE,
                                PlanOptions.DEFAULT_LOCK_TIMEOUT));
        assertThat(analysis.plan().steps()).isNotEmpty();
        try (Connection db = PostgresServers.freshDatabase(major)) {
            PlanRunner.run(db, Planner.between(Schema.EMPTY, from.schema(), major));
            PlanRunner.run(db, analysis.plan());
            Schema actual = CatalogReader.read(db, Set.of());
            assertThat(SchemaDiffer.diff(actual, to.schema())).as("catalog vs target").isEmpty();
            assertThat(Planner.between(actual, to.schema(), major).isEmpty())
                    .as("re-plan is empty")
                    .isTrue();
            assertThat(List.of(actual.tables().get(QualifiedName.of("readings")).checks()))
                    .isEqualTo(
                            List.of(
                                    to.schema()
                                            .tables()
                                            .get(QualifiedName.of("readings"))
                                            .checks()));
        }
    }
}
