package dev.evoplan.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evoplan.engine.AnalysisOptions;
import dev.evoplan.engine.LintReport;
import dev.evoplan.engine.Linter;
import dev.evoplan.model.ReindexTarget;
import dev.evoplan.model.Schema;
import dev.evoplan.rules.Finding;
import dev.evoplan.source.LintSources;
import dev.evoplan.source.SourceSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a REINDEX rebuilds is the SQL front end's fact, carried on the change: the planner (no
 * concurrent form for SYSTEM) and EP218 (SCHEMA / DATABASE / SYSTEM refused in a transaction block)
 * act on it, never on a search of the statement's text.
 */
class ReindexTargetFromParseTest {
    @TempDir Path dir;

    private LintReport lint(String sql) throws IOException {
        Path file = dir.resolve("001_reindex.sql");
        Files.writeString(file, sql);
        List<String> inputs = List.of(file.toString());
        var migrations =
                LintSources.read(
                        inputs,
                        new LintSources.Settings(
                                SourceSettings.defaults(), Schema.EMPTY, false, null));
        return Linter.lint(inputs, migrations, AnalysisOptions.defaults());
    }

    private static FindingWithFix reindexVerdict(LintReport report) {
        return report.verdicts().stream()
                .filter(v -> v.finding().ruleId().equals("reindex-non-concurrent"))
                .findFirst()
                .orElseThrow(
                        () ->
                                new AssertionError(
                                        "no reindex-non-concurrent in " + report.verdicts()));
    }

    @Test
    void aCommentBetweenTheWordsDoesNotHideAManyTableReindexInATransaction() throws IOException {
        Finding inTx =
                reindexVerdict(lint("BEGIN;\nREINDEX /* every table */ SCHEMA public;\nCOMMIT;\n"))
                        .finding();
        assertThat(inTx.what()).contains("refuses this form");
        // Negative: a single table may be reindexed in a transaction block.
        Finding table =
                reindexVerdict(lint("BEGIN;\nREINDEX /* SCHEMA */ TABLE orders;\nCOMMIT;\n"))
                        .finding();
        assertThat(table.what()).doesNotContain("refuses");
    }

    @Test
    void theParsedTargetTravelsOnTheChangeAndDecidesThePlan() {
        Step system =
                only(
                        new dev.evoplan.diff.Change.Maintenance(
                                null,
                                dev.evoplan.diff.Change.Maintenance.Operation.REINDEX,
                                false,
                                "REINDEX SYSTEM app",
                                ReindexTarget.SYSTEM));
        assertThat(system.kind()).isEqualTo(Step.Kind.CHECKPOINT);
        Step database =
                only(
                        new dev.evoplan.diff.Change.Maintenance(
                                null,
                                dev.evoplan.diff.Change.Maintenance.Operation.REINDEX,
                                false,
                                "REINDEX DATABASE app",
                                ReindexTarget.DATABASE));
        assertThat(database.sql()).isEqualTo("REINDEX DATABASE CONCURRENTLY app;");
    }

    @Test
    void lintOfReindexSystemFromSqlPlansACheckpointAndOfATableAConcurrentRebuild()
            throws IOException {
        List<Step> system = reindexVerdict(lint("REINDEX (VERBOSE) SYSTEM app;\n")).fix();
        assertThat(system).extracting(Step::kind).containsOnly(Step.Kind.CHECKPOINT);
        assertThat(system.get(0).description()).contains("no concurrent form");
        List<Step> table = reindexVerdict(lint("REINDEX TABLE orders;\n")).fix();
        assertThat(table).extracting(Step::sql).contains("REINDEX TABLE CONCURRENTLY orders;");
    }

    private static Step only(dev.evoplan.diff.Change change) {
        List<Step> steps =
                Planner.plan(Schema.EMPTY, List.of(change), PlanOptions.defaults(16)).steps();
        assertThat(steps).hasSize(1);
        return steps.get(0);
    }
}
