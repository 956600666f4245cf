package dev.evoplan.source.liquibase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.evoplan.engine.Analysis;
import dev.evoplan.engine.AnalysisOptions;
import dev.evoplan.engine.Analyzer;
import dev.evoplan.model.InputException;
import dev.evoplan.model.LoadedSchema;
import dev.evoplan.model.SourceChange;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A change of a Liquibase extension evoplan does not have ({@code <ext:modifyColumn>} in the
 * extension's XML namespace) is kept unread instead of stopping the load: dropped with its
 * changeset where the changeset's dbms leaves PostgreSQL out, needs review where it runs; a change
 * name in Liquibase's own namespace, or in YAML, that names no change is still an input error.
 */
class LiquibaseExtensionChangeTest {
    @TempDir Path dir;

    private static final String HEAD =
            """
            <?xml version="1.0" encoding="UTF-8"?>
            <databaseChangeLog xmlns="http://www.liquibase.org/xml/ns/dbchangelog"
                xmlns:ext="http://www.liquibase.org/xml/ns/dbchangelog-ext"
                xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                xsi:schemaLocation="http://www.liquibase.org/xml/ns/dbchangelog-ext
                    http://www.liquibase.org/xml/ns/dbchangelog/dbchangelog-ext.xsd
                    http://www.liquibase.org/xml/ns/dbchangelog
                    http://www.liquibase.org/xml/ns/dbchangelog/dbchangelog-4.1.xsd">
                <changeSet id="1" author="t">
                    <createTable tableName="drug">
                        <column name="id" type="bigint"><constraints primaryKey="true"/></column>
                        <column name="retire_reason" type="timestamp"/>
                    </createTable>
                </changeSet>
            """;

    private static String widen(String attributes, String type) {
        return """
                <changeSet id="2" author="t"%s>
                    <ext:modifyColumn tableName="drug">
                        <column name="retire_reason" type="%s"/>
                    </ext:modifyColumn>
                </changeSet>
            """
                .formatted(attributes, type);
    }

    private Path write(String name, String body) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, HEAD + body + "</databaseChangeLog>\n");
        return file;
    }

    private static LoadedSchema load(Path file) {
        return new LiquibaseSource().load(file, LiquibaseOptions.defaults());
    }

    private List<String> findings(Path from, Path to) {
        Analysis analysis = Analyzer.analyze(load(from), load(to), AnalysisOptions.defaults());
        return analysis.verdicts().stream()
                .map(v -> v.finding().ruleId() + " " + v.finding().what() + " " + v.finding().why())
                .toList();
    }

    @Test
    void anExtensionChangeInAMysqlChangesetIsDroppedWithIt() throws IOException {
        Path from = write("v1.xml", "");
        Path to = write("v2.xml", widen(" dbms=\"mysql\"", "varchar(255)"));

        assertThat(load(to).history()).hasSize(1);
        assertThat(findings(from, to)).isEmpty();
    }

    @Test
    void anExtensionChangeThatRunsOnPostgresNeedsReviewNamingIt() throws IOException {
        Path from = write("v1.xml", "");
        Path to = write("v2.xml", widen("", "varchar(255)"));

        SourceChange change = load(to).history().get(1).changes().get(0);
        assertThat(change.kind()).isEqualTo(SourceChange.Kind.OPAQUE);
        assertThat(change.description())
                .isEqualTo(
                        "ext:modifyColumn on drug from a Liquibase extension evoplan does not"
                                + " have:"
                                + " tableName=drug, column(name=retire_reason, type=varchar(255))");
        assertThat(findings(from, to))
                .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
                .startsWith("opaque-change-needs-review ")
                .contains(
                        "ext:modifyColumn on drug from a Liquibase extension evoplan does not have:"
                                + " tableName=drug, column(name=retire_reason, type=varchar(255))",
                        "The extension decides the SQL it runs on PostgreSQL");
    }

    @Test
    void anExtensionsElementNamingALiquibaseChangeIsThatChange() throws IOException {
        Path file =
                write(
                        "v2.xml",
                        """
                            <changeSet id="2" author="t">
                                <ext:dropTable tableName="drug"/>
                            </changeSet>
                        """);

        SourceChange change = load(file).history().get(1).changes().get(0);
        assertThat(change.kind()).isEqualTo(SourceChange.Kind.SCHEMA);
        assertThat(change.changeType()).isEqualTo("dropTable");
    }

    @Test
    void anUnknownChangeInLiquibasesOwnNamespaceIsStillAnInputError() throws IOException {
        Path file =
                write(
                        "typo.xml",
                        """
                            <changeSet id="2" author="t">
                                <modifyColumn tableName="drug">
                                    <column name="retire_reason" type="varchar(255)"/>
                                </modifyColumn>
                            </changeSet>
                        """);

        Throwable thrown = catchThrowable(() -> load(file));
        assertThat(thrown).isInstanceOf(InputException.class);
        InputException e = (InputException) thrown;
        assertThat(e.file()).isEqualTo(file.toString());
        assertThat(e.line()).isEqualTo(16);
        assertThat(e.getMessage()).contains("modifyColumn");
    }

    @Test
    void yamlHasNoNamespaceSoAnUnknownChangeThereIsStillAnInputError() throws IOException {
        Path file = dir.resolve("ext.yaml");
        Files.writeString(
                file,
                """
                databaseChangeLog:
                  - changeSet:
                      id: 1
                      author: t
                      changes:
                        - modifyColumn:
                            tableName: drug
                            columns:
                              - column: {name: retire_reason, type: varchar(255)}
                """);

        Throwable thrown = catchThrowable(() -> load(file));
        assertThat(thrown).isInstanceOf(InputException.class);
        assertThat(((InputException) thrown).line()).isEqualTo(6);
        assertThat(thrown.getMessage())
                .isEqualTo("unknown change type 'modifyColumn' in changeset 1 by t");
    }

    @Test
    void anEditOfARanExtensionChangeIsARanChangesetEdited() throws IOException {
        Path ran = write("v1.xml", widen("", "varchar(255)"));
        Path same = write("same.xml", widen("", "varchar(255)"));
        Path edited = write("edited.xml", widen("", "varchar(512)"));

        assertThat(load(same).history().get(1).checksum())
                .isEqualTo(load(ran).history().get(1).checksum());
        assertThat(load(edited).history().get(1).checksum())
                .isNotEqualTo(load(ran).history().get(1).checksum());
        Path text =
                write(
                        "text.xml",
                        widen("", "varchar(255)")
                                .replace("</ext:modifyColumn>", "x</ext:modifyColumn>"));
        assertThat(load(text).history().get(1).checksum())
                .isNotEqualTo(load(ran).history().get(1).checksum());
        assertThat(findings(ran, same)).noneMatch(f -> f.startsWith("ran-changeset-edited "));
        assertThat(findings(ran, edited)).anyMatch(f -> f.startsWith("ran-changeset-edited "));
    }
}
