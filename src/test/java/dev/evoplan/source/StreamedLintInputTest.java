package dev.evoplan.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evoplan.model.LoadedSchema;
import dev.evoplan.model.Migration;
import dev.evoplan.model.MigrationStatement;
import dev.evoplan.model.QualifiedName;
import dev.evoplan.model.ReplayedChanges;
import dev.evoplan.model.Schema;
import dev.evoplan.model.SourceChange;
import dev.evoplan.model.StreamedMigration;
import dev.evoplan.source.sql.MigrationReader;
import dev.evoplan.source.sql.SqlParser;
import dev.evoplan.source.sql.SqlSource;
import dev.evoplan.source.sql.SqlStatementApplier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Large inputs are not held whole (issue 12, "Size"): lint folds a file's statements as they are
 * judged, and a lone schema file keeps its schema, not every statement's states.
 */
class StreamedLintInputTest {
    @TempDir Path dir;

    private static String tables(int n) {
        StringBuilder sql = new StringBuilder();
        for (int i = 1; i <= n; i++) {
            sql.append("CREATE TABLE t").append(i).append(" (id bigint PRIMARY KEY);\n");
            sql.append("ALTER TABLE t").append(i).append(" ADD COLUMN note text;\n");
        }
        return sql.toString();
    }

    @Test
    void aFileIsFoldedOneStatementAtATimeAsItsStatementsAreTaken() throws Exception {
        Path file = dir.resolve("many.sql");
        Files.writeString(file, tables(50));
        MigrationReader reader = new MigrationReader(Schema.EMPTY, false, null);
        Iterator<StreamedMigration> files = reader.each(file, "many.sql").iterator();
        StreamedMigration many = files.next();
        assertThat(many.outline().statements()).isEmpty();
        assertThat(reader.schema().tables()).as("nothing folded before it is taken").isEmpty();
        MigrationStatement first = many.statements().next();
        assertThat(first.change().after().tables()).containsOnlyKeys(QualifiedName.of("t1"));
        assertThat(reader.schema().tables()).hasSize(1);
    }

    @Test
    void theReaderRunsABoundedWindowAheadOfTheJudgeInsideOneFile() {
        int statements = 20_000;
        AtomicInteger made = new AtomicInteger();
        AtomicInteger taken = new AtomicInteger();
        AtomicInteger widestLead = new AtomicInteger();
        Migration outline = new Migration("big.sql", "plain SQL", List.of(), List.of(), List.of());
        SourceChange change =
                new SourceChange(
                        SourceChange.Kind.NONE,
                        "select",
                        dev.evoplan.model.Origin.UNKNOWN,
                        List.of(),
                        Schema.EMPTY,
                        Schema.EMPTY,
                        List.of(),
                        null);
        Iterator<MigrationStatement> folded =
                new Iterator<>() {
                    @Override
                    public boolean hasNext() {
                        return made.get() < statements;
                    }

                    @Override
                    public MigrationStatement next() {
                        int lead = made.incrementAndGet() - taken.get();
                        widestLead.accumulateAndGet(lead, Math::max);
                        return new MigrationStatement(change, false, made.get(), null);
                    }
                };
        var ahead =
                LintSources.ReadAhead.streaming(
                        List.of(new StreamedMigration(outline, folded)).iterator());
        StreamedMigration big = ahead.next();
        int seen = 0;
        while (big.statements().hasNext()) {
            big.statements().next();
            seen++;
            taken.incrementAndGet();
        }
        assertThat(seen).isEqualTo(statements);
        assertThat(ahead.hasNext()).isFalse();
        assertThat(widestLead.get())
                .as("statements folded and not yet judged")
                .isLessThanOrEqualTo(1100);
    }

    @Test
    void aLoneSchemaFileMakesItsChangesAgainWhenWalkedAndTheyEqualAFold() throws Exception {
        String sql = tables(30) + "CREATE INDEX t1_note ON t1 (note);\n";
        LoadedSchema loaded =
                SqlSource.loadFile(
                        "schema.sql", "schema.sql", sql.getBytes(StandardCharsets.UTF_8));
        List<SourceChange> changes = loaded.history().get(0).changes();
        assertThat(changes).isInstanceOf(ReplayedChanges.class).hasSize(61);
        List<SourceChange> folded =
                new SqlStatementApplier(Schema.EMPTY).foldAll(SqlParser.parse(sql, "schema.sql"));
        assertThat(List.copyOf(changes)).isEqualTo(folded);
        assertThat(List.copyOf(changes)).as("a second walk").isEqualTo(folded);
        assertThat(changes.get(60)).isEqualTo(folded.get(60));
        assertThat(changes.get(60).after()).isEqualTo(loaded.schema());
    }
}
