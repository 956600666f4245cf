package dev.evoplan.source.liquibase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.evoplan.model.InputException;
import dev.evoplan.model.LoadedSchema;
import dev.evoplan.model.QualifiedName;
import dev.evoplan.model.SourceChangeset;
import dev.evoplan.source.git.GitSources;
import dev.evoplan.source.git.Repos;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A multi-module build (Fineract after 1.9.0): the master in one module includes, by classpath
 * path, changelogs that sit in sibling modules' {@code src/main/resources}, as the application's
 * classpath assembles them. Fixture: fixtures/liquibase-modules.
 */
class LiquibaseModuleResourcesTest {
    static final Path MODULES = Path.of("fixtures/liquibase-modules");
    static final String MASTER = "app/src/main/resources/db/changelog/master.xml";
    static final String AMBIGUOUS = "app/src/main/resources/db/changelog/ambiguous-master.xml";

    static LoadedSchema load(Path changelog) {
        return new LiquibaseSource().load(changelog, LiquibaseOptions.defaults());
    }

    @Test
    void anIncludeInASiblingModulesResourcesLoadsWithoutFlags() {
        // Was: "included file db/changelog/module/loan/module-master.xml does not exist".
        LoadedSchema loaded = load(MODULES.resolve(MASTER));

        assertThat(loaded.history())
                .extracting(SourceChangeset::identity)
                .containsExactly(
                        "db/changelog/app/001-client.xml::001::app",
                        "db/changelog/module/loan/parts/1001-loan.xml::1001::loan",
                        "db/changelog/module/savings/module-master.xml::2001::savings");
        assertThat(loaded.schema().table(QualifiedName.of("public", "savings_account")))
                .isPresent();
    }

    @Test
    void aPathTwoModulesHoldIsAnErrorNamingBoth() {
        Throwable thrown = catchThrowable(() -> load(MODULES.resolve(AMBIGUOUS)));

        assertThat(thrown).isInstanceOf(InputException.class);
        InputException e = (InputException) thrown;
        assertThat(e.file()).endsWith("ambiguous-master.xml");
        assertThat(e.line()).isEqualTo(8);
        assertThat(e.getMessage())
                .contains("db/changelog/module/shared/common.xml")
                .contains(Path.of("loan/src/main/resources").toString())
                .contains(Path.of("savings/src/main/resources").toString());
    }

    @Test
    void atGitRefsAModuleMovedOutKeepsItsChangesetIdentities(@TempDir Path repo) throws Exception {
        try (Git git = Repos.init(repo)) {
            // v1: the loan module's changelogs still sit in the application's resources.
            Repos.copy(MODULES.resolve("app"), git, "app");
            Repos.copy(
                    MODULES.resolve("loan/src/main/resources/db/changelog/module/loan"),
                    git,
                    "app/src/main/resources/db/changelog/module/loan");
            Repos.copy(MODULES.resolve("savings"), git, "savings");
            Repos.commit(git, "v1");
            git.tag().setName("v1").call();
            // v2: moved to a module of their own, on the classpath at run time.
            Repos.deleteTree(git, "app/src/main/resources/db/changelog/module");
            Repos.copy(MODULES.resolve("loan"), git, "loan");
            Repos.commit(git, "v2");
        }
        String path = MASTER;
        LoadedSchema v1 = GitSources.load("git:v1:" + path, LiquibaseOptions.defaults(), repo);
        LoadedSchema v2 = GitSources.load("git:HEAD:" + path, LiquibaseOptions.defaults(), repo);

        assertThat(v2.history())
                .extracting(SourceChangeset::identity)
                .containsExactlyElementsOf(
                        v1.history().stream().map(SourceChangeset::identity).toList());
        assertThat(v2.schema()).isEqualTo(v1.schema());

        Throwable thrown =
                catchThrowable(
                        () ->
                                GitSources.load(
                                        "git:HEAD:" + AMBIGUOUS,
                                        LiquibaseOptions.defaults(),
                                        repo));
        assertThat(thrown)
                .isInstanceOf(InputException.class)
                .hasMessageContaining("git:HEAD:loan/src/main/resources")
                .hasMessageContaining("git:HEAD:savings/src/main/resources");
        assertThat(((InputException) thrown).file()).isEqualTo("git:HEAD:" + AMBIGUOUS);
    }
}
