package dev.evoplan.source.liquibase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.evoplan.model.Column;
import dev.evoplan.model.ForeignKey;
import dev.evoplan.model.IdentityKind;
import dev.evoplan.model.Index;
import dev.evoplan.model.IndexElement;
import dev.evoplan.model.InputException;
import dev.evoplan.model.LoadedSchema;
import dev.evoplan.model.QualifiedName;
import dev.evoplan.model.ReferentialAction;
import dev.evoplan.model.Rename;
import dev.evoplan.model.Schema;
import dev.evoplan.model.Sequence;
import dev.evoplan.model.SourceChange;
import dev.evoplan.model.SqlType;
import dev.evoplan.model.Table;
import dev.evoplan.model.UniqueConstraint;
import dev.evoplan.model.Volatility;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each change type folds into the schema as PostgreSQL holds it after Liquibase ran the change. */
class LiquibaseChangeFoldTest {
    @TempDir Path dir;

    /** A users table most tests start from. */
    static final String USERS =
            """
              - changeSet:
                  id: users
                  author: t
                  changes:
                    - createTable:
                        tableName: users
                        columns:
                          - column: {name: id, type: bigint, autoIncrement: true, constraints: {primaryKey: true}}
                          - column: {name: email, type: varchar(255), constraints: {nullable: false}}
                          - column: {name: team_id, type: int}
            """;

    LoadedSchema load(String changesets) {
        return load(dir, changesets);
    }

