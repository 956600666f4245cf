package dev.evoplan.source.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.evoplan.model.Column;
import dev.evoplan.model.Index;
import dev.evoplan.model.InputException;
import dev.evoplan.model.LoadedSchema;
import dev.evoplan.model.QualifiedName;
import dev.evoplan.model.SourceChange;
import dev.evoplan.model.SourceChangeset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqlSourceTest {
    private static final Path FIXTURES =
            Path.of(System.getProperty("evoplan.root", "."), "fixtures/sql");

    @Test
    void flywayVersionsCompareAsNumbersRepeatablesLastUndoLeftOut() {
        LoadedSchema loaded = SqlSource.load(FIXTURES.resolve("flyway"));
        assertThat(loaded.history())
                .extracting(SourceChangeset::identity)
                .containsExactly(
                        "V1__customers.sql",
                        "V2__orders.sql",
                        "V10__constraints.sql",
                        "V10_1__more.sql",
                        "R__index_and_comment.sql");
        assertThat(loaded.history().get(0).runInTransaction()).isTrue();
        assertThat(loaded.history().get(4).runInTransaction())
                .as("CONCURRENTLY cannot run in Flyway's transaction")
                .isFalse();
    }

    @Test
    void theSameSchemaAsOneFileAndAsAFlywayFolderLoadsEqual() {
        LoadedSchema single = SqlSource.load(FIXTURES.resolve("single/schema.sql"));
        LoadedSchema folder = SqlSource.load(FIXTURES.resolve("flyway"));
        assertThat(single.history())
                .singleElement()
                .satisfies(
                        c -> {
                            assertThat(c.identity())
                                    .isEqualTo(FIXTURES.resolve("single/schema.sql").toString());
                            assertThat(c.origin().file()).isEqualTo("schema.sql");
                            assertThat(c.runInTransaction()).isFalse();
                        });
        assertThat(single.schema().tables()).isNotEmpty();
        assertThat(folder.schema()).isEqualTo(single.schema());
    }

    @Test
    void golangMigrateUpFilesInNumericOrderDownFilesIgnored() {
        LoadedSchema loaded = SqlSource.load(FIXTURES.resolve("golang"));
        assertThat(loaded.history())
                .extracting(SourceChangeset::identity)
                .containsExactly("1_a.up.sql", "2_two.up.sql", "10_ten.up.sql");
        assertThat(loaded.schema().tables().get(QualifiedName.of("a")).columns())
                .extracting(Column::name)
                .containsExactly("id", "two", "ten");
    }

    @Test
    void dieselFoldersByTimestampDownIgnoredMetadataTurnsTransactionOff() {
        LoadedSchema loaded = SqlSource.load(FIXTURES.resolve("diesel"));
        assertThat(loaded.history())
                .extracting(SourceChangeset::identity)
                .containsExactly(
                        "00000000000000_diesel_initial_setup/up.sql",
                        "2023-12-31-000000_create_teams/up.sql",
                        "2024-01-02-000000_create_users/up.sql");
        assertThat(loaded.history())
                .extracting(SourceChangeset::runInTransaction)
                .containsExactly(true, true, false);
        assertThat(loaded.schema().tables())
                .containsOnlyKeys(QualifiedName.of("teams"), QualifiedName.of("users"));
    }

    @Test
    void sourcegraphFoldersAreDieselNamesWithMetadataYamlSayingWhichRunOutsideATransaction() {
        LoadedSchema loaded = SqlSource.load(FIXTURES.resolve("sourcegraph"));
        assertThat(loaded.history())
                .extracting(SourceChangeset::identity)
                .containsExactly(
                        "1700000001/up.sql",
                        "1700000002_teams_name_index/up.sql",
                        "1700000003/up.sql");
        assertThat(loaded.history())
                .extracting(SourceChangeset::runInTransaction)
                .containsExactly(true, false, true);
        assertThat(loaded.schema().tables().get(QualifiedName.of("teams")).indexes())
                .extracting(Index::name)
                .contains("teams_name_idx", "teams_slug_idx");
    }

    @Test
    void plainNumericPrefixOrderNotStringOrder() {
        LoadedSchema loaded = SqlSource.load(FIXTURES.resolve("plain"));
        assertThat(loaded.history())
                .extracting(SourceChangeset::identity)
                .containsExactly("001_a.sql", "9_nine.sql", "012_twelve.sql");
        assertThat(loaded.history())
                .extracting(SourceChangeset::runInTransaction)
                .containsExactly(false, false, true);
    }

    @Test
    void changesetCarriesChecksumOriginAndStatementChanges() throws Exception {
        Path file = FIXTURES.resolve("golang/2_two.up.sql");
        LoadedSchema loaded = SqlSource.load(FIXTURES.resolve("golang"));
        SourceChangeset two = loaded.history().get(1);
        String expected =
                HexFormat.of()
                        .formatHex(
                                MessageDigest.getInstance("SHA-256")
                                        .digest(Files.readAllBytes(file)));
        assertThat(two.checksum()).isEqualTo(expected);
        assertThat(two.changes())
                .singleElement()
                .satisfies(
                        c -> {
                            assertThat(c.kind()).isEqualTo(SourceChange.Kind.SCHEMA);
                            assertThat(c.changeType()).isEqualTo("ALTER TABLE");
                            assertThat(c.origin().file()).isEqualTo("2_two.up.sql");
                            assertThat(c.origin().line()).isEqualTo(1);
                            assertThat(c.writtenSql())
                                    .singleElement()
                                    .asString()
                                    .startsWith("ALTER TABLE a ADD COLUMN two int");
                        });
    }

    @Test
    void emptyFolderAndMissingPathAreInputErrors(@TempDir Path dir) {
        assertThatThrownBy(() -> SqlSource.load(dir))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("no SQL migrations");
        assertThatThrownBy(() -> SqlSource.load(dir.resolve("nope.sql")))
                .isInstanceOf(InputException.class);
    }

    @Test
    void aFileThatIsNotUtf8IsAnInputErrorNamingIt(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("V1__a.sql"), "CREATE TABLE a (id int);\n");
        // Latin-1 "é" (0xE9) in a name: lint refuses this file, and plan and check must too.
        Files.write(
                dir.resolve("V2__b.sql"),
                "CREATE TABLE caf\u00e9 (id int);\n"
                        .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> SqlSource.load(dir))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("not UTF-8 text")
                .satisfies(
                        e ->
                                assertThat(((InputException) e).oneLine())
                                        .contains("V2__b.sql: not UTF-8 text"));
        assertThatThrownBy(() -> SqlSource.load(dir.resolve("V2__b.sql")))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("not UTF-8 text");
        assertThat(SqlSource.load(dir.resolve("V1__a.sql")).schema().tables()).hasSize(1);
    }

    @Test
    void malformedFileLoadsWithOpaqueChanges(@TempDir Path dir) throws Exception {
        Files.writeString(
                dir.resolve("V1__bad.sql"),
                "CREATE TABLE t (id int);\nALTER TABLE t ADD COLUMN (;\nSELECT $$never closed",
                StandardCharsets.UTF_8);
        LoadedSchema loaded = SqlSource.load(dir);
        assertThat(loaded.schema().tables()).containsOnlyKeys(QualifiedName.of("t"));
        assertThat(loaded.history().get(0).changes())
                .extracting(SourceChange::kind)
                .containsExactly(
                        SourceChange.Kind.SCHEMA,
                        SourceChange.Kind.OPAQUE,
                        SourceChange.Kind.OPAQUE);
    }

    @Test
    void unrecognisedNamesAreLeftOutWhenTheFolderHasMigrations(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("V1__a.sql"), "CREATE TABLE a (id int);");
        Files.writeString(dir.resolve("afterMigrate.sql"), "DROP TABLE a;");
        assertThat(SqlSource.load(dir).history())
                .extracting(SourceChangeset::identity)
                .containsExactly("V1__a.sql");
        Path other = Files.createDirectory(dir.resolve("loose"));
        Files.writeString(other.resolve("b.sql"), "CREATE TABLE b (id int);");
        Files.writeString(other.resolve("a.sql"), "CREATE TABLE a (id int);");
        assertThat(SqlSource.load(other).history())
                .extracting(SourceChangeset::identity)
                .containsExactly("a.sql", "b.sql");
    }

    /**
     * A new script migration is planned where Flyway runs it: the changes before it, a checkpoint
     * for it, then the changes after it, none moved across it; a version it shares with a SQL
     * migration is one Flyway refuses.
     */
    @Test
    void aNewScriptMigrationIsACheckpointInItsPlaceInThePlan(@TempDir Path dir) throws Exception {
        Path from = Files.createDirectory(dir.resolve("from"));
        Path to = Files.createDirectory(dir.resolve("to"));
        for (Path p : java.util.List.of(from, to)) {
            Files.writeString(p.resolve("V1__a.sql"), "CREATE TABLE a (id int);");
        }
        Files.writeString(to.resolve("V2__b.sql"), "CREATE TABLE b (id int);");
        Files.writeString(to.resolve("V3__fill.py"), "print('UPDATE a SET id = 1')\n");
        Files.writeString(to.resolve("V4__c.sql"), "CREATE TABLE c (id int);");
        LoadedSchema loaded = SqlSource.load(to);
        SourceChangeset script = loaded.history().get(2);
        assertThat(script.identity()).isEqualTo("V3__fill.py");
        assertThat(script.checksum())
                .isEqualTo(
                        HexFormat.of()
                                .formatHex(
                                        MessageDigest.getInstance("SHA-256")
                                                .digest(
                                                        Files.readAllBytes(
                                                                to.resolve("V3__fill.py")))));
        assertThat(script.version()).isEqualTo("flyway 3");
        dev.evoplan.engine.Analysis a =
                dev.evoplan.engine.Analyzer.analyze(
                        SqlSource.load(from),
                        loaded,
                        dev.evoplan.engine.AnalysisOptions.defaults());
        assertThat(a.changes())
                .extracting(dev.evoplan.diff.Change::summary)
                .containsExactly(
                        "create table b",
                        "program: V3__fill.py, a script Flyway runs as a process",
                        "create table c");
        Files.writeString(to.resolve("V3__same.sql"), "CREATE TABLE d (id int);");
        assertThat(
                        dev.evoplan.engine.Analyzer.analyze(
                                        SqlSource.load(from),
                                        SqlSource.load(to),
                                        dev.evoplan.engine.AnalysisOptions.defaults())
                                .verdicts())
                .extracting(v -> v.finding().ruleId())
                .contains("changeset-id-duplicated");
    }
}
