package dev.evoplan.rules;

import static dev.evoplan.rules.RuleFixtures.ORDERS;
import static dev.evoplan.rules.RuleFixtures.only;
import static org.assertj.core.api.Assertions.assertThat;

import dev.evoplan.diff.Change;
import dev.evoplan.model.SqlType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ChangeColumnTypeRewritesTest {
    private final ChangeRule rule = new ChangeColumnTypeRewrites();

    private static Change alter(String from, String to, String using) {
        return new Change.AlterColumnType(
                ORDERS, "amount", SqlType.parse(from), SqlType.parse(to), using);
    }

    @ParameterizedTest(name = "{0} on PG {1}: {2} -> {3}, {4} table -> {5}")
    @CsvSource({
        "written, 16, integer,      bigint,      unknown, DOWNTIME",
        "written, 10, varchar(100), varchar(50), large,   DOWNTIME",
        "written, 18, text,         varchar(20), unknown, DOWNTIME",
        "written, 16, 'numeric(10,2)', 'numeric(12,4)', unknown, DOWNTIME",
        "written, 16, integer,      bigint,      small,   SAFE",
        "written, 16, integer,      bigint,      new,     SAFE",
        "planned, 16, integer,      bigint,      unknown, MULTI_STEP",
        "planned, 10, integer,      bigint,      large,   MULTI_STEP",
    })
    void rewritingTypeChanges(
            String mode, int pg, String from, String to, String size, Safety safety) {
        Finding f =
                only(
                        rule.check(
                                alter(from, to, null),
                                RuleFixtures.context(mode).pg(pg).size(ORDERS, size).build()));
        assertThat(f.ruleId()).isEqualTo("change-column-type-rewrites");
        assertThat(f.safety()).isEqualTo(safety);
        assertThat(f.lock()).isEqualTo(LockLevel.ACCESS_EXCLUSIVE);
    }

    @Test
    void aPartitionedTableIsRewrittenInPlaceEvenAsPlanned() {
        // No replacement column on a partitioned table (the planner changes the type in place):
        // the verdict is the rewrite's, not the expand-and-contract's.
        var shop = RuleFixtures.shop();
        var partitioned =
                shop.withTable(
                        shop.tables()
                                .get(ORDERS)
                                .withPartitioning(dev.evoplan.model.Partitioning.by("LIST")));
        Finding f =
                only(
                        rule.check(
                                alter("integer", "bigint", null),
                                RuleFixtures.planned().before(partitioned).build()));
        assertThat(f.safety()).isEqualTo(Safety.DOWNTIME);
        assertThat(f.what()).contains("rewrites the table");
    }

    @ParameterizedTest(name = "{0} -> {1} is binary-compatible")
    @CsvSource({
        "varchar(50),   varchar(100)",
        "varchar(50),   varchar",
        "varchar(50),   text",
        "text,          varchar",
        "'numeric(10,2)', 'numeric(12,2)'",
        "'numeric(10,2)', numeric",
        "timestamp(3),  timestamp(6)",
    })
    void binaryCompatibleWideningDoesNotFire(String from, String to) {
        assertThat(rule.check(alter(from, to, null), RuleFixtures.written().build())).isEmpty();
        assertThat(rule.check(alter(from, to, null), RuleFixtures.planned().pg(10).build()))
                .isEmpty();
    }

    @Test
    void usingExpressionAlwaysCountsAsARewrite() {
        Finding f =
                only(
                        rule.check(
                                alter("varchar(50)", "varchar(100)", "upper(amount)"),
                                RuleFixtures.written().build()));
        assertThat(f.safety()).isEqualTo(Safety.DOWNTIME);
        assertThat(f.what()).contains("USING upper(amount)");
    }

    @ParameterizedTest(name = "timestamp <-> timestamptz on PG {0} is counted as a rewrite")
    @CsvSource({
        "11, timestamp,   timestamptz, before PostgreSQL 12 this always rewrites",
        "12, timestamp,   timestamptz, only when the session TimeZone is UTC",
        "18, timestamptz, timestamp,   only when the session TimeZone is UTC",
    })
    void timeZoneChangesAreConservative(int pg, String from, String to, String note) {
        Finding f = only(rule.check(alter(from, to, null), RuleFixtures.written().pg(pg).build()));
        assertThat(f.safety()).isEqualTo(Safety.DOWNTIME);
        assertThat(f.what()).contains(note);
    }

    @Test
    void messageSaysRewriteAndLock() {
        Finding f =
                only(rule.check(alter("integer", "bigint", null), RuleFixtures.written().build()));
        assertThat(f.what())
                .isEqualTo(
                        "ALTER COLUMN orders.amount TYPE bigint (integer to bigint) rewrites the table"
                                + " and its indexes and takes an ACCESS EXCLUSIVE lock for the whole rewrite of the table, which blocks"
                                + " all reads and writes");
    }

    @Test
    void doesNotJudgeOtherChanges() {
        assertThat(rule.appliesTo(Change.Kind.SET_DEFAULT)).isFalse();
        assertThat(
                        rule.check(
                                new Change.DropDefault(ORDERS, "amount", null),
                                RuleFixtures.written().build()))
                .isEmpty();
    }
}
