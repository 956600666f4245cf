package dev.evoplan.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evoplan.engine.Analysis;
import dev.evoplan.engine.AnalysisOptions;
import dev.evoplan.engine.Analyzer;
import dev.evoplan.model.LoadedSchema;
import dev.evoplan.plan.PlanOptions;
import dev.evoplan.rules.Safety;
import dev.evoplan.rules.TableStats;
import dev.evoplan.source.SourceSettings;
import dev.evoplan.source.Sources;
import dev.evoplan.testing.PostgresServers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The acceptance method of pg-schema-diff, on cases of our own in {@code
 * fixtures/plan-reaches-target/<case>/}: {@code from.sql} and {@code to.sql} are run on two
 * databases, the plan from one to the other runs on the first, and the two catalogs must then be
 * equal ({@link CatalogSnapshot}); when they are equal to begin with, the plan must be empty. A
 * case with {@code expected.txt} reading {@code needs-review} must instead be refused for review
 * (no automatic safe path exists).
 */
@Tag("postgres")
class PlanReachesTargetTest {
    private static final Path CASES =
            Path.of(System.getProperty("evoplan.root", "."), "fixtures/plan-reaches-target");

    static Stream<String> cases() throws Exception {
        try (Stream<Path> s = Files.list(CASES)) {
            return s
                    .filter(Files::isDirectory)
                    .map(p -> p.getFileName().toString())
                    .sorted()
                    .toList()
                    .stream();
        }
    }

    @ParameterizedTest
    @MethodSource("cases")
    void thePlanReachesTheTarget(String name) throws Exception {
        Path dir = CASES.resolve(name);
        LoadedSchema from =
                Sources.load(dir.resolve("from.sql").toString(), SourceSettings.defaults());
        LoadedSchema to = Sources.load(dir.resolve("to.sql").toString(), SourceSettings.defaults());
        Analysis analysis =
                Analyzer.analyze(
                        from,
                        to,
                        new AnalysisOptions(
                                16,
                                TableStats.UNKNOWN,
                                PlanOptions.DEFAULT_BATCH_SIZE,
                                PlanOptions.DEFAULT_LOCK_TIMEOUT));
        if (analysis.worst() == Safety.SAFE) {
            // A step left to a person is not safe to run unattended.
            assertThat(analysis.plan().steps())
                    .noneMatch(s -> s.kind() == dev.evoplan.plan.Step.Kind.CHECKPOINT);
        }
        Path expected = dir.resolve("expected.txt");
        if (Files.exists(expected)
                && Files.readString(expected).strip().startsWith("needs-review")) {
            assertThat(analysis.worst()).isEqualTo(Safety.NEEDS_REVIEW);
            return;
        }
        try (Connection a = PostgresServers.freshDatabase(16);
                Connection b = PostgresServers.freshDatabase(16)) {
            run(a, Files.readString(dir.resolve("from.sql")));
            run(b, Files.readString(dir.resolve("to.sql")));
            if (CatalogSnapshot.read(a).equals(CatalogSnapshot.read(b))) {
                // The same schema spelled two ways (char and char(1), DEFAULT NULL and none):
                // nothing to do.
                assertThat(analysis.plan().steps()).isEmpty();
                return;
            }

            PlanRunner.run(a, analysis.plan());

            List<String> left =
                    CatalogSnapshot.differences(CatalogSnapshot.read(a), CatalogSnapshot.read(b));
            assertThat(left)
                    .as(
                            "plan:%n%s",
                            analysis.plan().steps().stream()
                                    .map(s -> String.valueOf(s.sql()))
                                    .toList())
                    .isEmpty();
        }
    }

    private static void run(Connection c, String sql) throws Exception {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }
}
