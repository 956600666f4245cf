package dev.evoplan.source.liquibase;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evoplan.engine.Analysis;
import dev.evoplan.engine.AnalysisOptions;
import dev.evoplan.engine.Analyzer;
import dev.evoplan.model.LoadedSchema;
import dev.evoplan.model.SourceChangeset;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import liquibase.ChecksumVersion;
import liquibase.changelog.ChangeLogParameters;
import liquibase.changelog.ChangeSet;
import liquibase.changelog.DatabaseChangeLog;
import liquibase.parser.ChangeLogParserFactory;
import liquibase.resource.DirectoryResourceAccessor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Liquibase checksums computed when read ({@link Checksums}): each is Liquibase's own whenever it
 * is read, and a changeset whose checksum changed with the same text in its file (a property's
 * value, a SQL file it reads) is still an edit.
 */
class LiquibaseChecksumTest {
    private static final String XML_HEAD =
            """
            <?xml version="1.0" encoding="UTF-8"?>
            <databaseChangeLog xmlns="http://www.liquibase.org/xml/ns/dbchangelog"
                xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                xsi:schemaLocation="http://www.liquibase.org/xml/ns/dbchangelog http://www.liquibase.org/xml/ns/dbchangelog/dbchangelog-latest.xsd">
            """;

    private static final String CHANGES =
            XML_HEAD
                    + """
                      <changeSet id="1" author="ann">
                        <createTable tableName="orders">
                          <column name="id" type="bigint"><constraints primaryKey="true"/></column>
                          <column name="placed" type="timestamp" defaultValueDate="2024-01-02T03:04:05"/>
                        </createTable>
                      </changeSet>
                      <changeSet id="2" author="ann">
                        <insert tableName="orders">
                          <column name="id" valueNumeric="7"/>
                          <column name="placed" valueDate="2024-05-06T07:08:09"/>
                        </insert>
                      </changeSet>
                      <changeSet id="3" author="ann">
                        <sql>UPDATE orders SET placed = now() WHERE id = 7</sql>
                        <modifySql><append value=" AND true"/></modifySql>
                      </changeSet>
                    </databaseChangeLog>
                    """;

    @Test
    void aChecksumReadAfterTheLoadIsLiquibasesOwn(@TempDir Path dir) throws Exception {
        Path master = write(dir.resolve("master.xml"), CHANGES);

        List<SourceChangeset> history =
                new LiquibaseSource().load(master, LiquibaseOptions.defaults()).history();

        assertThat(history)
                .extracting(SourceChangeset::checksum)
                .containsExactlyElementsOf(own(dir));
    }

    @Test
    void theSameFileWithAnotherPropertyValueIsAnEdit(@TempDir Path dir) throws IOException {
        String changes =
                XML_HEAD
                        + """
                          <changeSet id="1" author="ann">
                            <createTable tableName="${table}">
                              <column name="id" type="bigint"/>
                            </createTable>
                          </changeSet>
                        </databaseChangeLog>
                        """;
        includedWithAPropertyPerSide(dir, changes, "table", "orders", "invoices");

        assertThat(edits(dir)).hasSize(1);
    }

    @Test
    void theSameFileReadingAnotherSqlFileIsAnEdit(@TempDir Path dir) throws IOException {
        String changes =
                XML_HEAD
                        + """
                          <changeSet id="1" author="ann">
                            <sqlFile path="orders.sql" relativeToChangelogFile="true"/>
                          </changeSet>
                        </databaseChangeLog>
                        """;
        for (String side : List.of("a", "b")) {
            write(dir.resolve(side + "/master.xml"), changes);
            write(
                    dir.resolve(side + "/orders.sql"),
                    "CREATE TABLE orders (id bigint"
                            + (side.equals("a") ? "" : ", note text")
                            + ");\n");
        }

        assertThat(edits(dir)).hasSize(1);
    }

    @Test
    void theSameFilesAreNoEditAndAnEditedOneIs(@TempDir Path dir) throws IOException {
        for (String side : List.of("a", "b")) {
            write(dir.resolve(side + "/changes.xml"), CHANGES);
            write(
                    dir.resolve(side + "/master.xml"),
                    XML_HEAD
                            + "  <include file=\"changes.xml\" relativeToChangelogFile=\"true\"/>\n"
                            + "</databaseChangeLog>\n");
        }
        assertThat(edits(dir)).isEmpty();

        write(
                dir.resolve("b/changes.xml"),
                CHANGES.replace("valueNumeric=\"7\"", "valueNumeric=\"8\""));
        assertThat(edits(dir))
                .singleElement()
                .satisfies(m -> assertThat(m).startsWith("changeset 2 by ann already ran"));
    }

