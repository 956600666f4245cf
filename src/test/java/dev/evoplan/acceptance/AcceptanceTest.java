package dev.evoplan.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evoplan.diff.SchemaDiffer;
import dev.evoplan.engine.Analysis;
import dev.evoplan.engine.Analyzer;
import dev.evoplan.model.LoadedSchema;
import dev.evoplan.model.Schema;
import dev.evoplan.plan.Plan;
import dev.evoplan.plan.PlanOptions;
import dev.evoplan.plan.Planner;
import dev.evoplan.plan.Step;
import dev.evoplan.rules.Finding;
import dev.evoplan.rules.Mode;
import dev.evoplan.rules.TableStats;
import dev.evoplan.source.jdbc.CatalogReader;
import dev.evoplan.source.liquibase.LiquibaseOptions;
import dev.evoplan.source.liquibase.LiquibaseSource;
import dev.evoplan.testing.PostgresServers;
import dev.evoplan.verify.PlanRunner;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The table-driven acceptance cases of {@code fixtures/cases}: every evolution-table row gives the
 * expected verdicts, locks and plan steps, and the plan, run on a real PostgreSQL, turns the old
 * schema into the new one.
 */
@Tag("postgres")
class AcceptanceTest {

    @Test
    void thereIsACaseForEveryEvolutionTableRow() {
        assertThat(AcceptanceCase.all()).hasSizeGreaterThanOrEqualTo(20);
    }

    @TestFactory
    Stream<DynamicTest> verdictsLocksAndPlanSteps() {
        return AcceptanceCase.all().stream()
                .map(
                        c ->
                                DynamicTest.dynamicTest(
                                        c.name(),
                                        () -> {
                                            Analysis analysis =
                                                    Analyzer.analyze(
                                                            load(c, c.from()),
                                                            load(c, c.to()),
                                                            c.options());
                                            assertThat(label(analysis.mode()))
                                                    .as("mode")
                                                    .isEqualTo(c.mode());
                                            List<String> actual =
                                                    analysis.verdicts().stream()
                                                            .map(v -> describe(v.finding(), c))
                                                            .toList();
                                            List<String> expected =
                                                    c.findings().stream()
                                                            .map(
                                                                    AcceptanceCase.ExpectedFinding
                                                                            ::toString)
                                                            .toList();
                                            assertThat(actual)
                                                    .as("findings of " + c.name())
                                                    .containsExactlyElementsOf(expected);
                                            assertThat(analysis.worst().label())
                                                    .as("worst")
                                                    .isEqualTo(c.worst());
                                            assertPlanContains(analysis.plan(), c);
                                        }));
    }

    @TestFactory
    Stream<DynamicTest> planTurnsOldIntoNewOnRealPostgres() {
        return PostgresServers.MAJORS.stream()
                .flatMap(
                        major ->
                                AcceptanceCase.all().stream()
                                        .map(
                                                c ->
                                                        DynamicTest.dynamicTest(
                                                                c.name()
                                                                        + " on PostgreSQL "
                                                                        + major,
                                                                () -> roundTrip(c, major))));
    }

    @TestFactory
    Stream<DynamicTest> samplePlanTurnsV1IntoV2OnRealPostgres() {
        java.nio.file.Path sample =
                java.nio.file.Path.of(
                        System.getProperty("evoplan.root", "."), "changelogs/crawler");
        return PostgresServers.MAJORS.stream()
                .map(
                        major ->
                                DynamicTest.dynamicTest(
                                        "crawler v1 -> v2 on PostgreSQL " + major,
                                        () ->
                                                roundTrip(
                                                        sample.resolve(
                                                                "v1/db.changelog-master.yaml"),
                                                        sample.resolve(
                                                                "v2/db.changelog-master.yaml"),
                                                        new dev.evoplan.engine.AnalysisOptions(
                                                                major,
                                                                TableStats.UNKNOWN,
                                                                PlanOptions.DEFAULT_BATCH_SIZE,
                                                                PlanOptions.DEFAULT_LOCK_TIMEOUT),
                                                        major)));
    }

