package dev.evoplan.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evoplan.diff.Change;
import dev.evoplan.diff.SchemaDiffer;
import dev.evoplan.engine.Analysis;
import dev.evoplan.engine.AnalysisOptions;
import dev.evoplan.engine.Analyzer;
import dev.evoplan.model.Extension;
import dev.evoplan.model.LoadedSchema;
import dev.evoplan.model.Schema;
import dev.evoplan.rules.Mode;
import dev.evoplan.rules.Safety;
import dev.evoplan.source.sql.SqlSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Extensions are modelled: read, diffed, planned first (created) or last (dropped), and judged. */
class ExtensionsTest {
    private static final String TABLE = "CREATE TABLE sources (id int PRIMARY KEY, name text);\n";
    private static final String TRGM = "CREATE EXTENSION IF NOT EXISTS pg_trgm;\n";
    private static final String INDEX =
            "CREATE INDEX sources_name_trgm ON sources USING gin (name gin_trgm_ops);\n";

    private static LoadedSchema sql(String name, String text) {
        return SqlSource.loadFile(name, name, text.getBytes(StandardCharsets.UTF_8));
    }

    private static Analysis analyze(String a, String b) {
        return Analyzer.analyze(sql("a.sql", a), sql("b.sql", b), AnalysisOptions.defaults());
    }

    @Test
    void createExtensionIsModelledAndPlpgsqlIsBuiltIn() {
        Schema s =
                sql(
                                "s.sql",
                                TRGM
                                        + "CREATE EXTENSION hstore SCHEMA extensions;\nCREATE EXTENSION plpgsql;\n"
                                        + "CREATE EXTENSION IF NOT EXISTS pg_trgm;\n")
                        .schema();

        assertThat(s.extensions().values())
                .containsExactly(
                        new Extension("hstore", "extensions"), new Extension("pg_trgm", null));
        assertThat(s.unmodelled()).isEmpty();
    }

    @Test
    void aNewExtensionIsCreatedBeforeTheIndexThatUsesIt() {
        Analysis analysis = analyze(TABLE, TRGM + TABLE + INDEX);

        assertThat(analysis.changes())
                .extracting(Change::summary)
                .containsExactly(
                        "create extension pg_trgm", "create index sources_name_trgm on sources");
        assertThat(analysis.plan().steps().get(0).sql())
                .contains("CREATE EXTENSION IF NOT EXISTS pg_trgm;");
        assertThat(analysis.verdicts())
                .filteredOn(v -> v.finding().ruleId().equals("metadata-only-change"))
                .singleElement()
                .satisfies(
                        v -> {
                            assertThat(v.finding().safety()).isEqualTo(Safety.SAFE);
                            assertThat(v.finding().what())
                                    .contains("files must be installed on the server");
                        });
    }

    @Test
    void aDroppedExtensionGoesLastAfterADeployAndIsMultiStep() {
        Analysis analysis = analyze(TRGM + TABLE + INDEX, TABLE);

        assertThat(analysis.changes())
                .extracting(Change::summary)
                .containsExactly(
                        "drop index sources_name_trgm on sources", "drop extension pg_trgm");
        List<String> sql = analysis.plan().steps().stream().map(s -> s.sql()).toList();
        assertThat(sql.get(sql.size() - 1))
                .isEqualTo("DROP EXTENSION pg_trgm;")
                .doesNotContain("CASCADE");
        assertThat(analysis.verdicts())
                .filteredOn(v -> v.finding().ruleId().equals("drop-extension-breaks-running-code"))
                .singleElement()
                .satisfies(v -> assertThat(v.finding().safety()).isEqualTo(Safety.MULTI_STEP));
    }

    @Test
    void theSameExtensionWrittenWithOrWithoutASchemaIsNoChange() {
        // A live database always names the schema; a file often does not: that alone is not a
        // change.
        Schema named = Schema.EMPTY.withExtension(new Extension("pg_trgm", "public"));
        Schema unnamed = Schema.EMPTY.withExtension(new Extension("pg_trgm", null));
        Schema moved = Schema.EMPTY.withExtension(new Extension("pg_trgm", "extensions"));

        assertThat(SchemaDiffer.diff(named, unnamed)).isEmpty();
        assertThat(SchemaDiffer.diff(named, moved))
                .singleElement()
                .satisfies(c -> assertThat(c.kind()).isEqualTo(Change.Kind.OPAQUE));
    }

    @Test
    void createExtensionAsWrittenIsSafeWhereItWasNeedsReview(@TempDir Path dir) throws IOException {
        Path from = Files.createDirectories(dir.resolve("from"));
        Path to = Files.createDirectories(dir.resolve("to"));
        Files.writeString(from.resolve("V1__t.sql"), TABLE);
        Files.writeString(to.resolve("V1__t.sql"), TABLE);
        Files.writeString(to.resolve("V2__trgm.sql"), TRGM + "CREATE EXTENSION plpgsql;\n");

        Analysis analysis =
                Analyzer.analyze(
                        SqlSource.load(from), SqlSource.load(to), AnalysisOptions.defaults());

        assertThat(analysis.mode()).isEqualTo(Mode.AS_WRITTEN);
        assertThat(analysis.verdicts())
                .extracting(v -> v.finding().ruleId())
                .containsExactly("metadata-only-change");
        assertThat(analysis.worst()).isEqualTo(Safety.SAFE);
    }

    @Test
    void dropExtensionCascadeStaysForReview() {
        LoadedSchema s = sql("s.sql", TRGM + "DROP EXTENSION pg_trgm CASCADE;\n");

        assertThat(s.history().get(0).changes().get(1).kind())
                .isEqualTo(dev.evoplan.model.SourceChange.Kind.OPAQUE);
        assertThat(s.schema().extensions()).containsKey(Extension.key("pg_trgm"));
    }
}
