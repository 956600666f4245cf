package dev.evoplan.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evoplan.diff.Change;
import dev.evoplan.diff.SchemaDiffer;
import dev.evoplan.model.LoadedSchema;
import dev.evoplan.model.Schema;
import dev.evoplan.plan.Analysis;
import dev.evoplan.plan.Analyzer;
import dev.evoplan.plan.Plan;
import dev.evoplan.plan.PlanOptions;
import dev.evoplan.plan.Planner;
import dev.evoplan.plan.Step;
import dev.evoplan.rules.Finding;
import dev.evoplan.rules.Mode;
import dev.evoplan.source.jdbc.CatalogReader;
import dev.evoplan.source.liquibase.LiquibaseOptions;
import dev.evoplan.source.liquibase.LiquibaseSource;
import dev.evoplan.testing.PostgresServers;
import dev.evoplan.diff.Changes;
import dev.evoplan.verify.PlanRunner;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The table-driven acceptance cases of {@code fixtures/cases}: every evolution-table row gives
 * the expected verdicts, locks and plan steps, and the plan, run on a real PostgreSQL, turns
 * the old schema into the new one.
 */
class AcceptanceTest {

    @Test
    void thereIsACaseForEveryEvolutionTableRow() {
        assertThat(AcceptanceCase.all()).hasSizeGreaterThanOrEqualTo(20);
    }

    @TestFactory
    Stream<DynamicTest> verdictsLocksAndPlanSteps() {
        return AcceptanceCase.all().stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
            Analysis analysis = Analyzer.analyze(load(c, c.from()), load(c, c.to()), c.options());
            assertThat(label(analysis.mode())).as("mode").isEqualTo(c.mode());
            List<String> actual = analysis.verdicts().stream().map(v -> describe(v.finding(), c)).toList();
            List<String> expected = c.findings().stream().map(AcceptanceCase.ExpectedFinding::toString).toList();
            assertThat(actual).as("findings of " + c.name()).containsExactlyElementsOf(expected);
            assertThat(analysis.worst().label()).as("worst").isEqualTo(c.worst());
            assertPlanContains(analysis.plan(), c);
        }));
    }

    @TestFactory
    Stream<DynamicTest> planTurnsOldIntoNewOnRealPostgres() {
        return PostgresServers.MAJORS.stream().flatMap(major -> AcceptanceCase.all().stream()
                .map(c -> DynamicTest.dynamicTest(c.name() + " on PostgreSQL " + major, () -> roundTrip(c, major))));
    }

    private static void roundTrip(AcceptanceCase c, int major) throws Exception {
        LoadedSchema from = load(c, c.from());
        LoadedSchema to = load(c, c.to());
        try (Connection db = PostgresServers.freshDatabase(major)) {
            PlanRunner.run(db, planFor(Schema.EMPTY, from.schema(), major));
            Analysis analysis = Analyzer.analyze(from, to, c.options(major));
            PlanRunner.run(db, analysis.plan());
            Schema actual = CatalogReader.read(db, Set.of());
            assertThat(SchemaDiffer.diff(actual, to.schema())).as("catalog vs new schema").isEmpty();
            assertThat(planFor(actual, to.schema(), major).isEmpty()).as("re-plan is empty").isTrue();
        }
    }

    private static Plan planFor(Schema from, Schema to, int major) {
        List<Change> changes = SchemaDiffer.diff(from, to);
        return Planner.plan(from, changes, new PlanOptions(major, PlanOptions.DEFAULT_BATCH_SIZE,
                PlanOptions.DEFAULT_LOCK_TIMEOUT, c0(), Changes.createdTables(changes)));
    }

    private static dev.evoplan.rules.TableStats c0() {
        return dev.evoplan.rules.TableStats.UNKNOWN;
    }

    private static LoadedSchema load(AcceptanceCase c, java.nio.file.Path file) {
        return new LiquibaseSource().load(file, LiquibaseOptions.defaults());
    }

    private static String label(Mode mode) {
        return mode.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static String describe(Finding f, AcceptanceCase c) {
        return f.ruleId() + " " + f.safety().label() + " " + f.lock().name() + " "
                + (f.table() == null ? null : f.table().toString());
    }

    private static void assertPlanContains(Plan plan, AcceptanceCase c) {
        List<Step> steps = new ArrayList<>();
        List<String> stages = new ArrayList<>();
        plan.stages().forEach(s -> s.steps().forEach(step -> {
            steps.add(step);
            stages.add(s.kind().label());
        }));
        int at = 0;
        for (AcceptanceCase.ExpectedStep want : c.plan()) {
            int found = -1;
            for (int i = at; i < steps.size(); i++) {
                Step s = steps.get(i);
                boolean stageOk = stages.get(i).equals(want.stage());
                boolean bodyOk = want.checkpoint() ? s.kind() == Step.Kind.CHECKPOINT
                        : s.sql() != null && s.sql().toUpperCase(Locale.ROOT).contains(want.sql().toUpperCase(Locale.ROOT));
                if (stageOk && bodyOk) {
                    found = i;
                    break;
                }
            }
            assertThat(found).as("plan of " + c.name() + " has, after step " + at + ", " + want
                    + "\nplan steps: " + steps.stream().map(s -> s.kind() == Step.Kind.CHECKPOINT ? "CHECKPOINT " + s.description() : s.sql()).toList())
                    .isGreaterThanOrEqualTo(0);
            at = found + 1;
        }
    }
}
