package dev.evoplan.source.liquibase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.evoplan.model.InputException;
import dev.evoplan.model.LoadedSchema;
import dev.evoplan.model.QualifiedName;
import dev.evoplan.model.Schema;
import dev.evoplan.model.SourceChange;
import dev.evoplan.source.git.GitSources;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The second of two loads (plan's --from and --to, check's base and head) reuses the first where it
 * reads the same bytes, goes on from it where only the master gained changesets, and otherwise
 * gives exactly what a whole load gives.
 */
class SideReuseTest {
    @TempDir Path dir;

    private static final String MASTER =
            """
            databaseChangeLog:
              - include: {file: tables.yaml, relativeToChangelogFile: true}
              - changeSet:
                  id: "2"
                  author: ann
                  changes:
                    - addColumn:
                        tableName: t
                        columns: [{column: {name: a, type: text}}]
            """;
    private static final String TABLES =
            """
            databaseChangeLog:
              - changeSet:
                  id: "1"
                  author: ann
                  changes:
                    - createTable:
                        tableName: t
                        columns: [{column: {name: id, type: bigint}}]
            """;
    private static final String APPENDED =
            """
              - changeSet:
                  id: "3"
                  author: bob
                  changes:
                    - createIndex:
                        tableName: t
                        indexName: t_a_idx
                        columns: [{column: {name: a}}]
            """;

    @BeforeEach
    void forgetOtherTestsLoads() {
        SideReuse.forget();
    }

