package dev.evoplan.source.liquibase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.evoplan.model.InputException;
import dev.evoplan.model.LoadedSchema;
import dev.evoplan.model.QualifiedName;
import dev.evoplan.model.SourceChange;
import dev.evoplan.model.SourceChangeset;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * include, includeAll, the search path, and changeset identity across two copies of a changelog
 * tree.
 */
class LiquibaseIncludeTest {
    static final Path INCLUDE = Path.of("fixtures/liquibase/include");
    static final Path LIB = Path.of("fixtures/liquibase/include-lib");
    static final Path IDENTITY = Path.of("fixtures/liquibase/identity");

    @Test
    void includeIncludeAllAndSearchPathFoldInChangelogOrder() {
        LoadedSchema loaded =
                new LiquibaseSource()
                        .load(
                                INCLUDE.resolve("master.xml"),
                                LiquibaseOptions.defaults().withSearchPath(List.of(LIB)));

        assertThat(loaded.history())
                .extracting(SourceChangeset::identity)
                .containsExactly(
                        "changes/001-accounts.yaml::accounts-1::carol",
                        "shared/audit.yaml::audit-1::dave",
                        "more/010-balance.yaml::balance-1::carol",
                        "more/020-index.sql::index-1::carol",
                        "<master>::last::carol");
        assertThat(loaded.history())
                .extracting(h -> h.origin().line())
                .containsExactly(2, 2, 2, 3, 13);
        assertThat(loaded.schema().tables().keySet())
                .containsExactly(QualifiedName.of("accounts"), QualifiedName.of("audit_log"));
        assertThat(loaded.schema().tables().get(QualifiedName.of("accounts")).hasColumn("balance"))
                .isTrue();
        // A formatted-SQL changeset evoplan's SQL front end reads is folded like a typed change.
        assertThat(loaded.history().get(3).changes())
                .extracting(SourceChange::kind)
                .containsExactly(SourceChange.Kind.SCHEMA);
        assertThat(loaded.schema().tables().get(QualifiedName.of("accounts")).indexes())
                .extracting(i -> i.name())
                .containsExactly("accounts_owner_idx");
        assertThat(loaded.history().get(4).changes())
                .extracting(SourceChange::kind)
                .containsExactly(SourceChange.Kind.NONE);
    }

    @Test
    void includeAllListsTheChangelogsOwnFolderNotTheSameNameAboveIt(@TempDir Path dir)
            throws IOException {
        // The folders above the master are searched like a classpath for a file; a folder that
        // includeAll lists is the one beside the changelog, not merged with a namesake above.
        Path db = Files.createDirectories(dir.resolve("db/changes")).getParent();
        Files.writeString(
                db.resolve("master.yaml"),
                """
                databaseChangeLog:
                  - includeAll:
                      path: changes/
                      relativeToChangelogFile: true
                """);
        Files.writeString(
                db.resolve("changes/001-a.yaml"),
                """
                databaseChangeLog:
                  - changeSet:
                      id: a-1
                      author: x
                      changes:
                        - createTable:
                            tableName: a
                            columns:
                              - column: {name: id, type: bigint}
                """);
        Files.createDirectories(dir.resolve("changes"));
        Files.writeString(
                dir.resolve("changes/999-other.yaml"),
                """
                databaseChangeLog:
                  - changeSet:
                      id: other-1
                      author: x
                      changes:
                        - createTable:
                            tableName: not_this_project
                            columns:
                              - column: {name: id, type: bigint}
                """);

        LoadedSchema loaded =
                new LiquibaseSource().load(db.resolve("master.yaml"), LiquibaseOptions.defaults());

        assertThat(loaded.schema().tables().keySet()).containsExactly(QualifiedName.of("a"));
        assertThat(loaded.history())
                .extracting(SourceChangeset::identity)
                .containsExactly("changes/001-a.yaml::a-1::x");
    }

    @Test
    void aClasspathStyleIncludeNotOnTheSearchPathIsAMissingInclude() {
        // The default search path is the changelog's directory, then the working directory.
        assertThatThrownBy(
                        () ->
                                new LiquibaseSource()
                                        .load(
                                                INCLUDE.resolve("master.xml"),
                                                LiquibaseOptions.defaults()))
                .isInstanceOfSatisfying(
                        InputException.class,
                        e -> {
                            assertThat(e.file())
                                    .isEqualTo(INCLUDE.resolve("master.xml").toString());
                            assertThat(e.line()).isEqualTo(10);
                            assertThat(e.getMessage())
                                    .isEqualTo("included file shared/audit.yaml does not exist");
                        });
    }

    @Test
    void theWorkingDirectoryIsOnTheDefaultSearchPath(@TempDir Path dir) throws IOException {
        // Reached from the project root, as a user running evoplan there would write it.
        Path master = dir.resolve("master.yaml");
        Files.writeString(
                master,
                """
                databaseChangeLog:
                  - include:
                      file: fixtures/liquibase/identity/v1/changes/001-init.yaml
                """);

        LoadedSchema loaded = new LiquibaseSource().load(master, LiquibaseOptions.defaults());

        assertThat(loaded.history())
                .extracting(SourceChangeset::identity)
                .containsExactly("fixtures/liquibase/identity/v1/changes/001-init.yaml::1::erin");
    }

