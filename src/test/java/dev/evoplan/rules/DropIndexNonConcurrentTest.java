package dev.evoplan.rules;

import static dev.evoplan.rules.RuleFixtures.ORDERS;
import static dev.evoplan.rules.RuleFixtures.index;
import static dev.evoplan.rules.RuleFixtures.only;
import static org.assertj.core.api.Assertions.assertThat;

import dev.evoplan.diff.Change;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DropIndexNonConcurrentTest {
    private final ChangeRule rule = new DropIndexNonConcurrent();
    private final Change drop =
            new Change.DropIndex(index("orders_status_idx", ORDERS, false, "status"));

    @ParameterizedTest(name = "{0} on PG {1}, {2} table -> {3}")
    @CsvSource({
        "written, 10, unknown, MULTI_STEP, ACCESS_EXCLUSIVE",
        "written, 18, large,   MULTI_STEP, ACCESS_EXCLUSIVE",
        "written, 16, small,   MULTI_STEP, ACCESS_EXCLUSIVE",
        "planned, 16, unknown, SAFE,       SHARE_UPDATE_EXCLUSIVE",
        "planned, 11, large,   SAFE,       SHARE_UPDATE_EXCLUSIVE",
    })
    void plainDropIsMultiStepAndPlannedDropIsConcurrent(
            String mode, int pg, String size, Safety safety, LockLevel lock) {
        Finding f =
                only(
                        rule.check(
                                drop,
                                RuleFixtures.context(mode).pg(pg).size(ORDERS, size).build()));
        assertThat(f.ruleId()).isEqualTo("drop-index-non-concurrent");
        assertThat(f.safety()).isEqualTo(safety);
        assertThat(f.lock()).isEqualTo(lock);
        assertThat(f.sizeNote()).as("size does not enter a brief lock").isNull();
        RuleFixtures.assertNamesLock(f, lock);
    }

    @Test
    void messageSaysTheLockIsBriefButQueuesTraffic() {
        Finding f = only(rule.check(drop, RuleFixtures.written().build()));
        assertThat(f.what())
                .isEqualTo(
                        "DROP INDEX orders_status_idx on orders takes an ACCESS EXCLUSIVE lock on"
                                + " orders only for a catalog update, which blocks all reads and writes");
        assertThat(f.why()).contains("waits too");
        assertThat(f.fix()).contains("DROP INDEX CONCURRENTLY");
    }

    @Test
    void concurrentlyWrittenIsSafe() {
        JudgeContext ctx =
                RuleFixtures.written()
                        .source(
                                RuleFixtures.source(
                                        "sql-file", "drop index concurrently orders_status_idx"))
                        .build();
        assertThat(only(rule.check(drop, ctx)).safety()).isEqualTo(Safety.SAFE);
    }

    @Test
    void doesNotJudgeOtherChanges() {
        assertThat(rule.appliesTo(Change.Kind.CREATE_INDEX)).isFalse();
        assertThat(
                        rule.check(
                                new Change.CreateIndex(index("i", ORDERS, false, "status")),
                                RuleFixtures.written().build()))
                .isEmpty();
    }
}