    private Path write(String path, String text) throws IOException {
        Path file = dir.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    private static LoadedSchema load(Path master) {
        return new LiquibaseSource().load(master, LiquibaseOptions.defaults());
    }

    /** What a load gives with nothing to reuse. */
    private static LoadedSchema whole(Path master) {
        SideReuse.forget();
        return load(master);
    }

    @Test
    void aTreeOfIdenticalFilesIsReadOnce() throws IOException {
        Path from = write("v1/db/master.yaml", MASTER);
        write("v1/db/tables.yaml", TABLES);
        Path to = write("v2/db/master.yaml", MASTER);
        write("v2/db/tables.yaml", TABLES);

        LoadedSchema first = load(from);
        LoadedSchema second = load(to);

        assertThat(second.schema()).isSameAs(first.schema());
        assertThat(second.location()).isEqualTo(to.toString());
        assertThat(second).isEqualTo(whole(to));
    }

    @Test
    void changesetsAppendedToTheMasterAreTheOnlyOnesReadAgain() throws IOException {
        Path from = write("v1/db/master.yaml", MASTER);
        write("v1/db/tables.yaml", TABLES);
        Path to = write("v2/db/master.yaml", MASTER + APPENDED);
        write("v2/db/tables.yaml", TABLES);

        LoadedSchema first = load(from);
        LoadedSchema second = load(to);

        // Changesets in two files: the master alone does not hold them all, so it is read whole.
        assertThat(second).isEqualTo(whole(to));

        Path single =
                write(
                        "v3/db/master.yaml",
                        TABLES
                                + MASTER.lines()
                                        .skip(2)
                                        .map(l -> l + "\n")
                                        .reduce("", String::concat));
        Path grown = write("v4/db/master.yaml", Files.readString(single) + APPENDED);
        LoadedSchema before = load(single);
        LoadedSchema after = load(grown);

        assertThat(after.history().get(0)).isSameAs(before.history().get(0));
        assertThat(after.history()).hasSize(3);
        assertThat(after.schema().tables().get(QualifiedName.of("t")).indexes())
                .extracting(i -> i.name())
                .containsExactly("t_a_idx");
        assertThat(after).isEqualTo(whole(grown));
    }

    @Test
    void theNewSideOfAComparisonTakesOverTheChangesetsOfTheOldSideAsItKeptThem()
            throws IOException {
        Path single =
                write(
                        "v1/db/master.yaml",
                        TABLES
                                + MASTER.lines()
                                        .skip(2)
                                        .map(l -> l + "\n")
                                        .reduce("", String::concat));
        Path grown = write("v2/db/master.yaml", Files.readString(single) + APPENDED);
        LiquibaseSource source = new LiquibaseSource();

        LoadedSchema old =
                source.load(single, LiquibaseOptions.defaults(), LiquibaseSource.Kept.RAN);
        LoadedSchema next =
                source.load(grown, LiquibaseOptions.defaults(), LiquibaseSource.Kept.after(old));

        // The old side's changesets keep the table each change made or edited, not the schema.
        SourceChange added = old.history().get(1).changes().get(0);
        assertThat(added.before().tables().keySet()).containsExactly(QualifiedName.of("t"));
        assertThat(next.history().subList(0, 2)).isEqualTo(old.history());
        assertThat(next.history().get(1)).isSameAs(old.history().get(1));
        // The appended changeset is new: judged as written, it keeps its whole states.
        SourceChange indexed = next.history().get(2).changes().get(0);
        assertThat(indexed.after()).isEqualTo(next.schema());
        assertThat(next.schema()).isEqualTo(whole(grown).schema());
    }

    @Test
    void onlyTheNewSideComparedWithThemTakesOverChangesetsThatKeepWhatTheyChanged()
            throws IOException {
        Path from = write("v1/db/master.yaml", TABLES);
        Path to = write("v2/db/master.yaml", TABLES);
        LiquibaseSource source = new LiquibaseSource();
        LoadedSchema other = new LoadedSchema("empty.sql", Schema.EMPTY, java.util.List.of());

        // Compared with another old side (an empty file), or read alone (lint), it is read whole.
        LoadedSchema old = source.load(from, LiquibaseOptions.defaults(), LiquibaseSource.Kept.RAN);
        LoadedSchema comparedWithOther =
                source.load(to, LiquibaseOptions.defaults(), LiquibaseSource.Kept.after(other));
        assertThat(comparedWithOther.history().get(0)).isNotSameAs(old.history().get(0));
        assertThat(comparedWithOther).isEqualTo(whole(to));

        SideReuse.forget();
        old = source.load(from, LiquibaseOptions.defaults(), LiquibaseSource.Kept.RAN);
        LoadedSchema alone = source.load(to, LiquibaseOptions.defaults());
        assertThat(alone.history().get(0)).isNotSameAs(old.history().get(0));
        assertThat(alone.history().get(0).changes().get(0).after()).isEqualTo(alone.schema());

        SideReuse.forget();
        old = source.load(from, LiquibaseOptions.defaults(), LiquibaseSource.Kept.RAN);
        LoadedSchema comparedWithOld =
                source.load(to, LiquibaseOptions.defaults(), LiquibaseSource.Kept.after(old));
        assertThat(comparedWithOld.history().get(0)).isSameAs(old.history().get(0));
    }

    @Test
    void anIncludedFileThatDiffersIsReadAsItIs() throws IOException {
        Path from = write("v1/db/master.yaml", MASTER);
        write("v1/db/tables.yaml", TABLES);
        Path to = write("v2/db/master.yaml", MASTER);
        write("v2/db/tables.yaml", TABLES.replace("type: bigint", "type: integer"));

        LoadedSchema first = load(from);
        LoadedSchema second = load(to);

        assertThat(second.schema()).isNotEqualTo(first.schema());
        assertThat(second).isEqualTo(whole(to));
    }

    @Test
    void aSqlFileNextToTheChangelogThatDiffersIsReadAsItIs() throws IOException {
        String master =
                """
                databaseChangeLog:
                  - changeSet:
                      id: "1"
                      author: ann
                      changes:
                        - sqlFile: {path: tables.sql, relativeToChangelogFile: true}
                """;
        Path from = write("v1/db/master.yaml", master);
        write("v1/db/tables.sql", "create table t (id bigint);\n");
        Path to = write("v2/db/master.yaml", master);
        write("v2/db/tables.sql", "create table u (id bigint);\n");

        load(from);
        LoadedSchema second = load(to);

        assertThat(second.schema().tables().keySet()).containsExactly(QualifiedName.of("u"));
        assertThat(second).isEqualTo(whole(to));
    }

    @Test
    void aFileAddedWhereTheFirstLoadFoundNoneIsRead() throws IOException {
        String master =
                """
                databaseChangeLog:
                  - includeAll: {path: more/, relativeToChangelogFile: true}
                """;
        Path from = write("v1/db/master.yaml", master);
        write("v1/db/more/1.yaml", TABLES);
        Path to = write("v2/db/master.yaml", master);
        write("v2/db/more/1.yaml", TABLES);
        write(
                "v2/db/more/2.yaml",
                APPENDED.replace("  - changeSet", "databaseChangeLog:\n  - changeSet")
                        .replace(
                                "columns: [{column: {name: a}}]",
                                "columns: [{column: {name: id}}]"));

        LoadedSchema first = load(from);
        LoadedSchema second = load(to);

        assertThat(first.history()).hasSize(1);
        assertThat(second.history()).hasSize(2);
        assertThat(second).isEqualTo(whole(to));
    }

    @Test
    void aSystemPropertyTheChangelogMayExpandIsPartOfWhatMustMatch() throws IOException {
        String master =
                """
                databaseChangeLog:
                  - changeSet:
                      id: "1"
                      author: ann
                      changes:
                        - createTable:
                            tableName: ${sidereuse.table}
                            columns: [{column: {name: id, type: bigint}}]
                """;
        Path from = write("v1/db/master.yaml", master);
        Path to = write("v2/db/master.yaml", master);
        try {
            System.setProperty("sidereuse.table", "t");
            load(from);
            System.setProperty("sidereuse.table", "u");
            LoadedSchema second = load(to);

            assertThat(second.schema().tables().keySet()).containsExactly(QualifiedName.of("u"));
        } finally {
            System.clearProperty("sidereuse.table");
        }
    }

    @Test
    void aBadSecondSideIsReportedAsAWholeLoadReportsIt() throws IOException {
        Path from = write("v1/db/master.yaml", MASTER);
        write("v1/db/tables.yaml", TABLES);
        Path to = write("v2/db/master.yaml", MASTER + "  - changeSet: {id: \"3\", changes: []}\n");
        write("v2/db/tables.yaml", TABLES);

        load(from);
        assertThatThrownBy(() -> load(to))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("changeset 3 has no author");
    }

    @Test
    void aGitRefAndTheWorkingTreeShareTheirLoad() throws Exception {
        PersonIdent someone = new PersonIdent("Test", "test@example.com");
        Path repo = dir.resolve("repo");
        try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
            Files.createDirectories(repo.resolve("db"));
            Files.writeString(repo.resolve("db/master.yaml"), MASTER);
            Files.writeString(repo.resolve("db/tables.yaml"), TABLES);
            git.add().addFilepattern(".").call();
            git.commit().setMessage("one").setAuthor(someone).setCommitter(someone).call();
        }
        LoadedSchema base =
                GitSources.load("git:main:db/master.yaml", LiquibaseOptions.defaults(), repo);
        LoadedSchema head =
                new LiquibaseSource()
                        .load(repo.resolve("db/master.yaml"), LiquibaseOptions.defaults());

        assertThat(head.schema()).isSameAs(base.schema());
        assertThat(head).isEqualTo(whole(repo.resolve("db/master.yaml")));
    }

