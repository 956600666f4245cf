package dev.evoplan.rules;

import static dev.evoplan.rules.LockCase.flags;
import static dev.evoplan.rules.LockCase.spares;
import static dev.evoplan.rules.LockLevel.ACCESS_EXCLUSIVE;
import static dev.evoplan.rules.LockLevel.ACCESS_SHARE;
import static dev.evoplan.rules.LockLevel.EXCLUSIVE;
import static dev.evoplan.rules.LockLevel.NONE;
import static dev.evoplan.rules.LockLevel.ROW_EXCLUSIVE;
import static dev.evoplan.rules.LockLevel.SHARE;
import static dev.evoplan.rules.LockLevel.SHARE_ROW_EXCLUSIVE;
import static dev.evoplan.rules.LockLevel.SHARE_UPDATE_EXCLUSIVE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.evoplan.testing.PostgresServers;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The lint catalogue checked against PostgreSQL itself. For every row PostgreSQL runs the statement
 * (in an open transaction, or in autocommit while a third session makes it wait) and shows its
 * strongest lock per relation ({@code pg_locks}), whether the table got a new relfilenode and
 * whether it was scanned; the row must state exactly that. Then evoplan folds and judges the
 * statement as written: the row's rule fires (or not), no finding claims more than PostgreSQL
 * takes, together they claim exactly what it takes on each table, and a claimed rewrite, scan or
 * catalog-only update is what the server showed. A new rule adds one row; rows of rules not yet in
 * the catalogue prove PostgreSQL's half and skip evoplan's.
 */
@Tag("postgres")
class LintLocksOnPostgresTest {
    /**
     * Every row starts from these: a referenced table {@code p} and a 2,000-row table {@code t}.
     */
    static final String BASE =
            """
            CREATE TABLE p (id bigint PRIMARY KEY);
            INSERT INTO p SELECT generate_series(1, 2000);
            CREATE TABLE t (id bigint PRIMARY KEY, p_id bigint, a int, b text, c varchar(10));
            INSERT INTO t SELECT g, g, g, 'b' || g, 'c' FROM generate_series(1, 2000) g;
            """;

    private static final String FK =
            "ALTER TABLE t ADD CONSTRAINT t_p_fk FOREIGN KEY (p_id) REFERENCES p (id);";
    private static final String INDEX_A = "CREATE INDEX t_a_idx ON t (a);";
    private static final String WRITER = "LOCK TABLE t IN ROW EXCLUSIVE MODE";
    private static final String DOMAIN =
            "CREATE DOMAIN posint AS int; CREATE TABLE d (id int, v posint);"
                    + " INSERT INTO d SELECT g, g FROM generate_series(1, 2000) g;";
    private static final String MV = "CREATE MATERIALIZED VIEW mv AS SELECT id, a FROM t;";
    private static final String TRIGGER_FUNCTION =
            "CREATE FUNCTION trg() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;";

    /** A range-partitioned table with one 2,000-row partition. */
    private static final String PARTITIONED =
            "CREATE TABLE pt (id bigint, k int) PARTITION BY RANGE (k);"
                    + " CREATE TABLE pt_1 PARTITION OF pt FOR VALUES FROM (0) TO (10);"
                    + " INSERT INTO pt SELECT g, g % 10 FROM generate_series(1, 2000) g;";

    private static final String PARTITIONED_DEFAULT =
            " CREATE TABLE pt_default PARTITION OF pt DEFAULT;"
                    + " INSERT INTO pt SELECT g, 100 + g FROM generate_series(1, 2000) g;";

    /** A table with rows of the bound FROM (10) TO (20), not yet a partition. */
    private static final String DETACHED =
            " CREATE TABLE pt_2 (id bigint, k int);"
                    + " INSERT INTO pt_2 SELECT g, 10 + g % 10 FROM generate_series(1, 2000) g;";

    private static final String NO_TRGM = "DROP EXTENSION IF EXISTS pg_trgm CASCADE; ";

    /** A 2,000-row table with an identity column ALWAYS and a plain sequence. */
    private static final String IDENTITY =
            "CREATE TABLE ti (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, n bigint NOT NULL,"
                    + " v bigint); INSERT INTO ti (n) SELECT generate_series(1, 2000);"
                    + " CREATE SEQUENCE s;";

