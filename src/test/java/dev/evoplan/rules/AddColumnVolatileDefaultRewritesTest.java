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

class AddColumnVolatileDefaultRewritesTest {
    private final ChangeRule rule = new AddColumnVolatileDefaultRewrites();

    private static Change column(String type, String defaultExpression, boolean nullable) {
        Column c = Column.of("token", SqlType.parse(type), nullable);
        return addColumn(
                defaultExpression == null ? c : c.withDefault(DefaultValue.of(defaultExpression)));
    }

    @ParameterizedTest(name = "{0} on PG {1}, default {2}, nullable {3}, {4} table -> {5}")
    @CsvSource({
        "written, 16, gen_random_uuid(), true,  unknown, DOWNTIME",
        "written, 10, random(),          true,  large,   DOWNTIME",
        "written, 18, clock_timestamp(), false, small,   SAFE",
        "written, 16, gen_random_uuid(), true,  new,     SAFE",
        "planned, 16, gen_random_uuid(), true,  unknown, MULTI_STEP",
        "planned, 10, gen_random_uuid(), true,  unknown, MULTI_STEP",
        "planned, 12, gen_random_uuid(), false, unknown, MULTI_STEP",
        "planned, 11, gen_random_uuid(), false, unknown, DOWNTIME",
        "planned, 11, gen_random_uuid(), false, small,   SAFE",
    })
    void volatileDefaultRewritesUnlessStaged(
            String mode, int pg, String expression, boolean nullable, String size, Safety safety) {
        Finding f =
                only(
                        rule.check(
                                column("uuid", expression, nullable),
                                RuleFixtures.context(mode).pg(pg).size(ORDERS, size).build()));
        assertThat(f.ruleId()).isEqualTo("add-column-volatile-default-rewrites");
        assertThat(f.safety()).isEqualTo(safety);
        assertThat(f.lock()).isEqualTo(LockLevel.ACCESS_EXCLUSIVE);
        assertThat(f.table()).isEqualTo(ORDERS);
    }

    @Test
    void messageNamesTheRewrite() {
        Finding f =
                only(
                        rule.check(
                                column("uuid", "gen_random_uuid()", true),
                                RuleFixtures.written().build()));
        assertThat(f.what())
                .isEqualTo(
                        "ADD COLUMN orders.token DEFAULT gen_random_uuid() evaluates the volatile"
                                + " default for every existing row and takes an ACCESS EXCLUSIVE lock for the whole rewrite of the"
                                + " table, which blocks all reads and writes");
        assertThat(f.sizeNote())
                .isEqualTo("size unknown: assumed large (pass --table-rows orders=N)");
        Finding planned =
                only(
                        rule.check(
                                column("uuid", "gen_random_uuid()", false),
                                RuleFixtures.planned().pg(16).build()));
        assertThat(planned.what())
                .contains("backfilled in batches")
                .contains("CHECK (token IS NOT NULL) NOT VALID");
    }

    @ParameterizedTest(name = "default {1} does not fire")
    @CsvSource({
        "text,    '''x''',",
        "timestamptz, now(),",
        "integer, 42,",
        "bigint,  nextval('orders_token_seq'::regclass),",
        "uuid,    ,",
    })
    void constantStableSequenceOrNoDefaultDoNotFire(String type, String expression) {
        assertThat(
                        rule.check(
                                column(type, expression, true),
                                RuleFixtures.written().pg(16).build()))
                .isEmpty();
    }

    @Test
    void doesNotJudgeOtherChanges() {
        assertThat(rule.appliesTo(Change.Kind.SET_DEFAULT)).isFalse();
        Change set = new Change.SetDefault(ORDERS, "status", null, DefaultValue.of("random()"));
        assertThat(rule.check(set, RuleFixtures.written().build())).isEmpty();
    }
}
