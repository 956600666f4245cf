package dev.evoplan.source.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.evoplan.engine.Analysis;
import dev.evoplan.engine.AnalysisOptions;
import dev.evoplan.engine.Analyzer;
import dev.evoplan.model.InputException;
import dev.evoplan.model.LoadedSchema;
import dev.evoplan.model.Schema;
import dev.evoplan.plan.FindingWithFix;
import dev.evoplan.rules.Safety;
import dev.evoplan.source.liquibase.LiquibaseOptions;
import dev.evoplan.source.liquibase.LiquibaseSource;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An update changelog that goes on from a base changelog (OpenMRS's update file after its snapshot)
 * planned between two refs: both sides start from the base ({@code plan --schema}).
 */
class StartSchemaAtRefsTest {
    private static final String BASE =
            """
            <databaseChangeLog xmlns="http://www.liquibase.org/xml/ns/dbchangelog" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://www.liquibase.org/xml/ns/dbchangelog https://www.liquibase.org/xml/ns/dbchangelog/dbchangelog-latest.xsd">
              <changeSet id="base-1" author="t">
                <createTable tableName="provider">
                  <column name="id" type="bigint"><constraints primaryKey="true"/></column>
                  <column name="name" type="varchar(50)"/>
                </createTable>
              </changeSet>
            </databaseChangeLog>
            """;

    private static final String ADD_COLUMN =
            """
              <changeSet id="up-1" author="t">
                <addColumn tableName="provider"><column name="role_id" type="bigint"/></addColumn>
              </changeSet>
            """;

    private static final String ADD_INDEX =
            """
              <changeSet id="up-2" author="t">
                <createIndex tableName="provider" indexName="provider_role_idx">
                  <column name="role_id"/>
                </createIndex>
              </changeSet>
            """;

    @TempDir Path repo;

    private static String update(String... changesets) {
        return "<databaseChangeLog xmlns=\"http://www.liquibase.org/xml/ns/dbchangelog\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:schemaLocation=\"http://www.liquibase.org/xml/ns/dbchangelog https://www.liquibase.org/xml/ns/dbchangelog/dbchangelog-latest.xsd\">\n"
                + String.join("", changesets)
                + "</databaseChangeLog>\n";
    }

    private void commitTwoRefs() throws Exception {
        try (Git git = Repos.init(repo)) {
            Repos.write(git, "db/base.xml", BASE);
            Repos.commitFile(git, "db/update.xml", update(ADD_COLUMN));
            git.tag().setName("a").call();
            Repos.commitFile(git, "db/update.xml", update(ADD_COLUMN, ADD_INDEX));
            git.tag().setName("b").call();
        }
    }

    @Test
    void bothSidesStartFromTheBaseSoTheNewChangesetIsJudged() throws Exception {
        commitTwoRefs();
        LiquibaseOptions options = LiquibaseOptions.defaults();
        Schema start = GitSources.load("git:a:db/base.xml", options, repo).schema();
        LoadedSchema old =
                GitSources.load(
                        "git:a:db/update.xml", options, repo, LiquibaseSource.Kept.RAN, start);
        LoadedSchema target =
                GitSources.load(
                        "git:b:db/update.xml",
                        options,
                        repo,
                        LiquibaseSource.Kept.after(old),
                        start);
        Analysis a = Analyzer.analyze(old, target, AnalysisOptions.defaults());
        assertThat(a.verdicts())
                .extracting(FindingWithFix::finding)
                .anySatisfy(
                        f -> {
                            assertThat(f.ruleId()).isEqualTo("create-index-non-concurrent");
                            assertThat(f.safety()).isEqualTo(Safety.DOWNTIME);
                        });
        assertThat(a.verdicts())
                .as("the column up-1 added ran on both sides: only up-2 is new")
                .extracting(v -> v.finding().what())
                .noneMatch(w -> w.contains("role_id") && w.contains("add column"));
        assertThat(
                        target.schema()
                                .table(dev.evoplan.model.QualifiedName.of("provider"))
                                .orElseThrow()
                                .column("name"))
                .as("the base's column is there on the new side")
                .isPresent();
    }

    @Test
    void withoutTheBaseTheUpdateCannotBeRead() throws Exception {
        commitTwoRefs();
        assertThatThrownBy(
                        () ->
                                GitSources.load(
                                        "git:a:db/update.xml",
                                        LiquibaseOptions.defaults(),
                                        repo,
                                        LiquibaseSource.Kept.RAN,
                                        Schema.EMPTY))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("table provider does not exist");
    }
}
