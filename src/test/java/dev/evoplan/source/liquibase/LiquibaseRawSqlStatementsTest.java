package dev.evoplan.source.liquibase;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evoplan.engine.Analysis;
import dev.evoplan.engine.AnalysisOptions;
import dev.evoplan.engine.Analyzer;
import dev.evoplan.model.LoadedSchema;
import dev.evoplan.model.QualifiedName;
import dev.evoplan.model.SourceChange;
import dev.evoplan.model.SourceChangeset;
import dev.evoplan.rules.Safety;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Raw {@code sql} is read statement by statement, like a {@code .sql} file (DependencyTrack's
 * shapes, reproduced in fixtures/liquibase/real/raw-sql): one statement evoplan cannot fold is
 * needs review on its own, and it neither hides the others nor loses track of what they did.
 */
class LiquibaseRawSqlStatementsTest {
    private static final Path DIR = LiquibaseRealShapesTest.REAL.resolve("raw-sql");

    private static LoadedSchema load(String file) {
        return new LiquibaseSource().load(DIR.resolve(file), LiquibaseOptions.defaults());
    }

    private static SourceChangeset changeset(LoadedSchema loaded, String id) {
        return loaded.history().stream()
                .filter(cs -> cs.identity().equals("<master>::" + id + "::me"))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void aCallNextToDropAndRenameKeepsTrackOfWhatTheSqlDid() {
        // Was exit 3: the whole block was opaque, so the old table kept its foreign key and the
        // typed addForeignKeyConstraint after it found "constraint ... already exists".
        LoadedSchema loaded = load("v2.xml");

        assertThat(changeset(loaded, "3").changes())
                .extracting(SourceChange::kind)
                .containsExactly(
                        SourceChange.Kind.OPAQUE,
                        SourceChange.Kind.SCHEMA,
                        SourceChange.Kind.SCHEMA);
        assertThat(loaded.schema().table(QualifiedName.of("public", "metrics_new"))).isEmpty();
        assertThat(
                        loaded.schema()
                                .table(QualifiedName.of("public", "metrics"))
                                .orElseThrow()
                                .foreignKeys())
                .singleElement()
                .satisfies(fk -> assertThat(fk.name()).isEqualTo("metrics_project_fk"));
    }

    @Test
    void oneTrailingUpdateHidesNoRewriteNorIndexBuild() {
        Analysis a = Analyzer.analyze(load("v1.xml"), load("v2.xml"), AnalysisOptions.defaults());

        // The changeset's lock held to its commit is a finding of its own, about the whole
        // changeset.
        List<String> downtime =
                a.verdicts().stream()
                        .filter(v -> v.finding().safety() == Safety.DOWNTIME)
                        .filter(v -> "5".equals(v.finding().origin().changesetId()))
                        .filter(
                                v ->
                                        !v.finding()
                                                .ruleId()
                                                .equals("changeset-holds-lock-until-commit"))
                        .map(v -> v.finding().ruleId())
                        .sorted()
                        .toList();
        assertThat(downtime)
                .containsExactly(
                        "change-column-type-rewrites",
                        "change-column-type-rewrites",
                        "create-index-non-concurrent",
                        "create-index-non-concurrent");
        // The CALL alone is needs review; the update is a data change, judged on its own.
        assertThat(
                        a.verdicts().stream()
                                .filter(v -> v.finding().safety() == Safety.NEEDS_REVIEW)
                                .map(v -> v.finding().origin().changesetId()))
                .containsExactly("3");
    }

    @Test
    void nothingIsPlannedAcrossAnOpaqueStatement() {
        Analysis a = Analyzer.analyze(load("v1.xml"), load("v2.xml"), AnalysisOptions.defaults());

        // Each step as it reads in the plan: its SQL, or for a step to run by hand its description.
        List<String> steps =
                a.plan().steps().stream()
                        .map(s -> s.sql() != null ? s.sql() : s.description())
                        .toList();
        int createNew = indexOf(steps, "CREATE TABLE metrics_new");
        int call = indexOf(steps, "CALL \"COPY_METRICS\"");
        int typeChange = indexOf(steps, "ALTER TABLE event ADD COLUMN kind__evoplan_new");
        assertThat(createNew).isLessThan(call);
        assertThat(call).isLessThan(typeChange);
    }

    private static int indexOf(List<String> steps, String part) {
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i) != null && steps.get(i).contains(part)) {
                return i;
            }
        }
        throw new AssertionError("no step with " + part + " in " + steps);
    }
}