    @Test
    void anIncludedFileOfTheSameSizeWithOtherBytesIsReadAsItIs() throws IOException {
        String serial = TABLES.replace("type: bigint", "type: serial");
        assertThat(serial).hasSameSizeAs(TABLES).isNotEqualTo(TABLES);
        Path from = write("v1/db/master.yaml", MASTER);
        write("v1/db/tables.yaml", TABLES);
        Path to = write("v2/db/master.yaml", MASTER);
        write("v2/db/tables.yaml", serial);

        LoadedSchema first = load(from);
        LoadedSchema second = load(to);

        assertThat(second.schema()).isNotEqualTo(first.schema());
        assertThat(second).isEqualTo(whole(to));
    }

    @Test
    void aFileRewrittenBetweenTheTwoLoadsIsReadAsItIsThen() throws IOException {
        Path master = write("db/master.yaml", MASTER);
        write("db/tables.yaml", TABLES);
        LoadedSchema first = load(master);
        write("db/tables.yaml", TABLES.replace("type: bigint", "type: serial"));

        LoadedSchema second = load(master);

        assertThat(second.schema()).isNotEqualTo(first.schema());
        assertThat(second).isEqualTo(whole(master));
    }

    @Test
    void twoCommitsWhoseIncludedFilesDifferInBytesNotSizeAreEachRead() throws Exception {
        PersonIdent someone = new PersonIdent("Test", "test@example.com");
        Path repo = dir.resolve("repo");
        String serial = TABLES.replace("type: bigint", "type: serial");
        try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
            Files.createDirectories(repo.resolve("db"));
            Files.writeString(repo.resolve("db/master.yaml"), MASTER);
            Files.writeString(repo.resolve("db/tables.yaml"), TABLES);
            git.add().addFilepattern(".").call();
            git.commit().setMessage("one").setAuthor(someone).setCommitter(someone).call();
            Files.writeString(repo.resolve("db/tables.yaml"), serial);
            git.add().addFilepattern(".").call();
            git.commit().setMessage("two").setAuthor(someone).setCommitter(someone).call();
        }

        LoadedSchema before =
                GitSources.load("git:main~1:db/master.yaml", LiquibaseOptions.defaults(), repo);
        LoadedSchema after =
                GitSources.load("git:main:db/master.yaml", LiquibaseOptions.defaults(), repo);
        LoadedSchema again =
                GitSources.load("git:main:db/master.yaml", LiquibaseOptions.defaults(), repo);
        SideReuse.forget();
        LoadedSchema whole =
                GitSources.load("git:main:db/master.yaml", LiquibaseOptions.defaults(), repo);

        assertThat(after.schema()).isNotEqualTo(before.schema());
        assertThat(after).isEqualTo(whole);
        assertThat(again.schema()).isSameAs(after.schema());
    }
}