    @Test
    void aPropertySpelledByACharacterReferenceIsReadToo(@TempDir Path dir) throws IOException {
        String changes =
                XML_HEAD
                        + """
                          <changeSet id="1" author="ann">
                            <sql>CREATE TABLE notes (note text DEFAULT '&#36;{note}')</sql>
                          </changeSet>
                        </databaseChangeLog>
                        """;
        includedWithAPropertyPerSide(dir, changes, "note", "a", "b");

        assertThat(edits(dir)).hasSize(1);
    }

    @Test
    void aPropertySetOnlyAfterTheFileIsReadIsNotExpandedInIt(@TempDir Path dir) throws IOException {
        String changes =
                XML_HEAD
                        + """
                          <changeSet id="1" author="ann">
                            <sql>CREATE TABLE notes (note text DEFAULT '${note}')</sql>
                          </changeSet>
                        </databaseChangeLog>
                        """;
        // A changelog's properties come before its includes: the value is set in a file of its own.
        String props = "  <include file=\"props.xml\" relativeToChangelogFile=\"true\"/>\n";
        String include = "  <include file=\"changes.xml\" relativeToChangelogFile=\"true\"/>\n";
        for (String side : List.of("a", "b")) {
            write(dir.resolve(side + "/changes.xml"), changes);
            write(
                    dir.resolve(side + "/props.xml"),
                    XML_HEAD + "  <property name=\"note\" value=\"x\"/>\n</databaseChangeLog>\n");
            write(
                    dir.resolve(side + "/master.xml"),
                    XML_HEAD
                            + (side.equals("a") ? include + props : props + include)
                            + "</databaseChangeLog>\n");
        }

        assertThat(edits(dir)).hasSize(1);
    }

    @Test
    void aFileWhoseGrammarOrBlobsComeFromElsewhereHasNoKey() {
        assertThat(Checksums.fileText("c.xml", CHANGES)).isPresent();
        assertThat(Checksums.fileText("c.yaml", "sql: select 1\n")).isPresent();
        assertThat(Checksums.fileText("c.txt", "sql: select 1\n")).isEmpty();
        assertThat(Checksums.fileText("c.xml", CHANGES.replace("valueNumeric", "valueClobFile")))
                .isEmpty();
        assertThat(
                        Checksums.fileText(
                                "c.xml",
                                CHANGES.replace(
                                        "http://www.liquibase.org/xml/ns/dbchangelog/dbchangelog-latest.xsd",
                                        "own.xsd")))
                .isEmpty();
        assertThat(Checksums.fileText("c.xml", "<!DOCTYPE x []>\n" + CHANGES)).isEmpty();
        assertThat(Checksums.fileText("c.yaml", "sql: select 1\nvalueBlobFile: a")).isEmpty();
        assertThat(Checksums.fileText("c.yaml", "sql: select 1\nVALUECLOBFILE: a")).isEmpty();
        assertThat(Checksums.fileText("c.yaml", "sql: select 1\nvalueBlobFil: a")).isPresent();
    }

    /** The messages of the ran-changeset-edited findings of a plan from dir/a to dir/b. */
    private static List<String> edits(Path dir) {
        LiquibaseSource source = new LiquibaseSource();
        LoadedSchema from = source.load(dir.resolve("a/master.xml"), LiquibaseOptions.defaults());
        LoadedSchema to = source.load(dir.resolve("b/master.xml"), LiquibaseOptions.defaults());
        Analysis analysis = Analyzer.analyze(from, to, AnalysisOptions.defaults());
        return analysis.verdicts().stream()
                .filter(v -> v.finding().ruleId().equals("ran-changeset-edited"))
                .map(v -> v.finding().what())
                .toList();
    }

    /** Each changeset's checksum as Liquibase's own parse of the master computes it. */
    private static List<String> own(Path dir) throws Exception {
        try (DirectoryResourceAccessor resources = new DirectoryResourceAccessor(dir)) {
            DatabaseChangeLog log =
                    ChangeLogParserFactory.getInstance()
                            .getParser("master.xml", resources)
                            .parse("master.xml", new ChangeLogParameters(), resources);
            return log.getChangeSets().stream()
                    .map(ChangeSet.class::cast)
                    .map(cs -> cs.generateCheckSum(ChecksumVersion.latest()).toString())
                    .toList();
        }
    }

    private static Path write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }

    /**
     * On sides a and b, {@code changes} as changes.xml, included by a master.xml that first sets
     * {@code property} to that side's value.
     */
    private static void includedWithAPropertyPerSide(
            Path dir, String changes, String property, String valueA, String valueB)
            throws IOException {
        for (String side : List.of("a", "b")) {
            write(dir.resolve(side + "/changes.xml"), changes);
            write(
                    dir.resolve(side + "/master.xml"),
                    XML_HEAD
                            + "  <property name=\""
                            + property
                            + "\" value=\""
                            + (side.equals("a") ? valueA : valueB)
                            + "\"/>\n  <include file=\"changes.xml\""
                            + " relativeToChangelogFile=\"true\"/>\n</databaseChangeLog>\n");
        }
    }
}
