package dev.evoplan.rules;

import static dev.evoplan.rules.RuleFixtures.ORDERS;
import static dev.evoplan.rules.RuleFixtures.addColumn;
import static dev.evoplan.rules.RuleFixtures.only;
import static org.assertj.core.api.Assertions.assertThat;

import dev.evoplan.diff.Change;
import dev.evoplan.model.Column;
import dev.evoplan.model.DefaultValue;
import dev.evoplan.model.IdentityKind;
import dev.evoplan.model.SqlType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AddColumnNotNullWithoutDefaultFailsTest {
    private final ChangeRule rule = new AddColumnNotNullWithoutDefaultFails();
    private final Change add = addColumn(Column.of("tenant_id", SqlType.of("bigint"), false));

    @ParameterizedTest(name = "{0} on PG {1}, {2} table -> {3}")
    @CsvSource({
        "written, 16, unknown, DOWNTIME,   'size unknown: assumed large (pass --table-rows orders=N)'",
        "written, 16, small,   DOWNTIME,   'orders: 1,000 rows (small)'",
        "written, 10, empty,   SAFE,       'orders: 0 rows (small)'",
        "written, 16, new,     SAFE,       'orders: created earlier in this migration (empty)'",
        "planned, 12, unknown, MULTI_STEP, ",
        "planned, 18, large,   MULTI_STEP, ",
        "planned, 11, unknown, DOWNTIME,   'size unknown: assumed large (pass --table-rows orders=N)'",
        "planned, 11, small,   SAFE,       'orders: 1,000 rows (small)'",
    })
    void failsOnATableWithRows(String mode, int pg, String size, Safety safety, String sizeNote) {
        Finding f =
                only(rule.check(add, RuleFixtures.context(mode).pg(pg).size(ORDERS, size).build()));
        assertThat(f.ruleId()).isEqualTo("add-column-not-null-without-default-fails");
        assertThat(f.safety()).isEqualTo(safety);
        assertThat(f.lock()).isEqualTo(LockLevel.ACCESS_EXCLUSIVE);
        assertThat(f.sizeNote()).isEqualTo(sizeNote);
    }

    @Test
    void messageNamesTheError() {
        Finding f = only(rule.check(add, RuleFixtures.written().build()));
        assertThat(f.what()).contains("23502").contains("ACCESS EXCLUSIVE");
        Finding planned18 = only(rule.check(add, RuleFixtures.planned().pg(18).build()));
        assertThat(planned18.what()).contains("NOT NULL tenant_id NOT VALID");
    }

    @Test
    void nullableDefaultedAndIdentityColumnsDoNotFire() {
        JudgeContext ctx = RuleFixtures.written().build();
        assertThat(rule.check(addColumn(Column.of("a", SqlType.of("bigint"), true)), ctx))
                .isEmpty();
        assertThat(
                        rule.check(
                                addColumn(
                                        Column.of("b", SqlType.of("bigint"), false)
                                                .withDefault(DefaultValue.of("0"))),
                                ctx))
                .isEmpty();
        assertThat(
                        rule.check(
                                addColumn(
                                        Column.of("c", SqlType.of("bigint"), false)
                                                .withIdentity(IdentityKind.ALWAYS)),
                                ctx))
                .isEmpty();
        assertThat(rule.appliesTo(Change.Kind.SET_NOT_NULL)).isFalse();
    }
}
