package dev.evoplan.rules;

import static dev.evoplan.rules.MaintenanceRulesTest.*;
import static dev.evoplan.rules.RuleFixtures.only;
import static org.assertj.core.api.Assertions.assertThat;

import dev.evoplan.diff.Change;
import dev.evoplan.diff.Change.Maintenance.Operation;
import org.junit.jupiter.api.Test;

/**
 * EP217 table-rewrite-statement (the verdict table by operation, size and transaction is in
 * MaintenanceRulesTest).
 */
class TableRewriteStatementTest {
    @Test
    void vacuumFullInATransactionIsSaidToBeRefused() {
        Change.Maintenance vacuum = m(Operation.VACUUM_FULL, false);
        assertThat(
                        only(new TableRewriteStatement()
                                        .check(vacuum, linted(vacuum, true, "unknown")))
                                .what())
                .contains("PostgreSQL refuses to run it at all");
        assertThat(
                        only(new TableRewriteStatement()
                                        .check(vacuum, linted(vacuum, false, "unknown")))
                                .what())
                .doesNotContain("refuses");
    }

    @Test
    void vacuumFullOfEveryTableIsAssumedLarge() {
        Change.Maintenance all =
                new Change.Maintenance(null, Operation.VACUUM_FULL, false, "VACUUM FULL");
        Finding f = only(new TableRewriteStatement().check(all, RuleFixtures.written().build()));
        assertThat(f.safety()).isEqualTo(Safety.DOWNTIME);
        assertThat(f.sizeNote()).contains("every table");
        assertThat(f.what()).contains("every table it applies to");
    }
}
