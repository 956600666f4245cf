package dev.evoplan.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evoplan.engine.AnalysisOptions;
import dev.evoplan.model.LoadedSchema;
import dev.evoplan.model.QualifiedName;
import dev.evoplan.plan.Plan;
import dev.evoplan.plan.PlanOptions;
import dev.evoplan.plan.Stage;
import dev.evoplan.plan.StageKind;
import dev.evoplan.plan.Step;
import dev.evoplan.rules.LockLevel;
import dev.evoplan.rules.TableStats;
import dev.evoplan.source.liquibase.LiquibaseOptions;
import dev.evoplan.source.liquibase.LiquibaseSource;
import dev.evoplan.testing.PostgresServers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Verify on the embedded server: the sample passes, a wrong prediction fails. */
@Tag("postgres")
class VerifierTest {
    private static final Path SAMPLE =
            Path.of(System.getProperty("evoplan.root", "."), "changelogs/crawler");

    @TempDir Path dir;

    static VerifyOptions options(int major, RowCounts rows) {
        return new VerifyOptions(
                new AnalysisOptions(
                        major,
                        TableStats.UNKNOWN,
                        PlanOptions.DEFAULT_BATCH_SIZE,
                        PlanOptions.DEFAULT_LOCK_TIMEOUT),
                rows);
    }

    static LoadedSchema load(Path file) {
        return new LiquibaseSource().load(file, LiquibaseOptions.defaults());
    }

    @ParameterizedTest
    @ValueSource(ints = {16, 14})
    void samplePlanPassesWithSeededRows(int major) {
        LoadedSchema from = load(SAMPLE.resolve("v1/db.changelog-master.yaml"));
        LoadedSchema to = load(SAMPLE.resolve("v2/db.changelog-master.yaml"));
        VerifyOptions options = options(major, RowCounts.everyTable(200));
        Plan plan = dev.evoplan.engine.Analyzer.analyze(from, to, options.analysis()).plan();

        VerifyReport report =
                Verifier.verify(PostgresServers.server(major), from, to, plan, options);

        assertThat(
                        report.steps().stream()
                                .filter(s -> s.verdict() != VerifyReport.StepVerdict.OK)
                                .map(s -> s.index() + " " + s.description() + " " + s.reasons())
                                .toList())
                .isEmpty();
        assertThat(report.failure()).isNull();
        assertThat(report.schemaDifferences()).isEmpty();
        assertThat(report.replanSteps()).isZero();
        assertThat(report.passed()).isTrue();
        assertThat(report.serverVersion()).startsWith(major + ".");
        assertThat(report.steps()).hasSize(plan.steps().size());
        assertThat(report.seeded())
                .allSatisfy(
                        s -> {
                            assertThat(s.skipped()).as(s.table() + " skipped").isNull();
                            assertThat(s.inserted()).as(s.table() + " rows").isPositive();
                        });
        // The checkpoint stand-in leaves sources.base_url to the plan's own backfill ("copy url
        // into
        // base_url"), which then fills every row and keeps its promise: base_url = url on sampled
        // rows.
        assertThat(report.steps())
                .flatMap(VerifyReport.StepCheck::notes)
                .noneMatch(n -> n.contains("sources.base_url"));
        assertThat(plan.steps())
                .anyMatch(
                        s ->
                                s.backfill() != null
                                        && s.backfill().column().equals("base_url")
                                        && s.backfill().exact());
        // The plan's non-concurrent, strong-lock steps really took their lock: the sampler is not
        // blind.
        assertThat(report.steps()).anyMatch(s -> s.observed() == LockLevel.ACCESS_EXCLUSIVE);
        assertThat(report.steps()).anyMatch(s -> s.observed() == LockLevel.SHARE_UPDATE_EXCLUSIVE);
    }