    /** A YAML changelog of these changesets, written to {@code dir} and loaded. */
    static LoadedSchema load(Path dir, String changesets) {
        try {
            Path file = dir.resolve("changelog.yaml");
            Files.writeString(file, "databaseChangeLog:\n" + changesets);
            return new LiquibaseSource().load(file, LiquibaseOptions.defaults());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** One changeset "c" with these changes, after the users table. */
    LoadedSchema withUsers(String changes) {
        return load(
                USERS
                        + """
                  - changeSet:
                      id: c
                      author: t
                      changes:
                """
                        + changes.indent(8));
    }

    InputException failure(String changes) {
        Throwable thrown = catchThrowable(() -> withUsers(changes));
        assertThat(thrown).isInstanceOf(InputException.class);
        InputException e = (InputException) thrown;
        assertThat(e.getMessage()).startsWith("changeset c by t: ");
        assertThat(e.line()).isEqualTo(12);
        return e;
    }

    static Table table(Schema schema, String name) {
        return schema.tables().get(QualifiedName.parse(name));
    }

    static Table table(LoadedSchema loaded, String name) {
        return table(loaded.schema(), name);
    }

    static Column column(LoadedSchema loaded, String tableName, String columnName) {
        return table(loaded, tableName).column(columnName).orElseThrow();
    }

    static SourceChange last(LoadedSchema loaded) {
        List<SourceChange> changes = loaded.history().get(loaded.history().size() - 1).changes();
        return changes.get(changes.size() - 1);
    }

    // ---- createTable ---------------------------------------------------------------------

    @Test
    void createTableFoldsColumnsKeysDefaultsAndComments() {
        LoadedSchema loaded =
                load(
                        """
                  - changeSet:
                      id: 1
                      author: t
                      changes:
                        - createTable:
                            tableName: teams
                            columns:
                              - column: {name: id, type: int, constraints: {primaryKey: true}}
                        - createTable:
                            tableName: items
                            remarks: Things we sell
                            columns:
                              - column: {name: id, type: bigint, autoIncrement: true, generationType: ALWAYS, constraints: {primaryKey: true}}
                              - column: {name: code, type: varchar(20), constraints: {unique: true, nullable: false}}
                              - column: {name: label, type: text, defaultValue: "it's new", remarks: shown to buyers}
                              - column: {name: qty, type: int, defaultValueNumeric: 5}
                              - column: {name: on_sale, type: boolean, defaultValueBoolean: false}
                              - column: {name: since, type: date, defaultValueDate: "2020-01-01"}
                              - column: {name: created, type: datetime, defaultValueComputed: now()}
                              - column: {name: token, type: uuid, defaultValueComputed: gen_random_uuid()}
                              - column: {name: price, type: "decimal(10,2)"}
                              - column: {name: ratio, type: float}
                              - column: {name: team_id, type: int, constraints: {foreignKeyName: fk_items_team, references: teams(id), deleteCascade: true}}
                              - column: {name: parent_id, type: bigint, constraints: {foreignKeyName: fk_items_parent, referencedTableName: items, referencedColumnNames: id}}
                              - column: {name: seq, type: serial}
                """);

        Table items = table(loaded, "items");
        assertThat(items.comment()).isEqualTo("Things we sell");
        assertThat(items.primaryKey().name()).isEqualTo("items_pkey");
        assertThat(items.uniques())
                .containsExactly(new UniqueConstraint("items_code_key", List.of("code"), false));
        assertThat(column(loaded, "items", "id").identity()).isEqualTo(IdentityKind.ALWAYS);
        assertThat(column(loaded, "items", "id").nullable()).isFalse();
        assertThat(column(loaded, "items", "code").nullable()).isFalse();
        assertThat(column(loaded, "items", "label").defaultValue().expression())
                .isEqualTo("'it''s new'");
        assertThat(column(loaded, "items", "label").comment()).isEqualTo("shown to buyers");
        assertThat(column(loaded, "items", "qty").defaultValue().expression()).isEqualTo("5");
        assertThat(column(loaded, "items", "on_sale").defaultValue().expression())
                .isEqualTo("FALSE");
        assertThat(column(loaded, "items", "since").defaultValue().expression())
                .isEqualTo("'2020-01-01'");
        assertThat(column(loaded, "items", "created").defaultValue().volatility())
                .isEqualTo(Volatility.STABLE);
        assertThat(column(loaded, "items", "created").type())
                .isEqualTo(SqlType.of("timestamp without time zone"));
        assertThat(column(loaded, "items", "token").defaultValue().volatility())
                .isEqualTo(Volatility.VOLATILE);
        assertThat(column(loaded, "items", "price").type()).isEqualTo(SqlType.of("numeric", 10, 2));
        assertThat(column(loaded, "items", "ratio").type())
                .isEqualTo(SqlType.of("double precision"));
        assertThat(column(loaded, "items", "qty").nullable()).isTrue();
        // A serial type in createTable is auto-increment to Liquibase: an identity on PostgreSQL
        // 10+.
        assertThat(column(loaded, "items", "seq").identity()).isEqualTo(IdentityKind.BY_DEFAULT);
        assertThat(column(loaded, "items", "seq").type()).isEqualTo(SqlType.of("integer"));
        assertThat(loaded.schema().sequences()).isEmpty();
        assertThat(items.foreignKeys())
                .containsExactly(
                        new ForeignKey(
                                "fk_items_parent",
                                List.of("parent_id"),
                                QualifiedName.of("items"),
                                List.of("id"),
                                ReferentialAction.NO_ACTION,
                                ReferentialAction.NO_ACTION,
                                false,
                                false,
                                true),
                        new ForeignKey(
                                "fk_items_team",
                                List.of("team_id"),
                                QualifiedName.of("teams"),
                                List.of("id"),
                                ReferentialAction.CASCADE,
                                ReferentialAction.NO_ACTION,
                                false,
                                false,
                                true));
        SourceChange create = loaded.history().get(0).changes().get(1);
        assertThat(create.before().tables()).containsOnlyKeys(QualifiedName.of("teams"));
        assertThat(create.description()).isEqualTo("create table items");
        assertThat(create.writtenSql().get(0))
                .contains(
                        "DEFAULT 'it''s new'",
                        "CONSTRAINT items_pkey PRIMARY KEY (id)",
                        "GENERATED ALWAYS AS IDENTITY",
                        "FLOAT");
    }

    @Test
    void columnDefaultFromASequenceIsANextvalCall() {
        LoadedSchema loaded =
                load(
                        """
                  - changeSet:
                      id: 1
                      author: t
                      changes:
                        - createSequence: {sequenceName: run_seq}
                        - createTable:
                            tableName: runs
                            columns:
                              - column: {name: n, type: bigint, defaultValueSequenceNext: run_seq}
                              - column: {name: label, type: text, defaultValue: run_seq}
                """);
        // A sequence default is a volatile call PostgreSQL can run, not the sequence's bare name.
        assertThat(column(loaded, "runs", "n").defaultValue().expression())
                .isEqualToIgnoringCase("nextval('run_seq')");
        assertThat(column(loaded, "runs", "n").defaultValue().volatility())
                .isEqualTo(Volatility.VOLATILE);
        // The same word as a plain default stays a string constant.
        assertThat(column(loaded, "runs", "label").defaultValue().expression())
                .isEqualTo("'run_seq'");
    }

    @Test
    void createTableOfAnExistingTableFailsUnlessIfNotExists() {
        assertThat(
                        failure(
                                        "- createTable: {tableName: users, columns: [{column: {name: x, type: int}}]}")
                                .getMessage())
                .endsWith("relation users already exists");
        LoadedSchema loaded =
                withUsers(
                        "- createTable: {tableName: users, ifNotExists: true, columns: [{column: {name: x, type: int}}]}");
        assertThat(table(loaded, "users").hasColumn("x")).isFalse();
    }

    @Test
    void namesFollowLiquibaseQuotingAndSchemas() {
        LoadedSchema loaded =
                load(
                        """
                  - changeSet:
                      id: 1
                      author: t
                      changes:
                        - createTable: {tableName: Orders, columns: [{column: {name: ID, type: int}}, {column: {name: CamelCase, type: int}}]}
                        - createTable: {schemaName: billing, tableName: invoices, columns: [{column: {name: id, type: int, constraints: {primaryKey: true}}}]}
                  - changeSet:
                      id: 2
                      author: t
                      objectQuotingStrategy: QUOTE_ALL_OBJECTS
                      changes:
                        - createTable: {tableName: Mixed, columns: [{column: {name: Id, type: int}}]}
                """);

        // LEGACY quoting quotes mixed case only: "Orders" keeps its case, ID folds to id.
        assertThat(table(loaded, "\"Orders\"").columns())
                .extracting(Column::name)
                .containsExactly("id", "CamelCase");
        assertThat(table(loaded, "billing.invoices").primaryKey().name())
                .isEqualTo("invoices_pkey");
        assertThat(table(loaded, "\"Mixed\"").columns())
                .extracting(Column::name)
                .containsExactly("Id");
    }

    // ---- dropTable / renameTable ----------------------------------------------------------

    @Test
    void dropTableDropsItsReferencesAndOwnedSequences() {
        LoadedSchema loaded =
                withUsers(
                        """
                - createTable: {tableName: posts, columns: [{column: {name: user_id, type: bigint, constraints: {foreignKeyName: fk_posts_user, references: users(id)}}}]}
                - addAutoIncrement: {tableName: posts, columnName: user_id, columnDataType: bigint}
                - createTable: {tableName: kept, columns: [{column: {name: id, type: int}}]}
                - dropTable: {tableName: users, cascadeConstraints: true}
                - dropTable: {tableName: posts}
                """);

        assertThat(loaded.schema().tables().keySet()).containsExactly(QualifiedName.of("kept"));
        assertThat(loaded.schema().sequences()).isEmpty();
        assertThat(last(loaded).writtenSql()).containsExactly("DROP TABLE posts");
        assertThat(failure("- dropTable: {tableName: ghosts}").getMessage())
                .endsWith("table ghosts does not exist");
    }

    @Test
    void renameTableStatesTheRenameAndMovesReferencesIndexesAndOwnership() {
        LoadedSchema loaded =
                withUsers(
                        """
                - createIndex: {tableName: users, indexName: users_email_idx, columns: [{column: {name: email}}]}
                - createTable: {tableName: posts, columns: [{column: {name: user_id, type: bigint, constraints: {foreignKeyName: fk_posts_user, references: users(id)}}}]}
                - addAutoIncrement: {tableName: users, columnName: team_id, columnDataType: int}
                - renameTable: {oldTableName: users, newTableName: accounts}
                """);

        SourceChange rename = last(loaded);
        assertThat(rename.renames())
                .containsExactly(
                        new Rename(
                                Rename.Kind.TABLE, QualifiedName.of("users"), "users", "accounts"));
        assertThat(rename.before().tables()).containsKey(QualifiedName.of("users"));
        assertThat(loaded.schema().tables()).doesNotContainKey(QualifiedName.of("users"));
        Table accounts = table(loaded, "accounts");
        assertThat(accounts.primaryKey().name()).isEqualTo("users_pkey");
        assertThat(accounts.indexes())
                .extracting(Index::table)
                .containsExactly(QualifiedName.of("accounts"));
        assertThat(table(loaded, "posts").foreignKeys().get(0).target())
                .isEqualTo(QualifiedName.of("accounts"));
        assertThat(loaded.schema().sequences().get(QualifiedName.of("users_team_id_seq")).ownedBy())
                .isEqualTo("accounts.team_id");
        assertThat(
                        failure("- renameTable: {oldTableName: users, newTableName: users}")
                                .getMessage())
                .endsWith("relation users already exists");
    }

    // ---- columns --------------------------------------------------------------------------

    @Test
    void addColumnFoldsConstraintsAndAutoIncrement() {
        LoadedSchema loaded =
                withUsers(
                        """
                - createTable: {tableName: teams, columns: [{column: {name: id, type: int, constraints: {primaryKey: true}}}]}
                - addColumn:
                    tableName: users
                    columns:
                      - column: {name: nick, type: varchar(30), defaultValue: anon, constraints: {nullable: false, unique: true}}
                      - column: {name: team, type: int, constraints: {references: teams(id), foreignKeyName: fk_users_team, validateForeignKey: false}}
                      - column: {name: counter, type: int, autoIncrement: true}
                      - column: {name: legacy, type: serial}
                """);

        assertThat(column(loaded, "users", "nick"))
                .isEqualTo(
                        new Column(
                                "nick",
                                SqlType.of("character varying", 30),
                                false,
                                dev.evoplan.model.DefaultValue.of("'anon'"),
                                IdentityKind.NONE,
                                null,
                                null));
        assertThat(table(loaded, "users").uniques())
                .extracting(UniqueConstraint::name)
                .containsExactly("users_nick_key");
        assertThat(table(loaded, "users").foreignKeys())
                .singleElement()
                .satisfies(
                        fk -> {
                            assertThat(fk.name()).isEqualTo("fk_users_team");
                            assertThat(fk.validated()).isFalse();
                        });
        assertThat(column(loaded, "users", "counter").identity())
                .isEqualTo(IdentityKind.BY_DEFAULT);
        // Liquibase's addColumn writes serial as a plain INTEGER on PostgreSQL 10+.
        assertThat(column(loaded, "users", "legacy").identity()).isEqualTo(IdentityKind.NONE);
        assertThat(column(loaded, "users", "legacy").defaultValue()).isNull();
        assertThat(last(loaded).description())
                .isEqualTo("add column users.nick, users.team, users.counter, users.legacy");
        assertThat(last(loaded).writtenSql())
                .contains(
                        "ALTER TABLE users ADD legacy INTEGER",
                        "ALTER TABLE users ADD CONSTRAINT fk_users_team FOREIGN KEY (team) REFERENCES teams (id) NOT VALID");
        assertThat(
                        failure(
                                        "- addColumn: {tableName: users, columns: [{column: {name: email, type: text}}]}")
                                .getMessage())
                .endsWith("column email of table users already exists");
    }

    @Test
    void addColumnPrimaryKeyIsNamedByPostgresql() {
        LoadedSchema loaded =
                load(
                        """
                  - changeSet:
                      id: 1
                      author: t
                      changes:
                        - createTable: {tableName: t, columns: [{column: {name: a, type: int}}]}
                        - addColumn: {tableName: t, columns: [{column: {name: id, type: int, constraints: {primaryKey: true, primaryKeyName: ignored}}}]}
                """);

        assertThat(table(loaded, "t").primaryKey().name()).isEqualTo("t_pkey");
        assertThat(column(loaded, "t", "id").nullable()).isFalse();
    }

    @Test
    void dropColumnTakesItsConstraintsIndexesAndReferencesAlong() {
        LoadedSchema loaded =
                withUsers(
                        """
                - addUniqueConstraint: {tableName: users, columnNames: "email, team_id"}
                - createIndex: {tableName: users, indexName: by_lower_email, columns: [{column: {name: lower(email), computed: true}}]}
                - createIndex: {tableName: users, indexName: by_team, columns: [{column: {name: team_id}}]}
                - createTable: {tableName: posts, columns: [{column: {name: author_email, type: varchar(255)}}]}
                - addForeignKeyConstraint: {baseTableName: posts, baseColumnNames: author_email, referencedTableName: users, referencedColumnNames: email, constraintName: fk_posts_email}
                - dropColumn: {tableName: users, columnName: email}
                """);

        Table users = table(loaded, "users");
        assertThat(users.columns()).extracting(Column::name).containsExactly("id", "team_id");
        assertThat(users.uniques()).isEmpty();
        assertThat(users.indexes()).extracting(Index::name).containsExactly("by_team");
        assertThat(table(loaded, "posts").foreignKeys()).isEmpty();
        assertThat(failure("- dropColumn: {tableName: users, columnName: nope}").getMessage())
                .endsWith("column users.nope does not exist");
    }

    @Test
    void dropColumnTakesAListOfColumns() {
        LoadedSchema loaded =
                withUsers(
                        "- dropColumn: {tableName: users, columns: [{column: {name: email}}, {column: {name: team_id}}]}");

        assertThat(table(loaded, "users").columns()).extracting(Column::name).containsExactly("id");
        assertThat(last(loaded).writtenSql())
                .containsExactly(
                        "ALTER TABLE users DROP COLUMN email",
                        "ALTER TABLE users DROP COLUMN team_id");
    }

    @Test
    void renameColumnStatesTheRenameAndFollowsKeysIndexesAndReferences() {
        LoadedSchema loaded =
                withUsers(
                        """
                - createIndex: {tableName: users, indexName: by_email, columns: [{column: {name: email, descending: true}}]}
                - createTable: {tableName: posts, columns: [{column: {name: uid, type: bigint, constraints: {foreignKeyName: fk_posts_user, references: users(id)}}}]}
                - renameColumn: {tableName: users, oldColumnName: id, newColumnName: user_id}
                - renameColumn: {tableName: users, oldColumnName: email, newColumnName: mail}
                """);

        assertThat(loaded.history().get(1).changes())
                .flatExtracting(SourceChange::renames)
                .containsExactly(
                        new Rename(Rename.Kind.COLUMN, QualifiedName.of("users"), "id", "user_id"),
                        new Rename(Rename.Kind.COLUMN, QualifiedName.of("users"), "email", "mail"));
        Table users = table(loaded, "users");
        assertThat(users.primaryKey().columns()).containsExactly("user_id");
        assertThat(users.indexes().get(0).elements())
                .containsExactly(new IndexElement("mail", false, true, null, null));
        assertThat(table(loaded, "posts").foreignKeys().get(0).targetColumns())
                .containsExactly("user_id");
        assertThat(
                        failure(
                                        "- renameColumn: {tableName: users, oldColumnName: nope, newColumnName: x}")
                                .getMessage())
                .endsWith("column users.nope does not exist");
        assertThat(
                        failure(
                                        "- renameColumn: {tableName: users, oldColumnName: id, newColumnName: email}")
                                .getMessage())
                .endsWith("column email of table users already exists");
    }

    @Test
    void modifyDataTypeUsesLiquibasesTypeForPostgresql() {
        LoadedSchema loaded =
                withUsers(
                        """
                - modifyDataType: {tableName: users, columnName: team_id, newDataType: bigint}
                - modifyDataType: {tableName: users, columnName: email, newDataType: clob}
                """);

        assertThat(column(loaded, "users", "team_id").type()).isEqualTo(SqlType.of("bigint"));
        assertThat(column(loaded, "users", "email").type()).isEqualTo(SqlType.of("text"));
        assertThat(last(loaded).writtenSql())
                .containsExactly(
                        "ALTER TABLE users ALTER COLUMN email TYPE TEXT USING (email::TEXT)");
        assertThat(
                        failure(
                                        "- modifyDataType: {tableName: users, columnName: nope, newDataType: int}")
                                .getMessage())
                .endsWith("column users.nope does not exist");
    }

    @Test
    void notNullIsAddedAndDroppedButNotFromAPrimaryKey() {
        LoadedSchema loaded =
                withUsers(
                        """
                - addNotNullConstraint: {tableName: users, columnName: team_id, defaultNullValue: "0"}
                - dropNotNullConstraint: {tableName: users, columnName: email}
                """);

        assertThat(column(loaded, "users", "team_id").nullable()).isFalse();
        assertThat(column(loaded, "users", "email").nullable()).isTrue();
        // The UPDATE is also a data change of its own, before the schema change (the plan's
        // backfill); the schema change keeps the whole SQL Liquibase runs.
        assertThat(loaded.history().get(1).changes().get(0).writtenSql())
                .containsExactly("UPDATE users SET team_id = '0' WHERE team_id IS NULL");
        assertThat(loaded.history().get(1).changes().get(1).writtenSql())
                .containsExactly(
                        "UPDATE users SET team_id = '0' WHERE team_id IS NULL",
                        "ALTER TABLE users ALTER COLUMN  team_id SET NOT NULL");
        assertThat(
                        failure("- dropNotNullConstraint: {tableName: users, columnName: id}")
                                .getMessage())
                .endsWith("column id is in a primary key");
    }

    @Test
    void defaultsAreRenderedAsLiquibaseWritesThem() {
        LoadedSchema loaded =
                withUsers(
                        """
                - addDefaultValue: {tableName: users, columnName: email, defaultValue: "nobody@example.com"}
                - addDefaultValue: {tableName: users, columnName: team_id, defaultValueNumeric: "7"}
                - createSequence: {sequenceName: team_seq}
                - addColumn: {tableName: users, columns: [{column: {name: team2, type: bigint}}]}
                - addDefaultValue: {tableName: users, columnName: team2, defaultValueSequenceNext: team_seq}
                """);

        assertThat(column(loaded, "users", "email").defaultValue().expression())
                .isEqualTo("'nobody@example.com'");
        assertThat(column(loaded, "users", "team_id").defaultValue().expression()).isEqualTo("7");
        assertThat(column(loaded, "users", "team2").defaultValue())
                .satisfies(
                        d -> {
                            assertThat(d.expression()).isEqualTo("nextval('team_seq')");
                            assertThat(d.volatility()).isEqualTo(Volatility.VOLATILE);
                        });
        assertThat(loaded.schema().sequences().get(QualifiedName.of("team_seq")).ownedBy())
                .isEqualTo("users.team2");
        assertThat(
                        failure(
                                        "- addDefaultValue: {tableName: users, columnName: id, defaultValueNumeric: 1}")
                                .getMessage())
                .endsWith("column id of table users is an identity column");
    }

    @Test
    void dropDefaultValueClearsTheDefault() {
        LoadedSchema loaded =
                withUsers(
                        """
                - addDefaultValue: {tableName: users, columnName: team_id, defaultValueNumeric: 1}
                - dropDefaultValue: {tableName: users, columnName: team_id}
                """);

        assertThat(column(loaded, "users", "team_id").defaultValue()).isNull();
        assertThat(
                        last(loaded)
                                .before()
                                .tables()
                                .get(QualifiedName.of("users"))
                                .column("team_id")
                                .orElseThrow()
                                .defaultValue())
                .isNotNull();
    }

    // ---- keys -----------------------------------------------------------------------------

    @Test
    void primaryKeysAreAddedWithPostgresqlsDefaultNameAndDropped() {
        LoadedSchema loaded =
                load(
                        """
                  - changeSet:
                      id: 1
                      author: t
                      changes:
                        - createTable: {tableName: t, columns: [{column: {name: a, type: int}}, {column: {name: b, type: int}}]}
                        - addPrimaryKey: {tableName: t, columnNames: "a, b"}
                  - changeSet:
                      id: 2
                      author: t
                      changes:
                        - dropPrimaryKey: {tableName: t}
                        - addPrimaryKey: {tableName: t, columnNames: a, constraintName: pk_t_a}
                """);

        assertThat(
                        loaded.history()
                                .get(0)
                                .changes()
                                .get(1)
                                .after()
                                .tables()
                                .get(QualifiedName.of("t"))
                                .primaryKey())
                .isEqualTo(new dev.evoplan.model.PrimaryKey("t_pkey", List.of("a", "b")));
        assertThat(table(loaded, "t").primaryKey().name()).isEqualTo("pk_t_a");
        assertThat(column(loaded, "t", "b").nullable()).isFalse();
        assertThat(failure("- addPrimaryKey: {tableName: users, columnNames: email}").getMessage())
                .endsWith("multiple primary keys for table users are not allowed");
        assertThat(
                        failure("- dropPrimaryKey: {tableName: users, constraintName: pk_other}")
                                .getMessage())
                .endsWith(
                        "constraint pk_other of table users does not exist (the primary key is users_pkey)");
    }

    @Test
    void uniqueConstraintsAreNamedAddedAndDropped() {
        LoadedSchema loaded =
                withUsers(
                        """
                - addUniqueConstraint: {tableName: users, columnNames: "email, team_id"}
                - addUniqueConstraint: {tableName: users, columnNames: team_id, constraintName: uq_team, deferrable: true}
                - dropUniqueConstraint: {tableName: users, constraintName: users_email_team_id_key}
                """);

        assertThat(table(loaded, "users").uniques())
                .containsExactly(new UniqueConstraint("uq_team", List.of("team_id"), true));
        assertThat(loaded.history().get(1).changes().get(0).writtenSql())
                .containsExactly("ALTER TABLE users ADD UNIQUE (email, team_id)");
        assertThat(
                        failure("- dropUniqueConstraint: {tableName: users, constraintName: nope}")
                                .getMessage())
                .endsWith("unique constraint nope of table users does not exist");
    }

    @Test
    void foreignKeysAreAddedDroppedAndDroppedAll() {
        LoadedSchema added =
                withUsers(
                        """
                - createTable: {tableName: teams, columns: [{column: {name: id, type: int, constraints: {primaryKey: true}}}]}
                - addForeignKeyConstraint: {baseTableName: users, baseColumnNames: team_id, referencedTableName: teams, referencedColumnNames: id, constraintName: fk_team, onDelete: SET NULL, onUpdate: CASCADE, validate: false}
                """);
        assertThat(table(added, "users").foreignKeys())
                .containsExactly(
                        new ForeignKey(
                                "fk_team",
                                List.of("team_id"),
                                QualifiedName.of("teams"),
                                List.of("id"),
                                ReferentialAction.SET_NULL,
                                ReferentialAction.CASCADE,
                                false,
                                false,
                                false));

        LoadedSchema dropped =
                withUsers(
                        """
                - createTable: {tableName: teams, columns: [{column: {name: id, type: int, constraints: {primaryKey: true}}}]}
                - addForeignKeyConstraint: {baseTableName: users, baseColumnNames: team_id, referencedTableName: teams, referencedColumnNames: id, constraintName: fk_a}
                - addForeignKeyConstraint: {baseTableName: users, baseColumnNames: id, referencedTableName: users, referencedColumnNames: id, constraintName: fk_b, deleteCascade: true}
                - dropForeignKeyConstraint: {baseTableName: users, constraintName: fk_a}
                """);
        assertThat(table(dropped, "users").foreignKeys())
                .extracting(ForeignKey::name)
                .containsExactly("fk_b");
        assertThat(table(dropped, "users").foreignKeys().get(0).onDelete())
                .isEqualTo(ReferentialAction.CASCADE);

        LoadedSchema all =
                withUsers(
                        """
                - addForeignKeyConstraint: {baseTableName: users, baseColumnNames: id, referencedTableName: users, referencedColumnNames: id, constraintName: fk_b}
                - dropAllForeignKeyConstraints: {baseTableName: users}
                """);
        assertThat(table(all, "users").foreignKeys()).isEmpty();
        assertThat(
                        failure(
                                        "- addForeignKeyConstraint: {baseTableName: users, baseColumnNames: team_id, referencedTableName: nope, referencedColumnNames: id, constraintName: f}")
                                .getMessage())
                .endsWith("table nope does not exist");
        assertThat(
                        failure(
                                        "- dropForeignKeyConstraint: {baseTableName: users, constraintName: nope}")
                                .getMessage())
                .endsWith("foreign key nope of table users does not exist");
    }

    // ---- indexes --------------------------------------------------------------------------

    @Test
    void createIndexNamesUnnamedIndexesAsPostgresqlDoes() {
        LoadedSchema loaded =
                withUsers(
                        """
                - createIndex: {tableName: users, columns: [{column: {name: "lower(email)", computed: true}}, {column: {name: team_id, descending: true}}]}
                - createIndex: {tableName: users, columns: [{column: {name: team_id}}]}
                - createIndex: {tableName: users, columns: [{column: {name: team_id}}]}
                - createIndex: {tableName: users, indexName: Users_Email_Trgm, using: GIN, unique: false, columns: [{column: {name: email}}]}
                - createIndex: {tableName: users, indexName: uq_email, unique: true, columns: [{column: {name: email}}]}
                """);

        assertThat(table(loaded, "users").indexes())
                .extracting(Index::name)
                .containsExactly(
                        "Users_Email_Trgm",
                        "uq_email",
                        "users_lower_team_id_idx",
                        "users_team_id_idx",
                        "users_team_id_idx1");
        Index expression = table(loaded, "users").indexes().get(2);
        assertThat(expression.elements())
                .containsExactly(
                        new IndexElement("lower(email)", true, false, null, null),
                        new IndexElement("team_id", false, true, null, null));
        assertThat(table(loaded, "users").indexes().get(0).method()).isEqualTo("gin");
        assertThat(table(loaded, "users").indexes().get(1).unique()).isTrue();
        assertThat(
                        failure(
                                        "- createIndex: {tableName: users, indexName: users_pkey, columns: [{column: {name: email}}]}")
                                .getMessage())
                .endsWith("relation users_pkey already exists");
        assertThat(
                        failure(
                                        "- createIndex: {tableName: users, indexName: i, columns: [{column: {name: nope}}]}")
                                .getMessage())
                .endsWith("column users.nope does not exist");
    }

    @Test
    void dropIndexDropsStandaloneIndexesOnly() {
        LoadedSchema loaded =
                withUsers(
                        """
                - createIndex: {tableName: users, indexName: by_email, columns: [{column: {name: email}}]}
                - dropIndex: {indexName: by_email}
                """);

        assertThat(table(loaded, "users").indexes()).isEmpty();
        assertThat(failure("- dropIndex: {indexName: users_pkey, tableName: users}").getMessage())
                .contains("cannot drop index users_pkey");
        assertThat(failure("- dropIndex: {indexName: nope}").getMessage())
                .endsWith("index nope does not exist");
    }

    // ---- sequences ------------------------------------------------------------------------

    @Test
    void sequencesAreCreatedAlteredRenamedAndDroppedWithTheDefaultsThatUseThem() {
        LoadedSchema loaded =
                withUsers(
                        """
                - createSequence: {sequenceName: order_seq, startValue: 100, incrementBy: 10, dataType: int, cacheSize: 5}
                - alterSequence: {sequenceName: order_seq, incrementBy: 20, maxValue: 99999, cycle: true}
                - addDefaultValue: {tableName: users, columnName: team_id, defaultValueSequenceNext: order_seq}
                - renameSequence: {oldSequenceName: order_seq, newSequenceName: invoice_seq}
                """);

        assertThat(loaded.schema().sequences().get(QualifiedName.of("invoice_seq")))
                .isEqualTo(
                        new Sequence(
                                QualifiedName.of("invoice_seq"),
                                "integer",
                                100L,
                                20L,
                                null,
                                99999L,
                                5L,
                                true,
                                "users.team_id"));
        assertThat(last(loaded).renames())
                .containsExactly(
                        new Rename(
                                Rename.Kind.SEQUENCE,
                                QualifiedName.of("order_seq"),
                                "order_seq",
                                "invoice_seq"));
        assertThat(column(loaded, "users", "team_id").defaultValue().expression())
                .isEqualTo("nextval('invoice_seq'::regclass)");

        LoadedSchema dropped =
                withUsers(
                        """
                - createSequence: {sequenceName: s}
                - addDefaultValue: {tableName: users, columnName: team_id, defaultValueSequenceNext: s}
                - dropSequence: {sequenceName: s}
                """);
        assertThat(dropped.schema().sequences()).isEmpty();
        assertThat(column(dropped, "users", "team_id").defaultValue()).isNull();
        assertThat(failure("- alterSequence: {sequenceName: nope, incrementBy: 2}").getMessage())
                .endsWith("sequence nope does not exist");
    }

    @Test
    void createSequenceIfNotExistsKeepsAnExistingSequence() {
        LoadedSchema loaded =
                withUsers(
                        """
                - createSequence: {sequenceName: s, startValue: 1}
                - createSequence: {sequenceName: s, startValue: 50}
                """);

        assertThat(loaded.schema().sequences().get(QualifiedName.of("s")).start()).isEqualTo(1L);
    }

    @Test
    void addAutoIncrementIsASequenceDefaultAndOwnerOnPostgresql() {
        LoadedSchema loaded =
                withUsers(
                        "- addAutoIncrement: {tableName: users, columnName: team_id, columnDataType: int, startWith: 10, incrementBy: 2}");

        assertThat(column(loaded, "users", "team_id").defaultValue().expression())
                .isEqualTo("nextval('users_team_id_seq'::regclass)");
        assertThat(column(loaded, "users", "team_id").nullable()).isFalse();
        assertThat(column(loaded, "users", "team_id").identity()).isEqualTo(IdentityKind.NONE);
        assertThat(loaded.schema().sequences().get(QualifiedName.of("users_team_id_seq")))
                .isEqualTo(
                        new Sequence(
                                QualifiedName.of("users_team_id_seq"),
                                "bigint",
                                10L,
                                2L,
                                null,
                                null,
                                null,
                                false,
                                "users.team_id"));
        assertThat(last(loaded).writtenSql())
                .contains("ALTER SEQUENCE users_team_id_seq OWNED BY users.team_id");
        assertThat(
                        failure(
                                        "- addAutoIncrement: {tableName: users, columnName: id, columnDataType: bigint}")
                                .getMessage())
                .endsWith("column id of table users is an identity column");
    }

    // ---- views ----------------------------------------------------------------------------

    @Test
    void viewsAreCreatedReplacedRenamedAndDropped() {
        LoadedSchema loaded =
                withUsers(
                        """
                - createView: {viewName: active_users, selectQuery: "select id from users"}
                - createView: {viewName: active_users, replaceIfExists: true, selectQuery: "select id, email from users"}
                - createView: {viewName: v2, fullDefinition: true, selectQuery: "CREATE VIEW v2 AS select 1 as one"}
                - renameView: {oldViewName: active_users, newViewName: people}
                - dropView: {viewName: v2}
                """);

        assertThat(loaded.schema().views().keySet()).containsExactly(QualifiedName.of("people"));
        assertThat(loaded.schema().views().get(QualifiedName.of("people")).definition())
                .isEqualTo("select id, email from users");
        assertThat(
                        loaded.history()
                                .get(1)
                                .changes()
                                .get(2)
                                .after()
                                .views()
                                .get(QualifiedName.of("v2"))
                                .definition())
                .isEqualTo("select 1 as one");
        assertThat(loaded.history().get(1).changes().get(3).renames())
                .containsExactly(
                        new Rename(
                                Rename.Kind.VIEW,
                                QualifiedName.of("active_users"),
                                "active_users",
                                "people"));
        assertThat(
                        failure(
                                        """
                - createView: {viewName: v, selectQuery: "select 1"}
                - createView: {viewName: v, selectQuery: "select 2"}
                """)
                                .getMessage())
                .endsWith("relation v already exists");
    }

    // ---- comments -------------------------------------------------------------------------

    @Test
    void remarksBecomeComments() {
        LoadedSchema loaded =
                withUsers(
                        """
                - setTableRemarks: {tableName: users, remarks: People who log in}
                - setColumnRemarks: {tableName: users, columnName: email, remarks: "Where we write"}
                - setColumnRemarks: {tableName: users, columnName: team_id, remarks: ""}
                """);

        assertThat(table(loaded, "users").comment()).isEqualTo("People who log in");
        assertThat(column(loaded, "users", "email").comment()).isEqualTo("Where we write");
        assertThat(column(loaded, "users", "team_id").comment()).isNull();
        assertThat(
                        failure(
                                        "- setColumnRemarks: {tableName: users, columnName: nope, remarks: x}")
                                .getMessage())
                .endsWith("column users.nope does not exist");
    }

    // ---- composite changes ----------------------------------------------------------------

    @Test
    void addLookupTableCreatesTheTableItsKeyAndTheReference() {
        LoadedSchema loaded =
                withUsers(
                        "- addLookupTable: {existingTableName: users, existingColumnName: email, newTableName: emails, newColumnName: address, newColumnDataType: text}");

        Table emails = table(loaded, "emails");
        assertThat(emails.columns())
                .containsExactly(Column.of("address", SqlType.of("character varying", 255), false));
        assertThat(emails.primaryKey().name()).isEqualTo("emails_pkey");
        assertThat(table(loaded, "users").foreignKeys())
                .containsExactly(
                        new ForeignKey(
                                "fk_users_emails",
                                List.of("email"),
                                QualifiedName.of("emails"),
                                List.of("address"),
                                ReferentialAction.NO_ACTION,
                                ReferentialAction.NO_ACTION,
                                false,
                                false,
                                true));
        assertThat(
                        failure(
                                        "- addLookupTable: {existingTableName: users, existingColumnName: nope, newTableName: x, newColumnName: y}")
                                .getMessage())
                .endsWith("column users.nope does not exist");
    }

    @Test
    void mergeColumnsAddsTheMergedColumnAndDropsBoth() {
        LoadedSchema loaded =
                withUsers(
                        "- mergeColumns: {tableName: users, column1Name: email, column2Name: team_id, finalColumnName: summary, finalColumnType: varchar(300), joinString: ' '}");

        assertThat(table(loaded, "users").columns())
                .extracting(Column::name)
                .containsExactly("id", "summary");
        assertThat(last(loaded).writtenSql())
                .contains("UPDATE users SET summary = email || ' ' || team_id");
        assertThat(
                        failure(
                                        "- mergeColumns: {tableName: users, column1Name: email, column2Name: nope, finalColumnName: s, finalColumnType: text}")
                                .getMessage())
                .endsWith("column users.nope does not exist");
    }

    // ---- changes that do not alter the schema ----------------------------------------------

    @Test
    void tagEmptyAndOutputAreNoneAndRunNothing() {
        LoadedSchema loaded =
                withUsers(
                        """
                - tagDatabase: {tag: v1.0}
                - empty: {}
                - output: {message: hello}
                """);

        List<SourceChange> changes = loaded.history().get(1).changes();
        assertThat(changes).extracting(SourceChange::kind).containsOnly(SourceChange.Kind.NONE);
        assertThat(changes)
                .extracting(SourceChange::description)
                .containsExactly("tag database v1.0", "empty", "output hello");
        assertThat(changes)
                .allSatisfy(
                        c -> {
                            assertThat(c.writtenSql()).isEmpty();
                            assertThat(c.after()).isSameAs(c.before());
                        });
    }

    @Test
    void dataChangesAreDataWithTheirTable() throws IOException {
        Files.writeString(dir.resolve("users.csv"), "id,email\n1,a@example.com\n");
        LoadedSchema loaded =
                withUsers(
                        """
                - insert: {tableName: users, columns: [{column: {name: email, value: x}}]}
                - update: {tableName: users, columns: [{column: {name: email, value: y}}], where: "id = 1"}
                - delete: {tableName: users, where: "id = 2"}
                - loadData: {tableName: users, file: users.csv, relativeToChangelogFile: true}
                - loadUpdateData: {tableName: users, file: users.csv, relativeToChangelogFile: true, primaryKey: id}
                """);

        List<SourceChange> changes = loaded.history().get(1).changes();
        assertThat(changes).extracting(SourceChange::kind).containsOnly(SourceChange.Kind.DATA);
        assertThat(changes)
                .extracting(SourceChange::description)
                .containsExactly(
                        "insert into users",
                        "update users",
                        "delete from users",
                        "load data into users",
                        "load/update data into users");
        assertThat(changes.get(1).writtenSql())
                .containsExactly("UPDATE users SET email = 'y' WHERE id = 1");
        assertThat(changes.get(3).writtenSql())
                .singleElement()
                .asString()
                .startsWith("INSERT INTO users");
        assertThat(loaded.schema()).isEqualTo(loaded.history().get(0).changes().get(0).after());
    }

    @Test
    void rawSqlEvoplanUnderstandsIsFoldedLikeATypedChange() {
        LoadedSchema loaded =
                withUsers(
                        """
                - sql: {sql: "ALTER TABLE users ADD COLUMN nickname text; CREATE INDEX users_nickname_idx ON users (nickname);"}
                """);
        assertThat(last(loaded).kind()).isEqualTo(SourceChange.Kind.SCHEMA);
        assertThat(table(loaded, "users").hasColumn("nickname")).isTrue();
        assertThat(table(loaded, "users").indexes())
                .extracting(i -> i.name())
                .contains("users_nickname_idx");
    }

    @Test
    void rawSqlIsReadStatementByStatementAndCustomChangesAreOpaque() throws IOException {
        // Raw SQL is read like a .sql file: the statement evoplan cannot fold (the DO block) is
        // opaque on its own, and the others fold and are judged (was: the whole block opaque,
        // hiding the column it adds). Nothing is dropped.
        Files.writeString(
                dir.resolve("fix.sql"), "UPDATE users SET email = lower(email);\nVACUUM users;\n");
        LoadedSchema loaded =
                withUsers(
                        """
                - sql: {sql: "ALTER TABLE users   ADD COLUMN sneaky int; DO $$ BEGIN PERFORM 1; END $$;"}
                - sqlFile: {path: fix.sql, relativeToChangelogFile: true}
                - createProcedure: {procedureText: "CREATE FUNCTION one() RETURNS int AS 'select 1' LANGUAGE sql"}
                - customChange: {class: com.example.NotOnOurClassPath, someParam: 42}
                """);

        List<SourceChange> changes = loaded.history().get(1).changes();
        assertThat(changes)
                .extracting(SourceChange::kind)
                .containsExactly(
                        SourceChange.Kind.SCHEMA,
                        SourceChange.Kind.OPAQUE,
                        SourceChange.Kind.DATA,
                        SourceChange.Kind.MAINTENANCE,
                        SourceChange.Kind.MAINTENANCE,
                        SourceChange.Kind.OPAQUE);
        assertThat(changes.get(2).writtenSql())
                .containsExactly("UPDATE users SET email = lower(email)");
        assertThat(changes.get(3).writtenSql()).containsExactly("VACUUM users");
        assertThat(changes.get(5).changeType()).isEqualTo("customChange");
        assertThat(changes.get(5).description())
                .isEqualTo("customChange com.example.NotOnOurClassPath");
        assertThat(changes.get(5).writtenSql()).isEmpty();
        assertThat(table(loaded, "users").hasColumn("sneaky")).isTrue();
        assertThat(loaded.history().get(1).checksum()).matches("9:[0-9a-f]{32}");
    }

    @Test
    void executeCommandIsOpaqueAndIsNeverRun() {
        Path marker = dir.resolve("was-run");
        LoadedSchema loaded =
                withUsers(
                        """
                - executeCommand:
                    executable: touch
                    args:
                      - arg: {value: "%s"}
                """
                                .formatted(marker));

        assertThat(last(loaded).kind()).isEqualTo(SourceChange.Kind.OPAQUE);
        assertThat(last(loaded).changeType()).isEqualTo("executeCommand");
        assertThat(marker).doesNotExist();
    }

    @Test
    void runInTransactionComesFromTheChangeset() {
        LoadedSchema loaded =
                load(
                        USERS
                                + """
                  - changeSet:
                      id: c
                      author: t
                      runInTransaction: false
                      changes:
                        - createIndex: {tableName: users, indexName: i, columns: [{column: {name: email}}]}
                """);

        assertThat(loaded.history())
                .extracting(h -> h.runInTransaction())
                .containsExactly(true, false);
    }

    @Test
    void modifySqlForPostgresqlRewritesTheWrittenSqlButNotTheFold() {
        LoadedSchema loaded =
                load(
                        USERS
                                + """
                  - changeSet:
                      id: c
                      author: t
                      changes:
                        - createIndex: {tableName: users, indexName: by_email, columns: [{column: {name: email}}]}
                      modifySql:
                        - replace: {dbms: postgresql, replace: "CREATE INDEX", with: "CREATE INDEX CONCURRENTLY"}
                        - append: {dbms: mysql, value: " ALGORITHM=INPLACE"}
                """);

        assertThat(last(loaded).writtenSql())
                .containsExactly("CREATE INDEX CONCURRENTLY by_email ON users(email)");
        assertThat(table(loaded, "users").indexes())
                .extracting(Index::name)
                .containsExactly("by_email");
    }

    @Test
    void aUniqueRepeatingThePrimaryKeyIsDroppedInCreateTableOnly() {
        LoadedSchema loaded =
                load(
                        """
                  - changeSet:
                      id: 1
                      author: t
                      changes:
                        - createTable: {tableName: a, columns: [{column: {name: id, type: int, constraints: {primaryKey: true, unique: true}}}]}
                        - createTable: {tableName: b, columns: [{column: {name: x, type: int}}]}
                        - addColumn: {tableName: b, columns: [{column: {name: id, type: int, constraints: {primaryKey: true, unique: true}}}]}
                """);

        assertThat(table(loaded, "a").uniques()).isEmpty();
        assertThat(table(loaded, "b").uniques())
                .extracting(UniqueConstraint::name)
                .containsExactly("b_id_key");
    }
}
