package dev.evoplan.plan;

import static dev.evoplan.plan.Tables.check;
import static dev.evoplan.plan.Tables.col;
import static dev.evoplan.plan.Tables.fk;
import static dev.evoplan.plan.Tables.index;
import static dev.evoplan.plan.Tables.notNull;
import static dev.evoplan.plan.Tables.pk;
import static dev.evoplan.plan.Tables.q;
import static dev.evoplan.plan.Tables.schema;
import static dev.evoplan.plan.Tables.table;
import static dev.evoplan.plan.Tables.unique;
import static dev.evoplan.plan.Tables.withDefault;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.evoplan.diff.Change;
import dev.evoplan.model.EnumType;
import dev.evoplan.model.IdentityKind;
import dev.evoplan.model.PrimaryKey;
import dev.evoplan.model.Schema;
import dev.evoplan.model.SqlType;
import dev.evoplan.model.Table;
import dev.evoplan.rules.TableStats;
import dev.evoplan.testing.PostgresServers;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Plans run on real PostgreSQL: the end state is read back from the catalog. */
@Tag("postgres")
class PlannerPostgresTest {
    private static final int BATCH = 100;

    private static PlanOptions options(int pg) {
        return new PlanOptions(pg, BATCH, "5s", TableStats.UNKNOWN, Set.of());
    }

