package dev.evoplan.source.git;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evoplan.model.LoadedSchema;
import dev.evoplan.source.liquibase.LiquibaseOptions;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitSourcesLoaderTest {
    @TempDir Path dir;

    private LoadedSchema whole(String id, String path) {
        return GitSources.load("git:" + id + ":" + path, LiquibaseOptions.defaults(), dir);
    }

    @Test
    void eachCommitLoadsAsAWholeLoadDoesWhateverChanged() throws Exception {
        List<String> ids = EvolvingRepo.build(dir);
        try (GitSources.Loader loader =
                GitSources.Loader.open(dir, EvolvingRepo.PATH, LiquibaseOptions.defaults())) {
            for (String id : ids) {
                assertThat(loader.load(id)).as(id).isEqualTo(whole(id, EvolvingRepo.PATH));
            }
            // The appends of one and of two changesets went on from the last load; the other-file
            // commit
            // reused it; the first commit, the edit, the property use, the include and the append
            // to the
            // included file were loaded whole, and so was everything after the include (changesets
            // in two
            // files: only a master holding them all is appended to).
            assertThat(loader.counts()).isEqualTo("7 loaded whole, 1 unchanged, 2 appended to");
        }
    }

    @Test
    void xmlAndFormattedSqlAppendsGoOnFromTheLastLoad() throws Exception {
        String xmlHead =
                """
                <?xml version="1.0" encoding="UTF-8"?>
                <databaseChangeLog xmlns="http://www.liquibase.org/xml/ns/dbchangelog"
                    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                    xsi:schemaLocation="http://www.liquibase.org/xml/ns/dbchangelog https://www.liquibase.org/xml/ns/dbchangelog/dbchangelog-latest.xsd">
                """;
        String x1 =
                """
                    <changeSet id="1" author="ann">
                        <createTable tableName="t"><column name="id" type="bigint"/></createTable>
                    </changeSet>
                """;
        String x2 =
                """
                    <changeSet id="2" author="bob">
                        <addColumn tableName="t"><column name="a" type="text"/></addColumn>
                    </changeSet>
                """;
        String x3 =
                """
                    <changeSet id="3" author="bob">
                        <createIndex tableName="t" indexName="t_a_idx"><column name="a"/></createIndex>
                    </changeSet>
                """;
        String sqlHead = "--liquibase formatted sql\n\n";
        String s1 = "--changeset ann:1\ncreate table s (id bigint);\n";
        String s2 = "\n--changeset bob:2\nalter table s add column b text;\n";
        List<String> ids = new java.util.ArrayList<>();
        try (Git git = Repos.init(dir)) {
            Repos.write(git, "db/s.sql", sqlHead + s1);
            ids.add(
                    Repos.commitFile(git, "db/x.xml", xmlHead + x1 + "</databaseChangeLog>\n")
                            .name());
            Repos.write(git, "db/s.sql", sqlHead + s1 + s2);
            ids.add(
                    Repos.commitFile(git, "db/x.xml", xmlHead + x1 + x2 + "</databaseChangeLog>\n")
                            .name());
            ids.add(
                    Repos.commitFile(
                                    git,
                                    "db/x.xml",
                                    xmlHead + x1 + x2 + x3 + "</databaseChangeLog>\n")
                            .name());
        }
        for (String path : List.of("db/x.xml", "db/s.sql")) {
            try (GitSources.Loader loader =
                    GitSources.Loader.open(dir, path, LiquibaseOptions.defaults())) {
                for (String id : ids) {
                    assertThat(loader.load(id)).as(path + " at " + id).isEqualTo(whole(id, path));
                }
                assertThat(loader.counts())
                        .as(path)
                        .isEqualTo(
                                path.endsWith(".xml")
                                        ? "1 loaded whole, 0 unchanged, 2 appended to"
                                        : "1 loaded whole, 1 unchanged, 1 appended to");
            }
        }
    }

    @Test
    void anAppendedDuplicateLoadsAsAWholeLoadDoes() throws Exception {
        String one =
                EvolvingRepo.changeset(
                        1,
                        "ann",
                        "        - createTable:\n            tableName: t\n"
                                + "            columns:\n              - column: {name: id, type: bigint}\n");
        List<String> ids = new java.util.ArrayList<>();
        try (Git git = Repos.init(dir)) {
            ids.add(Repos.commitFile(git, EvolvingRepo.PATH, "databaseChangeLog:\n" + one).name());
            ids.add(
                    Repos.commitFile(git, EvolvingRepo.PATH, "databaseChangeLog:\n" + one + one)
                            .name());
        }
        try (GitSources.Loader loader =
                GitSources.Loader.open(dir, EvolvingRepo.PATH, LiquibaseOptions.defaults())) {
            loader.load(ids.get(0));
            LoadedSchema twice = loader.load(ids.get(1));
            assertThat(twice).isEqualTo(whole(ids.get(1), EvolvingRepo.PATH));
            assertThat(twice.history()).extracting(h -> h.origin().line()).containsExactly(2, 10);
            assertThat(loader.counts()).isEqualTo("1 loaded whole, 0 unchanged, 1 appended to");
        }
    }
}
