package dev.evoplan.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Statements the schema model does not hold but whose lock is measured (LockCase.judge): each is
 * judged by that lock, as lint reads it, and none is handed to a person unread; code (unknown
 * functions, DO blocks) still is.
 */
class KnownLockStatementTest {
    private static final String DOMAIN =
            "CREATE DOMAIN email AS text; ALTER TABLE orders ADD COLUMN mail email; ";

    private static List<String> lint(String sql) {
        return LintedSqlTest.findings(sql, true, "5s", Map.of()).stream()
                .filter(f -> !f.ruleId().equals("strong-lock-without-lock-timeout"))
                .map(f -> f.ruleId() + " " + f.safety() + " " + f.lock() + " " + f.table())
                .toList();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "CREATE STATISTICS orders_st ON status, email FROM orders | known-lock-statement SAFE SHARE_UPDATE_EXCLUSIVE orders",
                "DROP STATISTICS orders_st                                | known-lock-statement SAFE SHARE_UPDATE_EXCLUSIVE null",
                "SELECT setval('orders_id_seq', 1000)                      | known-lock-statement SAFE NONE null",
                "SELECT setval(pg_get_serial_sequence('orders', 'id'), (SELECT max(id) FROM orders)) | known-lock-statement SAFE NONE null",
                "LOCK TABLE orders IN SHARE MODE                          | known-lock-statement SAFE SHARE orders",
                "LOCK orders                                              | known-lock-statement SAFE ACCESS_EXCLUSIVE orders",
                "LOCK TABLE orders IN ACCESS SHARE MODE NOWAIT            | known-lock-statement SAFE ACCESS_SHARE orders",
                "CREATE DOMAIN email AS text CHECK (VALUE LIKE '%@%')     | known-lock-statement SAFE NONE null",
                "CREATE FOREIGN TABLE remote_orders (id int) SERVER archive | known-lock-statement SAFE NONE null",
                "DROP DATABASE legacy                                     | drop-database-in-migration DOWNTIME NONE null",
                "CLUSTER orders_created_at_idx ON orders                  | table-rewrite-statement DOWNTIME ACCESS_EXCLUSIVE orders",
                "MERGE INTO orders o USING customers c ON o.customer_id = c.id WHEN MATCHED THEN DELETE | data-change-unbatched MULTI_STEP ROW_EXCLUSIVE orders",
                "CREATE TABLE orders_copy AS SELECT id, extract(year FROM created_at) AS y FROM orders JOIN customers c ON true | known-lock-statement SAFE ACCESS_SHARE orders",
                "CREATE TEMPORARY TABLE orders_temp AS WITH q AS (SELECT 1) SELECT * FROM orders | known-lock-statement SAFE ACCESS_SHARE orders",
                "CREATE TABLE orders_like (LIKE orders INCLUDING ALL)     | known-lock-statement SAFE ACCESS_SHARE orders",
                "CREATE TABLE orders_2024 PARTITION OF orders FOR VALUES FROM ('2024-01-01') TO ('2025-01-01') | known-lock-statement SAFE ACCESS_EXCLUSIVE orders",
                "COMMENT ON INDEX orders_created_at_idx IS 'by day'      | known-lock-statement SAFE SHARE_UPDATE_EXCLUSIVE orders_created_at_idx",
                "COMMENT ON INDEX orders_created_at_idx IS NULL          | known-lock-statement SAFE SHARE_UPDATE_EXCLUSIVE orders_created_at_idx",
                "COMMENT ON MATERIALIZED VIEW order_totals IS 'per customer' | known-lock-statement SAFE SHARE_UPDATE_EXCLUSIVE order_totals",
                "COMMENT ON SEQUENCE orders_id_seq IS 'ids'              | known-lock-statement SAFE SHARE_UPDATE_EXCLUSIVE orders_id_seq",
                "COMMENT ON CONSTRAINT orders_pkey ON orders IS 'key'    | known-lock-statement SAFE ACCESS_SHARE orders",
                "COMMENT ON TRIGGER orders_audit ON public.orders IS 'audit' | known-lock-statement SAFE ACCESS_SHARE orders",
                "COMMENT ON CONSTRAINT positive ON DOMAIN amount IS 'x'  | known-lock-statement SAFE NONE null",
                "COMMENT ON TYPE mood IS 'how it went'                   | known-lock-statement SAFE NONE null",
                "COMMENT ON FUNCTION f(integer) IS 'f'                   | known-lock-statement SAFE NONE null",
                "COMMENT ON EXTENSION plpgsql IS 'PL/pgSQL procedural language' | known-lock-statement SAFE NONE null",
            })
    void judgedByItsMeasuredLock(String sql, String expected) {
        assertThat(lint(sql)).containsExactly(expected);
    }

    /** A partitioned table with one partition and an ON ONLY index, made by an earlier file. */
    private static final String PARTITIONED =
            "CREATE TABLE events (id int, at date) PARTITION BY RANGE (at);"
                    + " CREATE TABLE events_2024 PARTITION OF events"
                    + " FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');"
                    + " CREATE INDEX events_at_idx ON ONLY events (at);";

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "CREATE INDEX events_id_idx ON ONLY events (id)                      | known-lock-statement SAFE SHARE events",
                "ALTER INDEX events_at_idx ATTACH PARTITION events_2024_at_idx       | known-lock-statement SAFE ACCESS_SHARE events",
                "CREATE INDEX CONCURRENTLY events_id_idx ON events (id)              | opaque-change-needs-review NEEDS_REVIEW ACCESS_EXCLUSIVE null",
                "DROP INDEX CONCURRENTLY events_at_idx                               | opaque-change-needs-review NEEDS_REVIEW ACCESS_EXCLUSIVE null",
                "CREATE INDEX events_id_idx ON events (id)                           | create-index-non-concurrent DOWNTIME SHARE events",
            })
    void indexesOfAPartitionedTable(String sql, String expected) {
        List<String> findings =
                LockCase.judge(PARTITIONED, LockCase.flags("any", sql).autocommit("SELECT 1"), 16)
                        .stream()
                        .filter(f -> !f.ruleId().equals("strong-lock-without-lock-timeout"))
                        .map(f -> f.ruleId() + " " + f.safety() + " " + f.lock() + " " + f.table())
                        .toList();
        assertThat(findings).containsExactly(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "ALTER DOMAIN email ADD CONSTRAINT has_at CHECK (VALUE LIKE '%@%')           | add-domain-constraint-scans-columns DOWNTIME SHARE orders",
                "ALTER DOMAIN email ADD CONSTRAINT has_at CHECK (VALUE LIKE '%@%') NOT VALID | known-lock-statement SAFE NONE orders",
                "ALTER DOMAIN email DROP CONSTRAINT IF EXISTS has_at                         | known-lock-statement SAFE NONE null",
                "DROP DOMAIN email_unused                                                    | known-lock-statement SAFE NONE null",
                "DROP SCHEMA IF EXISTS archive                                               | known-lock-statement SAFE NONE null",
            })
    void domainsScanOnlyWhenAConstraintIsAddedValid(String sql, String expected) {
        List<String> findings = lint(DOMAIN + sql);
        assertThat(findings.get(findings.size() - 1)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "SELECT migrate_orders()",
                "SELECT setval('orders_id_seq', 1), migrate_orders()",
                "DO $$ BEGIN PERFORM 1; END $$",
                "ALTER DOMAIN email RENAME TO address",
                "DROP DOMAIN email CASCADE",
                "DROP SCHEMA archive CASCADE",
                "ALTER TABLE orders ALTER CONSTRAINT orders_fk DEFERRABLE, ADD COLUMN note text",
                "CREATE TABLE orders_child (note text) INHERITS (orders)",
            })
    void codeAndFormsWithoutAKnownLockStillNeedReview(String sql) {
        List<String> findings = lint(DOMAIN + sql);
        assertThat(findings.get(findings.size() - 1))
                .startsWith("opaque-change-needs-review NEEDS_REVIEW");
    }

    /** Two foreign keys of orders, made by an earlier statement. */
    private static final String FOREIGN_KEYS =
            "ALTER TABLE orders ADD CONSTRAINT orders_fk FOREIGN KEY (customer_id) REFERENCES"
                    + " customers, ADD CONSTRAINT orders_fk2 FOREIGN KEY (id) REFERENCES customers"
                    + " DEFERRABLE; ";

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "ALTER TABLE orders ALTER CONSTRAINT orders_fk DEFERRABLE INITIALLY DEFERRED",
                "ALTER TABLE orders ALTER CONSTRAINT orders_fk2 NOT DEFERRABLE",
                "ALTER TABLE orders ALTER CONSTRAINT orders_fk INITIALLY DEFERRED, ALTER CONSTRAINT orders_fk2 NOT DEFERRABLE",
                // Already so: the model does not change, the lock is taken all the same.
                "ALTER TABLE orders ALTER CONSTRAINT orders_fk NOT DEFERRABLE",
            })
    void alterConstraintOfAForeignKeyIsJudgedByItsLock(String sql) {
        List<String> findings = lint(FOREIGN_KEYS + sql);
        assertThat(findings.get(findings.size() - 1))
                .isEqualTo("known-lock-statement SAFE ACCESS_EXCLUSIVE orders");
    }

    @org.junit.jupiter.api.Test
    void alterConstraintMixedWithOtherActionsIsJudgedWithItsLock() {
        String fk =
                "ALTER TABLE orders ADD CONSTRAINT orders_fk FOREIGN KEY (customer_id)"
                        + " REFERENCES customers DEFERRABLE; ";
        assertThat(
                        lint(
                                fk
                                        + "ALTER TABLE orders ALTER COLUMN status SET NOT NULL,"
                                        + " ALTER CONSTRAINT orders_fk NOT DEFERRABLE"))
                .noneMatch(f -> f.contains("NEEDS_REVIEW"))
                .contains("known-lock-statement SAFE ACCESS_EXCLUSIVE orders")
                .anyMatch(f -> f.startsWith("set-not-null-scans-table"));
        assertThat(
                        lint(
                                fk
                                        + "ALTER TABLE orders ENABLE ROW LEVEL SECURITY,"
                                        + " ALTER CONSTRAINT orders_fk INITIALLY DEFERRED"))
                .noneMatch(f -> f.contains("NEEDS_REVIEW"))
                .contains("known-lock-statement SAFE ACCESS_EXCLUSIVE orders");
    }

    @org.junit.jupiter.api.Test
    void anAlterConstraintThatChangesNothingIsCoveredOnlyByAnExclusiveAction() {
        String setup =
                FOREIGN_KEYS
                        + "ALTER TABLE orders ADD CONSTRAINT orders_ck CHECK (id > 0) NOT VALID; ";
        // orders_fk is already NOT DEFERRABLE: the model does not change, the lock is the DROP's.
        assertThat(
                        lint(
                                setup
                                        + "ALTER TABLE orders DROP CONSTRAINT orders_ck,"
                                        + " ALTER CONSTRAINT orders_fk NOT DEFERRABLE"))
                .noneMatch(f -> f.contains("NEEDS_REVIEW"));
        // VALIDATE takes SHARE UPDATE EXCLUSIVE only: the ALTER CONSTRAINT the model does not show
        // is judged on its own, by its own ACCESS EXCLUSIVE.
        assertThat(
                        lint(
                                setup
                                        + "ALTER TABLE orders VALIDATE CONSTRAINT orders_ck,"
                                        + " ALTER CONSTRAINT orders_fk NOT DEFERRABLE"))
                .noneMatch(f -> f.contains("NEEDS_REVIEW"))
                .contains("known-lock-statement SAFE ACCESS_EXCLUSIVE orders");
    }

    @org.junit.jupiter.api.Test
    void aSettingBesideAChangeTheModelShowsIsJudgedByItsOwnLock() {
        String setup = "ALTER TABLE orders ADD CONSTRAINT orders_ck CHECK (id > 0) NOT VALID; ";
        int before = lint(setup).size();
        // SET STORAGE takes ACCESS EXCLUSIVE; beside a VALIDATE (SHARE UPDATE EXCLUSIVE) no
        // finding claimed it.
        List<String> storage =
                lint(
                        setup
                                + "ALTER TABLE orders VALIDATE CONSTRAINT orders_ck,"
                                + " ALTER COLUMN status SET STORAGE EXTERNAL");
        assertThat(storage.subList(before, storage.size()))
                .anyMatch(f -> f.endsWith(" ACCESS_EXCLUSIVE orders"))
                .noneMatch(f -> f.contains("NEEDS_REVIEW"));
        // Negative: SET STATISTICS takes SHARE UPDATE EXCLUSIVE, like the VALIDATE: no finding
        // claims more than PostgreSQL takes.
        List<String> statistics =
                lint(
                        setup
                                + "ALTER TABLE orders VALIDATE CONSTRAINT orders_ck,"
                                + " ALTER COLUMN status SET STATISTICS 500");
        assertThat(statistics.subList(before, statistics.size()))
                .isNotEmpty()
                .noneMatch(f -> f.contains("ACCESS_EXCLUSIVE"))
                .noneMatch(f -> f.contains("NEEDS_REVIEW"));
    }

    private static final String WITH_DEFAULT =
            PARTITIONED + " CREATE TABLE events_other PARTITION OF events DEFAULT;";

    private static List<Finding> createPartition(String setup, int major) {
        return LockCase.judge(
                        setup,
                        LockCase.flags(
                                        "known-lock-statement",
                                        "CREATE TABLE events_2025 PARTITION OF events"
                                                + " FOR VALUES FROM ('2025-01-01') TO ('2026-01-01')")
                                .autocommit("SELECT 1"),
                        major)
                .stream()
                .filter(f -> !f.ruleId().equals("strong-lock-without-lock-timeout"))
                .toList();
    }

    @org.junit.jupiter.api.Test
    void aNewPartitionBesideADefaultPartitionScansItUnderAccessExclusive() {
        Finding f = RuleFixtures.only(createPartition(WITH_DEFAULT, 16));
        assertThat(f.safety()).isEqualTo(Safety.DOWNTIME);
        assertThat(f.lock()).isEqualTo(LockLevel.ACCESS_EXCLUSIVE);
        assertThat(f.what())
                .contains("on events_other, the DEFAULT partition,")
                .contains("for the whole scan");
        assertThat(f.fix())
                .contains("CHECK constraint that excludes the new bound")
                .contains("standalone")
                .contains("ATTACH PARTITION");
        assertThat(RuleFixtures.only(createPartition(WITH_DEFAULT, 11)).fix())
                .doesNotContain("parent takes only SHARE UPDATE EXCLUSIVE");
    }

    @org.junit.jupiter.api.Test
    void withoutADefaultPartitionTheCreateStaysBrief() {
        Finding f = RuleFixtures.only(createPartition(PARTITIONED, 16));
        assertThat(f.safety()).isEqualTo(Safety.SAFE);
        assertThat(f.what()).doesNotContain("the DEFAULT partition,").contains("catalog update");
        // A DEFAULT partition made in the same migration is new and empty: nothing to scan.
        List<Finding> sameFile =
                LintedSqlTest.findings(
                        WITH_DEFAULT
                                + " CREATE TABLE events_2025 PARTITION OF events"
                                + " FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');",
                        true,
                        "5s",
                        Map.of());
        assertThat(sameFile).noneMatch(x -> x.safety() == Safety.DOWNTIME);
    }

    @org.junit.jupiter.api.Test
    void thePartitionFixOffersAttachPartitionOnlyWhereItTakesLess() {
        dev.evoplan.diff.Change create =
                new dev.evoplan.diff.Change.Maintenance(
                        dev.evoplan.model.QualifiedName.of("orders"),
                        dev.evoplan.diff.Change.Maintenance.Operation.CREATE_PARTITION,
                        false,
                        "CREATE TABLE orders_2024 PARTITION OF orders DEFAULT");
        KnownLockStatement rule = new KnownLockStatement();
        assertThat(
                        RuleFixtures.only(rule.check(create, RuleFixtures.written().pg(16).build()))
                                .fix())
                .contains("from PostgreSQL 12 the parent takes only SHARE UPDATE EXCLUSIVE");
        assertThat(
                        RuleFixtures.only(rule.check(create, RuleFixtures.written().pg(11).build()))
                                .fix())
                .doesNotContain("SHARE UPDATE EXCLUSIVE")
                .contains("before PostgreSQL 12 ATTACH PARTITION takes ACCESS EXCLUSIVE");
    }

    @org.junit.jupiter.api.Test
    void anIndexOnAMaterializedViewFoldsAndLocksOnlyTheView() {
        assertThat(lint("CREATE UNIQUE INDEX order_totals_id ON order_totals (customer_id)"))
                .containsExactly("known-lock-statement SAFE SHARE order_totals");
        assertThat(lint("CREATE INDEX CONCURRENTLY order_totals_n ON order_totals (n)"))
                .containsExactly("known-lock-statement SAFE SHARE_UPDATE_EXCLUSIVE order_totals");
    }

    @org.junit.jupiter.api.Test
    void dropCascadeTakesTheViewsThatReadTheDroppedRelationWithIt() {
        List<String> findings =
                lint(
                        """
                CREATE VIEW order_view AS SELECT id, status FROM orders;
                CREATE MATERIALIZED VIEW order_mview AS SELECT * FROM order_view;
                CREATE VIEW order_mview_summary AS SELECT count(*) FROM order_mview;
                DROP VIEW order_view CASCADE;
                CREATE VIEW order_view AS SELECT id FROM orders;
                CREATE MATERIALIZED VIEW order_mview AS SELECT * FROM order_view;
                CREATE VIEW order_mview_summary AS SELECT count(*) FROM order_mview;
                """);
        assertThat(findings).noneMatch(f -> f.contains("NEEDS_REVIEW"));
    }

    @org.junit.jupiter.api.Test
    void renamingAnEnumLabelIsMultiStepAndKeepsTheNewLabelInTheModel() {
        List<String> findings =
                lint(
                        """
                CREATE TYPE mood AS ENUM ('sad', 'happy');
                ALTER TYPE mood RENAME VALUE 'sad' TO 'unhappy';
                ALTER TYPE mood ADD VALUE 'calm' AFTER 'unhappy';
                """);
        assertThat(findings)
                .containsExactly(
                        "metadata-only-change SAFE NONE null",
                        "rename-enum-value-breaks-running-code MULTI_STEP NONE null",
                        "metadata-only-change SAFE NONE null");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "CREATE TABLE orders_copy AS SELECT id FROM orders | ACCESS SHARE conflicts only with ACCESS EXCLUSIVE: the copy may take long",
                "CREATE TABLE orders_2024 PARTITION OF orders FOR VALUES FROM ('2024-01-01') TO ('2025-01-01') | Only the catalog changes, but ACCESS EXCLUSIVE on the parent waits for every running query",
            })
    void whyNamesTheLockTheFindingTakes(String sql, String why) {
        assertThat(
                        LintedSqlTest.findings(sql, true, "5s", Map.of()).stream()
                                .filter(f -> f.ruleId().equals("known-lock-statement"))
                                .map(Finding::why))
                .singleElement()
                .asString()
                .startsWith(why);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "COMMENT ON TYPE mood IS 'how it went' | COMMENT ON TYPE mood takes SHARE UPDATE EXCLUSIVE on that object only and locks no table; only the catalog changes",
                "COMMENT ON CONSTRAINT orders_pkey ON orders IS 'key' | COMMENT ON CONSTRAINT orders_pkey ON orders takes SHARE UPDATE EXCLUSIVE on that object and an ACCESS SHARE lock on orders only for a catalog update",
                "COMMENT ON INDEX orders_created_at_idx IS 'by day' | COMMENT ON INDEX orders_created_at_idx takes a SHARE UPDATE EXCLUSIVE lock on orders_created_at_idx only for a catalog update",
            })
    void aCommentNamesTheLockOnTheObjectAndOnItsTable(String sql, String what) {
        assertThat(
                        LintedSqlTest.findings(sql, true, "5s", Map.of()).stream()
                                .filter(f -> f.ruleId().equals("known-lock-statement"))
                                .map(Finding::what))
                .singleElement()
                .asString()
                .startsWith(what);
    }
}
