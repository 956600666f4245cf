package dev.evoplan.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evoplan.model.Migration;
import dev.evoplan.model.Origin;
import dev.evoplan.model.TransactionIssue;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * EP303 transaction-block-unbalanced, as a file rule (LintEveryStatementTest follows BEGIN/COMMIT
 * through the reader).
 */
class TransactionBlockUnbalancedTest {
    private static Migration file(List<TransactionIssue> issues) {
        return new Migration("V3__x.sql", "flyway", List.of(), List.of(), List.of(), null, issues);
    }

    @Test
    void eachIssueTheReaderFoundIsAFindingAtItsPlace() {
        TransactionIssue open =
                new TransactionIssue(
                        TransactionIssue.Kind.ENDS_IN_OPEN_TRANSACTION,
                        Origin.statement("V3__x.sql", 2, 1),
                        "flyway");
        TransactionIssue nested =
                new TransactionIssue(
                        TransactionIssue.Kind.NESTED_BEGIN,
                        Origin.statement("V3__x.sql", 5, 1),
                        "flyway");
        List<Finding> findings =
                new TransactionBlockUnbalanced().checkFile(file(List.of(open, nested)));
        assertThat(findings)
                .extracting(Finding::ruleId)
                .containsOnly("transaction-block-unbalanced");
        assertThat(findings)
                .extracting(Finding::safety)
                .containsExactly(Safety.NEEDS_REVIEW, Safety.SAFE);
        assertThat(findings).extracting(f -> f.origin().line()).containsExactly(2, 5);
    }

    @Test
    void aBalancedFileHasNoFinding() {
        assertThat(new TransactionBlockUnbalanced().checkFile(file(List.of()))).isEmpty();
        assertThat(Judge.judgeFile(file(List.of()))).isEmpty();
    }
}
