package dev.evoplan.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evoplan.diff.SchemaDiffer;
import dev.evoplan.engine.Analysis;
import dev.evoplan.engine.AnalysisOptions;
import dev.evoplan.engine.Analyzer;
import dev.evoplan.model.Extension;
import dev.evoplan.model.LoadedSchema;
import dev.evoplan.model.Schema;
import dev.evoplan.rules.TableStats;
import dev.evoplan.source.jdbc.CatalogReader;
import dev.evoplan.source.sql.SqlSource;
import dev.evoplan.testing.PostgresServers;
import dev.evoplan.verify.PlanRunner;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Extensions on a real PostgreSQL: the old schema is built (extensions included, so an index with
 * an extension's operator class can be made), the plan runs, the catalog reads back as the target
 * and planning again finds nothing to do.
 */
@Tag("postgres")
class ExtensionsOnPostgresTest {
    private static final String TABLE = "CREATE TABLE sources (id int PRIMARY KEY, name text);\n";
    private static final String TRGM = "CREATE EXTENSION IF NOT EXISTS pg_trgm;\n";
    private static final String INDEX =
            "CREATE INDEX sources_name_trgm ON sources USING gin (name gin_trgm_ops);\n";

    private static LoadedSchema sql(String name, String text) {
        return SqlSource.loadFile(name, name, text.getBytes(StandardCharsets.UTF_8));
    }

    @ParameterizedTest(name = "PostgreSQL {0}")
    @ValueSource(ints = {14, 16, 18})
    void anExtensionAndTheIndexThatNeedsItComeAndGo(int major) throws Exception {
        roundTrip(sql("a.sql", TABLE), sql("b.sql", TRGM + TABLE + INDEX), major);
        roundTrip(sql("b.sql", TRGM + TABLE + INDEX), sql("a.sql", TABLE), major);
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
        try (Connection db = PostgresServers.freshDatabase(major)) {
            // Building the old schema makes its extensions too: the gin_trgm_ops index needs
            // pg_trgm.
            PlanRunner.run(db, Planner.between(Schema.EMPTY, from.schema(), major));
            assertThat(CatalogReader.read(db, Set.of()).extensions().keySet())
                    .isEqualTo(from.schema().extensions().keySet());
            PlanRunner.run(db, analysis.plan());
            Schema actual = CatalogReader.read(db, Set.of());
            assertThat(actual.extensions().values())
                    .extracting(Extension::name)
                    .containsExactlyElementsOf(
                            to.schema().extensions().values().stream()
                                    .map(Extension::name)
                                    .toList());
            assertThat(SchemaDiffer.diff(actual, to.schema())).as("catalog vs target").isEmpty();
            assertThat(Planner.between(actual, to.schema(), major).isEmpty())
                    .as("re-plan is empty")
                    .isTrue();
        }
    }
}
