package dev.evoplan.source.git;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evoplan.diff.SchemaDiffer;
import dev.evoplan.engine.Analysis;
import dev.evoplan.engine.AnalysisOptions;
import dev.evoplan.engine.Analyzer;
import dev.evoplan.model.LoadedSchema;
import dev.evoplan.model.Schema;
import dev.evoplan.plan.PlanOptions;
import dev.evoplan.plan.Planner;
import dev.evoplan.rules.Mode;
import dev.evoplan.rules.TableStats;
import dev.evoplan.source.jdbc.CatalogReader;
import dev.evoplan.source.liquibase.LiquibaseOptions;
import dev.evoplan.testing.PostgresServers;
import dev.evoplan.verify.PlanRunner;
import dev.evoplan.verify.ServerSpelling;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.Set;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The core's round trip for a plan built from two git refs: the sample's v1 committed and tagged,
 * v2 committed on top; the plan from {@code git:v1:...} to {@code git:HEAD:...}, run on a real
 * PostgreSQL holding v1, leaves exactly v2.
 */
@Tag("postgres")
class GitRoundTripOnPostgresTest {
    private static final Path CRAWLER =
            Path.of(System.getProperty("evoplan.root", "."), "changelogs/crawler");

    @TempDir Path tmp;

    @ParameterizedTest(name = "PostgreSQL {0}")
    @ValueSource(ints = {14, 18})
    void aPlanBetweenTwoRefsTurnsTheOldSchemaIntoTheNewOne(int major) throws Exception {
        Path repo = tmp.resolve("repo");
        Git git = Repos.init(repo);
        Repos.copy(CRAWLER.resolve("v1"), git, "db");
        Repos.commit(git, "crawler v1");
        git.tag().setName("v1").call();
        Repos.deleteTree(git, "db");
        Repos.copy(CRAWLER.resolve("v2"), git, "db");
        Repos.commit(git, "crawler v2");

        LiquibaseOptions options = LiquibaseOptions.defaults();
        LoadedSchema from = GitSources.load("git:v1:db/db.changelog-master.yaml", options, repo);
        LoadedSchema to = GitSources.load("git:HEAD:db/db.changelog-master.yaml", options, repo);
        Analysis analysis =
                Analyzer.analyze(
                        from,
                        to,
                        new AnalysisOptions(
                                major,
                                TableStats.UNKNOWN,
                                PlanOptions.DEFAULT_BATCH_SIZE,
                                PlanOptions.DEFAULT_LOCK_TIMEOUT));
        assertThat(analysis.mode()).isEqualTo(Mode.AS_WRITTEN);
        assertThat(analysis.plan().steps()).isNotEmpty();

        try (Connection db = PostgresServers.freshDatabase(major)) {
            PlanRunner.run(db, Planner.between(Schema.EMPTY, from.schema(), major));
            PlanRunner.run(db, analysis.plan());
            Schema actual = CatalogReader.read(db, Set.of());
            Schema expected;
            try (Connection scratch = PostgresServers.freshDatabase(major)) {
                // The catalog is read for the model's objects only; unmodelled ones are not
                // compared.
                expected =
                        ServerSpelling.spell(scratch, to.schema(), major).withUnmodelledOf(actual);
            }
            assertThat(SchemaDiffer.diff(actual, expected))
                    .as("catalog vs the schema at HEAD")
                    .isEmpty();
            assertThat(Planner.between(actual, expected, major).isEmpty())
                    .as("re-plan is empty")
                    .isTrue();
        }
    }
}
