package dev.evoplan.rules;

import static dev.evoplan.rules.RuleFixtures.ORDERS;
import static dev.evoplan.rules.RuleFixtures.addColumn;
import static dev.evoplan.rules.RuleFixtures.only;
import static org.assertj.core.api.Assertions.assertThat;

import dev.evoplan.diff.Change;
import dev.evoplan.model.Column;
import dev.evoplan.model.DefaultValue;
import dev.evoplan.model.SqlType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AddColumnDefaultRewritesBeforePg11Test {
    private final ChangeRule rule = new AddColumnDefaultRewritesBeforePg11();

    private static Change column(String defaultExpression, boolean nullable) {
        return addColumn(
                Column.of("status2", SqlType.of("text"), nullable)
                        .withDefault(DefaultValue.of(defaultExpression)));
    }

    @ParameterizedTest(name = "{0} on PG 10, default {1}, nullable {2}, {3} table -> {4}")
    @CsvSource({
        "written, '''new''', true,  unknown, DOWNTIME",
        "written, now(),     true,  large,   DOWNTIME",
        "written, '''new''', false, unknown, DOWNTIME",
        "written, '''new''', true,  small,   SAFE",
        "planned, '''new''', true,  unknown, MULTI_STEP",
        "planned, '''new''', false, unknown, DOWNTIME",
        "planned, '''new''', false, small,   SAFE",
    })
    void firesOnPostgres10(
            String mode, String expression, boolean nullable, String size, Safety safety) {
        Finding f =
                only(
                        rule.check(
                                column(expression, nullable),
                                RuleFixtures.context(mode).pg(10).size(ORDERS, size).build()));
        assertThat(f.ruleId()).isEqualTo("add-column-default-rewrites-before-pg11");
        assertThat(f.safety()).isEqualTo(safety);
        assertThat(f.lock()).isEqualTo(LockLevel.ACCESS_EXCLUSIVE);
    }

    @Test
    void messageNamesVersionAndRewrite() {
        Finding f = only(rule.check(column("'new'", true), RuleFixtures.written().pg(10).build()));
        assertThat(f.what())
                .startsWith(
                        "On PostgreSQL 10, ADD COLUMN orders.status2 DEFAULT 'new' writes the"
                                + " default into every existing row")
                .contains("for the whole rewrite");
    }

    @ParameterizedTest(name = "PG {0} never fires ({1})")
    @CsvSource({"11, written", "11, planned", "16, written", "18, planned"})
    void neverFiresFrom11(int pg, String mode) {
        assertThat(rule.check(column("'new'", false), RuleFixtures.context(mode).pg(pg).build()))
                .isEmpty();
    }

    @Test
    void volatileSequenceAndMissingDefaultsAreOtherRulesBusiness() {
        JudgeContext pg10 = RuleFixtures.written().pg(10).build();
        assertThat(rule.check(column("random()", true), pg10)).isEmpty();
        assertThat(rule.check(column("nextval('s'::regclass)", true), pg10)).isEmpty();
        assertThat(rule.check(addColumn(Column.of("plain", SqlType.of("text"), true)), pg10))
                .isEmpty();
        assertThat(rule.appliesTo(Change.Kind.DROP_COLUMN)).isFalse();
    }
}
