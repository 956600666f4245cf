package dev.evoplan.source.liquibase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.evoplan.engine.Analysis;
import dev.evoplan.engine.AnalysisOptions;
import dev.evoplan.engine.Analyzer;
import dev.evoplan.model.InputException;
import dev.evoplan.model.LoadedSchema;
import dev.evoplan.model.SourceChangeset;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import liquibase.ChecksumVersion;
import liquibase.changelog.ChangeLogParameters;
import liquibase.changelog.DatabaseChangeLog;
import liquibase.parser.ChangeLogParserFactory;
import liquibase.resource.DirectoryResourceAccessor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A YAML master read in parts gives what one parse of it gives, errors included. */
class ChunkedYamlTest {
    @TempDir Path dir;

    private int chunkedFrom;
    private int perPart;

    @BeforeEach
    void remember() {
        chunkedFrom = ChunkedYaml.chunkedFrom;
        perPart = ChunkedYaml.changesetsPerPart;
        SideReuse.forget();
    }

    @AfterEach
    void restore() {
        ChunkedYaml.chunkedFrom = chunkedFrom;
        ChunkedYaml.changesetsPerPart = perPart;
        SideReuse.forget();
    }

    private static final String HEADER =
            """
            # a comment before the first changeset
            databaseChangeLog:
              - property:
                  name: kind
                  value: text
              - preConditions:
                  - onFail: HALT
                  - dbms:
                      type: postgresql
            """;

    private static String changesets(int n) {
        StringBuilder s = new StringBuilder();
        for (int i = 1; i <= n; i++) {
            int t = 1 + (i - 1) / 4;
            String change =
                    switch (i % 4) {
                        case 1 ->
                                """
                                        - createTable:
                                            tableName: t%d
                                            columns:
                                              - column: {name: id, type: bigint}
                                """
                                        .formatted(t);
                        case 2 ->
                                """
                                        - addColumn:
                                            tableName: t%d
                                            columns:
                                              - column: {name: c%d, type: text, defaultValue: "x"}
                                """
                                        .formatted(t, i);
                        case 3 ->
                                """
                                        - createIndex:
                                            tableName: t%d
                                            indexName: t%d_i%d
                                            columns:
                                              - column: {name: id}
                                """
                                        .formatted(t, t, i);
                        default ->
                                """
                                        - addNotNullConstraint:
                                            tableName: t%d
                                            columnName: c%d
                                            defaultNullValue: "y"
                                """
                                        .formatted(t, i - 2);
                    };
            s.append(
                            """
                      - changeSet:
                          id: "%d"
                          author: me
                          changes:
                    """
                                    .formatted(i))
                    .append(change);
            if (i % 5 == 0) {
                s.append("\n  # between changesets\n");
            }
        }
        return s.toString();
    }

    private LoadedSchema load(String name, String text, int perPart) throws IOException {
        Path folder = Files.createDirectories(dir.resolve(name));
        Path master = folder.resolve("db.yaml");
        Files.writeString(master, text);
        ChunkedYaml.chunkedFrom = perPart > 0 ? 0 : Integer.MAX_VALUE;
        ChunkedYaml.changesetsPerPart = perPart;
        SideReuse.forget();
        return new LiquibaseSource().load(master, LiquibaseOptions.defaults());
    }

    private InputException failure(String name, String text, int perPart) {
        Throwable thrown = catchThrowable(() -> load(name, text, perPart));
        assertThat(thrown).isInstanceOf(InputException.class);
        return (InputException) thrown;
    }

    @Test
    void partsFoldToWhatOneParseFolds() throws IOException {
        String text = HEADER + changesets(40);
        assertThat(ChunkedYaml.partsOf(text, 7)).hasSize(6);

        LoadedSchema whole = load("whole", text, 0);
        LoadedSchema inParts = load("parts", text, 7);

        assertThat(inParts.history()).hasSize(40);
        assertThat(inParts.schema()).isEqualTo(whole.schema());
        assertThat(inParts.history()).isEqualTo(whole.history());
    }

