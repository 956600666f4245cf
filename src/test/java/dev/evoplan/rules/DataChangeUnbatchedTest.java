package dev.evoplan.rules;

import static dev.evoplan.rules.RuleFixtures.ORDERS;
import static dev.evoplan.rules.RuleFixtures.only;
import static org.assertj.core.api.Assertions.assertThat;

import dev.evoplan.diff.Change;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DataChangeUnbatchedTest {
    private final ChangeRule rule = new DataChangeUnbatched();

    @ParameterizedTest(name = "{0} on an existing table, {1} -> {2}")
    @CsvSource({
        "update,         written, MULTI_STEP",
        "delete,         written, MULTI_STEP",
        "loadUpdateData, written, MULTI_STEP",
        "update,         planned, MULTI_STEP",
        "insert,         written, SAFE",
        "loadData,       written, SAFE",
        "COPY,           written, SAFE",
    })
    void updatesAndDeletesNeedBatches(String operation, String mode, Safety safety) {
        Change data = new Change.DataChange(ORDERS, operation, operation + " orders");
        Finding f = only(rule.check(data, RuleFixtures.context(mode).rows(ORDERS, 1_000).build()));
        assertThat(f.ruleId()).isEqualTo("data-change-unbatched");
        assertThat(f.safety()).isEqualTo(safety);
        assertThat(f.lock()).isEqualTo(LockLevel.ROW_EXCLUSIVE);
    }

    @Test
    void updateOfAnUnknownTableIsStillMultiStep() {
        Finding f =
                only(
                        rule.check(
                                new Change.DataChange(null, "update", "set status"),
                                RuleFixtures.written().build()));
        assertThat(f.safety()).isEqualTo(Safety.MULTI_STEP);
        assertThat(f.what()).contains("its table");
        assertThat(f.fix()).contains("batches");
    }

    @Test
    void sqlWithoutWhereTouchesEveryRowAndIsMultiStep() {
        Change data =
                new Change.DataChange(ORDERS, "UPDATE", "update orders, every row (no WHERE)");
        Finding f = only(rule.check(data, RuleFixtures.written().build()));
        assertThat(f.safety()).isEqualTo(Safety.MULTI_STEP);
        assertThat(f.what()).contains("every row of orders in one statement");
        assertThat(f.fix()).contains("batches");
    }

    @Test
    void sqlWithAWhereIsNotCalledSafeSinceItsRowCountIsUnknown() {
        Change data =
                new Change.DataChange(
                        ORDERS, "DELETE", "delete orders, rows matching a WHERE clause");
        Finding f = only(rule.check(data, RuleFixtures.written().build()));
        assertThat(f.safety()).isEqualTo(Safety.MULTI_STEP);
        assertThat(f.what()).contains("evoplan cannot tell");
        assertThat(f.what()).contains("rows its WHERE clause selects");
        assertThat(f.fix()).contains("batches");
    }

    @Test
    void thePhrasesAreTheSqlFoldersOwn() {
        assertThat(DataChangeUnbatched.EVERY_ROW)
                .isEqualTo(dev.evoplan.source.sql.SqlStatementApplier.EVERY_ROW);
        assertThat(DataChangeUnbatched.ROWS_MATCHING_WHERE)
                .isEqualTo(dev.evoplan.source.sql.SqlStatementApplier.ROWS_MATCHING_WHERE);
    }

    @Test
    void truncateIsLeftToTruncateTable() {
        assertThat(
                        rule.check(
                                new Change.DataChange(ORDERS, "TRUNCATE", "truncate orders"),
                                RuleFixtures.written().build()))
                .isEmpty();
    }

    @Test
    void doesNotJudgeOtherChanges() {
        assertThat(rule.appliesTo(Change.Kind.OPAQUE)).isFalse();
        assertThat(
                        rule.check(
                                new Change.Opaque("sql", "UPDATE orders SET x = 1"),
                                RuleFixtures.written().build()))
                .isEmpty();
    }
}
