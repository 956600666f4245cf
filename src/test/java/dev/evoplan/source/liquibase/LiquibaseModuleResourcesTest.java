package dev.evoplan.source.liquibase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.evoplan.model.InputException;
import dev.evoplan.model.LoadedSchema;
import dev.evoplan.model.QualifiedName;
import dev.evoplan.model.SourceChangeset;
import dev.evoplan.source.git.GitSources;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
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
    private static final PersonIdent AUTHOR = new PersonIdent("Test", "test@example.com");

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
        try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
            // v1: the loan module's changelogs still sit in the application's resources.
            copy(MODULES.resolve("app"), repo.resolve("app"));
            copy(
                    MODULES.resolve("loan/src/main/resources/db/changelog/module/loan"),
                    repo.resolve("app/src/main/resources/db/changelog/module/loan"));
            copy(MODULES.resolve("savings"), repo.resolve("savings"));
            commit(git, "v1");
            git.tag().setName("v1").call();
            // v2: moved to a module of their own, on the classpath at run time.
            deleteTree(repo.resolve("app/src/main/resources/db/changelog/module"));
            copy(MODULES.resolve("loan"), repo.resolve("loan"));
            commit(git, "v2");
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

    private static void commit(Git git, String message) throws Exception {
        git.add().addFilepattern(".").call();
        git.add().addFilepattern(".").setUpdate(true).call();
        git.commit().setMessage(message).setAuthor(AUTHOR).setCommitter(AUTHOR).call();
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Path dest = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(dest);
                } else {
                    Files.createDirectories(dest.getParent());
                    Files.copy(f, dest, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f :
                    (Iterable<Path>) files.sorted(java.util.Comparator.reverseOrder())::iterator) {
                Files.delete(f);
            }
        }
    }
}
