package dev.evoplan.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** EP231 vacuum-in-transaction: plain VACUUM is refused inside a transaction, fine outside one. */
class VacuumInTransactionTest {
    private static List<Finding> lint(String sql, boolean inTransaction) {
        return LintedSqlTest.findings(sql, inTransaction, "5s", Map.of()).stream()
                .filter(f -> f.ruleId().equals("vacuum-in-transaction"))
                .toList();
    }

    @Test
    void vacuumInsideATransactionIsRefused() {
        List<Finding> findings = lint("VACUUM orders;", true);
        assertThat(findings).hasSize(1);
        assertThat(findings.get(0).safety()).isEqualTo(Safety.DOWNTIME);
    }

    @Test
    void vacuumOnItsOwnAndAnalyzeInATransactionAreNotThisRule() {
        assertThat(lint("VACUUM orders;", false)).isEmpty();
        assertThat(lint("ANALYZE orders;", true)).isEmpty();
    }
}
