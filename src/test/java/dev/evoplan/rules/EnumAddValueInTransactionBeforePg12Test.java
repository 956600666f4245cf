package dev.evoplan.rules;

import static dev.evoplan.rules.RuleFixtures.only;
import static org.assertj.core.api.Assertions.assertThat;

import dev.evoplan.diff.Change;
import dev.evoplan.model.EnumType;
import dev.evoplan.model.Origin;
import dev.evoplan.model.QualifiedName;
import dev.evoplan.model.SourceChangeset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EnumAddValueInTransactionBeforePg12Test {
    private final ChangeRule rule = new EnumAddValueInTransactionBeforePg12();
    private final Change add =
            new Change.AddEnumValue(QualifiedName.of("order_status"), "refunded", "paid");

    private static SourceChangeset changeset(boolean transactional) {
        return new SourceChangeset(
                "new.yaml::7::bob", Origin.file("new.yaml", 30), null, transactional, List.of());
    }

    @ParameterizedTest(name = "{0} on PG {1}, in transaction {2} -> {3}")
    @CsvSource({
        "written, 10, true,  DOWNTIME",
        "written, 11, true,  DOWNTIME",
        "planned, 10, true,  SAFE",
        "planned, 11, false, SAFE",
    })
    void failsInATransactionBefore12(String mode, int pg, boolean transactional, Safety safety) {
        Finding f =
                only(
                        rule.check(
                                add,
                                RuleFixtures.context(mode)
                                        .pg(pg)
                                        .changeset(changeset(transactional))
                                        .build()));
        assertThat(f.ruleId()).isEqualTo("enum-add-value-in-transaction-before-pg12");
        assertThat(f.safety()).isEqualTo(safety);
        assertThat(f.lock()).isEqualTo(LockLevel.NONE);
        assertThat(f.table()).isNull();
    }

    @Test
    void messageSaysItFails() {
        Finding f = only(rule.check(add, RuleFixtures.written().pg(11).build()));
        assertThat(f.what())
                .startsWith(
                        "ALTER TYPE order_status ADD VALUE 'refunded' inside the changeset's"
                                + " transaction fails on PostgreSQL 11");
        assertThat(f.fix()).contains("runInTransaction: false");
    }

    @ParameterizedTest(name = "{0} on PG {1}, in transaction {2}: no finding")
    @CsvSource({
        "written, 12, true",
        "written, 18, true",
        "planned, 12, true",
        "written, 11, false",
    })
    void doesNotFireFrom12OrOutsideATransaction(String mode, int pg, boolean transactional) {
        assertThat(
                        rule.check(
                                add,
                                RuleFixtures.context(mode)
                                        .pg(pg)
                                        .changeset(changeset(transactional))
                                        .build()))
                .isEmpty();
    }

    @Test
    void doesNotJudgeOtherChanges() {
        assertThat(rule.appliesTo(Change.Kind.CREATE_ENUM)).isFalse();
        Change create =
                new Change.CreateEnum(new EnumType(QualifiedName.of("order_status"), List.of("a")));
        assertThat(rule.check(create, RuleFixtures.written().pg(10).build())).isEmpty();
    }
}
