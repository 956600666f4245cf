package dev.evoplan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code evoplan:ignore} in check and plan, as lint honours it: in SQL migration files, in a
 * formatted-SQL changelog, above an XML changeset, and in a YAML or JSON changeset's comment; a
 * suppression without a reason and one that suppresses nothing are reported, and one in a migration
 * that already ran is not.
 */
class CheckSuppressionsTest {
    private static final String TABLE = "CREATE TABLE a (id bigint PRIMARY KEY, c int);\n";

    @TempDir Path dir;

    private String write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        return file.toString();
    }

    private CliRun check(String from, String to) {
        return CliRun.of("check", "--from", from, "--to", to);
    }

    @Test
    void sqlMigrationFolders() throws IOException {
        write("old/V1__a.sql", TABLE);
        write("new/V1__a.sql", TABLE);
        write(
                "new/V2__idx.sql",
                "-- evoplan:ignore create-index-non-concurrent a holds a few rows in every deployment\n"
                        + "CREATE INDEX a_c_idx ON a (c);\n");
        CliRun run = check(dir.resolve("old").toString(), dir.resolve("new").toString());
        assertThat(run.exitCode()).as(run.out()).isEqualTo(0);
        assertThat(run.out())
                .contains("1 suppressed")
                .contains("Suppressed (1):")
                .contains("create-index-non-concurrent");

        write("bare/V1__a.sql", TABLE);
        write("bare/V2__idx.sql", "CREATE INDEX a_c_idx ON a (c);\n");
        CliRun bare = check(dir.resolve("old").toString(), dir.resolve("bare").toString());
        assertThat(bare.exitCode()).as("without the comment the gate fails").isEqualTo(1);
    }

    @Test
    void withoutAReasonItIsNotHonouredAndIsReported() throws IOException {
        write("old/V1__a.sql", TABLE);
        write("new/V1__a.sql", TABLE);
        write("new/V2__idx.sql", "-- evoplan:ignore EP101\nCREATE INDEX a_c_idx ON a (c);\n");
        CliRun run =
                CliRun.of(
                        "check",
                        "--format",
                        "json",
                        "--from",
                        dir.resolve("old").toString(),
                        "--to",
                        dir.resolve("new").toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out())
                .contains("\"rule\": \"suppression-without-reason\"")
                .contains("\"rule\": \"create-index-non-concurrent\"")
                .doesNotContain("\"suppressed\"");
    }

    @Test
    void oneThatSuppressesNothingIsReportedButNotInAMigrationThatRan() throws IOException {
        String ran = "-- evoplan:ignore EP210 written long ago\n" + TABLE;
        write("old/V1__a.sql", ran);
        write("new/V1__a.sql", ran);
        write(
                "new/V2__col.sql",
                "-- evoplan:ignore EP101 nothing here builds an index\nALTER TABLE a ADD COLUMN x int;\n");
        CliRun run =
                CliRun.of(
                        "plan",
                        "--show-safe",
                        "--from",
                        dir.resolve("old").toString(),
                        "--to",
                        dir.resolve("new").toString());
        assertThat(run.out())
                .contains("suppression-unused")
                .contains("V2__col.sql:1")
                .doesNotContain("V1__a.sql:1");
    }

    @Test
    void formattedSqlChangelog() throws IOException {
        String head = "--liquibase formatted sql\n\n--changeset t:1\n" + TABLE + "\n";
        String from = write("old.sql", head);
        String to =
                write(
                        "new.sql",
                        head
                                + "--changeset t:2\n"
                                + "-- evoplan:ignore create-index-non-concurrent a holds a few rows in every deployment\n"
                                + "CREATE INDEX a_c_idx ON a (c);\n");
        CliRun run = check(from, to);
        assertThat(run.exitCode()).as(run.out()).isEqualTo(0);
        assertThat(run.out()).contains("1 suppressed");
    }

    private static String xml(String body) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<databaseChangeLog xmlns=\"http://www.liquibase.org/xml/ns/dbchangelog\"\n"
                + "    xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n"
                + "    xsi:schemaLocation=\"http://www.liquibase.org/xml/ns/dbchangelog "
                + "http://www.liquibase.org/xml/ns/dbchangelog/dbchangelog-latest.xsd\">\n"
                + "  <changeSet id=\"1\" author=\"t\">\n"
                + "    <createTable tableName=\"a\"><column name=\"id\" type=\"bigint\"/><column name=\"c\" type=\"int\"/></createTable>\n"
                + "  </changeSet>\n"
                + body
                + "</databaseChangeLog>\n";
    }

    private static final String XML_INDEX =
            "  <changeSet id=\"2\" author=\"t\">\n"
                    + "    <createIndex tableName=\"a\" indexName=\"a_c_idx\"><column name=\"c\"/></createIndex>\n"
                    + "  </changeSet>\n";

    @Test
    void xmlCommentRightAboveTheChangeset() throws IOException {
        String from = write("base.xml", xml(""));
        String to =
                write(
                        "head.xml",
                        xml(
                                "\n  <!-- evoplan:ignore EP101 a holds a few rows in every deployment -->\n\n"
                                        + XML_INDEX));
        CliRun run = check(from, to);
        assertThat(run.exitCode()).as(run.out()).isEqualTo(0);
        assertThat(run.out()).contains("1 suppressed");

        String apart =
                write(
                        "apart.xml",
                        xml(
                                "  <!-- evoplan:ignore EP101 a holds a few rows -->\n"
                                        + "  <changeSet id=\"1b\" author=\"t\"><sql>SELECT 1</sql></changeSet>\n"
                                        + XML_INDEX));
        CliRun notAbove = check(from, apart);
        assertThat(notAbove.exitCode())
                .as("a comment above another changeset does not reach this one")
                .isEqualTo(1);
        assertThat(notAbove.out()).contains("create-index-non-concurrent");
    }

    private static String yaml(String second) {
        return "databaseChangeLog:\n"
                + "  - changeSet:\n      id: '1'\n      author: t\n      changes:\n"
                + "        - createTable:\n            tableName: a\n            columns:\n"
                + "              - column: {name: id, type: bigint}\n              - column: {name: c, type: int}\n"
                + second;
    }

    @Test
    void yamlAndJsonChangesetComment() throws IOException {
        String index =
                "  - changeSet:\n      id: '2'\n      author: t\n%s      changes:\n"
                        + "        - createIndex:\n            tableName: a\n            indexName: a_c_idx\n"
                        + "            columns:\n              - column: {name: c}\n";
        String from = write("base.yaml", yaml(""));
        String to =
                write(
                        "head.yaml",
                        yaml(
                                index.formatted(
                                        "      comment: 'evoplan:ignore create-index-non-concurrent a holds a few rows in every deployment'\n")));
        CliRun run = check(from, to);
        assertThat(run.exitCode()).as(run.out()).isEqualTo(0);
        assertThat(run.out()).contains("1 suppressed");
        CliRun plain =
                check(
                        from,
                        write(
                                "plain.yaml",
                                yaml(index.formatted("      comment: 'adds an index'\n"))));
        assertThat(plain.exitCode()).isEqualTo(1);

        String json =
                "{\"databaseChangeLog\": [\n"
                        + " {\"changeSet\": {\"id\": \"1\", \"author\": \"t\", \"changes\": [{\"createTable\": {\"tableName\": \"a\", "
                        + "\"columns\": [{\"column\": {\"name\": \"id\", \"type\": \"bigint\"}}, {\"column\": {\"name\": \"c\", \"type\": \"int\"}}]}}]}}%s\n]}\n";
        String jsonIndex =
                ",\n {\"changeSet\": {\"id\": \"2\", \"author\": \"t\", \"comment\": \"evoplan:ignore EP101 a is tiny\", "
                        + "\"changes\": [{\"createIndex\": {\"tableName\": \"a\", \"indexName\": \"a_c_idx\", \"columns\": [{\"column\": {\"name\": \"c\"}}]}}]}}";
        CliRun fromJson =
                check(
                        write("base.json", json.formatted("")),
                        write("head.json", json.formatted(jsonIndex)));
        assertThat(fromJson.exitCode()).as(fromJson.out()).isEqualTo(0);
        assertThat(fromJson.out()).contains("1 suppressed");
    }
}
