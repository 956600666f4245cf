package dev.evoplan.rules;

import static dev.evoplan.rules.RuleFixtures.ORDERS;
import static dev.evoplan.rules.RuleFixtures.only;
import static org.assertj.core.api.Assertions.assertThat;

import dev.evoplan.diff.Change;
import dev.evoplan.model.CheckConstraint;
import dev.evoplan.model.UniqueConstraint;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AddUniqueBuildsIndexInPlaceTest {
    private final ChangeRule rule = new AddUniqueBuildsIndexInPlace();
    private final Change add =
            new Change.AddUnique(
                    ORDERS, new UniqueConstraint("orders_email_key", List.of("email"), false));

    @ParameterizedTest(name = "{0} on PG {1}, {2} table -> {3}")
    @CsvSource({
        "written, 10, unknown, DOWNTIME,   'size unknown: assumed large (pass --table-rows orders=N)'",
        "written, 16, large,   DOWNTIME,   'orders: 50,000,000 rows (large)'",
        "written, 18, small,   SAFE,       'orders: 1,000 rows (small)'",
        "written, 16, new,     SAFE,       'orders: created earlier in this migration (empty)'",
        "planned, 16, unknown, MULTI_STEP, ",
        "planned, 10, large,   MULTI_STEP, ",
    })
    void buildInPlaceIsDowntimeUnlessSmallAndPlannedIsTwoSteps(
            String mode, int pg, String size, Safety safety, String sizeNote) {
        Finding f =
                only(rule.check(add, RuleFixtures.context(mode).pg(pg).size(ORDERS, size).build()));
        assertThat(f.ruleId()).isEqualTo("add-unique-builds-index-in-place");
        assertThat(f.safety()).isEqualTo(safety);
        assertThat(f.lock()).isEqualTo(LockLevel.ACCESS_EXCLUSIVE);
        assertThat(f.sizeNote()).isEqualTo(sizeNote);
    }

    @Test
    void messagesNameTheBuildAndThePlannedAttach() {
        Finding written = only(rule.check(add, RuleFixtures.written().build()));
        assertThat(written.what())
                .isEqualTo(
                        "ADD CONSTRAINT orders_email_key UNIQUE (email) on orders builds its"
                                + " unique index in place and takes an ACCESS EXCLUSIVE lock for the whole index build, which blocks"
                                + " all reads and writes");
        Finding planned = only(rule.check(add, RuleFixtures.planned().build()));
        assertThat(planned.what())
                .contains("CREATE UNIQUE INDEX CONCURRENTLY orders_email_key")
                .contains("UNIQUE USING INDEX");
    }

    @Test
    void attachingAnExistingIndexIsSafe() {
        JudgeContext ctx =
                RuleFixtures.written()
                        .source(
                                RuleFixtures.source(
                                        "sql-file",
                                        "ALTER TABLE orders ADD CONSTRAINT orders_email_key UNIQUE USING INDEX orders_email_key"))
                        .build();
        assertThat(only(rule.check(add, ctx)).safety()).isEqualTo(Safety.SAFE);
    }

    @Test
    void doesNotJudgeOtherChanges() {
        assertThat(rule.appliesTo(Change.Kind.ADD_CHECK)).isFalse();
        Change check = new Change.AddCheck(ORDERS, new CheckConstraint("c", "total > 0", true));
        assertThat(rule.check(check, RuleFixtures.written().build())).isEmpty();
    }
}
