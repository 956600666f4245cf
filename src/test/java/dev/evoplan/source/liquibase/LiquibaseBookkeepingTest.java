package dev.evoplan.source.liquibase;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evoplan.model.LoadedSchema;
import dev.evoplan.model.QualifiedName;
import dev.evoplan.model.Schema;
import dev.evoplan.model.SourceChange;
import dev.evoplan.model.SourceChangeset;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Liquibase makes databasechangelog and databasechangeloglock before the first changeset, so a
 * changeset may change them (Metabase 0.31 adds a unique key to databasechangelog); they are not
 * part of the changelog's schema.
 */
class LiquibaseBookkeepingTest {
    private static final String CHANGESETS =
            """
              - changeSet:
                  id: 1
                  author: me
                  changes:
                    - createTable: {tableName: account, columns: [{column: {name: id, type: int}}]}
              - changeSet:
                  id: 2
                  author: me
                  changes:
                    - addUniqueConstraint:
                        tableName: databasechangelog
                        columnNames: id, author, filename
                        constraintName: uq_changelog
            """;

    @Test
    void aChangesetMayChangeLiquibasesOwnTables(@TempDir Path dir) {
        // Was exit 3: "changeset 2 by me: table databasechangelog does not exist".
        LoadedSchema loaded = LiquibaseChangeFoldTest.load(dir, CHANGESETS);

        SourceChangeset unique = loaded.history().get(1);
        SourceChange added = unique.changes().get(0);
        assertThat(added.kind()).isEqualTo(SourceChange.Kind.SCHEMA);
        // Found there before the change, not made by it: the change adds the unique key alone.
        assertThat(
                        added.before()
                                .table(QualifiedName.of("databasechangelog"))
                                .orElseThrow()
                                .uniques())
                .isEmpty();
        assertThat(
                        added.after()
                                .table(QualifiedName.of("databasechangelog"))
                                .orElseThrow()
                                .uniques())
                .extracting(u -> u.name())
                .containsExactly("uq_changelog");
    }

    @Test
    void rawSqlMayNameThem(@TempDir Path dir) {
        LoadedSchema loaded =
                LiquibaseChangeFoldTest.load(
                        dir,
                        """
                          - changeSet:
                              id: 1
                              author: me
                              changes:
                                - sql: {sql: "ALTER TABLE DATABASECHANGELOG ADD CONSTRAINT uq_changelog UNIQUE (id, author, filename)"}
                        """);

        SourceChange added = loaded.history().get(0).changes().get(0);
        assertThat(added.kind()).isEqualTo(SourceChange.Kind.SCHEMA);
        assertThat(
                        added.after()
                                .table(QualifiedName.of("databasechangelog"))
                                .orElseThrow()
                                .uniques())
                .extracting(u -> u.name())
                .containsExactly("uq_changelog");
    }

    @Test
    void aChangelogThatNeverNamesThemKeepsStatesWithoutThem(@TempDir Path dir) {
        LoadedSchema loaded =
                LiquibaseChangeFoldTest.load(
                        dir,
                        """
                          - changeSet:
                              id: 1
                              author: me
                              changes:
                                - createTable: {tableName: account, columns: [{column: {name: id, type: int}}]}
                        """);

        assertThat(loaded.history().get(0).changes().get(0).after().tables().keySet())
                .containsExactly(QualifiedName.of("account"));
    }

    @Test
    void theChangelogsSchemaLeavesThemOut(@TempDir Path dir) {
        Schema schema = LiquibaseChangeFoldTest.load(dir, CHANGESETS).schema();

        assertThat(schema.tables().keySet()).containsExactly(QualifiedName.of("account"));
    }

    @Test
    void aPreconditionFindsThem(@TempDir Path dir) {
        Schema schema =
                LiquibaseChangeFoldTest.load(
                                dir,
                                """
                          - changeSet:
                              id: 1
                              author: me
                              preConditions:
                                - onFail: MARK_RAN
                                - tableExists: {tableName: databasechangeloglock}
                              changes:
                                - createTable: {tableName: audit, columns: [{column: {name: id, type: int}}]}
                        """)
                        .schema();

        assertThat(schema.tables().keySet()).containsExactly(QualifiedName.of("audit"));
    }
}