    static final List<LockCase> CASES =
            List.of(
                    flags("create-index-non-concurrent", "CREATE INDEX t_a_idx ON t (a)")
                            .lock("t", SHARE)
                            .rewrite(false)
                            .scan(true),
                    flags("create-index-non-concurrent", "CREATE UNIQUE INDEX t_a_key ON t (a)")
                            .lock("t", SHARE)
                            .rewrite(false)
                            .scan(true),
                    spares(
                                    "create-index-non-concurrent",
                                    "CREATE INDEX CONCURRENTLY t_a_idx ON t (a)")
                            .autocommit(WRITER)
                            .lock("t", SHARE_UPDATE_EXCLUSIVE)
                            .rewrite(false),
                    flags("drop-index-non-concurrent", "DROP INDEX t_a_idx")
                            .setup(INDEX_A)
                            .lock("t", ACCESS_EXCLUSIVE)
                            .rewrite(false)
                            .scan(false),
                    spares("drop-index-non-concurrent", "DROP INDEX CONCURRENTLY t_a_idx")
                            .setup(INDEX_A)
                            .autocommit(WRITER)
                            .lock("t", SHARE_UPDATE_EXCLUSIVE)
                            .rewrite(false),
                    // Declarative partitioning (docs/partitioning.md). Rows named after rules
                    // not in the catalogue prove PostgreSQL's half only.
                    flags("known-lock-statement", "CREATE TABLE t_copy AS SELECT id, a FROM t")
                            .lock("t", ACCESS_SHARE)
                            .lock("p", NONE)
                            .rewrite(false)
                            .scan(true),
                    flags("known-lock-statement", "CREATE TABLE t_like (LIKE t INCLUDING ALL)")
                            .lock("t", ACCESS_SHARE)
                            .lock("p", NONE)
                            .rewrite(false)
                            .scan(false),
                    flags(
                                    "known-lock-statement",
                                    "CREATE TABLE pt_2 PARTITION OF pt FOR VALUES FROM (10) TO (20)")
                            .setup(PARTITIONED)
                            .lock("pt", ACCESS_EXCLUSIVE)
                            .lock("pt_1", NONE)
                            .rewrite(false)
                            .scan(false),
                    flags(
                                    "known-lock-statement",
                                    "CREATE TABLE pt_2 PARTITION OF pt FOR VALUES FROM (10) TO (20)")
                            .setup(PARTITIONED + PARTITIONED_DEFAULT)
                            // The DEFAULT partition first: it is the one scanned.
                            .lock("pt_default", ACCESS_EXCLUSIVE)
                            .lock("pt", ACCESS_EXCLUSIVE)
                            .lock("pt_1", NONE)
                            .rewrite(false)
                            .scan(true),
                    flags(
                                    "attach-partition",
                                    "ALTER TABLE pt ATTACH PARTITION pt_2 FOR VALUES FROM (10) TO (20)")
                            .setup(PARTITIONED + DETACHED)
                            .lock("pt_2", ACCESS_EXCLUSIVE)
                            .lock("pt", SHARE_UPDATE_EXCLUSIVE)
                            .lock("pt_1", NONE)
                            .rewrite(false)
                            .scan(true),
                    spares(
                                    "attach-partition",
                                    "ALTER TABLE pt ATTACH PARTITION pt_2 FOR VALUES FROM (10) TO (20)")
                            .setup(
                                    PARTITIONED
                                            + DETACHED
                                            + "ALTER TABLE pt_2 ADD CONSTRAINT pt_2_bound"
                                            + " CHECK (k IS NOT NULL AND k >= 10 AND k < 20);")
                            .lock("pt_2", ACCESS_EXCLUSIVE)
                            .lock("pt", SHARE_UPDATE_EXCLUSIVE)
                            .rewrite(false)
                            .scan(false),
                    // A partition dropped: its rows go, and the parent is locked too.
                    flags("drop-table-loses-data", "DROP TABLE pt_1")
                            .setup(PARTITIONED)
                            .lock("pt", ACCESS_EXCLUSIVE)
                            .lock("pt_1", ACCESS_EXCLUSIVE)
                            .rewrite(false),
                    flags("detach-partition", "ALTER TABLE pt DETACH PARTITION pt_1")
                            .setup(PARTITIONED)
                            .lock("pt", ACCESS_EXCLUSIVE)
                            .lock("pt_1", ACCESS_EXCLUSIVE)
                            .rewrite(false),
                    flags("detach-partition", "ALTER TABLE pt DETACH PARTITION pt_1 CONCURRENTLY")
                            .setup(PARTITIONED)
                            .since(14)
                            .fails("25001"),
                    flags("partitioned-index", "CREATE INDEX CONCURRENTLY pt_k_idx ON pt (k)")
                            .setup(PARTITIONED)
                            .autocommit("LOCK TABLE pt IN ROW EXCLUSIVE MODE")
                            .fails("0A000"),
                    flags("partitioned-index", "CREATE INDEX pt_k_idx ON pt (k)")
                            .setup(PARTITIONED)
                            .lock("pt_1", SHARE)
                            .lock("pt", SHARE)
                            .rewrite(false)
                            .scan(true),
                    flags("known-lock-statement", "CREATE INDEX pt_k_idx ON ONLY pt (k)")
                            .setup(PARTITIONED)
                            .lock("pt", SHARE)
                            .lock("pt_1", NONE)
                            .rewrite(false),
                    spares(
                                    "known-lock-statement",
                                    "ALTER INDEX pt_k_idx ATTACH PARTITION pt_1_k_idx")
                            .setup(
                                    PARTITIONED
                                            + "CREATE INDEX pt_k_idx ON ONLY pt (k);"
                                            + " CREATE INDEX pt_1_k_idx ON pt_1 (k);")
                            .lock("pt_1", ACCESS_SHARE)
                            .lock("pt", ACCESS_SHARE)
                            .lock("pt_k_idx", SHARE_UPDATE_EXCLUSIVE)
                            .lock("pt_1_k_idx", ACCESS_EXCLUSIVE)
                            .rewrite(false)
                            .scan(false),
                    // A partition's own index and key (docs/partitioning.md): an ordinary table's.
                    spares(
                                    "create-index-non-concurrent",
                                    "CREATE INDEX CONCURRENTLY pt_1_id_idx ON pt_1 (id)")
                            .setup(PARTITIONED)
                            .autocommit("LOCK TABLE pt_1 IN ROW EXCLUSIVE MODE")
                            .lock("pt_1", SHARE_UPDATE_EXCLUSIVE)
                            .rewrite(false),
                    spares(
                                    "add-unique-builds-index-in-place",
                                    "ALTER TABLE pt_1 ADD CONSTRAINT pt_1_id_key UNIQUE USING INDEX"
                                            + " pt_1_id_uidx")
                            .setup(PARTITIONED + " CREATE UNIQUE INDEX pt_1_id_uidx ON pt_1 (id);")
                            .lock("pt_1", ACCESS_EXCLUSIVE)
                            .rewrite(false)
                            .scan(false),
                    spares("drop-index-non-concurrent", "DROP INDEX CONCURRENTLY pt_1_id_idx")
                            .setup(PARTITIONED + " CREATE INDEX pt_1_id_idx ON pt_1 (id);")
                            .autocommit("LOCK TABLE pt_1 IN ROW EXCLUSIVE MODE")
                            .lock("pt_1", SHARE_UPDATE_EXCLUSIVE)
                            .rewrite(false),
                    flags("partitioned-index", "DROP INDEX CONCURRENTLY pt_k_idx")
                            .setup(PARTITIONED + "CREATE INDEX pt_k_idx ON pt (k);")
                            .autocommit("LOCK TABLE pt IN ROW EXCLUSIVE MODE")
                            .fails("0A000"),
                    flags("partitioned-index", "DROP INDEX pt_k_idx")
                            .setup(PARTITIONED + "CREATE INDEX pt_k_idx ON pt (k);")
                            .lock("pt", ACCESS_EXCLUSIVE)
                            .lock("pt_1", ACCESS_EXCLUSIVE)
                            .rewrite(false),
                    flags(
                                    "add-unique-builds-index-in-place",
                                    "ALTER TABLE t ADD CONSTRAINT t_a_key UNIQUE (a)")
                            .lock("t", ACCESS_EXCLUSIVE)
                            .rewrite(false)
                            .scan(true),
                    spares(
                                    "add-unique-builds-index-in-place",
                                    "ALTER TABLE t ADD CONSTRAINT t_a_key UNIQUE USING INDEX t_a_uidx")
                            .setup("CREATE UNIQUE INDEX t_a_uidx ON t (a);")
                            .lock("t", ACCESS_EXCLUSIVE)
                            .rewrite(false)
                            .scan(false),
                    flags(
                                    "add-primary-key-builds-index-in-place",
                                    "ALTER TABLE u ADD PRIMARY KEY (id)")
                            .setup(
                                    "CREATE TABLE u (id bigint NOT NULL, a int); INSERT INTO u SELECT g, g FROM generate_series(1, 2000) g;")
                            .lock("u", ACCESS_EXCLUSIVE)
                            .rewrite(false)
                            .scan(true),
                    spares(
                                    "drop-index-non-concurrent",
                                    "ALTER TABLE t ADD CONSTRAINT t_a_key UNIQUE USING INDEX t_a_uidx")
                            .setup("CREATE UNIQUE INDEX t_a_uidx ON t (a);")
                            .lock("t", ACCESS_EXCLUSIVE)
                            .rewrite(false)
                            .scan(false),
                    spares(
                                    "add-primary-key-builds-index-in-place",
                                    "ALTER TABLE u ADD CONSTRAINT u_pkey PRIMARY KEY USING INDEX u_id_idx")
                            .setup(
                                    "CREATE TABLE u (id bigint NOT NULL, a int); INSERT INTO u SELECT g, g FROM generate_series(1, 2000) g; CREATE UNIQUE INDEX u_id_idx ON u (id);")
                            .lock("u", ACCESS_EXCLUSIVE)
                            .rewrite(false)
                            .scan(false),
                    spares(
                                    "drop-index-non-concurrent",
                                    "ALTER TABLE u ADD CONSTRAINT u_pkey PRIMARY KEY USING INDEX u_id_idx")
                            .setup(
                                    "CREATE TABLE u (id bigint NOT NULL, a int); INSERT INTO u SELECT g, g FROM generate_series(1, 2000) g; CREATE UNIQUE INDEX u_id_idx ON u (id);")
                            .lock("u", ACCESS_EXCLUSIVE)
                            .rewrite(false)
                            .scan(false),
                    flags(
                                    "add-column-volatile-default-rewrites",
                                    "ALTER TABLE t ADD COLUMN x timestamptz DEFAULT clock_timestamp()")
                            .lock("t", ACCESS_EXCLUSIVE)
                            .rewrite(true)
                            .scan(true),
                    spares(
                                    "add-column-volatile-default-rewrites",
                                    "ALTER TABLE t ADD COLUMN x timestamptz DEFAULT now()")
                            .lock("t", ACCESS_EXCLUSIVE)
                            .rewrite(false)
                            .scan(false),
                    flags(
                                    "add-column-not-null-without-default-fails",
                                    "ALTER TABLE t ADD COLUMN x int NOT NULL")
                            .fails("23502"),
                    spares(
                                    "add-column-not-null-without-default-fails",
                                    "ALTER TABLE t ADD COLUMN x int NOT NULL DEFAULT 0")
                            .lock("t", ACCESS_EXCLUSIVE)
                            .rewrite(false)
                            .scan(false),
                    flags(
                                    "add-column-identity-or-generated-rewrites",
                                    "ALTER TABLE t ADD COLUMN id2 bigint GENERATED ALWAYS AS IDENTITY")
                            .lock("t", ACCESS_EXCLUSIVE)
                            .rewrite(true)
                            .scan(true),
                    flags(
                                    "add-column-identity-or-generated-rewrites",
                                    "ALTER TABLE t ADD COLUMN n serial")
                            .lock("t", ACCESS_EXCLUSIVE)
                            .rewrite(true)
                            .scan(true),
                    flags(
                                    "add-column-identity-or-generated-rewrites",
                                    "ALTER TABLE t ADD COLUMN a2 int GENERATED ALWAYS AS (a * 2) STORED")
                            .lock("t", ACCESS_EXCLUSIVE)
                            .rewrite(true)
                            .scan(true),
                    flags("change-column-type-rewrites", "ALTER TABLE t ALTER COLUMN a TYPE bigint")
                            .lock("t", ACCESS_EXCLUSIVE)
                            .rewrite(true)
                            .scan(true),
                    // A collation change keeps the rows but builds each index on the column
                    // again (its relfilenode changes; the table's does not).
                    flags(
                                    "change-column-type-rewrites",
                                    "ALTER TABLE t ALTER COLUMN b TYPE text COLLATE \"C\"")
                            .setup("CREATE INDEX t_b_idx ON t (b);")
                            .lock("t", ACCESS_EXCLUSIVE)
                            .rewrite(false)
                            .scan(true),
                    spares(
                                    "change-column-type-rewrites",
                                    "ALTER TABLE t ALTER COLUMN b TYPE text COLLATE \"C\"")
                            .lock("t", ACCESS_EXCLUSIVE)
                            .rewrite(false)
                            .scan(false),
                    flags(
                                    "metadata-only-change",
                                    "ALTER TABLE t ALTER COLUMN c TYPE varchar(20) COLLATE \"C\"")
                            .setup("CREATE INDEX t_b_idx ON t (b);")
                            .lock("t", ACCESS_EXCLUSIVE)
                            .rewrite(false)
                            .scan(false),
                    spares(
                                    "change-column-type-rewrites",
                                    "ALTER TABLE t ALTER COLUMN c TYPE varchar(20)")
                            .lock("t", ACCESS_EXCLUSIVE)
                            .rewrite(false)
                            .scan(false),
                    flags("set-not-null-scans-table", "ALTER TABLE t ALTER COLUMN a SET NOT NULL")
                            .lock("t", ACCESS_EXCLUSIVE)
                            .rewrite(false)
                            .scan(true),
                    spares("set-not-null-scans-table", "ALTER TABLE t ALTER COLUMN a SET NOT NULL")
                            .setup("ALTER TABLE t ADD CONSTRAINT t_a_nn CHECK (a IS NOT NULL);")
                            .lock("t", ACCESS_EXCLUSIVE)
                            .rewrite(false)
                            .scan(false),
                    flags(
                                    "add-check-scans-table",
                                    "ALTER TABLE t ADD CONSTRAINT t_a_check CHECK (a > 0)")
                            .lock("t", ACCESS_EXCLUSIVE)
                            .rewrite(false)
                            .scan(true),
                    spares(
                                    "add-check-scans-table",
                                    "ALTER TABLE t ADD CONSTRAINT t_a_check CHECK (a > 0) NOT VALID")
                            .lock("t", ACCESS_EXCLUSIVE)
                            .rewrite(false)
                            .scan(false),
                    flags("add-foreign-key-scans-both-tables", FK)
                            .lock("t", SHARE_ROW_EXCLUSIVE)
                            .lock("p", SHARE_ROW_EXCLUSIVE)
                            .rewrite(false)
                            .scan(true),
                    spares("add-foreign-key-scans-both-tables", FK.replace(";", " NOT VALID"))
                            .lock("t", SHARE_ROW_EXCLUSIVE)
                            .lock("p", SHARE_ROW_EXCLUSIVE)
                            .rewrite(false)
                            .scan(false),
                    flags(
                                    "drop-foreign-key-locks-both-tables",
                                    "ALTER TABLE t DROP CONSTRAINT t_p_fk")
                            .setup(FK)
                            .lock("t", ACCESS_EXCLUSIVE)
                            .lock("p", ACCESS_EXCLUSIVE)
                            .rewrite(false)
                            .scan(false),
                    flags("drop-column-breaks-running-code", "ALTER TABLE t DROP COLUMN b")
                            .lock("t", ACCESS_EXCLUSIVE)
                            .rewrite(false)
                            .scan(false),
                    flags(
                                    "rename-column-breaks-running-code",
                                    "ALTER TABLE t RENAME COLUMN b TO b2")
                            .lock("t", ACCESS_EXCLUSIVE)
                            .rewrite(false)
                            .scan(false),
                    flags("rename-table-breaks-running-code", "ALTER TABLE t RENAME TO t2")
                            .lock("t", ACCESS_EXCLUSIVE)
                            .rewrite(false)
                            .scan(false),
                    flags("drop-table-loses-data", "DROP TABLE t").lock("t", ACCESS_EXCLUSIVE),
                    flags("drop-table-loses-data", "DROP TABLE t")
                            .setup(FK)
                            .lock("t", ACCESS_EXCLUSIVE)
                            .lock("p", ACCESS_EXCLUSIVE),
                    spares(
                                    "enum-add-value-in-transaction-before-pg12",
                                    "ALTER TYPE mood ADD VALUE 'c'")
                            .setup("CREATE TYPE mood AS ENUM ('a', 'b');"),
                    flags("data-change-unbatched", "UPDATE t SET a = a + 1")
                            .lock("t", ROW_EXCLUSIVE)
                            .rewrite(false)
                            .scan(true),
                    flags("data-change-unbatched", "DELETE FROM t")
                            .lock("t", ROW_EXCLUSIVE)
                            .rewrite(false)
                            .scan(true),
                    spares("data-change-unbatched", "INSERT INTO t (id) VALUES (5000)")
                            .lock("t", ROW_EXCLUSIVE)
                            .rewrite(false)
                            .scan(false),
                    spares(
                                    "add-foreign-key-scans-both-tables",
                                    "ALTER TABLE t ADD COLUMN p2_id bigint REFERENCES p (id)")
                            .lock("t", ACCESS_EXCLUSIVE)
                            .lock("p", SHARE_ROW_EXCLUSIVE)
                            .rewrite(false)
                            .scan(false),
                    spares(
                                    "add-foreign-key-scans-both-tables",
                                    "CREATE TABLE r (id int, p_id bigint REFERENCES p (id))")
                            .lock("p", SHARE_ROW_EXCLUSIVE),
                    flags("metadata-only-change", "ALTER TABLE t ADD COLUMN x int")
                            .lock("t", ACCESS_EXCLUSIVE)
                            .rewrite(false)
                            .scan(false),
                    flags("metadata-only-change", "ALTER TABLE t ALTER COLUMN b SET DEFAULT 'x'")
                            .lock("t", ACCESS_EXCLUSIVE)
                            .rewrite(false)
                            .scan(false),
                    flags("metadata-only-change", "ALTER TABLE t ALTER COLUMN b DROP DEFAULT")
                            .setup("ALTER TABLE t ALTER COLUMN b SET DEFAULT 'x';")
                            .lock("t", ACCESS_EXCLUSIVE)
                            .rewrite(false)
                            .scan(false),
                    flags("metadata-only-change", "ALTER TABLE t ALTER COLUMN id DROP NOT NULL")
                            .setup("ALTER TABLE t DROP CONSTRAINT t_pkey;")
                            .lock("t", ACCESS_EXCLUSIVE)
                            .rewrite(false)
                            .scan(false),
                    flags("metadata-only-change", "ALTER TABLE t DROP CONSTRAINT t_a_check")
                            .setup("ALTER TABLE t ADD CONSTRAINT t_a_check CHECK (a > 0);")
                            .lock("t", ACCESS_EXCLUSIVE)
                            .rewrite(false)
                            .scan(false),
                    flags("metadata-only-change", "COMMENT ON TABLE t IS 'orders'")
                            .lock("t", SHARE_UPDATE_EXCLUSIVE)
                            .rewrite(false)
                            .scan(false),
                    flags("metadata-only-change", "COMMENT ON COLUMN t.a IS 'amount'")
                            .lock("t", SHARE_UPDATE_EXCLUSIVE)
                            .rewrite(false)
                            .scan(false),
                    flags("metadata-only-change", "ALTER INDEX t_a_idx RENAME TO t_a_idx2")
                            .setup(INDEX_A)
                            .lock("t", LockLevel.NONE)
                            .lock("t_a_idx", SHARE_UPDATE_EXCLUSIVE)
                            .rewrite(false),
                    flags("metadata-only-change", "CREATE VIEW v AS SELECT id, a FROM t")
                            .lock("t", LockLevel.ACCESS_SHARE)
                            .rewrite(false)
                            .scan(false),
                    // An extension's objects are its own: creating or dropping one locks no table;
                    // a drop fails while an index uses it.
                    // Extensions are database-wide and rows share a database: each row's setup
                    // starts from none.
                    flags("metadata-only-change", "CREATE EXTENSION pg_trgm")
                            .setup(NO_TRGM)
                            .lock("t", LockLevel.NONE)
                            .rewrite(false)
                            .scan(false),
                    flags("drop-extension-breaks-running-code", "DROP EXTENSION pg_trgm")
                            .setup(NO_TRGM + "CREATE EXTENSION pg_trgm;")
                            .lock("t", LockLevel.NONE)
                            .rewrite(false)
                            .scan(false),
                    flags("drop-extension-breaks-running-code", "DROP EXTENSION pg_trgm")
                            .setup(
                                    NO_TRGM
                                            + "CREATE EXTENSION pg_trgm; CREATE INDEX t_b_trgm ON t USING gin (b gin_trgm_ops);")
                            .fails("2BP01"),
                    // Rules being added (EP216-EP220): skipped until the catalogue has them.
                    flags(
                                    "concurrently-in-transaction",
                                    "CREATE INDEX CONCURRENTLY t_a_idx ON t (a)")
                            .fails("25001"),
                    flags("table-rewrite-statement", "VACUUM FULL t")
                            .autocommit(WRITER)
                            .lock("t", ACCESS_EXCLUSIVE)
                            .rewrite(true),
                    flags("table-rewrite-statement", "CLUSTER t USING t_pkey")
                            .lock("t", ACCESS_EXCLUSIVE)
                            .rewrite(true),
                    flags("table-rewrite-statement", "ALTER TABLE t SET UNLOGGED")
                            .lock("t", ACCESS_EXCLUSIVE)
                            .rewrite(true),
                    flags("table-rewrite-statement", "ALTER TABLE u SET LOGGED")
                            .setup(
                                    "CREATE UNLOGGED TABLE u (id bigint); INSERT INTO u SELECT generate_series(1, 2000);")
                            .lock("u", ACCESS_EXCLUSIVE)
                            .rewrite(true),
                    flags("reindex-non-concurrent", "REINDEX TABLE t")
                            .lock("t", SHARE)
                            .rewrite(false),
                    flags("reindex-non-concurrent", "REINDEX INDEX t_pkey")
                            .lock("t", SHARE)
                            .rewrite(false),
                    spares("reindex-non-concurrent", "REINDEX TABLE CONCURRENTLY t")
                            .autocommit(WRITER)
                            .lock("t", SHARE_UPDATE_EXCLUSIVE)
                            .rewrite(false),
                    flags("refresh-materialized-view-blocks-reads", "REFRESH MATERIALIZED VIEW mv")
                            .setup(MV)
                            .lock("mv", ACCESS_EXCLUSIVE)
                            .rewrite(true),
                    spares(
                                    "refresh-materialized-view-blocks-reads",
                                    "REFRESH MATERIALIZED VIEW CONCURRENTLY mv")
                            .setup(MV + " CREATE UNIQUE INDEX mv_id ON mv (id);")
                            .lock("mv", EXCLUSIVE)
                            .rewrite(false),
                    flags("truncate-table", "TRUNCATE t").lock("t", ACCESS_EXCLUSIVE).rewrite(true),
                    // Settings the model does not hold: judged by the lock they take
                    // (metadata-only-change).
                    flags(
                                    "metadata-only-change",
                                    "ALTER TABLE t ALTER COLUMN b SET STORAGE EXTERNAL")
                            .lock("t", ACCESS_EXCLUSIVE)
                            .rewrite(false)
                            .scan(false),
                    flags("metadata-only-change", "ALTER TABLE t DISABLE TRIGGER USER")
                            .lock("t", SHARE_ROW_EXCLUSIVE)
                            .rewrite(false)
                            .scan(false),
                    flags("metadata-only-change", "ALTER TABLE t ENABLE TRIGGER USER")
                            .lock("t", SHARE_ROW_EXCLUSIVE)
                            .rewrite(false)
                            .scan(false),
                    flags("metadata-only-change", "ALTER TABLE t ALTER COLUMN a SET STATISTICS 500")
                            .lock("t", SHARE_UPDATE_EXCLUSIVE)
                            .rewrite(false)
                            .scan(false),
                    // A column's attribute options (n_distinct), CLUSTER ON and SET WITHOUT CLUSTER
                    // take SHARE UPDATE EXCLUSIVE; SET COMPRESSION and SET WITHOUT OIDS (a no-op
                    // since 12) ACCESS EXCLUSIVE, catalog only.
                    flags(
                                    "metadata-only-change",
                                    "ALTER TABLE t ALTER COLUMN a SET (n_distinct = 100, n_distinct_inherited = -0.5)")
                            .lock("t", SHARE_UPDATE_EXCLUSIVE)
                            .rewrite(false)
                            .scan(false),
                    flags("metadata-only-change", "ALTER TABLE t ALTER COLUMN a RESET (n_distinct)")
                            .setup("ALTER TABLE t ALTER COLUMN a SET (n_distinct = 100);")
                            .lock("t", SHARE_UPDATE_EXCLUSIVE)
                            .rewrite(false)
                            .scan(false),
                    flags("metadata-only-change", "ALTER TABLE t CLUSTER ON t_pkey")
                            .lock("t", SHARE_UPDATE_EXCLUSIVE)
                            .rewrite(false)
                            .scan(false),
                    flags("metadata-only-change", "ALTER TABLE t SET WITHOUT CLUSTER")
                            .setup("ALTER TABLE t CLUSTER ON t_pkey;")
                            .lock("t", SHARE_UPDATE_EXCLUSIVE)
                            .rewrite(false)
                            .scan(false),
                    flags(
                                    "metadata-only-change",
                                    "ALTER TABLE t ALTER COLUMN b SET COMPRESSION pglz")
                            .lock("t", ACCESS_EXCLUSIVE)
                            .rewrite(false)
                            .scan(false),
                    flags(
                                    "metadata-only-change",
                                    "ALTER TABLE t ALTER COLUMN b SET COMPRESSION default")
                            .lock("t", ACCESS_EXCLUSIVE)
                            .rewrite(false)
                            .scan(false),
                    flags("metadata-only-change", "ALTER TABLE t SET WITHOUT OIDS")
                            .lock("t", ACCESS_EXCLUSIVE)
                            .rewrite(false)
                            .scan(false),
                    // PostgreSQL 15's SET ACCESS METHOD writes the table anew in the new method
                    // (heap2: the heap's own handler under another name).
                    flags("table-rewrite-statement", "ALTER TABLE t SET ACCESS METHOD heap2")
                            .since(15)
                            .setup(
                                    "DROP ACCESS METHOD IF EXISTS heap2 CASCADE;"
                                            + " CREATE ACCESS METHOD heap2 TYPE TABLE HANDLER heap_tableam_handler;")
                            .lock("t", ACCESS_EXCLUSIVE)
                            .rewrite(true),
                    flags(
                                    "metadata-only-change",
                                    "ALTER TABLE t SET (fillfactor = 70, autovacuum_vacuum_scale_factor = 0.01)")
                            .lock("t", SHARE_UPDATE_EXCLUSIVE)
                            .rewrite(false)
                            .scan(false),
                    flags("metadata-only-change", "ALTER TABLE t RESET (fillfactor)")
                            .lock("t", SHARE_UPDATE_EXCLUSIVE)
                            .rewrite(false)
                            .scan(false),
                    flags("metadata-only-change", "ALTER TABLE t REPLICA IDENTITY FULL")
                            .lock("t", ACCESS_EXCLUSIVE)
                            .rewrite(false)
                            .scan(false),
                    flags("metadata-only-change", "ALTER TABLE t OWNER TO CURRENT_USER")
                            .lock("t", ACCESS_EXCLUSIVE)
                            .rewrite(false)
                            .scan(false),
                    flags("metadata-only-change", "ANALYZE t")
                            .lock("t", SHARE_UPDATE_EXCLUSIVE)
                            .rewrite(false),
                    flags("metadata-only-change", "VACUUM t")
                            .autocommit("LOCK TABLE t IN SHARE UPDATE EXCLUSIVE MODE")
                            .lock("t", SHARE_UPDATE_EXCLUSIVE)
                            .rewrite(false),
                    flags("metadata-only-change", "ALTER SEQUENCE s RESTART WITH 100")
                            .setup("CREATE SEQUENCE s;")
                            .lock("s", SHARE_ROW_EXCLUSIVE)
                            .rewrite(true),
                    // An identity column's SET GENERATED, SET options and RESTART: ACCESS
                    // EXCLUSIVE on the table only for a catalog update (the identity's sequence,
                    // which only the column uses, gets SHARE ROW EXCLUSIVE: docs/lock-facts.md).
                    flags(
                                    "metadata-only-change",
                                    "ALTER TABLE ti ALTER COLUMN id SET GENERATED BY DEFAULT")
                            .setup(IDENTITY)
                            .lock("ti", ACCESS_EXCLUSIVE)
                            .rewrite(false)
                            .scan(false),
                    // The identity changes that break running INSERTs take the same brief lock.
                    flags(
                                    "identity-change-breaks-inserts",
                                    "ALTER TABLE ti ALTER COLUMN id DROP IDENTITY")
                            .setup(IDENTITY)
                            .lock("ti", ACCESS_EXCLUSIVE)
                            .rewrite(false)
                            .scan(false),
                    flags(
                                    "identity-change-breaks-inserts",
                                    "ALTER TABLE ti ALTER COLUMN id SET GENERATED ALWAYS")
                            .setup(
                                    IDENTITY
                                            + " ALTER TABLE ti ALTER COLUMN id SET GENERATED BY"
                                            + " DEFAULT;")
                            .lock("ti", ACCESS_EXCLUSIVE)
                            .rewrite(false)
                            .scan(false),
                    flags(
                                    "metadata-only-change",
                                    "ALTER TABLE ti ALTER COLUMN id SET INCREMENT BY 5 SET START WITH 100 SET CACHE 10")
                            .setup(IDENTITY)
                            .lock("ti", ACCESS_EXCLUSIVE)
                            .rewrite(false)
                            .scan(false),
                    flags(
                                    "metadata-only-change",
                                    "ALTER TABLE ti ALTER COLUMN id RESTART WITH 5000")
                            .setup(IDENTITY)
                            .lock("ti", ACCESS_EXCLUSIVE)
                            .rewrite(false)
                            .scan(false),
                    // OWNED BY reads the owning table (ACCESS SHARE) beside its lock on the
                    // sequence.
                    flags("metadata-only-change", "ALTER SEQUENCE s OWNED BY ti.v")
                            .setup(IDENTITY)
                            .lock("s", SHARE_ROW_EXCLUSIVE)
                            .lock("ti", ACCESS_SHARE),
                    // A sequence is dropped under ACCESS EXCLUSIVE on it; no table is locked.
                    // (The probe's rewrite and scan checks compare the relation before and
                    // after; a dropped one has no after.)
                    flags("drop-sequence-loses-value", "DROP SEQUENCE s")
                            .setup("CREATE SEQUENCE s;")
                            .lock("s", ACCESS_EXCLUSIVE),
                    flags("vacuum-in-transaction", "VACUUM t").fails("25001"),
                    // Statements the model does not hold, judged by their measured lock.
                    // Defining code locks no table; a trigger is created under SHARE ROW EXCLUSIVE
                    // and dropped under ACCESS EXCLUSIVE.
                    flags(
                                    "known-lock-statement",
                                    "CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$")
                            .lock("t", LockLevel.NONE)
                            .rewrite(false)
                            .scan(false),
                    flags(
                                    "known-lock-statement",
                                    "CREATE OR REPLACE FUNCTION f() RETURNS int LANGUAGE sql AS $$ SELECT 2 $$")
                            .setup(
                                    "CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$;")
                            .lock("t", LockLevel.NONE)
                            .rewrite(false)
                            .scan(false),
                    flags(
                                    "known-lock-statement",
                                    "CREATE TRIGGER t_trg BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION trg()")
                            .setup(TRIGGER_FUNCTION)
                            .lock("t", SHARE_ROW_EXCLUSIVE)
                            .rewrite(false)
                            .scan(false),
                    flags("known-lock-statement", "DROP TRIGGER t_trg ON t")
                            .setup(
                                    TRIGGER_FUNCTION
                                            + " CREATE TRIGGER t_trg BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION trg();")
                            .lock("t", ACCESS_EXCLUSIVE)
                            .rewrite(false)
                            .scan(false),
                    // A routine's DROP and ALTER lock no table; renaming a trigger, policies and
                    // the row-security switches lock the table exclusively, briefly.
                    flags("drop-routine-breaks-running-code", "DROP FUNCTION f(int)")
                            .setup(
                                    "CREATE FUNCTION f(a int) RETURNS int LANGUAGE sql AS $$ SELECT a $$;")
                            .lock("t", LockLevel.NONE)
                            .rewrite(false)
                            .scan(false),
                    flags("drop-routine-breaks-running-code", "DROP FUNCTION IF EXISTS f")
                            .setup(
                                    "CREATE FUNCTION f(a int) RETURNS int LANGUAGE sql AS $$ SELECT a $$;")
                            .lock("t", LockLevel.NONE)
                            .rewrite(false)
                            .scan(false),
                    flags("rename-routine-breaks-running-code", "ALTER FUNCTION f(int) RENAME TO g")
                            .setup(
                                    "CREATE FUNCTION f(a int) RETURNS int LANGUAGE sql AS $$ SELECT a $$;")
                            .lock("t", LockLevel.NONE)
                            .rewrite(false)
                            .scan(false),
                    flags(
                                    "rename-routine-breaks-running-code",
                                    "ALTER PROCEDURE p(int) RENAME TO p2")
                            .setup("CREATE PROCEDURE p(a int) LANGUAGE sql AS $$ SELECT a $$;")
                            .lock("t", LockLevel.NONE)
                            .rewrite(false)
                            .scan(false),
                    flags("rename-routine-breaks-running-code", "ALTER ROUTINE f(int) RENAME TO g")
                            .setup(
                                    "CREATE FUNCTION f(a int) RETURNS int LANGUAGE sql AS $$ SELECT a $$;")
                            .lock("t", LockLevel.NONE)
                            .rewrite(false)
                            .scan(false),
                    flags("known-lock-statement", "ALTER FUNCTION f SET search_path = public")
                            .setup(
                                    "CREATE FUNCTION f(a int) RETURNS int LANGUAGE sql AS $$ SELECT a $$;")
                            .lock("t", LockLevel.NONE)
                            .rewrite(false)
                            .scan(false),
                    flags(
                                    "known-lock-statement",
                                    "CREATE FUNCTION f(a int) RETURNS int LANGUAGE sql RETURN a + 1")
                            .lock("t", LockLevel.NONE)
                            .rewrite(false)
                            .scan(false),
                    flags("known-lock-statement", "ALTER TRIGGER t_trg ON t RENAME TO t_trg2")
                            .setup(
                                    TRIGGER_FUNCTION
                                            + " CREATE TRIGGER t_trg BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION trg();")
                            .lock("t", ACCESS_EXCLUSIVE)
                            .rewrite(false)
                            .scan(false),
                    flags(
                                    "known-lock-statement",
                                    "CREATE POLICY t_own ON t FOR SELECT USING (a > 0)")
                            .lock("t", ACCESS_EXCLUSIVE)
                            .rewrite(false)
                            .scan(false),
                    flags("known-lock-statement", "ALTER POLICY t_own ON t USING (a > 1)")
                            .setup("CREATE POLICY t_own ON t FOR SELECT USING (a > 0);")
                            .lock("t", ACCESS_EXCLUSIVE)
                            .rewrite(false)
                            .scan(false),
                    flags("known-lock-statement", "DROP POLICY t_own ON t")
                            .setup("CREATE POLICY t_own ON t FOR SELECT USING (a > 0);")
                            .lock("t", ACCESS_EXCLUSIVE)
                            .rewrite(false)
                            .scan(false),
                    flags("known-lock-statement", "ALTER TABLE t ENABLE ROW LEVEL SECURITY")
                            .lock("t", ACCESS_EXCLUSIVE)
                            .rewrite(false)
                            .scan(false),
                    flags("known-lock-statement", "ALTER TABLE t FORCE ROW LEVEL SECURITY")
                            .lock("t", ACCESS_EXCLUSIVE)
                            .rewrite(false)
                            .scan(false),
                    flags("known-lock-statement", "ALTER TABLE t DISABLE ROW LEVEL SECURITY")
                            .setup("ALTER TABLE t ENABLE ROW LEVEL SECURITY;")
                            .lock("t", ACCESS_EXCLUSIVE)
                            .rewrite(false)
                            .scan(false),
                    flags("known-lock-statement", "CREATE STATISTICS t_ab ON a, b FROM t")
                            .lock("t", SHARE_UPDATE_EXCLUSIVE)
                            .rewrite(false)
                            .scan(false),
                    flags("known-lock-statement", "DROP STATISTICS t_ab")
                            .setup("CREATE STATISTICS t_ab ON a, b FROM t;")
                            .lock("t", SHARE_UPDATE_EXCLUSIVE)
                            .rewrite(false)
                            .scan(false),
                    flags(
                                    "known-lock-statement",
                                    "ALTER TABLE t ALTER CONSTRAINT t_p_fk DEFERRABLE INITIALLY DEFERRED")
                            .setup(FK)
                            .lock("t", ACCESS_EXCLUSIVE)
                            .lock("p", NONE)
                            .rewrite(false)
                            .scan(false),
                    flags(
                                    "known-lock-statement",
                                    "ALTER TABLE t ALTER CONSTRAINT t_p_fk NOT DEFERRABLE")
                            .setup(FK.replace(";", " DEFERRABLE;"))
                            .lock("t", ACCESS_EXCLUSIVE)
                            .lock("p", NONE)
                            .rewrite(false)
                            .scan(false),
                    // Mixed with other actions: each judged, the deferral by its own lock.
                    flags(
                                    "known-lock-statement",
                                    "ALTER TABLE t ALTER COLUMN a SET DEFAULT 0,"
                                            + " ALTER CONSTRAINT t_p_fk NOT DEFERRABLE")
                            .setup(FK.replace(";", " DEFERRABLE;"))
                            .lock("t", ACCESS_EXCLUSIVE)
                            .lock("p", NONE)
                            .rewrite(false)
                            .scan(false),
                    flags(
                                    "known-lock-statement",
                                    "ALTER TABLE t ALTER CONSTRAINT t_p_fk INITIALLY DEFERRED,"
                                            + " NO FORCE ROW LEVEL SECURITY")
                            .setup(FK + " ALTER TABLE t FORCE ROW LEVEL SECURITY;")
                            .lock("t", ACCESS_EXCLUSIVE)
                            .lock("p", NONE)
                            .rewrite(false)
                            .scan(false),
                    flags("known-lock-statement", "LOCK TABLE t IN SHARE ROW EXCLUSIVE MODE")
                            .lock("t", SHARE_ROW_EXCLUSIVE)
                            .rewrite(false)
                            .scan(false),
                    flags("known-lock-statement", "LOCK TABLE t")
                            .lock("t", ACCESS_EXCLUSIVE)
                            .rewrite(false)
                            .scan(false),
                    // setval writes only the sequence (ROW EXCLUSIVE on it) and locks no table.
                    spares("known-lock-statement", "SELECT setval('t_seq', 5)")
                            .setup("CREATE SEQUENCE t_seq;")
                            .lock("t_seq", ROW_EXCLUSIVE),
                    // GRANT and REVOKE on a table: ACCESS SHARE from 18, none before
                    // (TableGrantLocksOnPostgresTest proves each major).
                    spares("known-lock-statement", "GRANT SELECT, INSERT ON t TO PUBLIC")
                            .since(18)
                            .lock("t", ACCESS_SHARE)
                            .rewrite(false)
                            .scan(false),
                    spares("known-lock-statement", "REVOKE SELECT ON t FROM PUBLIC")
                            .setup("GRANT SELECT ON t TO PUBLIC;")
                            .since(18)
                            .lock("t", ACCESS_SHARE)
                            .rewrite(false)
                            .scan(false),
                    // COMMENT ON takes SHARE UPDATE EXCLUSIVE on what it names: the index, view
                    // or sequence itself (not the index's table). A constraint, trigger, rule or
                    // policy is locked as an object, its table read under ACCESS SHARE; a type
                    // is locked as an object, no table.
                    flags("known-lock-statement", "COMMENT ON INDEX t_a_idx IS 'by a'")
                            .setup(INDEX_A)
                            .lock("t_a_idx", SHARE_UPDATE_EXCLUSIVE)
                            .lock("t", NONE)
                            .rewrite(false),
                    flags("known-lock-statement", "COMMENT ON INDEX t_a_idx IS NULL")
                            .setup(INDEX_A + " COMMENT ON INDEX t_a_idx IS 'by a';")
                            .lock("t_a_idx", SHARE_UPDATE_EXCLUSIVE)
                            .lock("t", NONE)
                            .rewrite(false),
                    flags("known-lock-statement", "COMMENT ON VIEW tv IS 'rows of t'")
                            .setup("CREATE VIEW tv AS SELECT id, a FROM t;")
                            .lock("tv", SHARE_UPDATE_EXCLUSIVE)
                            .lock("t", NONE),
                    flags("known-lock-statement", "COMMENT ON MATERIALIZED VIEW mv IS 'totals'")
                            .setup(MV)
                            .lock("mv", SHARE_UPDATE_EXCLUSIVE)
                            .lock("t", NONE)
                            .rewrite(false),
                    flags("known-lock-statement", "COMMENT ON SEQUENCE t_seq IS 'ids'")
                            .setup("CREATE SEQUENCE t_seq;")
                            .lock("t_seq", SHARE_UPDATE_EXCLUSIVE)
                            .lock("t", NONE)
                            .rewrite(false),
                    flags("known-lock-statement", "COMMENT ON CONSTRAINT t_p_fk ON t IS 'owner'")
                            .setup(FK)
                            .lock("t", ACCESS_SHARE)
                            .lock("p", NONE)
                            .rewrite(false)
                            .scan(false),
                    flags("known-lock-statement", "COMMENT ON TRIGGER t_trg ON t IS 'audit'")
                            .setup(
                                    TRIGGER_FUNCTION
                                            + " CREATE TRIGGER t_trg BEFORE INSERT ON t FOR EACH ROW"
                                            + " EXECUTE FUNCTION trg();")
                            .lock("t", ACCESS_SHARE)
                            .rewrite(false)
                            .scan(false),
                    flags("known-lock-statement", "COMMENT ON POLICY t_own ON t IS 'own rows'")
                            .setup("CREATE POLICY t_own ON t USING (a > 0);")
                            .lock("t", ACCESS_SHARE)
                            .rewrite(false)
                            .scan(false),
                    flags("known-lock-statement", "COMMENT ON RULE t_keep ON t IS 'no deletes'")
                            .setup("CREATE RULE t_keep AS ON DELETE TO t DO INSTEAD NOTHING;")
                            .lock("t", ACCESS_SHARE)
                            .rewrite(false)
                            .scan(false),
                    flags("known-lock-statement", "COMMENT ON TYPE mood IS 'how it went'")
                            .setup("CREATE TYPE mood AS ENUM ('ok', 'bad');")
                            .lock("t", NONE)
                            .lock("p", NONE),
                    flags("known-lock-statement", "CREATE DOMAIN posint AS int"),
                    flags("known-lock-statement", "ALTER DOMAIN posint DROP CONSTRAINT pos")
                            .setup(
                                    DOMAIN
                                            + " ALTER DOMAIN posint ADD CONSTRAINT pos CHECK (VALUE > 0);"),
                    flags("known-lock-statement", "DROP DOMAIN posint")
                            .setup("CREATE DOMAIN posint AS int;"),
                    flags("known-lock-statement", "DROP SCHEMA archive")
                            .setup("CREATE SCHEMA archive;"),
                    flags(
                                    "add-domain-constraint-scans-columns",
                                    "ALTER DOMAIN posint ADD CONSTRAINT pos CHECK (VALUE > 0)")
                            .setup(DOMAIN)
                            .lock("d", SHARE)
                            .rewrite(false)
                            .scan(true),
                    spares(
                                    "add-domain-constraint-scans-columns",
                                    "ALTER DOMAIN posint ADD CONSTRAINT pos CHECK (VALUE > 0) NOT VALID")
                            .setup(DOMAIN),
                    flags(
                                    "rename-enum-value-breaks-running-code",
                                    "ALTER TYPE mood RENAME VALUE 'a' TO 'c'")
                            .setup("CREATE TYPE mood AS ENUM ('a', 'b');"),
                    flags(
                                    "data-change-unbatched",
                                    "MERGE INTO t USING (VALUES (1)) s (id) ON t.id = s.id WHEN MATCHED THEN UPDATE SET a = 1")
                            .since(15)
                            .lock("t", ROW_EXCLUSIVE)
                            .rewrite(false),
                    flags("table-rewrite-statement", "CLUSTER t_pkey ON t")
                            .lock("t", ACCESS_EXCLUSIVE)
                            .rewrite(true),
                    flags("known-lock-statement", "CREATE UNIQUE INDEX mv_id ON mv (id)")
                            .setup(MV)
                            .lock("mv", SHARE)
                            .rewrite(false),
                    // A materialized view's index as planned (MaterializedViewIndex): built
                    // CONCURRENTLY; ANALYZE holds SHARE UPDATE EXCLUSIVE on the view (a
                    // materialized view cannot be LOCKed) so the statement parks where it is seen.
                    spares("known-lock-statement", "CREATE INDEX CONCURRENTLY mv_a_idx ON mv (a)")
                            .setup(MV)
                            .autocommit("ANALYZE mv")
                            .lock("mv", SHARE_UPDATE_EXCLUSIVE)
                            .rewrite(false),
                    // A written drop of one stays for review (its lock is not claimed by lint).
                    flags("opaque-change-needs-review", "DROP INDEX mv_a_idx")
                            .setup(MV + " CREATE INDEX mv_a_idx ON mv (a);")
                            .lock("mv", ACCESS_EXCLUSIVE)
                            .rewrite(false)
                            .scan(false),
                    // PostgreSQL 18's NOT NULL constraint: brief ACCESS EXCLUSIVE when NOT VALID,
                    // then VALIDATE scans under SHARE UPDATE EXCLUSIVE.
                    flags(
                                    "metadata-only-change",
                                    "ALTER TABLE t ADD CONSTRAINT t_a_nn NOT NULL a NOT VALID")
                            .since(18)
                            .lock("t", ACCESS_EXCLUSIVE)
                            .rewrite(false)
                            .scan(false),
                    flags("metadata-only-change", "ALTER TABLE t VALIDATE CONSTRAINT t_a_nn")
                            .since(18)
                            .setup("ALTER TABLE t ADD CONSTRAINT t_a_nn NOT NULL a NOT VALID;")
                            .lock("t", SHARE_UPDATE_EXCLUSIVE)
                            .rewrite(false)
                            .scan(true),
                    flags("add-check-scans-table", "ALTER TABLE t ADD CONSTRAINT t_a_nn NOT NULL a")
                            .since(18)
                            .lock("t", ACCESS_EXCLUSIVE)
                            .rewrite(false)
                            .scan(true));

