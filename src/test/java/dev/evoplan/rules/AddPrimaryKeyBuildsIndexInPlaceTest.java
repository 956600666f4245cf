package dev.evoplan.rules;

import static dev.evoplan.rules.RuleFixtures.ORDERS;
import static dev.evoplan.rules.RuleFixtures.only;
import static org.assertj.core.api.Assertions.assertThat;

import dev.evoplan.diff.Change;
import dev.evoplan.model.PrimaryKey;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AddPrimaryKeyBuildsIndexInPlaceTest {
    private final ChangeRule rule = new AddPrimaryKeyBuildsIndexInPlace();

    private static Change pkOn(String column) {
        return new Change.AddPrimaryKey(ORDERS, new PrimaryKey("orders_pkey", List.of(column)));
    }

    @ParameterizedTest(name = "{0} on PG {1}, {2} key column, {3} table -> {4}")
    @CsvSource({
        "written, 16, id,          unknown, DOWNTIME",
        "written, 16, id,          small,   SAFE",
        "written, 16, id,          new,     SAFE",
        "written, 10, customer_id, large,   DOWNTIME",
        "planned, 16, id,          unknown, MULTI_STEP",
        "planned, 11, id,          unknown, MULTI_STEP",
        "planned, 12, customer_id, unknown, MULTI_STEP",
        "planned, 18, customer_id, large,   MULTI_STEP",
        "planned, 11, customer_id, unknown, DOWNTIME",
        "planned, 11, customer_id, small,   SAFE",
    })
    void verdictByModeVersionNullabilityAndSize(
            String mode, int pg, String column, String size, Safety safety) {
        Finding f =
                only(
                        rule.check(
                                pkOn(column),
                                RuleFixtures.context(mode).pg(pg).size(ORDERS, size).build()));
        assertThat(f.ruleId()).isEqualTo("add-primary-key-builds-index-in-place");
        assertThat(f.safety()).isEqualTo(safety);
        assertThat(f.lock()).isEqualTo(LockLevel.ACCESS_EXCLUSIVE);
    }

    @Test
    void nullableKeyColumnsAreNamed() {
        Finding written = only(rule.check(pkOn("customer_id"), RuleFixtures.written().build()));
        assertThat(written.what()).contains("make customer_id NOT NULL");
        Finding planned =
                only(rule.check(pkOn("customer_id"), RuleFixtures.planned().pg(16).build()));
        assertThat(planned.what()).contains("USING INDEX").contains("customer_id become NOT NULL");
        Finding old = only(rule.check(pkOn("customer_id"), RuleFixtures.planned().pg(11).build()));
        assertThat(old.what()).contains("before PostgreSQL 12");
        assertThat(old.sizeNote()).startsWith("size unknown");
    }

    @Test
    void usingIndexOnNotNullColumnsIsSafeButNotOnNullableOnes() {
        JudgeContext ctx =
                RuleFixtures.written()
                        .source(
                                RuleFixtures.source(
                                        "sql-file",
                                        "ALTER TABLE orders ADD CONSTRAINT orders_pkey PRIMARY KEY USING INDEX orders_pkey"))
                        .build();
        assertThat(only(rule.check(pkOn("id"), ctx)).safety()).isEqualTo(Safety.SAFE);
        assertThat(only(rule.check(pkOn("customer_id"), ctx)).safety()).isEqualTo(Safety.DOWNTIME);
    }

    @Test
    void doesNotJudgeOtherChanges() {
        assertThat(rule.appliesTo(Change.Kind.DROP_PRIMARY_KEY)).isFalse();
        Change drop =
                new Change.DropPrimaryKey(ORDERS, new PrimaryKey("orders_pkey", List.of("id")));
        assertThat(rule.check(drop, RuleFixtures.written().build())).isEmpty();
    }
}
