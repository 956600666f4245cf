package dev.evoplan.rules;

import static dev.evoplan.rules.RuleFixtures.CUSTOMERS;
import static dev.evoplan.rules.RuleFixtures.INVOICES;
import static dev.evoplan.rules.RuleFixtures.ORDERS;
import static dev.evoplan.rules.RuleFixtures.index;
import static dev.evoplan.rules.RuleFixtures.only;
import static org.assertj.core.api.Assertions.assertThat;

import dev.evoplan.diff.Change;
import dev.evoplan.model.Column;
import dev.evoplan.model.DefaultValue;
import dev.evoplan.model.Origin;
import dev.evoplan.model.SourceChange;
import dev.evoplan.model.SourceChangeset;
import dev.evoplan.model.SqlType;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChangesetHoldsLockUntilCommitTest {
    private static final Origin CHANGESET_ORIGIN =
            new Origin("db/changelog/new.yaml", 3, "7", "alice", null);

    /** One written change and the typed change the differ makes of it. */
    private record Step(SourceChange source, Change change) {}

    private static Step step(String changeType, String sql, Change change) {
        SourceChange source =
                new SourceChange(
                        SourceChange.Kind.SCHEMA,
                        changeType,
                        new Origin("db/changelog/new.yaml", 5, "7", "alice", null),
                        List.of(sql),
                        RuleFixtures.shop(),
                        RuleFixtures.shop(),
                        List.of(),
                        null);
        return new Step(source, change);
    }

    private static Step addColumn(String table) {
        return step(
                "addColumn",
                "ALTER TABLE " + table + " ADD COLUMN shipped_at timestamptz",
                new Change.AddColumn(
                        dev.evoplan.model.QualifiedName.of(table),
                        Column.of("shipped_at", SqlType.of("timestamptz"), true)));
    }

    private static Step createIndex(String table) {
        return step(
                "createIndex",
                "CREATE INDEX " + table + "_x_idx ON " + table + " (x)",
                new Change.CreateIndex(
                        index(
                                table + "_x_idx",
                                dev.evoplan.model.QualifiedName.of(table),
                                false,
                                "x")));
    }

    private static Step setDefault(String table) {
        return step(
                "addDefaultValue",
                "ALTER TABLE " + table + " ALTER COLUMN status SET DEFAULT 'new'",
                new Change.SetDefault(
                        dev.evoplan.model.QualifiedName.of(table),
                        "status",
                        null,
                        DefaultValue.of("'new'")));
    }

    private static Step data(String operation, String table) {
        return step(
                operation,
                operation.toUpperCase(java.util.Locale.ROOT) + " " + table,
                new Change.DataChange(
                        dev.evoplan.model.QualifiedName.of(table),
                        operation,
                        operation + " " + table));
    }

    /** Judges each change of the changeset as written, then the changeset. */
    private static List<Finding> judge(
            boolean transactional, RuleFixtures.Context base, Step... steps) {
        return judge("db/changelog/new.yaml::7::alice", transactional, base, steps);
    }

    private static List<Finding> judge(
            String identity, boolean transactional, RuleFixtures.Context base, Step... steps) {
        List<SourceChange> sources = new ArrayList<>();
        for (Step s : steps) {
            sources.add(s.source());
        }
        SourceChangeset changeset =
                new SourceChangeset(identity, CHANGESET_ORIGIN, "9:0a1b", transactional, sources);
        List<Finding> perChange = new ArrayList<>();
        for (Step s : steps) {
            perChange.addAll(
                    Judge.judge(s.change(), base.source(s.source()).changeset(changeset).build()));
        }
        return Judge.judgeChangeset(
                changeset, perChange, base.source(null).changeset(changeset).build());
    }

    @Test
    void briefLockHeldDuringAnIndexBuildOnAnotherTableIsDowntime() {
        Finding f =
                only(
                        judge(
                                true,
                                RuleFixtures.written(),
                                addColumn("orders"),
                                createIndex("customers")));
        assertThat(f.ruleId()).isEqualTo("changeset-holds-lock-until-commit");
        assertThat(f.safety()).isEqualTo(Safety.DOWNTIME);
        assertThat(f.lock()).isEqualTo(LockLevel.ACCESS_EXCLUSIVE);
        assertThat(f.table()).isEqualTo(ORDERS);
        assertThat(f.change()).isNull();
        assertThat(f.origin()).isEqualTo(CHANGESET_ORIGIN);
        assertThat(f.writtenSql())
                .containsExactly(
                        "ALTER TABLE orders ADD COLUMN shipped_at timestamptz",
                        "CREATE INDEX customers_x_idx ON customers (x)");
        assertThat(f.what())
                .isEqualTo(
                        "Changeset db/changelog/new.yaml::7::alice runs in one transaction: ADD COLUMN"
                                + " orders.shipped_at takes an ACCESS EXCLUSIVE lock on orders until commit, which blocks all reads and"
                                + " writes, and the later CREATE INDEX customers_x_idx scans or rewrites customers while it is held");
    }

    @Test
    void accessExclusiveHeldDuringABuildOnTheSameTableAlsoBlocksReads() {
        Finding f =
                only(
                        judge(
                                true,
                                RuleFixtures.written(),
                                addColumn("orders"),
                                createIndex("orders")));
        assertThat(f.safety()).isEqualTo(Safety.DOWNTIME);
        assertThat(f.table()).isEqualTo(ORDERS);
    }

    @Test
    void shareLockHeldDuringASecondBuildIsDowntime() {
        Finding f =
                only(
                        judge(
                                true,
                                RuleFixtures.written(),
                                createIndex("orders"),
                                createIndex("customers")));
        assertThat(f.safety()).isEqualTo(Safety.DOWNTIME);
        assertThat(f.lock()).isEqualTo(LockLevel.SHARE);
        assertThat(f.table()).isEqualTo(ORDERS);
    }

    @Test
    void aWholeTableUpdateAfterAStrongLockIsDowntime() {
        Finding f =
                only(
                        judge(
                                true,
                                RuleFixtures.written(),
                                addColumn("orders"),
                                data("update", "orders")));
        assertThat(f.safety()).isEqualTo(Safety.DOWNTIME);
        assertThat(f.what()).contains("updates rows of orders in one statement");
    }

    @Test
    void strongLocksOnTwoTablesWithoutALongStatementAreMultiStep() {
        RuleFixtures.Context small = RuleFixtures.written().rows(CUSTOMERS, 500);
        Finding f = only(judge(true, small, addColumn("orders"), createIndex("customers")));
        assertThat(f.safety()).isEqualTo(Safety.MULTI_STEP);
        assertThat(f.lock()).isEqualTo(LockLevel.ACCESS_EXCLUSIVE);
        assertThat(f.what()).contains("ACCESS EXCLUSIVE on orders").contains("SHARE on customers");
        assertThat(
                        only(judge(
                                        true,
                                        RuleFixtures.written(),
                                        setDefault("orders"),
                                        setDefault("customers")))
                                .safety())
                .isEqualTo(Safety.MULTI_STEP);
    }

    @Test
    void aTransactionBlockOfASqlFileIsNamedAsOne() {
        Finding downtime =
                only(
                        judge(
                                "V3__x.sql (transaction 2)",
                                true,
                                RuleFixtures.written(),
                                addColumn("orders"),
                                createIndex("customers")));
        assertThat(downtime.what())
                .startsWith(
                        "Transaction 2 of V3__x.sql: ADD COLUMN orders.shipped_at takes an"
                                + " ACCESS EXCLUSIVE lock on orders until commit");
        assertThat(downtime.fix())
                .startsWith("Split the transaction: ")
                .doesNotContain("changeset");
        Finding multi =
                only(
                        judge(
                                "V3__x.sql (transaction 2)",
                                true,
                                RuleFixtures.written(),
                                setDefault("orders"),
                                setDefault("customers")));
        assertThat(multi.what())
                .startsWith("Transaction 2 of V3__x.sql holds ACCESS EXCLUSIVE on orders");
        assertThat(multi.fix()).startsWith("Split the transaction so that");
    }

    @Test
    void nonTransactionalChangesetsDoNotFire() {
        assertThat(
                        judge(
                                false,
                                RuleFixtures.written(),
                                addColumn("orders"),
                                createIndex("customers")))
                .isEmpty();
    }

    @Test
    void briefLocksOnOneTableDoNotFire() {
        assertThat(judge(true, RuleFixtures.written(), addColumn("orders"))).isEmpty();
        assertThat(judge(true, RuleFixtures.written(), addColumn("orders"), setDefault("orders")))
                .isEmpty();
        assertThat(
                        judge(
                                true,
                                RuleFixtures.written(),
                                data("insert", "orders"),
                                addColumn("orders")))
                .isEmpty();
    }

    @Test
    void locksOnNewTablesDoNotCount() {
        RuleFixtures.Context fresh = RuleFixtures.written().fresh(INVOICES);
        assertThat(judge(true, fresh, addColumn("invoices"), createIndex("customers"))).isEmpty();
    }

    @Test
    void aLongStatementFirstHoldsNothingBeforeIt() {
        // The build on orders comes first: nothing is held while it runs.
        assertThat(
                        only(judge(
                                        true,
                                        RuleFixtures.written().rows(CUSTOMERS, 10),
                                        createIndex("orders"),
                                        setDefault("customers")))
                                .safety())
                .isEqualTo(Safety.MULTI_STEP);
    }
}
