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
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An includeAll over a folder that only the build's other modules hold, with a filter class of the
 * project (Fineract 1.9.0's tenant module masters): the folder is listed as a classpath lists it,
 * merged over every module, and the filter must be declared. Fixture:
 * fixtures/liquibase-include-all-filter.
 */
class LiquibaseIncludeAllModulesTest {
    static final Path FIXTURE = Path.of("fixtures/liquibase-include-all-filter");
    static final String MASTER = "app/src/main/resources/db/master.xml";
    static final String CLASH = "app/src/main/resources/db/clash-master.xml";
    static final String FILTER = "com.example.changelog.ModuleMasterFilter";

    static LiquibaseOptions declaring(String glob) {
        return LiquibaseOptions.defaults().withIncludeAllFilters(Map.of(FILTER, glob));
    }

    static LoadedSchema fromFolder(String master, LiquibaseOptions options) {
        return new LiquibaseSource().load(FIXTURE.resolve(master), options);
    }

    @Test
    void anUndeclaredFilterAskedAboutTheModulesFilesStopsAtTheIncludeAll() {
        // Was: the folder was found in no root, read as empty, and only "customer" was loaded.
        Throwable thrown = catchThrowable(() -> fromFolder(MASTER, LiquibaseOptions.defaults()));

        assertThat(thrown).isInstanceOf(InputException.class);
        InputException e = (InputException) thrown;
        assertThat(e.file()).endsWith("master.xml");
        assertThat(e.line()).isEqualTo(11);
        assertThat(e.getMessage())
                .contains("includeAll filter " + FILTER)
                .contains("include-all-filters")
                .contains("--include-all-filter " + FILTER + "=GLOB");
    }

    @Test
    void aDeclaredFilterReadsTheMastersOfEveryModule() {
        LoadedSchema loaded = fromFolder(MASTER, declaring("**/module-master.xml"));

        assertThat(loaded.history())
                .extracting(SourceChangeset::identity)
                .containsExactly(
                        "<master>::001::app",
                        "db/module/a/parts/a-001.xml::a-001::mod-a",
                        "db/module/b/module-master.xml::b-001::mod-b");
        assertThat(loaded.schema().table(QualifiedName.of("public", "a_thing"))).isPresent();
        assertThat(loaded.schema().table(QualifiedName.of("public", "b_thing"))).isPresent();
    }

    @Test
    void aDeclaredGlobThatAcceptsNoneOfTheListedFilesIsAnError() {
        Throwable thrown = catchThrowable(() -> fromFolder(MASTER, declaring("**/changelog.xml")));

        assertThat(thrown).isInstanceOf(InputException.class);
        InputException e = (InputException) thrown;
        assertThat(e.file()).endsWith("master.xml");
        assertThat(e.line()).isEqualTo(11);
        assertThat(e.getMessage())
                .contains("'**/changelog.xml'")
                .contains(FILTER)
                .contains("accepts none of the 3 files");
    }

    @Test
    void aDeclaredGlobThatAcceptsOnlyFilesThatAreNoChangelogIsAnError() {
        // db/module/a/README.txt is listed too: a glob keeping only it includes no changelog.
        Throwable thrown = catchThrowable(() -> fromFolder(MASTER, declaring("**/README.txt")));

        assertThat(thrown).isInstanceOf(InputException.class);
        assertThat(thrown.getMessage())
                .contains("'**/README.txt'")
                .contains("accepts none of the 3 files");
    }

    @Test
    void aFilePathTwoModulesListIsStillAmbiguous() {
        Throwable thrown =
                catchThrowable(() -> fromFolder(CLASH, declaring("**/module-master.xml")));

        assertThat(thrown).isInstanceOf(InputException.class);
        InputException e = (InputException) thrown;
        assertThat(e.file()).endsWith("clash-master.xml");
        assertThat(e.line()).isEqualTo(6);
        assertThat(e.getMessage())
                .contains("db/clash/shared/module-master.xml")
                .contains(Path.of("mod-a/src/main/resources").toString())
                .contains(Path.of("mod-b/src/main/resources").toString());
    }

    @Test
    void atAGitRefTheSameHolds(@TempDir Path repo) throws Exception {
        try (Git git = Repos.init(repo)) {
            Repos.copy(FIXTURE, git, "");
            Repos.commit(git, "modules");
        }
        String spec = "git:HEAD:" + MASTER;

        Throwable undeclared =
                catchThrowable(() -> GitSources.load(spec, LiquibaseOptions.defaults(), repo));
        assertThat(undeclared).isInstanceOf(InputException.class).hasMessageContaining(FILTER);
        assertThat(((InputException) undeclared).file()).isEqualTo(spec);
        assertThat(((InputException) undeclared).line()).isEqualTo(11);

        LoadedSchema declared = GitSources.load(spec, declaring("**/module-master.xml"), repo);
        assertThat(declared.history())
                .extracting(SourceChangeset::identity)
                .containsExactly(
                        "<master>::001::app",
                        "db/module/a/parts/a-001.xml::a-001::mod-a",
                        "db/module/b/module-master.xml::b-001::mod-b");

        Throwable clash =
                catchThrowable(
                        () ->
                                GitSources.load(
                                        "git:HEAD:" + CLASH,
                                        declaring("**/module-master.xml"),
                                        repo));
        assertThat(clash)
                .isInstanceOf(InputException.class)
                .hasMessageContaining("git:HEAD:mod-a/src/main/resources")
                .hasMessageContaining("git:HEAD:mod-b/src/main/resources");
        assertThat(((InputException) clash).line()).isEqualTo(6);
    }
}
