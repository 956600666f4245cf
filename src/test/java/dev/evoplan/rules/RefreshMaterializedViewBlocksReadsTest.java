package dev.evoplan.rules;

import static dev.evoplan.rules.MaintenanceRulesTest.*;
import static dev.evoplan.rules.RuleFixtures.only;
import static org.assertj.core.api.Assertions.assertThat;

import dev.evoplan.diff.Change;
import dev.evoplan.diff.Change.Maintenance.Operation;
import org.junit.jupiter.api.Test;

/** EP219 refresh-materialized-view-blocks-reads (the verdict table is in MaintenanceRulesTest). */
class RefreshMaterializedViewBlocksReadsTest {
    @Test
    void refreshMessagesSayWhetherReadsGoOn() {
        Finding plain =
                only(
                        new RefreshMaterializedViewBlocksReads()
                                .check(
                                        m(Operation.REFRESH_MATERIALIZED_VIEW, false),
                                        RuleFixtures.written().build()));
        assertThat(plain.what())
                .isEqualTo(
                        "REFRESH MATERIALIZED VIEW order_totals takes an ACCESS EXCLUSIVE lock on"
                                + " order_totals for the whole recompute of its query, which blocks all reads and writes");
        assertThat(plain.fix()).contains("CONCURRENTLY").contains("unique index");
        Finding concurrent =
                only(
                        new RefreshMaterializedViewBlocksReads()
                                .check(
                                        m(Operation.REFRESH_MATERIALIZED_VIEW, true),
                                        RuleFixtures.written().build()));
        assertThat(concurrent.what()).contains("reads go on");
    }

    @Test
    void otherMaintenanceIsNotARefresh() {
        Change.Maintenance vacuum = m(Operation.VACUUM_FULL, false);
        assertThat(
                        new RefreshMaterializedViewBlocksReads()
                                .check(vacuum, linted(vacuum, false, "unknown")))
                .isEmpty();
    }
}
