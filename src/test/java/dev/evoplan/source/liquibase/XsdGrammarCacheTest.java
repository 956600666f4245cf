package dev.evoplan.source.liquibase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.evoplan.model.InputException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * XSD grammars kept between XML changelogs (Liquibase builds a parser per file) leave validation as
 * it was: a file checked against a kept grammar is rejected for what Liquibase rejects it for, and
 * only files whose grammars cannot differ share them.
 */
class XsdGrammarCacheTest {
    static final String LOCATIONS =
            "http://www.liquibase.org/xml/ns/dbchangelog"
                    + " http://www.liquibase.org/xml/ns/dbchangelog/dbchangelog-4.20.xsd";
    static final String HEAD =
            """
            <?xml version="1.0" encoding="UTF-8"?>
            <!-- a comment before the root -->
            <databaseChangeLog xmlns="http://www.liquibase.org/xml/ns/dbchangelog"
                xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                xsi:schemaLocation="%s">
            """;
    static final ClassLoader SEARCH = XsdGrammarCacheTest.class.getClassLoader();

    static String head(String locations) {
        return HEAD.formatted(locations);
    }

    @Test
    void theKeyIsTheRootsLocationsWhenLiquibaseServesThemFromItsJar() {
        assertThat(XsdGrammarCache.keyOf(head(LOCATIONS) + "</databaseChangeLog>", SEARCH))
                .isEqualTo(LOCATIONS);
        assertThat(
                        XsdGrammarCache.keyOf(
                                head("  " + LOCATIONS.replace(" ", "\n      ") + " ")
                                        + "</databaseChangeLog>",
                                SEARCH))
                .isEqualTo(LOCATIONS);
    }

    @Test
    void filesWhoseGrammarsCouldDifferHaveNoKey() {
        String body = "</databaseChangeLog>";
        // An XSD Liquibase does not bundle: it would come from the project's files or the network.
        assertThat(
                        XsdGrammarCache.keyOf(
                                head(
                                                "http://www.liquibase.org/xml/ns/dbchangelog"
                                                        + " http://example.com/own.xsd")
                                        + body,
                                SEARCH))
                .isNull();
        // A relative location resolves against the file's own place.
        assertThat(
                        XsdGrammarCache.keyOf(
                                head("http://www.liquibase.org/xml/ns/dbchangelog own.xsd") + body,
                                SEARCH))
                .isNull();
        // A second schemaLocation further down adds locations of its own.
        assertThat(
                        XsdGrammarCache.keyOf(
                                head(LOCATIONS)
                                        + "<changeSet id=\"1\" author=\"a\""
                                        + " xsi:schemaLocation=\"urn:x http://example.com/x.xsd\"/>"
                                        + body,
                                SEARCH))
                .isNull();
        // xsi bound to something else is not the instance namespace.
        assertThat(
                        XsdGrammarCache.keyOf(
                                head(LOCATIONS).replace("2001/XMLSchema-instance", "2001/other")
                                        + body,
                                SEARCH))
                .isNull();
        assertThat(
                        XsdGrammarCache.keyOf(
                                head(LOCATIONS)
                                                .replace(
                                                        "xsi:schemaLocation",
                                                        "xsi:noNamespaceSchemaLocation")
                                        + body,
                                SEARCH))
                .isNull();
        // A DOCTYPE may declare entities; not followed.
        assertThat(
                        XsdGrammarCache.keyOf(
                                "<!DOCTYPE databaseChangeLog>\n"
                                        + head(LOCATIONS)
                                                .replace(
                                                        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
                                                        "")
                                        + body,
                                SEARCH))
                .isNull();
        assertThat(XsdGrammarCache.keyOf("databaseChangeLog: []", SEARCH)).isNull();
    }

    @Test
    void aFileCheckedAgainstAKeptGrammarIsStillRejectedForWhatTheXsdForbids(@TempDir Path dir)
            throws Exception {
        Files.writeString(
                dir.resolve("master.xml"),
                head(LOCATIONS)
                        + """
                          <include file="a.xml" relativeToChangelogFile="true"/>
                          <include file="b.xml" relativeToChangelogFile="true"/>
                        </databaseChangeLog>
                        """);
        Files.writeString(
                dir.resolve("a.xml"),
                head(LOCATIONS)
                        + """
                          <changeSet id="1" author="me">
                            <createTable tableName="t"><column name="id" type="bigint"/></createTable>
                          </changeSet>
                        </databaseChangeLog>
                        """);
        Files.writeString(
                dir.resolve("b.xml"),
                head(LOCATIONS)
                        + """
                          <changeSet id="2" author="me">
                            <addColumn tableName="t">
                              <column name="c" type="text" bogus="1"/>
                            </addColumn>
                          </changeSet>
                        </databaseChangeLog>
                        """);

        Throwable thrown =
                catchThrowable(
                        () ->
                                new LiquibaseSource()
                                        .load(
                                                dir.resolve("master.xml"),
                                                LiquibaseOptions.defaults()));

        assertThat(XsdGrammarCache.holds(LOCATIONS)).isTrue();
        assertThat(thrown).isInstanceOf(InputException.class);
        InputException e = (InputException) thrown;
        assertThat(e.file()).isEqualTo(dir.resolve("b.xml").toString());
        assertThat(e.line()).isEqualTo(8);
        assertThat(e.getMessage())
                .isEqualTo(
                        "malformed XML: Attribute 'bogus' is not allowed to appear in element"
                                + " 'column'.");
    }
}