    @Test
    void checksumsReadAfterAPartsLoadAreLiquibasesOwn() throws Exception {
        String text = HEADER + changesets(40);
        String edited = text.replace("c38, type: text", "c38, type: varchar(20)");
        assertThat(edited).isNotEqualTo(text);

        LoadedSchema before = load("before", text, 7);
        LoadedSchema after = load("after", edited, 7);

        assertThat(before.history().stream().map(SourceChangeset::checksum).toList())
                .isEqualTo(own(dir.resolve("before")))
                .doesNotContainNull();
        assertThat(after.history().stream().map(SourceChangeset::checksum).toList())
                .isEqualTo(own(dir.resolve("after")));
        Analysis analysis = Analyzer.analyze(before, after, AnalysisOptions.defaults());
        assertThat(
                        analysis.verdicts().stream()
                                .filter(v -> v.finding().ruleId().equals("ran-changeset-edited"))
                                .map(v -> v.finding().what()))
                .singleElement()
                .asString()
                .contains("38");
    }

    /** Each changeset's checksum as Liquibase's own parse of the whole master computes it. */
    private static List<String> own(Path folder) throws Exception {
        try (DirectoryResourceAccessor resources = new DirectoryResourceAccessor(folder)) {
            DatabaseChangeLog log =
                    ChangeLogParserFactory.getInstance()
                            .getParser("db.yaml", resources)
                            .parse("db.yaml", new ChangeLogParameters(), resources);
            return log.getChangeSets().stream()
                    .map(cs -> cs.generateCheckSum(ChecksumVersion.latest()).toString())
                    .toList();
        }
    }

    @Test
    void anythingButChangesetsAfterTheHeaderIsReadWhole() {
        String body = changesets(20);
        String property = "  - property:\n      name: late\n      value: x\n";
        assertThat(ChunkedYaml.partsOf(HEADER + body + property + changesets(0), 5)).isNull();
        String include = "  - include:\n      file: other.yaml\n";
        assertThat(ChunkedYaml.partsOf(HEADER + body + include, 5)).isNull();
        assertThat(ChunkedYaml.partsOf(HEADER + body.replace("bigint", "${kind}"), 5)).isNull();
        assertThat(ChunkedYaml.partsOf(HEADER + body + "---\n", 5)).isNull();
        assertThat(ChunkedYaml.partsOf(HEADER + body.replace("\n", "\r\n"), 5)).isNull();
        assertThat(ChunkedYaml.partsOf(HEADER + body, 5)).hasSize(4);
    }

    @Test
    void aFoldErrorInALatePartIsReportedAsByOneParse() {
        String text =
                HEADER
                        + changesets(30)
                        + """
                          - changeSet:
                              id: "ghost"
                              author: me
                              changes:
                                - dropColumn:
                                    tableName: t1
                                    columnName: ghost
                        """
                        + changesets(0);
        InputException whole = failure("whole", text, 0);
        InputException inParts = failure("parts", text, 7);

        assertThat(inParts.getMessage()).isEqualTo(whole.getMessage()).contains("ghost");
        assertThat(inParts.line()).isEqualTo(whole.line()).isGreaterThan(100);
        assertThat(inParts.file()).endsWith("db.yaml");
    }

    @Test
    void malformedYamlInALatePartIsReportedAsByOneParse() {
        String body = changesets(30);
        int cut = body.indexOf("  - changeSet:\n      id: \"25\"");
        String text =
                HEADER
                        + body.substring(0, cut)
                        + "  - changeSet:\n      id: [oops\n"
                        + body.substring(cut);
        InputException whole = failure("whole", text, 0);
        InputException inParts = failure("parts", text, 7);

        assertThat(inParts.getMessage()).isEqualTo(whole.getMessage()).startsWith("malformed YAML");
        assertThat(inParts.line()).isEqualTo(whole.line()).isGreaterThan(100);
    }
}
