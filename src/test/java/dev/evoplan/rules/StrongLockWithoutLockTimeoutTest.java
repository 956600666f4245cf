package dev.evoplan.rules;

import static dev.evoplan.rules.RuleFixtures.CUSTOMERS;
import static dev.evoplan.rules.RuleFixtures.ORDERS;
import static dev.evoplan.rules.RuleFixtures.index;
import static dev.evoplan.rules.RuleFixtures.only;
import static dev.evoplan.rules.RuleFixtures.sqlSource;
import static org.assertj.core.api.Assertions.assertThat;

import dev.evoplan.diff.Change;
import dev.evoplan.model.Column;
import dev.evoplan.model.MigrationStatement;
import dev.evoplan.model.SourceChange;
import dev.evoplan.model.SqlType;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StrongLockWithoutLockTimeoutTest {
    private static final String ADD = "ALTER TABLE orders ADD COLUMN note text";
    private final Change addColumn =
            RuleFixtures.addColumn(Column.of("note", SqlType.of("text"), true));

    /** The statement's own findings, then the post-pass, as lint runs them. */
    private static List<Finding> lint(
            Change change, String sql, String lockTimeout, RuleFixtures.Context base) {
        SourceChange source =
                sqlSource(SourceChange.Kind.SCHEMA, "ALTER TABLE", change.table(), "", sql);
        JudgeContext ctx = base.source(source).statement(true, lockTimeout).build();
        List<Finding> perChange = Judge.judge(change, ctx);
        List<Finding> all = new ArrayList<>(perChange);
        all.addAll(Judge.judgeStatement(ctx.statement(), perChange, ctx));
        return all;
    }

    @Test
    void aBriefAccessExclusiveWithoutLockTimeoutQueuesTraffic() {
        List<Finding> all = lint(addColumn, ADD, null, RuleFixtures.written());
        assertThat(all)
                .extracting(Finding::ruleId)
                .containsExactly("metadata-only-change", "strong-lock-without-lock-timeout");
        Finding f = all.get(1);
        assertThat(f.safety()).isEqualTo(Safety.MULTI_STEP);
        assertThat(f.lock()).isEqualTo(LockLevel.ACCESS_EXCLUSIVE);
        assertThat(f.table()).isEqualTo(ORDERS);
        assertThat(f.what())
                .startsWith(
                        "ADD COLUMN orders.note takes an ACCESS EXCLUSIVE lock on orders until its"
                                + " transaction ends, which blocks all reads and writes, and no lock_timeout is set");
        assertThat(f.fix()).contains("SET lock_timeout");
        assertThat(f.origin()).isEqualTo(RuleFixtures.SQL_ORIGIN);
        assertThat(f.writtenSql()).containsExactly(ADD);
    }

    @Test
    void theStrongestLockOfTheStatementIsReported() {
        Change build = new Change.CreateIndex(index("orders_status_idx", ORDERS, false, "status"));
        Finding f =
                only(
                        Judge.judgeStatement(
                                new MigrationStatement(
                                        sqlSource(
                                                SourceChange.Kind.SCHEMA,
                                                "CREATE INDEX",
                                                ORDERS,
                                                "",
                                                "CREATE INDEX ..."),
                                        true,
                                        1,
                                        null),
                                List.of(
                                        only(Judge.judge(build, RuleFixtures.written().build())),
                                        only(
                                                Judge.judge(
                                                        new Change.CreateIndex(
                                                                index(
                                                                        "customers_x_idx",
                                                                        CUSTOMERS,
                                                                        false,
                                                                        "id")),
                                                        RuleFixtures.written().build()))),
                                RuleFixtures.written().statement(true, null).build()));
        assertThat(f.lock()).isEqualTo(LockLevel.SHARE);
        assertThat(f.table()).isEqualTo(ORDERS);
    }

    @Test
    void aLockTimeoutInForceSilencesIt() {
        assertThat(lint(addColumn, ADD, "5s", RuleFixtures.written()))
                .extracting(Finding::ruleId)
                .containsExactly("metadata-only-change");
    }

    @Test
    void weakLocksAndNewTablesDoNotFire() {
        Change build = new Change.CreateIndex(index("orders_status_idx", ORDERS, false, "status"));
        RuleFixtures.Context outside = RuleFixtures.written();
        SourceChange concurrent =
                sqlSource(
                        SourceChange.Kind.SCHEMA,
                        "CREATE INDEX",
                        ORDERS,
                        "",
                        "CREATE INDEX CONCURRENTLY orders_status_idx ON orders (status)");
        JudgeContext ctx = outside.source(concurrent).statement(false, null).build();
        List<Finding> perChange = Judge.judge(build, ctx);
        assertThat(perChange)
                .extracting(Finding::lock)
                .containsExactly(LockLevel.SHARE_UPDATE_EXCLUSIVE);
        assertThat(Judge.judgeStatement(ctx.statement(), perChange, ctx)).isEmpty();

        assertThat(lint(addColumn, ADD, null, RuleFixtures.written().fresh(ORDERS)))
                .extracting(Finding::ruleId)
                .containsExactly("change-on-new-table");
    }

    @Test
    void anUnreadStatementsGuessedLockDoesNotFire() {
        Change opaque = new Change.Opaque("DO", "its effect is code evoplan does not read");
        List<Finding> all = lint(opaque, "DO $$ BEGIN END $$", null, RuleFixtures.written());
        assertThat(all).extracting(Finding::ruleId).containsExactly("opaque-change-needs-review");
    }

    @Test
    void itIsAPostPassNotAPerChangeRule() {
        Rule rule = new StrongLockWithoutLockTimeout();
        assertThat(rule).isInstanceOf(StatementRule.class).isNotInstanceOf(ChangeRule.class);
        assertThat(rule.subject()).isEqualTo(Rule.Subject.STATEMENT);
    }
}
