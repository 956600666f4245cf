package dev.evoplan.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evoplan.diff.Change;
import dev.evoplan.diff.Changes;
import dev.evoplan.model.MigrationStatement;
import dev.evoplan.model.QualifiedName;
import dev.evoplan.model.Schema;
import dev.evoplan.model.SourceChange;
import dev.evoplan.source.sql.SqlParser;
import dev.evoplan.source.sql.SqlStatementApplier;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The catalogue judging SQL statements as written, the way lint runs it: each statement read by the
 * real SQL parser and folder, judged with its session state, then the statement post-pass.
 */
class LintedSqlTest {
    private static final String EXISTING =
            """
            CREATE TABLE customers (id bigint PRIMARY KEY);
            CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint, email text, status text,
                                 created_at timestamptz);
            CREATE INDEX orders_created_at_idx ON orders (created_at);
            CREATE UNIQUE INDEX orders_email_idx ON orders (email);
            CREATE MATERIALIZED VIEW order_totals AS SELECT customer_id, count(*) AS n FROM orders GROUP BY customer_id;
            """;

    /**
     * Every finding of the migration {@code sql} on the existing schema, as "rule SAFETY LOCK
     * table".
     */
    private static List<String> lint(
            String sql, boolean inTransaction, String lockTimeout, Map<String, Long> rows) {
        return findings(sql, inTransaction, lockTimeout, rows).stream()
                .map(f -> f.ruleId() + " " + f.safety() + " " + f.lock() + " " + f.table())
                .toList();
    }

    private static List<String> lint(String sql, boolean inTransaction) {
        return lint(sql, inTransaction, "5s", Map.of());
    }

    static List<Finding> findings(
            String sql, boolean inTransaction, String lockTimeout, Map<String, Long> rows) {
        SqlStatementApplier folder = new SqlStatementApplier(Schema.EMPTY);
        folder.foldAll(SqlParser.parse(EXISTING, "V1__existing.sql"));
        Map<QualifiedName, Long> stats = new java.util.HashMap<>();
        rows.forEach((t, n) -> stats.put(QualifiedName.of(t), n));
        Set<QualifiedName> created = new LinkedHashSet<>();
        List<Finding> all = new ArrayList<>();
        for (SourceChange source : folder.foldAll(SqlParser.parse(sql, "V3__x.sql"))) {
            MigrationStatement statement =
                    new MigrationStatement(source, inTransaction, 1, lockTimeout);
            JudgeContext context = null;
            List<Finding> perStatement = new ArrayList<>();
            for (Change change : Changes.of(source)) {
                context =
                        new JudgeContext(
                                Mode.AS_WRITTEN,
                                16,
                                new TableStats(stats, TableStats.DEFAULT_SMALL_TABLE_ROWS),
                                source.before(),
                                created,
                                source,
                                null,
                                statement);
                perStatement.addAll(Judge.judge(change, context));
                if (change.kind() == Change.Kind.CREATE_TABLE) {
                    created.add(change.table());
                }
            }
            all.addAll(perStatement);
            if (context != null) {
                all.addAll(Judge.judgeStatement(statement, perStatement, context));
            }
        }
        return all;
    }

