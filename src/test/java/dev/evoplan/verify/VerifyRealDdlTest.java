package dev.evoplan.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evoplan.engine.AnalysisOptions;
import dev.evoplan.engine.Analyzer;
import dev.evoplan.model.LoadedSchema;
import dev.evoplan.model.QualifiedName;
import dev.evoplan.plan.Plan;
import dev.evoplan.plan.PlanOptions;
import dev.evoplan.plan.Stage;
import dev.evoplan.plan.StageKind;
import dev.evoplan.plan.Step;
import dev.evoplan.rules.LockLevel;
import dev.evoplan.rules.TableStats;
import dev.evoplan.source.SourceSettings;
import dev.evoplan.source.Sources;
import dev.evoplan.testing.PostgresServers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * verify builds both sides from their own statements and compares whole catalogs: a plan that loses
 * an object evoplan does not model, or fills a column with the wrong values, fails.
 */
@Tag("postgres")
class VerifyRealDdlTest {
    @TempDir Path dir;

    /**
     * No probe clients: the probes' updates would re-run the sync trigger and mend rows a backfill
     * got wrong.
     */
    static VerifyOptions options(int rows) {
        return new VerifyOptions(
                new AnalysisOptions(
                        16,
                        TableStats.UNKNOWN,
                        PlanOptions.DEFAULT_BATCH_SIZE,
                        PlanOptions.DEFAULT_LOCK_TIMEOUT),
                RowCounts.everyTable(rows),
                0,
                Progress.SILENT);
    }

    private static final String WITH_TRIGGER =
            """
            CREATE TABLE items (id int PRIMARY KEY, name text NOT NULL, touched timestamptz);
            CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              NEW.touched := now();
              RETURN NEW;
            END
            $$;
            CREATE TRIGGER items_touch BEFORE UPDATE ON items FOR EACH ROW EXECUTE FUNCTION touch();
            """;

    @Test
    void aPlanThatDropsATriggerFailsVerifyAndTheSamePlanWithoutThatStepPasses() throws Exception {
        LoadedSchema from = sql("from.sql", WITH_TRIGGER);
        LoadedSchema to =
                sql("to.sql", WITH_TRIGGER + "CREATE INDEX items_name ON items (name);\n");
        Plan plan = Analyzer.analyze(from, to, options(50).analysis()).plan();
        Step dropTrigger =
                new Step(
                        Step.Kind.SQL,
                        "DROP TRIGGER items_touch ON items",
                        "drop a trigger by mistake",
                        true,
                        LockLevel.SHARE_ROW_EXCLUSIVE,
                        QualifiedName.of("items"),
                        null,
                        null,
                        null,
                        null,
                        "a mistake");
        List<Stage> stages = new ArrayList<>(plan.stages());
        stages.add(new Stage(StageKind.CONTRACT, List.of(dropTrigger)));

        VerifyReport wrong =
                Verifier.verify(
                        PostgresServers.server(16), from, to, new Plan(stages), options(50));
        VerifyReport right =
                Verifier.verify(PostgresServers.server(16), from, to, plan, options(50));

        assertThat(wrong.failure()).isNull();
        assertThat(wrong.schemaDifferences())
                .singleElement()
                .asString()
                .startsWith(
                        "missing: trigger CREATE TRIGGER items_touch BEFORE UPDATE ON public.items");
        assertThat(wrong.passed()).isFalse();
        assertThat(right.schemaDifferences()).isEmpty();
        assertThat(right.passed()).as("%s", right.steps()).isTrue();
    }

    private static final String QTY_INT =
            "CREATE TABLE items (id int PRIMARY KEY, qty int NOT NULL);\n";
    private static final String QTY_BIGINT =
            "CREATE TABLE items (id int PRIMARY KEY, qty bigint NOT NULL);\n";

