package dev.evoplan.source.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evoplan.diff.SchemaDiffer;
import dev.evoplan.engine.Analysis;
import dev.evoplan.engine.AnalysisOptions;
import dev.evoplan.engine.Analyzer;
import dev.evoplan.model.LoadedSchema;
import dev.evoplan.model.Schema;
import dev.evoplan.plan.PlanOptions;
import dev.evoplan.rules.TableStats;
import dev.evoplan.source.jdbc.CatalogReader;
import dev.evoplan.testing.PostgresServers;
import dev.evoplan.verify.PlanRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;

/**
 * Each case of {@code fixtures/sql-cases}: from.sql run on a real PostgreSQL reads back as the
 * schema SqlSource folds from it, and evoplan's plan from from.sql to to.sql turns that database
 * into what to.sql describes.
 */
@Tag("postgres")
class SqlSourceRoundTripTest {
    private static final Path CASES =
            Path.of(System.getProperty("evoplan.root", "."), "fixtures/sql-cases");
    private static final int MAJOR = 16;

    @TestFactory
    Stream<DynamicTest> planTurnsFromIntoToOnRealPostgres() throws IOException {
        try (Stream<Path> dirs = Files.list(CASES)) {
            return dirs.filter(Files::isDirectory).sorted().toList().stream()
                    .map(
                            dir ->
                                    DynamicTest.dynamicTest(
                                            dir.getFileName().toString(), () -> roundTrip(dir)));
        }
    }

    private static void roundTrip(Path dir) throws Exception {
        LoadedSchema from = SqlSource.load(dir.resolve("from.sql"));
        LoadedSchema to = SqlSource.load(dir.resolve("to.sql"));
        assertThat(to.schema()).as("to.sql differs from from.sql").isNotEqualTo(from.schema());
        try (Connection db = PostgresServers.freshDatabase(MAJOR)) {
            try (Statement st = db.createStatement()) {
                st.execute(Files.readString(dir.resolve("from.sql")));
            }
            Schema created = CatalogReader.read(db, Set.of());
            assertThat(SchemaDiffer.diff(created, withServerSpelling(from.schema())))
                    .as("from.sql as run vs as folded")
                    .isEmpty();
            Analysis analysis =
                    Analyzer.analyze(
                            from,
                            to,
                            new AnalysisOptions(
                                    MAJOR,
                                    TableStats.UNKNOWN,
                                    PlanOptions.DEFAULT_BATCH_SIZE,
                                    PlanOptions.DEFAULT_LOCK_TIMEOUT));
            PlanRunner.run(db, analysis.plan());
            Schema actual = CatalogReader.read(db, Set.of());
            assertThat(SchemaDiffer.diff(actual, withServerSpelling(to.schema())))
                    .as("catalog after the plan vs to.sql")
                    .isEmpty();
        }
    }

    /** Views as this server prints them: PostgreSQL keeps a view's parsed query, not its text. */
    private static Schema withServerSpelling(Schema target) throws Exception {
        if (target.views().isEmpty()) {
            return target;
        }
        try (Connection scratch = PostgresServers.freshDatabase(MAJOR)) {
            Schema result = target;
            for (var view : target.views().values()) {
                try (Statement st = scratch.createStatement()) {
                    // The view's tables, then the view, so the server prints its own spelling of
                    // the query.
                    for (var t : target.tables().values()) {
                        st.execute(
                                "CREATE TABLE IF NOT EXISTS "
                                        + t.name().sql()
                                        + " ("
                                        + String.join(
                                                ", ",
                                                t.columns().stream()
                                                        .map(
                                                                c ->
                                                                        dev.evoplan.model
                                                                                        .Identifiers
                                                                                        .quote(
                                                                                                c
                                                                                                        .name())
                                                                                + " "
                                                                                + c.type().sql())
                                                        .toList())
                                        + ")");
                    }
                    st.execute("CREATE VIEW " + view.name().sql() + " AS " + view.definition());
                }
                var printed = CatalogReader.read(scratch, Set.of()).views().get(view.name());
                // Only the query is the server's spelling: the kind and options are the view's.
                result =
                        result.withView(
                                new dev.evoplan.model.View(
                                        view.name(),
                                        printed.definition(),
                                        view.materialized(),
                                        view.options()));
            }
            return result;
        }
    }
}