    @ParameterizedTest(name = "{0} (in a transaction: {1})")
    @CsvSource(
            delimiter = '|',
            value = {
                "CREATE INDEX CONCURRENTLY orders_status_idx ON orders (status) | false | create-index-non-concurrent SAFE SHARE_UPDATE_EXCLUSIVE orders",
                "CREATE INDEX CONCURRENTLY orders_status_idx ON orders (status) | true  | concurrently-in-transaction DOWNTIME NONE orders",
                "CREATE INDEX orders_status_idx ON orders (status)              | false | create-index-non-concurrent DOWNTIME SHARE orders",
                "DROP INDEX CONCURRENTLY orders_created_at_idx                  | false | drop-index-non-concurrent SAFE SHARE_UPDATE_EXCLUSIVE orders",
                "DROP INDEX CONCURRENTLY orders_created_at_idx                  | true  | concurrently-in-transaction DOWNTIME NONE orders",
                "DROP INDEX orders_created_at_idx                               | true  | drop-index-non-concurrent MULTI_STEP ACCESS_EXCLUSIVE orders",
                "REINDEX INDEX CONCURRENTLY orders_created_at_idx               | false | reindex-non-concurrent SAFE SHARE_UPDATE_EXCLUSIVE orders",
                "REINDEX INDEX CONCURRENTLY orders_created_at_idx               | true  | concurrently-in-transaction DOWNTIME NONE orders",
                "REINDEX TABLE orders                                           | true  | reindex-non-concurrent DOWNTIME SHARE orders",
                "REFRESH MATERIALIZED VIEW CONCURRENTLY order_totals            | true  | refresh-materialized-view-blocks-reads SAFE EXCLUSIVE order_totals",
                "REFRESH MATERIALIZED VIEW order_totals                         | true  | refresh-materialized-view-blocks-reads DOWNTIME ACCESS_EXCLUSIVE order_totals",
                "VACUUM FULL orders                                             | false | table-rewrite-statement DOWNTIME ACCESS_EXCLUSIVE orders",
                "CLUSTER orders USING orders_created_at_idx                     | true  | table-rewrite-statement DOWNTIME ACCESS_EXCLUSIVE orders",
                "ALTER TABLE orders SET UNLOGGED                                | true  | table-rewrite-statement DOWNTIME ACCESS_EXCLUSIVE orders",
                "TRUNCATE orders                                                | true  | truncate-table MULTI_STEP ACCESS_EXCLUSIVE orders",
                "UPDATE orders SET status = 'x'                                 | true  | data-change-unbatched MULTI_STEP ROW_EXCLUSIVE orders",
                "DELETE FROM orders WHERE id = 1                                | true  | data-change-unbatched MULTI_STEP ROW_EXCLUSIVE orders",
                "ALTER TABLE orders ADD CONSTRAINT orders_email_key UNIQUE USING INDEX orders_email_idx | true | add-unique-builds-index-in-place SAFE ACCESS_EXCLUSIVE orders",
                "ALTER TABLE orders ADD CONSTRAINT orders_email_key UNIQUE (email) | true | add-unique-builds-index-in-place DOWNTIME ACCESS_EXCLUSIVE orders",
                "ALTER TABLE orders ADD CONSTRAINT orders_status_check CHECK (status <> '') NOT VALID | true | metadata-only-change SAFE ACCESS_EXCLUSIVE orders",
                "ALTER TABLE orders ADD CONSTRAINT orders_status_check CHECK (status <> '') | true | add-check-scans-table DOWNTIME ACCESS_EXCLUSIVE orders",
                "ALTER TABLE orders ADD CONSTRAINT orders_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES customers (id) NOT VALID | true | metadata-only-change SAFE SHARE_ROW_EXCLUSIVE orders",
                "ALTER TABLE orders ADD CONSTRAINT orders_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES customers (id) | true | add-foreign-key-scans-both-tables DOWNTIME SHARE_ROW_EXCLUSIVE orders",
                "ALTER TABLE orders ALTER COLUMN status SET NOT NULL            | true  | set-not-null-scans-table DOWNTIME ACCESS_EXCLUSIVE orders",
                "ALTER TABLE orders ADD COLUMN token uuid DEFAULT gen_random_uuid() | true | add-column-volatile-default-rewrites DOWNTIME ACCESS_EXCLUSIVE orders",
                "ALTER TABLE orders ADD COLUMN note text NOT NULL              | true  | add-column-not-null-without-default-fails DOWNTIME ACCESS_EXCLUSIVE orders",
                "ALTER TABLE orders ALTER COLUMN customer_id TYPE text          | true  | change-column-type-rewrites DOWNTIME ACCESS_EXCLUSIVE orders",
                "ALTER TABLE orders RENAME COLUMN email TO mail                 | true  | rename-column-breaks-running-code MULTI_STEP ACCESS_EXCLUSIVE orders",
                "ALTER TABLE orders DROP COLUMN email                           | true  | drop-column-breaks-running-code MULTI_STEP ACCESS_EXCLUSIVE orders",
                "ALTER TABLE orders ADD COLUMN n serial                         | true  | add-column-identity-or-generated-rewrites DOWNTIME ACCESS_EXCLUSIVE orders",
            })
    void eachStatementIsJudgedAsWritten(String sql, boolean inTransaction, String expected) {
        assertThat(lint(sql, inTransaction)).contains(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "SET search_path = app                          | none",
                "SET search_path TO app, public                 | none",
                "SET LOCAL search_path = '$user', audit          | none",
                "SET session_replication_role = replica         | opaque-change-needs-review NEEDS_REVIEW",
                "SET search_path = public                       | none",
                "SET search_path TO \"$user\", public           | none",
                "SET search_path TO DEFAULT                     | none",
                "SET session_replication_role = 'origin'        | none",
                "SET statement_timeout = '5min'                 | none",
            })
    void aSettingThatChangesWhatLaterStatementsMeanIsForAReviewer(String sql, String expected) {
        List<String> found =
                findings(sql, true, "5s", Map.of()).stream()
                        .map(f -> f.ruleId() + " " + f.safety())
                        .toList();
        if (expected.equals("none")) {
            assertThat(found).isEmpty();
        } else {
            assertThat(found).containsExactly(expected);
        }
    }

