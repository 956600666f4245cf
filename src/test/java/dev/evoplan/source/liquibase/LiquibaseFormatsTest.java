package dev.evoplan.source.liquibase;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evoplan.model.IdentityKind;
import dev.evoplan.model.LoadedSchema;
import dev.evoplan.model.QualifiedName;
import dev.evoplan.model.Rename;
import dev.evoplan.model.SourceChange;
import dev.evoplan.model.SourceChangeset;
import dev.evoplan.model.SqlType;
import dev.evoplan.model.Table;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The same changelog written in XML, YAML and JSON folds to the same schema; formatted SQL loads as
 * opaque changes.
 */
class LiquibaseFormatsTest {
    static final Path FORMATS = Path.of("fixtures/liquibase/formats");

    static LoadedSchema load(String file) {
        return new LiquibaseSource().load(FORMATS.resolve(file), LiquibaseOptions.defaults());
    }

    @ParameterizedTest
    @ValueSource(strings = {"changelog.xml", "changelog.yaml", "changelog.json"})
    void eachStructuredFormatFoldsTheSameSchema(String file) {
        LoadedSchema loaded = load(file);

        Table users = loaded.schema().tables().get(QualifiedName.of("users"));
        assertThat(users.columns())
                .extracting(c -> c.name())
                .containsExactly("id", "email", "team_id", "created_at", "active", "display_name");
        assertThat(users.column("id").orElseThrow().identity()).isEqualTo(IdentityKind.BY_DEFAULT);
        assertThat(users.column("email").orElseThrow().type())
                .isEqualTo(SqlType.of("character varying", 255));
        assertThat(users.column("created_at").orElseThrow().defaultValue().normalized())
                .isEqualTo("current_timestamp");
        assertThat(users.column("display_name").orElseThrow().comment()).isEqualTo("display name");
        assertThat(users.foreignKeys())
                .singleElement()
                .satisfies(
                        fk -> {
                            assertThat(fk.name()).isEqualTo("fk_users_team");
                            assertThat(fk.target()).isEqualTo(QualifiedName.of("teams"));
                        });
        assertThat(users.indexes()).singleElement().satisfies(i -> assertThat(i.unique()).isTrue());
        assertThat(loaded.schema().tables().get(QualifiedName.of("teams")).comment())
                .isEqualTo("A team of users");
        assertThat(loaded.schema()).isEqualTo(load("changelog.yaml").schema());
    }

    @ParameterizedTest
    @CsvSource({
        "changelog.xml, 9, 20, 37, 46",
        "changelog.yaml, 2, 22, 54, 72",
        "changelog.json, 4, 22, 42, 52"
    })
    void originsCarryTheFileIdAuthorAndTheLineWhereTheChangesetStarts(
            String file, int l1, int l2, int l3, int l4) {
        List<SourceChangeset> history = load(file).history();

        // The master's own changesets are identified relative to it (docs/liquibase.md); reports
        // show its name.
        assertThat(history)
                .extracting(SourceChangeset::identity)
                .containsExactly(
                        "<master>::1::alice",
                        "<master>::2::alice",
                        "<master>::3::bob",
                        "<master>::4::bob");
        assertThat(history)
                .extracting(SourceChangeset::shownIdentity)
                .containsExactly(
                        file + "::1::alice",
                        file + "::2::alice",
                        file + "::3::bob",
                        file + "::4::bob");
        assertThat(history).extracting(h -> h.origin().line()).containsExactly(l1, l2, l3, l4);
        assertThat(history.get(2).changes())
                .extracting(c -> c.origin().changesetId())
                .containsOnly("3");
        assertThat(history.get(2).changes()).extracting(c -> c.origin().file()).containsOnly(file);
    }

    @Test
    void checksumsAreLiquibasesOwnAndDoNotDependOnTheFormat() {
        List<String> xml =
                load("changelog.xml").history().stream().map(SourceChangeset::checksum).toList();
        List<String> yaml =
                load("changelog.yaml").history().stream().map(SourceChangeset::checksum).toList();

        assertThat(xml).allMatch(c -> c.matches("9:[0-9a-f]{32}"));
        assertThat(xml).doesNotHaveDuplicates();
        assertThat(yaml).isEqualTo(xml);
    }

    @Test
    void eachChangeKeepsTheSchemaBeforeAndAfterItAndTheRenameItStates() {
        SourceChangeset changeset = load("changelog.yaml").history().get(3);
        SourceChange rename = changeset.changes().get(0);

        assertThat(rename.kind()).isEqualTo(SourceChange.Kind.SCHEMA);
        assertThat(rename.renames())
                .containsExactly(
                        new Rename(
                                Rename.Kind.COLUMN,
                                QualifiedName.of("users"),
                                "nickname",
                                "display_name"));
        assertThat(rename.before().tables().get(QualifiedName.of("users")).hasColumn("nickname"))
                .isTrue();
        assertThat(rename.after().tables().get(QualifiedName.of("users")).hasColumn("nickname"))
                .isFalse();
        assertThat(rename.writtenSql())
                .containsExactly("ALTER TABLE users RENAME COLUMN nickname TO display_name");
    }

    @Test
    void formattedSqlChangesetsAreReadWithTheirSqlAndTheirAttributes() {
        LoadedSchema loaded = load("changelog.sql");

        // bob:3 is for mysql only, so PostgreSQL never runs it.
        assertThat(loaded.history())
                .extracting(SourceChangeset::identity)
                .containsExactly("<master>::1::alice", "<master>::2::alice");
        assertThat(loaded.history())
                .extracting(SourceChangeset::shownIdentity)
                .containsExactly("changelog.sql::1::alice", "changelog.sql::2::alice");
        assertThat(loaded.history()).extracting(h -> h.origin().line()).containsExactly(3, 10);
        assertThat(loaded.history())
                .extracting(SourceChangeset::runInTransaction)
                .containsExactly(true, false);
        SourceChange create = loaded.history().get(0).changes().get(0);
        // The SQL front end reads both changesets, so they fold like typed changes.
        assertThat(create.kind()).isEqualTo(SourceChange.Kind.SCHEMA);
        assertThat(create.changeType()).isEqualTo("sql");
        assertThat(create.description())
                .startsWith("CREATE TABLE teams ( id bigint GENERATED BY DEFAULT AS IDENTITY");
        assertThat(create.writtenSql()).singleElement().asString().startsWith("CREATE TABLE teams");
        assertThat(create.before().tables()).isEmpty();
        var teams = loaded.schema().tables().get(dev.evoplan.model.QualifiedName.of("teams"));
        assertThat(teams.primaryKey().name()).isEqualTo("teams_pkey");
        assertThat(teams.uniques()).extracting(u -> u.name()).containsExactly("teams_name_key");
        assertThat(teams.indexes())
                .extracting(i -> i.name())
                .containsExactly("teams_name_lower_idx");
    }
}