    @Test
    void theSameFileReachedTheSameWayHasTheSameIdentityUnderTwoRoots() {
        LoadedSchema v1 =
                new LiquibaseSource()
                        .load(
                                IDENTITY.resolve("v1/db.changelog-master.yaml"),
                                LiquibaseOptions.defaults());
        LoadedSchema v2 =
                new LiquibaseSource()
                        .load(
                                IDENTITY.resolve("v2/db.changelog-master.yaml"),
                                LiquibaseOptions.defaults());

        assertThat(v1.history())
                .extracting(SourceChangeset::identity)
                .containsExactly("changes/001-init.yaml::1::erin");
        assertThat(v2.history())
                .extracting(SourceChangeset::identity)
                .containsExactly(
                        "changes/001-init.yaml::1::erin", "changes/002-add-email.yaml::2::erin");
        assertThat(v2.history().get(0).checksum()).isEqualTo(v1.history().get(0).checksum());
        assertThat(v2.history().get(0).origin()).isEqualTo(v1.history().get(0).origin());
        assertThat(v1.location()).endsWith("v1/db.changelog-master.yaml");
    }

    @Test
    void anEditedChangesetKeepsItsIdentityButNotItsChecksum(@TempDir Path dir) throws IOException {
        Path a = write(dir.resolve("a/master.yaml"), "text");
        Path b = write(dir.resolve("b/master.yaml"), "varchar(10)");

        SourceChangeset before =
                new LiquibaseSource().load(a, LiquibaseOptions.defaults()).history().get(0);
        SourceChangeset after =
                new LiquibaseSource().load(b, LiquibaseOptions.defaults()).history().get(0);

        assertThat(after.identity()).isEqualTo(before.identity());
        assertThat(after.checksum()).isNotEqualTo(before.checksum());
    }

    private static Path write(Path file, String type) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.writeString(
                file,
                """
                databaseChangeLog:
                  - changeSet:
                      id: 1
                      author: me
                      changes:
                        - createTable: {tableName: t, columns: [{column: {name: c, type: %s}}]}
                """
                        .formatted(type));
    }

    @Test
    void propertiesFromOptionsReachIncludedFiles(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("sub"));
        Files.writeString(
                dir.resolve("sub/child.yaml"),
                """
                databaseChangeLog:
                  - changeSet:
                      id: 1
                      author: me
                      changes:
                        - createTable: {tableName: "${prefix}_things", columns: [{column: {name: id, type: int}}]}
                """);
        Path master =
                Files.writeString(
                        dir.resolve("master.yaml"),
                        """
                databaseChangeLog:
                  - include: {file: sub/child.yaml, relativeToChangelogFile: true}
                """);

        LoadedSchema loaded =
                new LiquibaseSource()
                        .load(
                                master,
                                LiquibaseOptions.defaults()
                                        .withProperties(Map.of("prefix", "app")));

        assertThat(loaded.schema().tables().keySet())
                .containsExactly(QualifiedName.of("app_things"));
    }

    @Test
    void logicalFilePathIsTheIdentityWhileLinesComeFromThePhysicalFile(@TempDir Path dir)
            throws IOException {
        Path master =
                Files.writeString(
                        dir.resolve("master.yaml"),
                        """
                databaseChangeLog:
                  - logicalFilePath: db/renamed-once.yaml
                  - changeSet:
                      id: 1
                      author: me
                      changes:
                        - createTable: {tableName: t, columns: [{column: {name: c, type: int}}]}
                """);

        SourceChangeset changeset =
                new LiquibaseSource().load(master, LiquibaseOptions.defaults()).history().get(0);

        assertThat(changeset.identity()).isEqualTo("db/renamed-once.yaml::1::me");
        assertThat(changeset.origin().file()).isEqualTo("db/renamed-once.yaml");
        assertThat(changeset.origin().line()).isEqualTo(3);
    }

    @Test
    void anIncludesContextAppliesToTheChangesetsItIncludes(@TempDir Path dir) throws IOException {
        Files.writeString(
                dir.resolve("test-data.yaml"),
                """
                databaseChangeLog:
                  - changeSet:
                      id: seed
                      author: me
                      changes:
                        - createTable: {tableName: seeded, columns: [{column: {name: c, type: int}}]}
                """);
        Path master =
                Files.writeString(
                        dir.resolve("master.yaml"),
                        """
                databaseChangeLog:
                  - include: {file: test-data.yaml, relativeToChangelogFile: true, context: test}
                """);

        assertThat(
                        new LiquibaseSource()
                                .load(
                                        master,
                                        LiquibaseOptions.defaults().withContexts(List.of("prod")))
                                .history())
                .isEmpty();
        assertThat(
                        new LiquibaseSource()
                                .load(
                                        master,
                                        LiquibaseOptions.defaults().withContexts(List.of("test")))
                                .history())
                .hasSize(1);
    }

    @Test
    void anIncludeMayClimbAboveTheMastersDirectory(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("db/master"));
        Files.createDirectories(dir.resolve("db/common"));
        Files.writeString(
                dir.resolve("db/common/shared.yaml"),
                """
                databaseChangeLog:
                  - changeSet: {id: 1, author: me, changes: [{createTable: {tableName: t, columns: [{column: {name: c, type: int}}]}}]}
                """);
        Path master =
                Files.writeString(
                        dir.resolve("db/master/master.yaml"),
                        """
                databaseChangeLog:
                  - include: {file: ../common/shared.yaml, relativeToChangelogFile: true}
                """);

        assertThat(new LiquibaseSource().load(master, LiquibaseOptions.defaults()).history())
                .extracting(SourceChangeset::identity)
                .containsExactly("../common/shared.yaml::1::me");
    }
}