    @Test
    void aSearchPathComputedWhenItRunsIsForAReviewer() {
        String sql =
                "SELECT set_config('search_path', current_setting('search_path') || ', app',"
                        + " false)";
        assertThat(findings(sql, true, "5s", Map.of()))
                .extracting(f -> f.ruleId() + " " + f.safety())
                .containsExactly("opaque-change-needs-review NEEDS_REVIEW");
    }

    @Test
    void theFailureIsTheOnlyFindingOfAConcurrentBuildInATransaction() {
        assertThat(lint("CREATE INDEX CONCURRENTLY orders_status_idx ON orders (status);", true))
                .containsExactly("concurrently-in-transaction DOWNTIME NONE orders");
        assertThat(lint("DROP INDEX CONCURRENTLY orders_created_at_idx;", true))
                .containsExactly("concurrently-in-transaction DOWNTIME NONE orders");
    }

    @Test
    void attachingAnIndexToAConstraintDropsNothing() {
        assertThat(
                        lint(
                                "ALTER TABLE orders ADD CONSTRAINT orders_email_key UNIQUE USING INDEX orders_email_idx;",
                                true))
                .containsExactly(
                        "drop-index-non-concurrent SAFE ACCESS_EXCLUSIVE orders",
                        "add-unique-builds-index-in-place SAFE ACCESS_EXCLUSIVE orders");
        assertThat(lint("DROP INDEX orders_email_idx;", true))
                .containsExactly("drop-index-non-concurrent MULTI_STEP ACCESS_EXCLUSIVE orders");
    }

    @Test
    void detachPartitionConcurrentlyInATransactionFailsToo() {
        List<String> found =
                lint("ALTER TABLE orders DETACH PARTITION orders_2020 CONCURRENTLY;", true);
        assertThat(found).contains("concurrently-in-transaction DOWNTIME NONE orders");
        assertThat(lint("ALTER TABLE orders DETACH PARTITION orders_2020 CONCURRENTLY;", false))
                .noneMatch(f -> f.startsWith("concurrently-in-transaction"));
    }

    @Test
    void everythingOnATableCreatedInTheSameMigrationIsSafe() {
        List<String> found =
                lint(
                        """
                CREATE TABLE audit (id bigint, at timestamptz);
                CREATE INDEX audit_at_idx ON audit (at);
                VACUUM FULL audit;
                TRUNCATE audit;
                """,
                        false,
                        null,
                        Map.of());
        assertThat(found).allMatch(f -> f.contains(" SAFE ")).isNotEmpty();
        assertThat(found).noneMatch(f -> f.startsWith("strong-lock-without-lock-timeout"));
    }

    @Test
    void strongLockWithoutLockTimeoutFollowsTheStatementsOwnFindings() {
        assertThat(lint("ALTER TABLE orders ADD COLUMN note text;", true, null, Map.of()))
                .containsExactly(
                        "metadata-only-change SAFE ACCESS_EXCLUSIVE orders",
                        "strong-lock-without-lock-timeout MULTI_STEP ACCESS_EXCLUSIVE orders");
        assertThat(lint("ALTER TABLE orders ADD COLUMN note text;", true, "5s", Map.of()))
                .containsExactly("metadata-only-change SAFE ACCESS_EXCLUSIVE orders");
        assertThat(
                        lint(
                                "CREATE INDEX CONCURRENTLY orders_status_idx ON orders (status);",
                                false,
                                null,
                                Map.of()))
                .containsExactly("create-index-non-concurrent SAFE SHARE_UPDATE_EXCLUSIVE orders");
        assertThat(
                        lint(
                                "REFRESH MATERIALIZED VIEW CONCURRENTLY order_totals;",
                                false,
                                null,
                                Map.of()))
                .containsExactly(
                        "refresh-materialized-view-blocks-reads SAFE EXCLUSIVE order_totals");
    }

    @Test
    void aSmallTableMakesRewritesAndRebuildsSafe() {
        Map<String, Long> small = Map.of("orders", 500L);
        assertThat(lint("VACUUM FULL orders;", false, "5s", small))
                .containsExactly("table-rewrite-statement SAFE ACCESS_EXCLUSIVE orders");
        assertThat(lint("REINDEX TABLE orders;", false, "5s", small))
                .containsExactly("reindex-non-concurrent SAFE SHARE orders");
    }

    @Test
    void findingsCarryTheStatementsPlaceAndText() {
        Finding f = findings("\n\nTRUNCATE orders;", true, "5s", Map.of()).get(0);
        assertThat(f.origin().file()).isEqualTo("V3__x.sql");
        assertThat(f.origin().line()).isEqualTo(3);
        assertThat(f.writtenSql()).containsExactly("TRUNCATE orders");
    }
}