    private static final Map<Integer, LockProbe> PROBES = new ConcurrentHashMap<>();

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (int major : PostgresServers.MAJORS) {
            for (LockCase c : CASES) {
                if (major >= c.since()) {
                    out.add(Arguments.of(c, major));
                }
            }
        }
        return out.stream();
    }

    @AfterAll
    static void closeProbes() throws SQLException {
        for (LockProbe probe : PROBES.values()) {
            probe.close();
        }
    }

    @ParameterizedTest(name = "PostgreSQL {1}: {0}")
    @MethodSource("cases")
    void catalogueClaimsWhatPostgresDoes(LockCase c, int major) throws Exception {
        String setup = BASE + c.setup();
        // PostgreSQL's side runs for every row, so a row of a rule still being written is already
        // proven.
        LockProbe probe = PROBES.computeIfAbsent(major, LintLocksOnPostgresTest::probe);
        LockProbe.Observed seen = probe.observe(setup, c);
        String where = "PostgreSQL " + major + " running " + c.statement();
        assertThat(seen.failure()).as("SQLSTATE of %s", where).isEqualTo(c.failsWith());
        if (c.failsWith() == null) {
            assertThat(seen.locks()).as("strongest locks of %s", where).isEqualTo(c.locks());
            if (c.rewrite() != null) {
                assertThat(seen.rewrite())
                        .as("%s rewrote %s", where, c.table())
                        .isEqualTo(c.rewrite());
            }
            if (c.scan() != null) {
                assertThat(seen.scan()).as("%s scanned %s", where, c.table()).isEqualTo(c.scan());
            }
        }

        assumeTrue(
                RuleCatalogue.byId(c.ruleId()).isPresent(),
                "rule " + c.ruleId() + " is not in the catalogue yet");
        try {
            assertCatalogueAgrees(c, major, setup, seen, where);
        } catch (AssertionError known) {
            // A reported mismatch stays visible as a skip with its reason until the rule is fixed;
            // then the row passes.
            assumeTrue(
                    c.reported() == null,
                    c.reported() + " -- " + known.getMessage().lines().findFirst().orElse(""));
            throw known;
        }
    }

    /**
     * evoplan's half: the rule fires (or not) and every finding's lock and duration are
     * PostgreSQL's.
     */
    private static void assertCatalogueAgrees(
            LockCase c, int major, String setup, LockProbe.Observed seen, String where) {
        List<Finding> findings = judge(setup, c, major);
        List<Finding> own = findings.stream().filter(f -> f.ruleId().equals(c.ruleId())).toList();
        if (c.flags()) {
            boolean safeByDefault =
                    RuleCatalogue.byId(c.ruleId()).orElseThrow().info().defaultSafety()
                            == Safety.SAFE;
            assertThat(own)
                    .as(
                            "findings of %s for %s on PostgreSQL %d: %s",
                            c.ruleId(), c.statement(), major, findings)
                    .anyMatch(f -> safeByDefault || f.safety() != Safety.SAFE);
        } else {
            assertThat(own)
                    .as(
                            "%s must not flag %s on PostgreSQL %d: %s",
                            c.ruleId(), c.statement(), major, findings)
                    .allMatch(f -> f.safety() == Safety.SAFE);
        }
        if (c.failsWith() != null) {
            return;
        }
        // A statement may make several changes (ADD COLUMN ... REFERENCES): each finding claims its
        // own part's lock,
        // none may claim more than PostgreSQL takes, and together they claim exactly what it takes
        // on each table.
        Map<String, LockLevel> claimed = new java.util.TreeMap<>();
        for (Finding f : findings) {
            if (f.lock() == LockLevel.NONE) {
                continue;
            }
            for (String relation : seen.locks().keySet()) {
                if (covers(f, relation)) {
                    assertThat(f.lock())
                            .as("lock %s claims on %s; %s takes", f.ruleId(), relation, where)
                            .isLessThanOrEqualTo(seen.locks().get(relation));
                    claimed.merge(relation, f.lock(), LockLevel::strongest);
                }
            }
            if (c.table() != null && f.table() != null && c.table().equals(f.table().name())) {
                assertDurationMatches(f, seen, where);
            }
        }
        claimed.forEach(
                (relation, lock) ->
                        assertThat(lock)
                                .as(
                                        "strongest lock the findings claim on %s; %s takes",
                                        relation, where)
                                .isEqualTo(seen.locks().get(relation)));
        if (c.flags()) {
            for (String other : c.locks().keySet()) {
                if (c.locks().get(other) == LockLevel.NONE) {
                    continue;
                }
                assertThat(own)
                        .as("%s names every table %s locks", c.ruleId(), where)
                        .anyMatch(f -> covers(f, other));
            }
        }
    }

    /**
     * The finding makes a claim about that relation: it is the finding's table, the message names
     * it ("on t and on p"), or the finding has no single table ("its tables", "each table it
     * rebuilds").
     */
    private static boolean covers(Finding f, String relation) {
        return f.table() == null
                ? f.lock() != LockLevel.NONE
                : relation.equals(f.table().name()) || names(f, relation);
    }

    private static boolean names(Finding f, String relation) {
        return Pattern.compile("\\bon " + Pattern.quote(relation) + "\\b").matcher(f.what()).find();
    }

    /** The duration the finding's message claims (LockPhrase) against what the server showed. */
    private static void assertDurationMatches(Finding f, LockProbe.Observed seen, String where) {
        String what = f.what();
        if (what.contains("for the whole rewrite") && seen.rewrite() != null) {
            assertThat(seen.rewrite())
                    .as("%s claims a rewrite: %s; %s", f.ruleId(), what, where)
                    .isTrue();
        }
        if ((what.contains("for the whole scan") || what.contains(LockPhrase.WHOLE_BUILD))
                && seen.scan() != null) {
            assertThat(seen.scan())
                    .as("%s claims a scan: %s; %s", f.ruleId(), what, where)
                    .isTrue();
        }
        if (what.contains(LockPhrase.BRIEF)) {
            assertThat(seen.rewrite())
                    .as("%s claims only a catalog update: %s; %s", f.ruleId(), what, where)
                    .isNotEqualTo(Boolean.TRUE);
            assertThat(seen.scan())
                    .as("%s claims only a catalog update: %s; %s", f.ruleId(), what, where)
                    .isNotEqualTo(Boolean.TRUE);
        }
    }

    static List<Finding> judge(String setup, LockCase c, int major) {
        return LockCase.judge(setup, c, major);
    }

    private static LockProbe probe(int major) {
        try {
            return new LockProbe(major);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot start PostgreSQL " + major, e);
        }
    }
}
