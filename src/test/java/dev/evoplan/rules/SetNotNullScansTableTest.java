package dev.evoplan.rules;

import static dev.evoplan.rules.RuleFixtures.ORDERS;
import static dev.evoplan.rules.RuleFixtures.only;
import static org.assertj.core.api.Assertions.assertThat;

import dev.evoplan.diff.Change;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SetNotNullScansTableTest {
    private final ChangeRule rule = new SetNotNullScansTable();

    /** customer_id has no check at all in the fixture schema. */
    private final Change set = new Change.SetNotNull(ORDERS, "customer_id");

    @ParameterizedTest(name = "{0} on PG {1}, {2} table -> {3}")
    @CsvSource({
        "written, 10, unknown, DOWNTIME,   'size unknown: assumed large (pass --table-rows orders=N)'",
        "written, 16, large,   DOWNTIME,   'orders: 50,000,000 rows (large)'",
        "written, 18, small,   SAFE,       'orders: 1,000 rows (small)'",
        "written, 16, new,     SAFE,       'orders: created earlier in this migration (empty)'",
        "planned, 10, unknown, DOWNTIME,   'size unknown: assumed large (pass --table-rows orders=N)'",
        "planned, 11, unknown, DOWNTIME,   'size unknown: assumed large (pass --table-rows orders=N)'",
        "planned, 11, small,   SAFE,       'orders: 1,000 rows (small)'",
        "planned, 12, unknown, MULTI_STEP, ",
        "planned, 17, large,   MULTI_STEP, ",
        "planned, 18, unknown, MULTI_STEP, ",
    })
    void scanVerdictByModeVersionAndSize(
            String mode, int pg, String size, Safety safety, String sizeNote) {
        Finding f =
                only(rule.check(set, RuleFixtures.context(mode).pg(pg).size(ORDERS, size).build()));
        assertThat(f.ruleId()).isEqualTo("set-not-null-scans-table");
        assertThat(f.safety()).isEqualTo(safety);
        assertThat(f.lock()).isEqualTo(LockLevel.ACCESS_EXCLUSIVE);
        assertThat(f.sizeNote()).isEqualTo(sizeNote);
    }

    @ParameterizedTest(name = "planned path on PG {0} mentions {1}")
    @CsvSource({
        "11, 'SET NOT NULL on PostgreSQL 11 takes an ACCESS EXCLUSIVE lock for the whole scan'",
        "12, 'CHECK (customer_id IS NOT NULL) NOT VALID'",
        "17, 'CHECK (customer_id IS NOT NULL) NOT VALID'",
        "18, 'ADD CONSTRAINT ... NOT NULL customer_id NOT VALID'",
    })
    void plannedPathFollowsTheVersion(int pg, String path) {
        Finding f = only(rule.check(set, RuleFixtures.planned().pg(pg).build()));
        assertThat(f.what()).contains(path);
        if (pg == 17) {
            assertThat(f.what()).doesNotContain("NOT NULL customer_id NOT VALID");
        }
    }

    @Test
    void writtenMessageNamesTheScan() {
        Finding f = only(rule.check(set, RuleFixtures.written().build()));
        assertThat(f.what())
                .isEqualTo(
                        "SET NOT NULL on orders.customer_id takes an ACCESS EXCLUSIVE lock for the"
                                + " whole scan of the table, which blocks all reads and writes");
    }

    @Test
    void liquibaseDefaultNullValueUpdateIsMentioned() {
        JudgeContext ctx =
                RuleFixtures.written()
                        .source(
                                RuleFixtures.source(
                                        "addNotNullConstraint",
                                        "UPDATE public.orders SET customer_id = 0 WHERE customer_id IS NULL",
                                        "ALTER TABLE public.orders ALTER COLUMN  customer_id SET NOT NULL"))
                        .build();
        Finding f = only(rule.check(set, ctx));
        assertThat(f.what()).contains("after an UPDATE that fills every NULL row");
        assertThat(f.writtenSql()).hasSize(2);
    }

    @ParameterizedTest(name = "validated IS NOT NULL check on PG {0}, {1}: fires {2}")
    @CsvSource({
        "11, written, true",
        "12, written, false",
        "18, planned, false",
        "11, planned, true",
    })
    void aValidatedCheckLetsPostgres12SkipTheScan(int pg, String mode, boolean fires) {
        // orders.status has a validated CHECK (status IS NOT NULL) in the fixture schema.
        Change status = new Change.SetNotNull(ORDERS, "status");
        assertThat(rule.check(status, RuleFixtures.context(mode).pg(pg).build()))
                .hasSize(fires ? 1 : 0);
    }

    @Test
    void aCheckThatIsNotValidatedDoesNotHelp() {
        // orders.email has CHECK (email IS NOT NULL) NOT VALID.
        Change email = new Change.SetNotNull(ORDERS, "email");
        assertThat(only(rule.check(email, RuleFixtures.written().pg(16).build())).safety())
                .isEqualTo(Safety.DOWNTIME);
    }

    @Test
    void doesNotJudgeOtherChanges() {
        assertThat(rule.appliesTo(Change.Kind.DROP_NOT_NULL)).isFalse();
        assertThat(
                        rule.check(
                                new Change.DropNotNull(ORDERS, "customer_id"),
                                RuleFixtures.written().build()))
                .isEmpty();
    }
}