    @Test
    void aStepClaimingAWeakerLockThanItTakesFailsVerify() throws Exception {
        LoadedSchema from = changelog("from.yaml", TABLE);
        Step plainIndex =
                new Step(
                        Step.Kind.SQL,
                        "CREATE INDEX idx_items_name ON items (name)",
                        "create index idx_items_name on items",
                        true,
                        LockLevel.SHARE_UPDATE_EXCLUSIVE,
                        QualifiedName.of("items"),
                        null,
                        null,
                        null,
                        null,
                        "create index idx_items_name");
        LoadedSchema to = changelog("to.yaml", TABLE + INDEX);

        VerifyReport report =
                Verifier.verify(
                        PostgresServers.server(16),
                        from,
                        to,
                        new Plan(List.of(new Stage(StageKind.EXPAND, List.of(plainIndex)))),
                        options(16, RowCounts.everyTable(1000)));

        assertThat(report.passed()).isFalse();
        assertThat(report.steps())
                .singleElement()
                .satisfies(
                        s -> {
                            assertThat(s.verdict()).isEqualTo(VerifyReport.StepVerdict.MISMATCH);
                            assertThat(s.observed()).isEqualTo(LockLevel.SHARE);
                            assertThat(s.reasons())
                                    .singleElement()
                                    .asString()
                                    .contains(
                                            "took SHARE on items, predicted SHARE UPDATE EXCLUSIVE");
                        });
        // The schema itself came out right: the failure is the lock alone.
        assertThat(report.schemaDifferences()).isEmpty();
    }

    @Test
    void theSameStepPredictedWithItsRealLockPasses() throws Exception {
        LoadedSchema from = changelog("from.yaml", TABLE);
        Step plainIndex =
                new Step(
                        Step.Kind.SQL,
                        "CREATE INDEX idx_items_name ON items (name)",
                        "create index idx_items_name on items",
                        true,
                        LockLevel.SHARE,
                        QualifiedName.of("items"),
                        null,
                        null,
                        null,
                        null,
                        "create index idx_items_name");
        LoadedSchema to = changelog("to.yaml", TABLE + INDEX);

        VerifyReport report =
                Verifier.verify(
                        PostgresServers.server(16),
                        from,
                        to,
                        new Plan(List.of(new Stage(StageKind.EXPAND, List.of(plainIndex)))),
                        options(16, RowCounts.everyTable(1000)));

        assertThat(report.passed()).isTrue();
        assertThat(report.steps())
                .singleElement()
                .satisfies(s -> assertThat(s.observed()).isEqualTo(LockLevel.SHARE));
    }

    @Test
    void aRewriteUnderAPredictedWeakLockIsAMismatch() throws Exception {
        LoadedSchema from = changelog("from.yaml", TABLE);
        Step typeChange =
                new Step(
                        Step.Kind.SQL,
                        "ALTER TABLE items ALTER COLUMN id TYPE bigint",
                        "change type of items.id",
                        true,
                        LockLevel.ACCESS_EXCLUSIVE,
                        QualifiedName.of("items"),
                        null,
                        null,
                        null,
                        null,
                        "change type");
        Step claimedCheap =
                new Step(
                        Step.Kind.SQL,
                        "ALTER TABLE items ALTER COLUMN qty TYPE bigint",
                        "change type of items.qty",
                        true,
                        LockLevel.SHARE_UPDATE_EXCLUSIVE,
                        QualifiedName.of("items"),
                        null,
                        null,
                        null,
                        null,
                        "change type");
        LoadedSchema to = changelog("to.yaml", TABLE.replace("type: int", "type: bigint"));

        VerifyReport report =
                Verifier.verify(
                        PostgresServers.server(16),
                        from,
                        to,
                        new Plan(
                                List.of(
                                        new Stage(
                                                StageKind.EXPAND,
                                                List.of(typeChange, claimedCheap)))),
                        options(16, RowCounts.everyTable(100)));

        assertThat(report.steps()).hasSize(2);
        assertThat(report.steps().get(0).rewrite()).isTrue();
        assertThat(report.steps().get(0).verdict()).isEqualTo(VerifyReport.StepVerdict.OK);
        assertThat(report.steps().get(1).rewrite()).isTrue();
        assertThat(report.steps().get(1).reasons())
                .anyMatch(
                        r -> r.contains("rewrote items under a predicted SHARE UPDATE EXCLUSIVE"));
        assertThat(report.passed()).isFalse();
    }

    private LoadedSchema changelog(String name, String changes) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, "databaseChangeLog:\n" + changes);
        return load(file);
    }

    private static final String TABLE =
            """
              - changeSet:
                  id: 1
                  author: t
                  changes:
                    - createTable:
                        tableName: items
                        columns:
                          - column: { name: id, type: int, constraints: { primaryKey: true, primaryKeyName: pk_items } }
                          - column: { name: qty, type: int }
                          - column: { name: name, type: varchar(40), constraints: { nullable: false } }
            """;

    private static final String INDEX =
            """
              - changeSet:
                  id: 2
                  author: t
                  changes:
                    - createIndex:
                        tableName: items
                        indexName: idx_items_name
                        columns:
                          - column: { name: name }
            """;
}