    private static void roundTrip(AcceptanceCase c, int major) throws Exception {
        roundTrip(c.from(), c.to(), c.options(major), major);
    }

    private static void roundTrip(
            java.nio.file.Path fromFile,
            java.nio.file.Path toFile,
            dev.evoplan.engine.AnalysisOptions options,
            int major)
            throws Exception {
        LoadedSchema from = new LiquibaseSource().load(fromFile, LiquibaseOptions.defaults());
        LoadedSchema to = new LiquibaseSource().load(toFile, LiquibaseOptions.defaults());
        try (Connection db = PostgresServers.freshDatabase(major)) {
            PlanRunner.run(db, Planner.between(Schema.EMPTY, from.schema(), major));
            Analysis analysis = Analyzer.analyze(from, to, options);
            PlanRunner.run(db, analysis.plan());
            Schema actual = CatalogReader.read(db, Set.of());
            Schema expected = withServerSpelling(to.schema(), major);
            assertThat(SchemaDiffer.diff(actual, expected)).as("catalog vs new schema").isEmpty();
            assertThat(Planner.between(actual, expected, major).isEmpty())
                    .as("re-plan is empty")
                    .isTrue();
        }
    }

    /**
     * The target model with expressions spelled as this server prints them: view queries, CHECK
     * expressions and index expressions and predicates. PostgreSQL keeps the parsed expression, not
     * its text, so {@code status IN ('a', 'b')} reads back as {@code status = ANY (ARRAY['a'::text,
     * 'b'::text])}; comparing text would fail on a correct plan. Everything else (columns, types,
     * defaults, keys, names) is compared as the source wrote it.
     */
    private static Schema withServerSpelling(Schema target, int major) throws Exception {
        try (Connection scratch = PostgresServers.freshDatabase(major)) {
            return dev.evoplan.verify.ServerSpelling.spell(scratch, target, major);
        }
    }

    private static LoadedSchema load(AcceptanceCase c, java.nio.file.Path file) {
        return new LiquibaseSource().load(file, LiquibaseOptions.defaults());
    }

    private static String label(Mode mode) {
        return mode.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static String describe(Finding f, AcceptanceCase c) {
        return f.ruleId()
                + " "
                + f.safety().label()
                + " "
                + f.lock().name()
                + " "
                + (f.table() == null ? null : f.table().toString());
    }

    private static void assertPlanContains(Plan plan, AcceptanceCase c) {
        List<Step> steps = new ArrayList<>();
        List<String> stages = new ArrayList<>();
        plan.stages()
                .forEach(
                        s ->
                                s.steps()
                                        .forEach(
                                                step -> {
                                                    steps.add(step);
                                                    stages.add(s.kind().label());
                                                }));
        int at = 0;
        for (AcceptanceCase.ExpectedStep want : c.plan()) {
            int found = -1;
            for (int i = at; i < steps.size(); i++) {
                Step s = steps.get(i);
                boolean stageOk = stages.get(i).equals(want.stage());
                boolean bodyOk =
                        want.checkpoint()
                                ? s.kind() == Step.Kind.CHECKPOINT
                                : s.sql() != null
                                        && s.sql()
                                                .toUpperCase(Locale.ROOT)
                                                .contains(want.sql().toUpperCase(Locale.ROOT));
                if (stageOk && bodyOk) {
                    found = i;
                    break;
                }
            }
            assertThat(found)
                    .as(
                            "plan of "
                                    + c.name()
                                    + " has, after step "
                                    + at
                                    + ", "
                                    + want
                                    + "\nplan steps: "
                                    + steps.stream()
                                            .map(
                                                    s ->
                                                            s.kind() == Step.Kind.CHECKPOINT
                                                                    ? "CHECKPOINT "
                                                                            + s.description()
                                                                    : s.sql())
                                            .toList())
                    .isGreaterThanOrEqualTo(0);
            at = found + 1;
        }
    }
}
