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

class AddColumnIdentityOrGeneratedRewritesTest {
    private final ChangeRule rule = new AddColumnIdentityOrGeneratedRewrites();

    private static Change column(String kind) {
        Column plain = Column.of("seq", SqlType.of("bigint"), true);
        return addColumn(
                switch (kind) {
                    case "identity" -> plain.withIdentity(IdentityKind.BY_DEFAULT);
                    case "serial" ->
                            plain.withNullable(false)
                                    .withDefault(
                                            DefaultValue.of("nextval('orders_seq_seq'::regclass)"));
                    case "generated" -> plain.withGenerated("total * 2");
                    default -> throw new IllegalArgumentException(kind);
                });
    }

    @ParameterizedTest(name = "{0} on PG {1}, {2} column, {3} table -> {4}")
    @CsvSource({
        "written, 16, identity,  unknown, DOWNTIME",
        "written, 10, serial,    large,   DOWNTIME",
        "written, 18, generated, unknown, DOWNTIME",
        "written, 16, identity,  small,   SAFE",
        "written, 16, serial,    new,     SAFE",
        "planned, 16, identity,  unknown, MULTI_STEP",
        "planned, 12, serial,    unknown, MULTI_STEP",
        "planned, 11, identity,  unknown, DOWNTIME",
        "planned, 11, serial,    small,   SAFE",
        "planned, 16, generated, unknown, DOWNTIME",
        "planned, 18, generated, small,   SAFE",
    })
    void rewritesUnlessStagedAndStoredGeneratedCannotBeStaged(
            String mode, int pg, String kind, String size, Safety safety) {
        Finding f =
                only(
                        rule.check(
                                column(kind),
                                RuleFixtures.context(mode).pg(pg).size(ORDERS, size).build()));
        assertThat(f.ruleId()).isEqualTo("add-column-identity-or-generated-rewrites");
        assertThat(f.safety()).isEqualTo(safety);
        assertThat(f.lock()).isEqualTo(LockLevel.ACCESS_EXCLUSIVE);
    }

    @Test
    void messagesNameTheKindOfColumn() {
        JudgeContext ctx = RuleFixtures.written().build();
        assertThat(only(rule.check(column("serial"), ctx)).what())
                .contains("serial column")
                .contains("rewrite");
        assertThat(only(rule.check(column("identity"), ctx)).what()).contains("identity column");
        assertThat(only(rule.check(column("generated"), RuleFixtures.planned().build())).what())
                .contains("no staged path");
        assertThat(only(rule.check(column("identity"), RuleFixtures.planned().build())).what())
                .contains("ADD GENERATED AS IDENTITY");
    }

    @Test
    void plainAndVolatileDefaultColumnsDoNotFire() {
        JudgeContext ctx = RuleFixtures.written().build();
        assertThat(rule.check(addColumn(Column.of("a", SqlType.of("bigint"), true)), ctx))
                .isEmpty();
        assertThat(
                        rule.check(
                                addColumn(
                                        Column.of("b", SqlType.of("uuid"), true)
                                                .withDefault(DefaultValue.of("gen_random_uuid()"))),
                                ctx))
                .isEmpty();
        assertThat(rule.appliesTo(Change.Kind.ALTER_IDENTITY)).isFalse();
    }
}