    @Test
    void aBackfillThatWritesOtherValuesThanItPromisesFailsVerify() throws Exception {
        LoadedSchema from = sql("from.sql", QTY_INT);
        LoadedSchema to = sql("to.sql", QTY_BIGINT);
        Plan plan = Analyzer.analyze(from, to, options(200).analysis()).plan();
        Step backfill =
                plan.steps().stream().filter(s -> s.backfill() != null).findFirst().orElseThrow();
        assertThat(backfill.backfill().exact()).isTrue();
        String promised = backfill.backfill().expression();
        assertThat(backfill.sql()).contains("= " + promised);
        // The backfill and the sync trigger (which runs on the backfill's own UPDATE) fill qty + 1;
        // the promise still says qty. The schema comes out right: only the values are wrong.
        String triggerSide = "CAST(NEW.qty AS bigint)";
        assertThat(plan.steps()).anyMatch(s -> s.sql() != null && s.sql().contains(triggerSide));
        Plan tampered =
                new Plan(
                        plan.stages().stream()
                                .map(
                                        stage ->
                                                new Stage(
                                                        stage.kind(),
                                                        stage.steps().stream()
                                                                .map(
                                                                        s ->
                                                                                s.sql() == null
                                                                                        ? s
                                                                                        : new Step(
                                                                                                s
                                                                                                        .kind(),
                                                                                                s.sql()
                                                                                                        .replace(
                                                                                                                promised,
                                                                                                                promised
                                                                                                                        + " + 1")
                                                                                                        .replace(
                                                                                                                triggerSide,
                                                                                                                triggerSide
                                                                                                                        + " + 1"),
                                                                                                s
                                                                                                        .description(),
                                                                                                s
                                                                                                        .transactional(),
                                                                                                s
                                                                                                        .lock(),
                                                                                                s
                                                                                                        .table(),
                                                                                                s
                                                                                                        .lockTimeout(),
                                                                                                s
                                                                                                        .statementTimeout(),
                                                                                                s
                                                                                                        .rollback(),
                                                                                                s
                                                                                                        .onFailure(),
                                                                                                s
                                                                                                        .forChange(),
                                                                                                s
                                                                                                        .backfill()))
                                                                .toList()))
                                .toList());

        VerifyReport wrong =
                Verifier.verify(PostgresServers.server(16), from, to, tampered, options(200));
        VerifyReport right =
                Verifier.verify(PostgresServers.server(16), from, to, plan, options(200));

        assertThat(wrong.schemaDifferences()).isEmpty();
        assertThat(wrong.passed()).isFalse();
        assertThat(wrong.steps())
                .filteredOn(s -> s.verdict() != VerifyReport.StepVerdict.OK)
                .singleElement()
                .satisfies(
                        s ->
                                assertThat(s.reasons())
                                        .singleElement()
                                        .asString()
                                        .isEqualTo(
                                                "200 of 200 sampled rows of items hold a qty__evoplan_new other than the backfill's "
                                                        + promised));
        assertThat(right.passed()).as("%s %s", right.failure(), right.steps()).isTrue();
    }

    @Test
    void seededRowsObeyTheTargetsNewCheckSoItsValidationRunsOnRealisticData() throws Exception {
        LoadedSchema from =
                sql("from.sql", "CREATE TABLE jobs (id int PRIMARY KEY, status text NOT NULL);\n");
        LoadedSchema to =
                sql(
                        "to.sql",
                        "CREATE TABLE jobs (id int PRIMARY KEY, status text NOT NULL"
                                + " CONSTRAINT jobs_status CHECK (status IN ('new', 'done')));\n");
        Plan plan = Analyzer.analyze(from, to, options(100).analysis()).plan();

        VerifyReport report =
                Verifier.verify(PostgresServers.server(16), from, to, plan, options(100));

        assertThat(report.failure()).isNull();
        assertThat(report.seeded())
                .singleElement()
                .satisfies(s -> assertThat(s.inserted()).isEqualTo(100));
        assertThat(report.passed()).isTrue();
    }

    @Test
    void aTargetCheckNoSeededRowCanMeetIsNamed() throws Exception {
        LoadedSchema from =
                sql("from.sql", "CREATE TABLE jobs (id int PRIMARY KEY, code text NOT NULL);\n");
        LoadedSchema to =
                sql(
                        "to.sql",
                        "CREATE TABLE jobs (id int PRIMARY KEY, code text NOT NULL"
                                + " CONSTRAINT jobs_code_short CHECK (length(code) < 2));\n");
        Plan plan = Analyzer.analyze(from, to, options(20).analysis()).plan();

        VerifyReport report =
                Verifier.verify(PostgresServers.server(16), from, to, plan, options(20));

        assertThat(report.seeded())
                .singleElement()
                .satisfies(
                        s -> {
                            assertThat(s.inserted()).isZero();
                            assertThat(s.skipped())
                                    .isEqualTo(
                                            "no seeded row satisfies the target's CHECK jobs_code_short");
                        });
    }

    @Test
    void tablesInANamedSchemaAreBuiltAndCompared() throws Exception {
        String base =
                "CREATE SCHEMA app;\nCREATE TABLE app.items (id int PRIMARY KEY, name text);\n";
        LoadedSchema from = sql("from.sql", base);
        LoadedSchema to = sql("to.sql", base + "COMMENT ON TABLE app.items IS 'things';\n");
        Plan plan = Analyzer.analyze(from, to, options(10).analysis()).plan();

        VerifyReport report =
                Verifier.verify(PostgresServers.server(16), from, to, plan, options(10));

        assertThat(report.failure()).isNull();
        assertThat(report.passed()).as("%s", report.schemaDifferences()).isTrue();
        assertThat(report.server()).isEqualTo("embedded");
    }

    private LoadedSchema sql(String name, String text) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return Sources.load(file.toString(), SourceSettings.defaults());
    }
}
