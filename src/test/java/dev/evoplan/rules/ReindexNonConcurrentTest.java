package dev.evoplan.rules;

import static dev.evoplan.rules.MaintenanceRulesTest.*;
import static dev.evoplan.rules.RuleFixtures.only;
import static org.assertj.core.api.Assertions.assertThat;

import dev.evoplan.diff.Change;
import dev.evoplan.diff.Change.Maintenance.Operation;
import org.junit.jupiter.api.Test;

/** EP218 reindex-non-concurrent (the verdict table is in MaintenanceRulesTest). */
class ReindexNonConcurrentTest {
    @Test
    void reindexSaysReadsWaitAndTheFixDependsOnTheVersion() {
        Change.Maintenance reindex = m(Operation.REINDEX, false);
        Finding on16 =
                only(new ReindexNonConcurrent().check(reindex, RuleFixtures.written().build()));
        assertThat(on16.what()).contains("ACCESS EXCLUSIVE lock on each index");
        assertThat(on16.why()).contains("planner");
        assertThat(on16.fix()).startsWith("Use REINDEX CONCURRENTLY");
        Finding on11 =
                only(
                        new ReindexNonConcurrent()
                                .check(reindex, RuleFixtures.written().pg(11).build()));
        assertThat(on11.safety()).isEqualTo(Safety.DOWNTIME);
        assertThat(on11.fix()).startsWith("Before PostgreSQL 12 there is no REINDEX CONCURRENTLY");
    }

    @Test
    void reindexOfASchemaInATransactionIsSaidToBeRefused() {
        Change.Maintenance schema =
                new Change.Maintenance(
                        null,
                        Operation.REINDEX,
                        false,
                        "REINDEX SCHEMA public",
                        dev.evoplan.model.ReindexTarget.SCHEMA);
        Finding inTx =
                only(new ReindexNonConcurrent().check(schema, linted(schema, true, "unknown")));
        assertThat(inTx.what()).contains("refuses this form");
        assertThat(inTx.sizeNote()).contains("each assumed large");
        assertThat(
                        only(new ReindexNonConcurrent()
                                        .check(schema, linted(schema, false, "unknown")))
                                .what())
                .doesNotContain("refuses");
        Change.Maintenance table = m(Operation.REINDEX, false);
        assertThat(
                        only(new ReindexNonConcurrent()
                                        .check(table, linted(table, true, "unknown")))
                                .what())
                .doesNotContain("refuses");
    }

    @Test
    void asPlannedTheConcurrentFormsAreSafeWherePostgresHasThem() {
        assertThat(
                        only(new ReindexNonConcurrent()
                                        .check(
                                                m(Operation.REINDEX, false),
                                                RuleFixtures.planned().build()))
                                .safety())
                .isEqualTo(Safety.SAFE);
        assertThat(
                        only(new ReindexNonConcurrent()
                                        .check(
                                                m(Operation.REINDEX, false),
                                                RuleFixtures.planned().pg(11).build()))
                                .safety())
                .isEqualTo(Safety.DOWNTIME);
        assertThat(
                        only(new RefreshMaterializedViewBlocksReads()
                                        .check(
                                                m(Operation.REFRESH_MATERIALIZED_VIEW, false),
                                                RuleFixtures.planned().build()))
                                .lock())
                .isEqualTo(LockLevel.EXCLUSIVE);
    }
}