    static void exec(Connection c, String... sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            for (String s : sql) {
                st.execute(s);
            }
        }
    }

    static String one(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    static List<String> all(Connection c, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    static boolean notNullColumn(Connection c, String table, String column) throws SQLException {
        return "NO"
                .equals(
                        one(
                                c,
                                "SELECT is_nullable FROM information_schema.columns WHERE table_name = '"
                                        + table
                                        + "' AND column_name = '"
                                        + column
                                        + "'"));
    }

    /** Constraints other than PostgreSQL 18's not-null rows (which the model does not hold). */
    static List<String> constraints(Connection c, String table) throws SQLException {
        return all(
                c,
                "SELECT conname || ':' || contype::text || ':' || convalidated FROM pg_constraint"
                        + " WHERE conrelid = '"
                        + table
                        + "'::regclass AND contype <> 'n' ORDER BY conname");
    }

    /**
     * No helper object of the plan is left, and on 18 the NOT NULL row has PostgreSQL's own name.
     */
    static void assertNoLeftovers(Connection c, String table, int pg, String notNullColumn)
            throws SQLException {
        assertThat(
                        all(
                                c,
                                "SELECT conname FROM pg_constraint WHERE conrelid = '"
                                        + table
                                        + "'::regclass"))
                .noneMatch(n -> n.contains("evoplan"));
        assertThat(
                        all(
                                c,
                                "SELECT relname FROM pg_class WHERE relnamespace = 'public'::regnamespace"))
                .noneMatch(n -> n.contains("evoplan"));
        assertThat(
                        all(
                                c,
                                "SELECT proname FROM pg_proc WHERE pronamespace = 'public'::regnamespace"))
                .noneMatch(n -> n.contains("evoplan"));
        if (pg >= 18) {
            assertThat(
                            all(
                                    c,
                                    "SELECT conname || ':' || convalidated FROM pg_constraint WHERE conrelid = '"
                                            + table
                                            + "'::regclass AND contype = 'n'"))
                    .contains(table + "_" + notNullColumn + "_not_null:true");
        }
    }

    static String rowsDigest(Connection c, String table, String columns) throws SQLException {
        return one(
                c,
                "SELECT md5(string_agg(t::text, ',' ORDER BY t::text)) FROM (SELECT "
                        + columns
                        + " FROM "
                        + table
                        + ") t");
    }

    /** users(id bigint pk, email text, age int) with 3 x BATCH rows, one email NULL-free. */
    private static Table users() {
        return pk(
                table(
                        "users",
                        notNull("id", "bigint"),
                        col("email", "text"),
                        col("age", "integer")),
                "id");
    }

    private static void createUsers(Connection c) throws SQLException {
        exec(
                c,
                "CREATE TABLE users (id bigint PRIMARY KEY, email text, age integer)",
                "INSERT INTO users SELECT g, 'u' || g || '@x', g % 90 FROM generate_series(1, "
                        + (3 * BATCH)
                        + ") g");
    }

    @Test
    void volatileDefaultNotNullColumnIsBackfilledInCommittedBatches() throws Exception {
        try (Connection c = PostgresServers.freshDatabase(16)) {
            createUsers(c);
            String before = rowsDigest(c, "users", "id, email, age");
            Plan plan =
                    Planner.plan(
                            schema(users()),
                            List.of(
                                    new Change.AddColumn(
                                            q("users"),
                                            withDefault(
                                                    notNull("token", "double precision"),
                                                    "random()"))),
                            options(16));
            LocalRunner.run(c, plan);
            assertThat(notNullColumn(c, "users", "token")).isTrue();
            assertThat(one(c, "SELECT count(*) FROM users WHERE token IS NULL")).isEqualTo("0");
            assertThat(one(c, "SELECT count(DISTINCT token) > 1 FROM users")).isEqualTo("t");
            // Each batch committed on its own: the rows carry several transaction ids.
            assertThat(Integer.parseInt(one(c, "SELECT count(DISTINCT xmin::text) FROM users")))
                    .isGreaterThanOrEqualTo(3);
            assertThat(constraints(c, "users")).containsExactly("users_pkey:p:true");
            assertThat(rowsDigest(c, "users", "id, email, age")).isEqualTo(before);
            assertThat(
                            one(
                                    c,
                                    "SELECT column_default FROM information_schema.columns WHERE table_name = 'users'"
                                            + " AND column_name = 'token'"))
                    .isEqualTo("random()");
        }
    }

    @Test
    void aSingleUnbatchedUpdateLeavesOneTransactionId() throws Exception {
        // The control for the test above: without batches every row has the same xmin.
        try (Connection c = PostgresServers.freshDatabase(16)) {
            createUsers(c);
            exec(
                    c,
                    "ALTER TABLE users ADD COLUMN token double precision",
                    "UPDATE users SET token = random()");
            assertThat(one(c, "SELECT count(DISTINCT xmin::text) FROM users")).isEqualTo("1");
        }
    }

    @Test
    void backfillWalksACompositeKeyAndResumesWhereItStopped() throws Exception {
        try (Connection c = PostgresServers.freshDatabase(16)) {
            exec(
                    c,
                    "CREATE TABLE items (a int, b text, v int, PRIMARY KEY (a, b))",
                    "INSERT INTO items SELECT g % 7, 'k' || g, g FROM generate_series(1, 350) g",
                    "ALTER TABLE items ADD COLUMN w int");
            // A stopped earlier run: some rows already done, with a value the backfill must not
            // touch.
            exec(c, "UPDATE items SET w = -1 WHERE v <= 50");
            Table items =
                    pk(
                            table(
                                    "items",
                                    notNull("a", "integer"),
                                    notNull("b", "text"),
                                    col("v", "integer"),
                                    col("w", "integer")),
                            "a",
                            "b");
            PlanContext ctx = new PlanContext(schema(items), List.of(), options(16));
            StepList steps = new StepList(ctx, "test");
            Backfill.plan(ctx, steps, q("items"), "w = v * 2", "w IS NULL", "fill w");
            List<StagedStep> built = steps.build();
            assertThat(built).hasSize(1);
            assertThat(built.get(0).step().sql())
                    .contains("(a, b) > (evoplan_key_1, evoplan_key_2)");
            LocalRunner.run(
                    c,
                    new Plan(List.of(new Stage(StageKind.BACKFILL, List.of(built.get(0).step())))));
            assertThat(one(c, "SELECT count(*) FROM items WHERE w IS NULL")).isEqualTo("0");
            assertThat(one(c, "SELECT count(*) FROM items WHERE v <= 50 AND w = -1"))
                    .isEqualTo("50");
            assertThat(one(c, "SELECT count(*) FROM items WHERE v > 50 AND w = v * 2"))
                    .isEqualTo("300");
            assertThat(
                            Integer.parseInt(
                                    one(
                                            c,
                                            "SELECT count(DISTINCT xmin::text) FROM items WHERE v > 50")))
                    .isGreaterThanOrEqualTo(3);
        }
    }

    @Test
    void backfillWithoutPrimaryKeyGoesByCtid() throws Exception {
        try (Connection c = PostgresServers.freshDatabase(16)) {
            exec(
                    c,
                    "CREATE TABLE logs (msg text)",
                    "INSERT INTO logs SELECT 'm' || g FROM generate_series(1, 300) g");
            Table logs = table("logs", col("msg", "text"));
            Plan plan =
                    Planner.plan(
                            schema(logs),
                            List.of(
                                    new Change.AddColumn(
                                            q("logs"),
                                            withDefault(
                                                    notNull("id", "uuid"), "gen_random_uuid()"))),
                            options(16));
            assertThat(plan.steps())
                    .anyMatch(s -> s.sql() != null && s.sql().contains("ctid = ANY"));
            LocalRunner.run(c, plan);
            assertThat(notNullColumn(c, "logs", "id")).isTrue();
            assertThat(one(c, "SELECT count(DISTINCT id) FROM logs")).isEqualTo("300");
            assertThat(Integer.parseInt(one(c, "SELECT count(DISTINCT xmin::text) FROM logs")))
                    .isGreaterThanOrEqualTo(3);
        }
    }

    /**
     * The application updates rows while the backfill runs; an updated row moves to a new ctid, so
     * a batch whose rows all moved updates nothing. That must not end the backfill while a row
     * still needs a value (it did: the step after it, VALIDATE or SET NOT NULL, then failed).
     */
    @Test
    void aCtidBackfillWhoseLastRowsMovedUnderItGoesOn() throws Exception {
        try (Connection c = PostgresServers.freshDatabase(16);
                Connection app = PostgresServers.connect(16, c.getCatalog())) {
            exec(
                    c,
                    "CREATE TABLE logs (msg text, w int)",
                    "INSERT INTO logs VALUES ('only', NULL)");
            Table logs = table("logs", col("msg", "text"), col("w", "integer"));
            PlanContext ctx = new PlanContext(schema(logs), List.of(), options(16));
            StepList steps = new StepList(ctx, "test");
            Backfill.plan(ctx, steps, q("logs"), "w = 1", "w IS NULL", "fill w");
            Plan plan =
                    new Plan(
                            List.of(
                                    new Stage(
                                            StageKind.BACKFILL,
                                            List.of(steps.build().get(0).step()))));
            assertThat(plan.steps().get(0).sql()).contains("ctid = ANY");
            int backfillPid = Integer.parseInt(one(c, "SELECT pg_backend_pid()"));
            app.setAutoCommit(false);
            exec(app, "UPDATE logs SET msg = msg");

            java.util.concurrent.CompletableFuture<Void> backfill =
                    java.util.concurrent.CompletableFuture.runAsync(
                            () -> {
                                try {
                                    LocalRunner.run(c, plan);
                                } catch (SQLException e) {
                                    throw new IllegalStateException(e);
                                }
                            });
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(20);
            while (!"Lock"
                    .equals(
                            one(
                                    app,
                                    "SELECT coalesce(wait_event_type, '') FROM pg_stat_activity WHERE pid = "
                                            + backfillPid))) {
                assertThat(System.nanoTime())
                        .as("the backfill waits on the application's row")
                        .isLessThan(deadline);
                Thread.sleep(20);
            }
            app.commit();
            backfill.get(30, java.util.concurrent.TimeUnit.SECONDS);

            assertThat(one(c, "SELECT count(*) FROM logs WHERE w IS NULL")).isEqualTo("0");
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {14, 16, 18})
    void setNotNullEndsWithTheSameCatalogAsAPlainSetNotNull(int pg) throws Exception {
        try (Connection c = PostgresServers.freshDatabase(pg)) {
            createUsers(c);
            Plan plan =
                    Planner.plan(
                            schema(users()),
                            List.of(new Change.SetNotNull(q("users"), "email")),
                            options(pg));
            LocalRunner.run(c, plan);
            assertThat(notNullColumn(c, "users", "email")).isTrue();
            assertThat(
                            one(
                                    c,
                                    "SELECT attnotnull FROM pg_attribute WHERE attrelid = 'users'::regclass AND attname = 'email'"))
                    .isEqualTo("t");
            // The twin made the blocking way: the catalog must read back the same.
            exec(
                    c,
                    "CREATE TABLE twin (id bigint PRIMARY KEY, email text, age integer)",
                    "ALTER TABLE twin ALTER COLUMN email SET NOT NULL");
            assertThat(
                            all(
                                    c,
                                    "SELECT conname || ':' || contype::text || ':' || convalidated FROM pg_constraint"
                                            + " WHERE conrelid = 'users'::regclass ORDER BY 1"))
                    .isEqualTo(
                            all(
                                            c,
                                            "SELECT conname || ':' || contype::text"
                                                    + " || ':' || convalidated FROM pg_constraint WHERE conrelid = 'twin'::regclass ORDER BY 1")
                                    .stream()
                                    .map(s -> s.replace("twin", "users"))
                                    .toList());
            assertNoLeftovers(c, "users", pg, "email");
            assertThatThrownBy(() -> exec(c, "INSERT INTO users (id) VALUES (100000)"))
                    .isInstanceOf(SQLException.class);
        }
    }

    @Test
    void setNotNullFailsValidationWhileNullsRemain() throws Exception {
        try (Connection c = PostgresServers.freshDatabase(16)) {
            createUsers(c);
            exec(c, "UPDATE users SET email = NULL WHERE id = 7");
            Plan plan =
                    Planner.plan(
                            schema(users()),
                            List.of(new Change.SetNotNull(q("users"), "email")),
                            options(16));
            assertThatThrownBy(() -> LocalRunner.run(c, plan)).hasMessageContaining("validate");
            assertThat(notNullColumn(c, "users", "email")).isFalse();
        }
    }

    @Test
    void indexesAndConstraintsOnAnExistingTableEndValid() throws Exception {
        try (Connection c = PostgresServers.freshDatabase(16)) {
            createUsers(c);
            exec(
                    c,
                    "CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint, code text)",
                    "INSERT INTO orders SELECT g, g, 'c' || g FROM generate_series(1, 50) g");
            Table orders =
                    pk(
                            table(
                                    "orders",
                                    notNull("id", "bigint"),
                                    col("user_id", "bigint"),
                                    col("code", "text")),
                            "id");
            List<Change> changes =
                    List.of(
                            new Change.AddUnique(q("orders"), unique("orders_code_key", "code")),
                            new Change.CreateIndex(index("users_age_idx", "users", "age")),
                            new Change.AddCheck(q("users"), check("users_age_check", "(age >= 0)")),
                            new Change.AddForeignKey(
                                    q("orders"),
                                    fk(
                                            "orders_user_id_fkey",
                                            List.of("user_id"),
                                            "users",
                                            List.of("id"))));
            Plan plan = Planner.plan(schema(users(), orders), changes, options(16));
            LocalRunner.run(c, plan);
            assertThat(
                            one(
                                    c,
                                    "SELECT indisvalid FROM pg_index WHERE indexrelid = 'users_age_idx'::regclass"))
                    .isEqualTo("t");
            assertThat(constraints(c, "orders"))
                    .containsExactly(
                            "orders_code_key:u:true",
                            "orders_pkey:p:true",
                            "orders_user_id_fkey:f:true");
            assertThat(constraints(c, "users"))
                    .containsExactly("users_age_check:c:true", "users_pkey:p:true");
            assertThatThrownBy(() -> exec(c, "INSERT INTO orders VALUES (999, 1, 'c1')"))
                    .isInstanceOf(SQLException.class);
        }
    }

    @Test
    void primaryKeyOnNullableColumnsGoesThroughTheNotNullPath() throws Exception {
        try (Connection c = PostgresServers.freshDatabase(16)) {
            exec(
                    c,
                    "CREATE TABLE tags (name text, note text)",
                    "INSERT INTO tags SELECT 't' || g, 'n' FROM generate_series(1, 30) g");
            Table tags = table("tags", col("name", "text"), col("note", "text"));
            Plan plan =
                    Planner.plan(
                            schema(tags),
                            List.of(
                                    new Change.AddPrimaryKey(
                                            q("tags"),
                                            new dev.evoplan.model.PrimaryKey(
                                                    "tags_pkey", List.of("name")))),
                            options(16));
            LocalRunner.run(c, plan);
            assertThat(constraints(c, "tags")).containsExactly("tags_pkey:p:true");
            assertThat(notNullColumn(c, "tags", "name")).isTrue();
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {14, 16, 18})
    void renameColumnKeepsBothColumnsInStepThenContracts(int pg) throws Exception {
        try (Connection c = PostgresServers.freshDatabase(pg)) {
            exec(
                    c,
                    "CREATE TABLE people (id bigint PRIMARY KEY, mail text NOT NULL DEFAULT 'none', age int,"
                            + " CONSTRAINT people_mail_key UNIQUE (mail), CONSTRAINT people_mail_check CHECK (length(mail) > 2))",
                    "CREATE INDEX people_lower_mail_idx ON people (lower(mail))",
                    "INSERT INTO people SELECT g, 'p' || g || '@x', g FROM generate_series(1, 250) g");
            Table people =
                    pk(
                                    table(
                                            "people",
                                            notNull("id", "bigint"),
                                            withDefault(notNull("mail", "text"), "'none'::text"),
                                            col("age", "integer")),
                                    "id")
                            .withUniques(List.of(unique("people_mail_key", "mail")))
                            .withChecks(List.of(check("people_mail_check", "(length(mail) > 2)")))
                            .withIndexes(
                                    List.of(
                                            new dev.evoplan.model.Index(
                                                    "people_lower_mail_idx",
                                                    q("people"),
                                                    false,
                                                    "btree",
                                                    List.of(
                                                            new dev.evoplan.model.IndexElement(
                                                                    "lower(mail)",
                                                                    true,
                                                                    false,
                                                                    null,
                                                                    null)),
                                                    List.of(),
                                                    null)));
            String before = rowsDigest(c, "people", "id, mail, age");
            Plan plan =
                    Planner.plan(
                            schema(people),
                            List.of(new Change.RenameColumn(q("people"), "mail", "email")),
                            options(pg));
            LocalRunner.runStages(
                    c, plan, StageKind.EXPAND, StageKind.BACKFILL, StageKind.VALIDATE);
            // Old code writes mail, new code writes email: the trigger keeps both equal.
            exec(
                    c,
                    "INSERT INTO people (id, mail) VALUES (1001, 'old@x')",
                    "INSERT INTO people (id, email) VALUES (1002, 'new@x')",
                    "UPDATE people SET mail = 'upd@x' WHERE id = 1");
            assertThat(one(c, "SELECT email FROM people WHERE id = 1001")).isEqualTo("old@x");
            assertThat(one(c, "SELECT mail FROM people WHERE id = 1002")).isEqualTo("new@x");
            assertThat(one(c, "SELECT email FROM people WHERE id = 1")).isEqualTo("upd@x");
            assertThat(one(c, "SELECT count(*) FROM people WHERE email IS DISTINCT FROM mail"))
                    .isEqualTo("0");
            LocalRunner.runStages(c, plan, StageKind.MIGRATE_READS, StageKind.CONTRACT);
            exec(
                    c,
                    "DELETE FROM people WHERE id > 1000",
                    "UPDATE people SET email = 'p1@x' WHERE id = 1");
            assertThat(rowsDigest(c, "people", "id, email, age")).isEqualTo(before);
            assertThat(
                            all(
                                    c,
                                    "SELECT column_name FROM information_schema.columns WHERE table_name = 'people' ORDER BY ordinal_position"))
                    .containsExactly("id", "age", "email");
            assertThat(notNullColumn(c, "people", "email")).isTrue();
            assertNoLeftovers(c, "people", pg, "email");
            assertThat(constraints(c, "people"))
                    .containsExactly(
                            "people_mail_check:c:true",
                            "people_mail_key:u:true",
                            "people_pkey:p:true");
            assertThat(
                            one(
                                    c,
                                    "SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conname = 'people_mail_check'"))
                    .contains("email");
            assertThat(one(c, "SELECT pg_get_indexdef('people_lower_mail_idx'::regclass)"))
                    .contains("lower(email)");
            assertThat(
                            one(
                                    c,
                                    "SELECT count(*) FROM pg_trigger WHERE tgrelid = 'people'::regclass AND NOT tgisinternal"))
                    .isEqualTo("0");
            assertThat(
                            one(
                                    c,
                                    "SELECT column_default FROM information_schema.columns WHERE table_name = 'people'"
                                            + " AND column_name = 'email'"))
                    .isEqualTo("'none'::text");
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {14, 16, 18})
    void typeChangeOfAReferencedPrimaryKeySwapsColumnsAndKeepsForeignKeys(int pg) throws Exception {
        try (Connection c = PostgresServers.freshDatabase(pg)) {
            exec(
                    c,
                    "CREATE TABLE accounts (id serial PRIMARY KEY, name text)",
                    "CREATE TABLE posts (id int PRIMARY KEY, account_id int REFERENCES accounts (id))",
                    "INSERT INTO accounts (name) SELECT 'a' || g FROM generate_series(1, 220) g",
                    "INSERT INTO posts SELECT g, g FROM generate_series(1, 220) g");
            Table accounts =
                    pk(
                            table(
                                    "accounts",
                                    withDefault(
                                            notNull("id", "integer"),
                                            "nextval('accounts_id_seq'::regclass)"),
                                    col("name", "text")),
                            "id");
            Table posts =
                    pk(table("posts", notNull("id", "integer"), col("account_id", "integer")), "id")
                            .withForeignKeys(
                                    List.of(
                                            fk(
                                                    "posts_account_id_fkey",
                                                    List.of("account_id"),
                                                    "accounts",
                                                    List.of("id"))));
            Schema from =
                    schema(accounts, posts)
                            .withSequence(
                                    new dev.evoplan.model.Sequence(
                                            q("accounts_id_seq"),
                                            "integer",
                                            null,
                                            null,
                                            null,
                                            null,
                                            null,
                                            false,
                                            "accounts.id"));
            String before = rowsDigest(c, "accounts", "id, name");
            Plan plan =
                    Planner.plan(
                            from,
                            List.of(
                                    new Change.AlterColumnType(
                                            q("accounts"),
                                            "id",
                                            SqlType.parse("integer"),
                                            SqlType.parse("bigint"),
                                            null)),
                            options(pg));
            LocalRunner.runStages(
                    c, plan, StageKind.EXPAND, StageKind.BACKFILL, StageKind.VALIDATE);
            exec(c, "INSERT INTO accounts (name) VALUES ('during')");
            assertThat(
                            one(
                                    c,
                                    "SELECT count(*) FROM accounts WHERE id__evoplan_new IS DISTINCT FROM id"))
                    .isEqualTo("0");
            LocalRunner.runStages(c, plan, StageKind.MIGRATE_READS, StageKind.CONTRACT);
            exec(c, "DELETE FROM accounts WHERE name = 'during'");
            assertThat(
                            one(
                                    c,
                                    "SELECT data_type FROM information_schema.columns WHERE table_name = 'accounts' AND column_name = 'id'"))
                    .isEqualTo("bigint");
            assertThat(rowsDigest(c, "accounts", "id, name")).isEqualTo(before);
            assertNoLeftovers(c, "accounts", pg, "id");
            assertThat(constraints(c, "accounts")).containsExactly("accounts_pkey:p:true");
            assertThat(constraints(c, "posts"))
                    .containsExactly("posts_account_id_fkey:f:true", "posts_pkey:p:true");
            assertThat(notNullColumn(c, "accounts", "id")).isTrue();
            exec(c, "INSERT INTO accounts (name) VALUES ('after')");
            assertThat(one(c, "SELECT id FROM accounts WHERE name = 'after'")).isEqualTo("222");
            assertThatThrownBy(() -> exec(c, "INSERT INTO posts VALUES (999, 5000)"))
                    .isInstanceOf(SQLException.class);
            assertThat(
                            all(
                                    c,
                                    "SELECT column_name FROM information_schema.columns WHERE table_name = 'accounts'"))
                    .hasSize(2);
        }
    }

    @Test
    void renameTableLeavesAWorkingViewUntilContract() throws Exception {
        try (Connection c = PostgresServers.freshDatabase(16)) {
            exec(
                    c,
                    "CREATE TABLE clients (id serial PRIMARY KEY, name text NOT NULL)",
                    "INSERT INTO clients (name) VALUES ('a'), ('b')");
            Table clients =
                    pk(
                            table(
                                    "clients",
                                    withDefault(
                                            notNull("id", "integer"),
                                            "nextval('clients_id_seq'::regclass)"),
                                    notNull("name", "text")),
                            "id");
            Plan plan =
                    Planner.plan(
                            schema(clients),
                            List.of(new Change.RenameTable(q("clients"), q("customers"))),
                            options(16));
            LocalRunner.runStages(c, plan, StageKind.EXPAND);
            exec(
                    c,
                    "INSERT INTO clients (name) VALUES ('old code')",
                    "UPDATE clients SET name = 'b2' WHERE name = 'b'");
            assertThat(one(c, "SELECT count(*) FROM customers")).isEqualTo("3");
            assertThat(one(c, "SELECT id FROM customers WHERE name = 'old code'")).isEqualTo("3");
            LocalRunner.runStages(c, plan, StageKind.MIGRATE_READS, StageKind.CONTRACT);
            assertThat(one(c, "SELECT to_regclass('clients') IS NULL")).isEqualTo("t");
            assertThat(one(c, "SELECT string_agg(name, ',' ORDER BY id) FROM customers"))
                    .isEqualTo("a,b2,old code");
        }
    }

    @Test
    void identityColumnAddedOnlineContinuesAfterTheExistingRows() throws Exception {
        try (Connection c = PostgresServers.freshDatabase(16)) {
            exec(
                    c,
                    "CREATE TABLE events (code text PRIMARY KEY)",
                    "INSERT INTO events SELECT 'e' || g FROM generate_series(1, 230) g");
            Table events = pk(table("events", notNull("code", "text")), "code");
            Plan plan =
                    Planner.plan(
                            schema(events),
                            List.of(
                                    new Change.AddColumn(
                                            q("events"), Tables.identity("seq", "bigint"))),
                            options(16));
            LocalRunner.run(c, plan);
            assertThat(
                            one(
                                    c,
                                    "SELECT attidentity FROM pg_attribute WHERE attrelid = 'events'::regclass AND attname = 'seq'"))
                    .isEqualTo("d");
            assertThat(one(c, "SELECT count(DISTINCT seq) FROM events")).isEqualTo("230");
            exec(c, "INSERT INTO events (code) VALUES ('new')");
            assertThat(one(c, "SELECT seq > 230 FROM events WHERE code = 'new'")).isEqualTo("t");
            assertThat(all(c, "SELECT relname FROM pg_class WHERE relkind = 'S'"))
                    .noneMatch(n -> n.contains("evoplan"));
        }
    }

    @Test
    void notNullColumnWithoutDefaultFollowsTheCheckpoints() throws Exception {
        try (Connection c = PostgresServers.freshDatabase(16)) {
            createUsers(c);
            Plan plan =
                    Planner.plan(
                            schema(users()),
                            List.of(new Change.AddColumn(q("users"), notNull("country", "text"))),
                            options(16));
            LocalRunner.runStages(c, plan, StageKind.EXPAND);
            // What the checkpoints ask of a person: new code writes it, old rows get filled.
            exec(
                    c,
                    "INSERT INTO users (id, country) VALUES (5000, 'fr')",
                    "UPDATE users SET country = 'xx' WHERE country IS NULL");
            LocalRunner.runStages(
                    c,
                    plan,
                    StageKind.BACKFILL,
                    StageKind.VALIDATE,
                    StageKind.MIGRATE_READS,
                    StageKind.CONTRACT);
            assertThat(notNullColumn(c, "users", "country")).isTrue();
            assertThat(constraints(c, "users")).containsExactly("users_pkey:p:true");
        }
    }

    @Test
    void dropColumnAndEnumValueAndComment() throws Exception {
        try (Connection c = PostgresServers.freshDatabase(16)) {
            exec(
                    c,
                    "CREATE TYPE mood AS ENUM ('sad', 'happy')",
                    "CREATE TABLE users (id bigint PRIMARY KEY, email text, age integer NOT NULL)");
            Table u =
                    pk(
                            table(
                                    "users",
                                    notNull("id", "bigint"),
                                    col("email", "text"),
                                    notNull("age", "integer")),
                            "id");
            Schema from = schema(u).withEnum(new EnumType(q("mood"), List.of("sad", "happy")));
            Plan plan =
                    Planner.plan(
                            from,
                            List.of(
                                    new Change.AddEnumValue(q("mood"), "ok", "sad"),
                                    new Change.SetColumnComment(
                                            q("users"), "email", null, "where we write"),
                                    new Change.DropColumn(q("users"), notNull("age", "integer"))),
                            options(16));
            LocalRunner.runStages(c, plan, StageKind.EXPAND);
            exec(c, "INSERT INTO users (id) VALUES (1)");
            LocalRunner.runStages(c, plan, StageKind.MIGRATE_READS, StageKind.CONTRACT);
            assertThat(
                            one(
                                    c,
                                    "SELECT string_agg(enumlabel, ',' ORDER BY enumsortorder) FROM pg_enum"))
                    .isEqualTo("sad,ok,happy");
            assertThat(one(c, "SELECT col_description('users'::regclass, 2)"))
                    .isEqualTo("where we write");
            assertThat(
                            all(
                                    c,
                                    "SELECT column_name FROM information_schema.columns WHERE table_name = 'users'"))
                    .doesNotContain("age");
        }
    }

    @Test
    void newTableIsCreatedPlainlyWithItsIndexAndForeignKey() throws Exception {
        try (Connection c = PostgresServers.freshDatabase(16)) {
            createUsers(c);
            Table audit =
                    pk(
                                    table(
                                            "audit",
                                            Tables.identity("id", "bigint"),
                                            notNull("user_id", "bigint"),
                                            withDefault(
                                                    notNull("at", "timestamp with time zone"),
                                                    "now()")),
                                    "id")
                            .withChecks(List.of(check("audit_id_check", "id > 0")))
                            .withComment("who did what");
            Plan plan =
                    Planner.plan(
                            schema(users()),
                            List.of(
                                    new Change.CreateTable(audit),
                                    new Change.CreateIndex(
                                            index("audit_user_id_idx", "audit", "user_id")),
                                    new Change.AddForeignKey(
                                            q("audit"),
                                            fk(
                                                    "audit_user_id_fkey",
                                                    List.of("user_id"),
                                                    "users",
                                                    List.of("id")))),
                            options(16));
            LocalRunner.run(c, plan);
            assertThat(constraints(c, "audit"))
                    .containsExactly(
                            "audit_id_check:c:true",
                            "audit_pkey:p:true",
                            "audit_user_id_fkey:f:true");
            assertThat(one(c, "SELECT obj_description('audit'::regclass, 'pg_class')"))
                    .isEqualTo("who did what");
            assertThat(
                            one(
                                    c,
                                    "SELECT indisvalid FROM pg_index WHERE indexrelid = 'audit_user_id_idx'::regclass"))
                    .isEqualTo("t");
            assertThat(IdentityKind.BY_DEFAULT.sql()).isNotEmpty();
        }
    }

    @Test
    void replacedIndexUniqueAndPrimaryKeyKeepTheirNamesAndAnIdentityIsAdded() throws Exception {
        try (Connection c = PostgresServers.freshDatabase(16)) {
            exec(
                    c,
                    "CREATE TABLE codes (id bigint NOT NULL, code text NOT NULL, region text NOT NULL,"
                            + " CONSTRAINT codes_pkey PRIMARY KEY (id), CONSTRAINT codes_code_key UNIQUE (code))",
                    "CREATE INDEX codes_region_idx ON codes (region)",
                    "INSERT INTO codes SELECT g, 'c' || g, 'r' || (g % 5) FROM generate_series(1, 120) g");
            Table codes =
                    pk(
                                    table(
                                            "codes",
                                            notNull("id", "bigint"),
                                            notNull("code", "text"),
                                            notNull("region", "text")),
                                    "id")
                            .withUniques(List.of(unique("codes_code_key", "code")))
                            .withIndexes(List.of(index("codes_region_idx", "codes", "region")));
            PrimaryKey oldPk = codes.primaryKey();
            List<Change> changes =
                    List.of(
                            new Change.AlterIdentity(
                                    q("codes"), "id", IdentityKind.NONE, IdentityKind.ALWAYS),
                            new Change.DropPrimaryKey(q("codes"), oldPk),
                            new Change.DropUnique(q("codes"), unique("codes_code_key", "code")),
                            new Change.DropIndex(index("codes_region_idx", "codes", "region")),
                            new Change.AddPrimaryKey(
                                    q("codes"),
                                    new PrimaryKey("codes_pkey", List.of("id", "region"))),
                            new Change.AddUnique(
                                    q("codes"), unique("codes_code_key", "code", "region")),
                            new Change.CreateIndex(
                                    index("codes_region_idx", "codes", "region", "code")));
            Plan plan = Planner.plan(schema(codes), changes, options(16));
            LocalRunner.run(c, plan);
            assertThat(constraints(c, "codes"))
                    .containsExactly("codes_code_key:u:true", "codes_pkey:p:true");
            assertThat(
                            one(
                                    c,
                                    "SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conname = 'codes_pkey'"))
                    .isEqualTo("PRIMARY KEY (id, region)");
            assertThat(
                            one(
                                    c,
                                    "SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conname = 'codes_code_key'"))
                    .isEqualTo("UNIQUE (code, region)");
            assertThat(one(c, "SELECT pg_get_indexdef('codes_region_idx'::regclass)"))
                    .contains("(region, code)");
            assertThat(all(c, "SELECT relname FROM pg_class WHERE relname LIKE '%evoplan%'"))
                    .isEmpty();
            exec(c, "INSERT INTO codes (code, region) VALUES ('fresh', 'r0')");
            assertThat(one(c, "SELECT id FROM codes WHERE code = 'fresh'")).isEqualTo("121");
        }
    }
}
