package dev.evoplan.rules;

import static dev.evoplan.rules.RuleFixtures.ORDERS;
import static dev.evoplan.rules.RuleFixtures.assertNamesLock;
import static dev.evoplan.rules.RuleFixtures.index;
import static dev.evoplan.rules.RuleFixtures.only;
import static org.assertj.core.api.Assertions.assertThat;

import dev.evoplan.diff.Change;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CreateIndexNonConcurrentTest {
    private final ChangeRule rule = new CreateIndexNonConcurrent();
    private final Change create =
            new Change.CreateIndex(index("orders_created_at_idx", ORDERS, false, "created_at"));

    @ParameterizedTest(name = "{0} on PG {1}, {2} table -> {3}")
    @CsvSource({
        "written, 10, unknown, DOWNTIME, SHARE, 'size unknown: assumed large (pass --table-rows orders=N)'",
        "written, 16, unknown, DOWNTIME, SHARE, 'size unknown: assumed large (pass --table-rows orders=N)'",
        "written, 18, large,   DOWNTIME, SHARE, 'orders: 50,000,000 rows (large)'",
        "written, 16, small,   SAFE,     SHARE, 'orders: 1,000 rows (small)'",
        "written, 16, new,     SAFE,     SHARE, 'orders: created earlier in this migration (empty)'",
        "planned, 10, unknown, SAFE, SHARE_UPDATE_EXCLUSIVE, ",
        "planned, 16, large,   SAFE, SHARE_UPDATE_EXCLUSIVE, ",
    })
    void judgesThePlainBuildAndThePlannedConcurrentOne(
            String mode, int pg, String size, Safety safety, LockLevel lock, String sizeNote) {
        JudgeContext ctx = RuleFixtures.context(mode).pg(pg).size(ORDERS, size).build();
        Finding f = only(rule.check(create, ctx));
        assertThat(f.ruleId()).isEqualTo("create-index-non-concurrent");
        assertThat(f.safety()).isEqualTo(safety);
        assertThat(f.lock()).isEqualTo(lock);
        assertThat(f.table()).isEqualTo(ORDERS);
        assertThat(f.sizeNote()).isEqualTo(sizeNote);
        assertThat(f.change()).isSameAs(create);
        assertNamesLock(f, lock);
    }

    @Test
    void messageSaysWhichLockForHowLongAndWhatItBlocks() {
        Finding f = only(rule.check(create, RuleFixtures.written().build()));
        assertThat(f.what())
                .isEqualTo(
                        "CREATE INDEX orders_created_at_idx on orders takes a SHARE lock for the"
                                + " whole index build, which blocks writes (reads go on)");
        assertThat(f.fix()).contains("CONCURRENTLY");
    }

    @Test
    void plannedPathIsDescribed() {
        Finding f = only(rule.check(create, RuleFixtures.planned().build()));
        assertThat(f.what())
                .startsWith("As planned, CREATE INDEX CONCURRENTLY orders_created_at_idx")
                .contains("outside a transaction");
    }

    @Test
    void concurrentlyWrittenInTheSourceIsSafeAsWritten() {
        JudgeContext ctx =
                RuleFixtures.written()
                        .source(
                                RuleFixtures.source(
                                        "sql-file",
                                        "CREATE INDEX CONCURRENTLY orders_created_at_idx ON orders (created_at)"))
                        .build();
        Finding f = only(rule.check(create, ctx));
        assertThat(f.safety()).isEqualTo(Safety.SAFE);
        assertThat(f.lock()).isEqualTo(LockLevel.SHARE_UPDATE_EXCLUSIVE);
        assertThat(f.origin()).isEqualTo(RuleFixtures.ORIGIN);
        assertThat(f.writtenSql())
                .containsExactly(
                        "CREATE INDEX CONCURRENTLY orders_created_at_idx ON orders (created_at)");
    }

    @Test
    void liquibaseCreateIndexIsThePlainForm() {
        JudgeContext ctx =
                RuleFixtures.written()
                        .source(
                                RuleFixtures.source(
                                        "createIndex",
                                        "CREATE INDEX orders_created_at_idx ON public.orders(created_at)"))
                        .build();
        Finding f = only(rule.check(create, ctx));
        assertThat(f.safety()).isEqualTo(Safety.DOWNTIME);
        assertThat(f.origin().changesetId()).isEqualTo("42");
    }

    @Test
    void uniqueIndexIsNamedInTheMessage() {
        Change unique = new Change.CreateIndex(index("orders_email_idx", ORDERS, true, "email"));
        Finding f = only(rule.check(unique, RuleFixtures.written().build()));
        assertThat(f.what()).startsWith("CREATE UNIQUE INDEX orders_email_idx");
        assertThat(f.fix()).contains("CREATE UNIQUE INDEX CONCURRENTLY");
    }

    @Test
    void doesNotJudgeOtherChanges() {
        Change drop =
                new Change.DropIndex(index("orders_created_at_idx", ORDERS, false, "created_at"));
        assertThat(rule.appliesTo(Change.Kind.DROP_INDEX)).isFalse();
        assertThat(rule.appliesTo(Change.Kind.CREATE_INDEX)).isTrue();
        assertThat(rule.check(drop, RuleFixtures.written().build())).isEmpty();
    }
}
