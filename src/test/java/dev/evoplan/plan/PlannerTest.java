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

import dev.evoplan.diff.Change;
import dev.evoplan.model.CheckConstraint;
import dev.evoplan.model.EnumType;
import dev.evoplan.model.PrimaryKey;
import dev.evoplan.model.QualifiedName;
import dev.evoplan.model.Schema;
import dev.evoplan.model.Sequence;
import dev.evoplan.model.SqlType;
import dev.evoplan.model.Table;
import dev.evoplan.model.View;
import dev.evoplan.rules.LockLevel;
import dev.evoplan.rules.TableStats;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The planner's strategies, step by step: stages, SQL, locks, transactional flags, timeouts. */
class PlannerTest {
    private static final Table USERS =
            pk(
                    table(
                            "users",
                            notNull("id", "bigint"),
                            col("email", "text"),
                            col("age", "integer")),
                    "id");
    private static final Table ORDERS =
            pk(table("orders", notNull("id", "bigint"), col("user_id", "bigint")), "id");
    private static final Schema FROM = schema(USERS, ORDERS);

    private static Plan plan(int pg, Change... changes) {
        return plan(FROM, pg, changes);
    }

    private static Plan plan(Schema from, int pg, Change... changes) {
        Plan p =
                Planner.plan(
                        from,
                        List.of(changes),
                        new PlanOptions(pg, 500, "3s", TableStats.UNKNOWN, Set.of()));
        assertWellFormed(p, from);
        return p;
    }

    /** Invariants every plan keeps, checked on every plan these tests make. */
    private static void assertWellFormed(Plan p, Schema from) {
        List<StageKind> kinds = p.stages().stream().map(Stage::kind).toList();
        assertThat(kinds).isSorted().doesNotHaveDuplicates();
        assertThat(p.stages()).allMatch(s -> !s.steps().isEmpty());
        for (Step s : p.steps()) {
            assertThat(s.forChange()).isNotBlank();
            if (s.kind() == Step.Kind.CHECKPOINT) {
                assertThat(s.sql()).isNull();
                continue;
            }
            assertThat(s.sql()).endsWith(";");
            boolean existing =
                    s.table() != null
                            && (from.tables().containsKey(s.table())
                                    || from.sequences().containsKey(s.table()));
            if (existing && s.lock().compareTo(LockLevel.SHARE_UPDATE_EXCLUSIVE) > 0) {
                assertThat(s.lockTimeout()).as("lock_timeout on: %s", s.sql()).isEqualTo("3s");
            }
            if (s.lock().compareTo(LockLevel.SHARE_UPDATE_EXCLUSIVE) <= 0) {
                assertThat(s.lockTimeout()).as("no lock_timeout on: %s", s.sql()).isNull();
            }
            if (s.sql().contains("CONCURRENTLY") || s.sql().startsWith("DO $evoplan$\nDECLARE")) {
                assertThat(s.transactional()).as("outside a transaction: %s", s.sql()).isFalse();
            }
        }
    }

    private static List<Step> sqlSteps(Plan p, StageKind stage) {
        return p.stages().stream()
                .filter(s -> s.kind() == stage)
                .flatMap(s -> s.steps().stream())
                .filter(s -> s.kind() == Step.Kind.SQL)
                .toList();
    }

    private static List<Step> checkpoints(Plan p, StageKind stage) {
        return p.stages().stream()
                .filter(s -> s.kind() == stage)
                .flatMap(s -> s.steps().stream())
                .filter(s -> s.kind() == Step.Kind.CHECKPOINT)
                .toList();
    }

    private static List<String> sql(Plan p) {
        return p.steps().stream().filter(s -> s.kind() == Step.Kind.SQL).map(Step::sql).toList();
    }

    @Test
    void indexOnAnExistingTableIsBuiltConcurrently() {
        Plan p = plan(16, new Change.CreateIndex(index("users_age_idx", "users", "age")));
        assertThat(p.stages()).hasSize(1);
        Step s = p.steps().get(0);
        assertThat(s.sql()).isEqualTo("CREATE INDEX CONCURRENTLY users_age_idx ON users (age);");
        assertThat(s.transactional()).isFalse();
        assertThat(s.lock()).isEqualTo(LockLevel.SHARE_UPDATE_EXCLUSIVE);
        assertThat(s.table()).isEqualTo(q("users"));
        assertThat(s.lockTimeout()).isNull();
        assertThat(s.onFailure())
                .contains("INVALID index")
                .contains("DROP INDEX CONCURRENTLY IF EXISTS users_age_idx;");
        assertThat(s.rollback()).isEqualTo("DROP INDEX CONCURRENTLY IF EXISTS users_age_idx;");
        assertThat(s.forChange()).isEqualTo("create index users_age_idx on users");
    }

    @Test
    void indexOnATableCreatedInThePlanIsNotConcurrent() {
        Table audit = pk(table("audit", notNull("id", "bigint"), col("user_id", "bigint")), "id");
        Plan p =
                plan(
                        16,
                        new Change.CreateTable(audit),
                        new Change.CreateIndex(index("audit_user_id_idx", "audit", "user_id")));
        assertThat(sql(p))
                .containsExactly(
                        "CREATE TABLE audit (\n    id bigint NOT NULL,\n    user_id bigint,\n    CONSTRAINT audit_pkey PRIMARY KEY (id)\n);",
                        "CREATE INDEX audit_user_id_idx ON audit (user_id);");
        assertThat(p.steps()).allMatch(Step::transactional).allMatch(s -> s.lockTimeout() == null);
        assertThat(p.steps().get(1).lock()).isEqualTo(LockLevel.SHARE);
    }

    @Test
    void indexOnATableNamedNewInTheOptionsIsNotConcurrent() {
        Plan p =
                Planner.plan(
                        FROM,
                        List.of(new Change.CreateIndex(index("users_age_idx", "users", "age"))),
                        new PlanOptions(16, 500, "3s", TableStats.UNKNOWN, Set.of(q("users"))));
        assertThat(p.steps().get(0).sql()).isEqualTo("CREATE INDEX users_age_idx ON users (age);");
    }

    @Test
    void foreignKeyOfANewTableLocksTheExistingReferencedTableBriefly() {
        Table audit = table("audit", notNull("user_id", "bigint"));
        Plan p =
                plan(
                        16,
                        new Change.CreateTable(audit),
                        new Change.AddForeignKey(
                                q("audit"),
                                fk(
                                        "audit_user_id_fkey",
                                        List.of("user_id"),
                                        "users",
                                        List.of("id"))));
        Step s = p.steps().get(1);
        assertThat(s.sql())
                .isEqualTo(
                        "ALTER TABLE audit ADD CONSTRAINT audit_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id);");
        assertThat(s.lock()).isEqualTo(LockLevel.SHARE_ROW_EXCLUSIVE);
        assertThat(s.table()).isEqualTo(q("users"));
        assertThat(s.lockTimeout()).isEqualTo("3s");
        assertThat(p.stages()).extracting(Stage::kind).containsExactly(StageKind.EXPAND);
    }

    @Test
    void dropIndexWaitsForContractAndRunsConcurrently() {
        Table u = USERS.withIndexes(List.of(index("users_age_idx", "users", "age")));
        Plan p =
                plan(
                        schema(u, ORDERS),
                        16,
                        new Change.DropIndex(index("users_age_idx", "users", "age")));
        assertThat(p.stages()).extracting(Stage::kind).containsExactly(StageKind.CONTRACT);
        assertThat(p.steps().get(0).sql()).isEqualTo("DROP INDEX CONCURRENTLY users_age_idx;");
        assertThat(p.steps().get(0).transactional()).isFalse();
    }

    @Test
    void aChangedIndexIsBuiltUnderATemporaryNameAndRenamedAfterTheOldOneIsDropped() {
        Table u = USERS.withIndexes(List.of(index("users_age_idx", "users", "age")));
        Plan p =
                plan(
                        schema(u, ORDERS),
                        16,
                        new Change.DropIndex(index("users_age_idx", "users", "age")),
                        new Change.CreateIndex(index("users_age_idx", "users", "age", "email")));
        assertThat(sql(p))
                .containsExactly(
                        "CREATE INDEX CONCURRENTLY users_age_idx__evoplan ON users (age, email);",
                        "DROP INDEX CONCURRENTLY users_age_idx;",
                        "ALTER INDEX users_age_idx__evoplan RENAME TO users_age_idx;");
    }

    @Test
    void setNotNullOnPostgres16UsesAValidatedCheck() {
        Plan p = plan(16, new Change.SetNotNull(q("users"), "email"));
        assertThat(sqlSteps(p, StageKind.EXPAND))
                .extracting(Step::sql)
                .containsExactly(
                        "ALTER TABLE users ADD CONSTRAINT users_email_not_null CHECK (email IS NOT NULL) NOT VALID;");
        List<Step> validate = sqlSteps(p, StageKind.VALIDATE);
        assertThat(validate)
                .extracting(Step::sql)
                .containsExactly(
                        "ALTER TABLE users VALIDATE CONSTRAINT users_email_not_null;",
                        "ALTER TABLE users ALTER COLUMN email SET NOT NULL;",
                        "ALTER TABLE users DROP CONSTRAINT users_email_not_null;");
        assertThat(validate)
                .extracting(Step::lock)
                .containsExactly(
                        LockLevel.SHARE_UPDATE_EXCLUSIVE,
                        LockLevel.ACCESS_EXCLUSIVE,
                        LockLevel.ACCESS_EXCLUSIVE);
        assertThat(validate.get(0).lockTimeout()).isNull();
        assertThat(validate.get(1).lockTimeout()).isEqualTo("3s");
    }

    @Test
    void setNotNullOnPostgres18UsesANotValidNotNullConstraint() {
        Plan p = plan(18, new Change.SetNotNull(q("users"), "email"));
        assertThat(sql(p))
                .containsExactly(
                        "ALTER TABLE users ADD CONSTRAINT users_email_not_null NOT NULL email NOT VALID;",
                        "ALTER TABLE users VALIDATE CONSTRAINT users_email_not_null;");
        assertThat(p.stages())
                .extracting(Stage::kind)
                .containsExactly(StageKind.EXPAND, StageKind.VALIDATE);
    }

    @Test
    void setNotNullBeforePostgres12IsOnePlainScan() {
        Plan p = plan(11, new Change.SetNotNull(q("users"), "email"));
        assertThat(sql(p)).containsExactly("ALTER TABLE users ALTER COLUMN email SET NOT NULL;");
        assertThat(p.steps().get(0).description()).contains("no online path");
    }

    @Test
    void setNotNullOnANewTableIsPlain() {
        Plan p =
                plan(
                        16,
                        new Change.CreateTable(table("t", col("a", "integer"))),
                        new Change.SetNotNull(q("t"), "a"));
        assertThat(sql(p)).last().isEqualTo("ALTER TABLE t ALTER COLUMN a SET NOT NULL;");
        assertThat(p.stages()).hasSize(1);
    }

    @Test
    void checkAndForeignKeyOnAnExistingTableAreAddedNotValidThenValidated() {
        Plan p =
                plan(
                        16,
                        new Change.AddCheck(q("users"), check("users_age_check", "(age >= 0)")),
                        new Change.AddForeignKey(
                                q("orders"),
                                fk(
                                        "orders_user_id_fkey",
                                        List.of("user_id"),
                                        "users",
                                        List.of("id"))));
        assertThat(sqlSteps(p, StageKind.EXPAND))
                .extracting(Step::sql)
                .containsExactly(
                        "ALTER TABLE users ADD CONSTRAINT users_age_check CHECK (age >= 0) NOT VALID;",
                        "ALTER TABLE orders ADD CONSTRAINT orders_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;");
        assertThat(sqlSteps(p, StageKind.VALIDATE))
                .extracting(Step::sql)
                .containsExactly(
                        "ALTER TABLE users VALIDATE CONSTRAINT users_age_check;",
                        "ALTER TABLE orders VALIDATE CONSTRAINT orders_user_id_fkey;");
        assertThat(sqlSteps(p, StageKind.EXPAND).get(1).lock())
                .isEqualTo(LockLevel.SHARE_ROW_EXCLUSIVE);
        assertThat(sqlSteps(p, StageKind.VALIDATE))
                .allMatch(s -> s.lock() == LockLevel.SHARE_UPDATE_EXCLUSIVE);
    }

    @Test
    void aCheckTheTargetKeepsNotValidIsNotValidated() {
        Plan p =
                plan(
                        16,
                        new Change.AddCheck(
                                q("users"),
                                new CheckConstraint("users_age_check", "age >= 0", false)));
        assertThat(p.stages()).extracting(Stage::kind).containsExactly(StageKind.EXPAND);
    }

    @Test
    void uniqueOnAnExistingTableAttachesAConcurrentIndex() {
        Plan p = plan(16, new Change.AddUnique(q("users"), unique("users_email_key", "email")));
        assertThat(sql(p))
                .containsExactly(
                        "CREATE UNIQUE INDEX CONCURRENTLY users_email_key ON users (email);",
                        "ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE USING INDEX users_email_key;");
        assertThat(p.steps())
                .extracting(Step::lock)
                .containsExactly(LockLevel.SHARE_UPDATE_EXCLUSIVE, LockLevel.ACCESS_EXCLUSIVE);
        assertThat(p.steps()).extracting(Step::transactional).containsExactly(false, true);
    }

    @Test
    void uniqueOnANewTableIsAPlainConstraint() {
        Plan p =
                plan(
                        16,
                        new Change.CreateTable(table("t", col("a", "integer"))),
                        new Change.AddUnique(q("t"), unique("t_a_key", "a")));
        assertThat(sql(p)).last().isEqualTo("ALTER TABLE t ADD CONSTRAINT t_a_key UNIQUE (a);");
    }

    @Test
    void primaryKeyOnNullableColumnsAttachesAfterTheNotNullPath() {
        Table tags = table("tags", col("name", "text"));
        Plan p =
                plan(
                        schema(tags),
                        16,
                        new Change.AddPrimaryKey(
                                q("tags"), new PrimaryKey("tags_pkey", List.of("name"))));
        assertThat(sql(p))
                .first()
                .isEqualTo(
                        "ALTER TABLE tags ADD CONSTRAINT tags_name_not_null CHECK (name IS NOT NULL) NOT VALID;");
        assertThat(sqlSteps(p, StageKind.EXPAND))
                .extracting(Step::sql)
                .contains("CREATE UNIQUE INDEX CONCURRENTLY tags_pkey ON tags (name);");
        assertThat(sqlSteps(p, StageKind.VALIDATE))
                .last()
                .extracting(Step::sql)
                .isEqualTo(
                        "ALTER TABLE tags ADD CONSTRAINT tags_pkey PRIMARY KEY USING INDEX tags_pkey;");
    }

    @Test
    void primaryKeyOnNotNullColumnsAttachesInExpand() {
        Table tags = table("tags", notNull("name", "text"));
        Plan p =
                plan(
                        schema(tags),
                        16,
                        new Change.AddPrimaryKey(
                                q("tags"), new PrimaryKey("tags_pkey", List.of("name"))));
        assertThat(p.stages()).extracting(Stage::kind).containsExactly(StageKind.EXPAND);
        assertThat(sql(p)).hasSize(2);
    }

    @Test
    void aReplacedUniqueIsDroppedInTheTransactionThatAttachesItsSuccessor() {
        Table u = USERS.withUniques(List.of(unique("users_email_key", "email")));
        Plan p =
                plan(
                        schema(u, ORDERS),
                        16,
                        new Change.DropUnique(q("users"), unique("users_email_key", "email")),
                        new Change.AddUnique(
                                q("users"), unique("users_email_key", "email", "age")));
        assertThat(sql(p))
                .containsExactly(
                        "CREATE UNIQUE INDEX CONCURRENTLY users_email_key__evoplan ON users (email, age);",
                        "ALTER TABLE users DROP CONSTRAINT users_email_key;\n"
                                + "ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE USING INDEX users_email_key__evoplan;");
    }

    @Test
    void droppingAConstraintRelaxesTheSchemaSoItGoesInExpand() {
        Table u = USERS.withChecks(List.of(check("users_age_check", "age > 0")));
        Plan p =
                plan(
                        schema(u, ORDERS),
                        16,
                        new Change.DropCheck(q("users"), check("users_age_check", "age > 0")));
        assertThat(p.stages()).extracting(Stage::kind).containsExactly(StageKind.EXPAND);
        assertThat(p.steps().get(0).rollback()).contains("NOT VALID");
    }

    @ParameterizedTest
    @ValueSource(ints = {11, 16, 18})
    void constantDefaultNotNullColumnIsOneStatementFrom11(int pg) {
        Plan p =
                plan(
                        pg,
                        new Change.AddColumn(
                                q("users"), withDefault(notNull("active", "boolean"), "true")));
        assertThat(sql(p))
                .containsExactly(
                        "ALTER TABLE users ADD COLUMN active boolean DEFAULT true NOT NULL;");
        assertThat(p.steps().get(0).lock()).isEqualTo(LockLevel.ACCESS_EXCLUSIVE);
    }

    @Test
    void constantDefaultBefore11IsAddedBareAndBackfilledOneBatchAtATime() {
        Plan p =
                plan(
                        10,
                        new Change.AddColumn(
                                q("users"), withDefault(notNull("active", "boolean"), "true")));
        assertThat(sql(p)).first().isEqualTo("ALTER TABLE users ADD COLUMN active boolean;");
        Step backfill = sqlSteps(p, StageKind.BACKFILL).get(0);
        assertThat(backfill.sql())
                .startsWith("UPDATE users SET active = true\nWHERE id IN (")
                .doesNotContain("COMMIT");
        assertThat(backfill.description()).contains("run it again until it reports UPDATE 0");
        assertThat(sqlSteps(p, StageKind.VALIDATE))
                .extracting(Step::sql)
                .containsExactly("ALTER TABLE users ALTER COLUMN active SET NOT NULL;");
    }

    @Test
    void nullableColumnWithoutDefaultIsOneStatement() {
        Plan p = plan(16, new Change.AddColumn(q("users"), col("nick", "text")));
        assertThat(sql(p)).containsExactly("ALTER TABLE users ADD COLUMN nick text;");
        assertThat(p.steps().get(0).rollback()).isEqualTo("ALTER TABLE users DROP COLUMN nick;");
    }

    @Test
    void notNullColumnWithoutDefaultWaitsForTheApplicationAndABackfillByHand() {
        Plan p = plan(16, new Change.AddColumn(q("users"), notNull("country", "text")));
        assertThat(sqlSteps(p, StageKind.EXPAND))
                .extracting(Step::sql)
                .containsExactly("ALTER TABLE users ADD COLUMN country text;");
        assertThat(checkpoints(p, StageKind.EXPAND))
                .singleElement()
                .extracting(Step::description)
                .asString()
                .contains("writes country on every insert");
        assertThat(checkpoints(p, StageKind.BACKFILL))
                .singleElement()
                .extracting(Step::description)
                .asString()
                .contains("evoplan cannot know the value");
        // The NOT VALID check comes after the backfill: before it, updates of old rows would fail.
        assertThat(sqlSteps(p, StageKind.VALIDATE))
                .extracting(Step::sql)
                .first()
                .asString()
                .contains("CHECK (country IS NOT NULL) NOT VALID");
    }

    @Test
    void volatileDefaultIsSetForNewRowsAndBackfilledForOldOnes() {
        Plan p =
                plan(
                        16,
                        new Change.AddColumn(
                                q("users"),
                                withDefault(notNull("token", "uuid"), "gen_random_uuid()")));
        assertThat(sqlSteps(p, StageKind.EXPAND))
                .extracting(Step::sql)
                .containsExactly(
                        "ALTER TABLE users ADD COLUMN token uuid;",
                        "ALTER TABLE users ALTER COLUMN token SET DEFAULT gen_random_uuid();");
        Step backfill = sqlSteps(p, StageKind.BACKFILL).get(0);
        assertThat(backfill.transactional()).isFalse();
        assertThat(backfill.lock()).isEqualTo(LockLevel.ROW_EXCLUSIVE);
        assertThat(backfill.sql())
                .contains("UPDATE users SET token = gen_random_uuid()")
                .contains("LIMIT 500")
                .contains("COMMIT;")
                .contains("token IS NULL");
        assertThat(sqlSteps(p, StageKind.VALIDATE)).hasSize(4);
    }

    @Test
    void volatileDefaultOnANullableColumnNeedsNoNotNullPath() {
        Plan p =
                plan(
                        16,
                        new Change.AddColumn(
                                q("users"),
                                withDefault(
                                        col("seen", "timestamp with time zone"),
                                        "clock_timestamp()")));
        assertThat(p.stages())
                .extracting(Stage::kind)
                .containsExactly(StageKind.EXPAND, StageKind.BACKFILL);
    }

    @Test
    void storedGeneratedColumnHasNoOnlinePathAndSaysSo() {
        Plan p =
                plan(
                        16,
                        new Change.AddColumn(
                                q("users"), col("age2", "integer").withGenerated("age * 2")));
        assertThat(sql(p))
                .containsExactly(
                        "ALTER TABLE users ADD COLUMN age2 integer GENERATED ALWAYS AS (age * 2) STORED;");
        assertThat(p.steps().get(0).description()).contains("REWRITES").contains("No online path");
    }

    @Test
    void droppingAnExistingSequenceWaitsForTheDeployThatStopsUsingIt() {
        Sequence orderNumbers =
                new Sequence(q("order_no"), "bigint", 1000L, 1L, null, null, 1L, false, null);
        Schema from = FROM.withSequence(orderNumbers);
        Plan p = plan(from, 16, new Change.DropSequence(orderNumbers));
        assertThat(checkpoints(p, StageKind.MIGRATE_READS))
                .singleElement()
                .extracting(Step::description)
                .asString()
                .contains("no longer calls nextval, currval or setval on order_no");
        Step drop = sqlSteps(p, StageKind.CONTRACT).get(0);
        assertThat(drop.sql()).isEqualTo("DROP SEQUENCE order_no;");
        assertThat(drop.description()).contains("its current value is gone for good");
        assertThat(drop.lock()).isEqualTo(LockLevel.ACCESS_EXCLUSIVE);
    }

    @Test
    void identityColumnIsFedByATemporarySequenceThenConverted() {
        Plan p = plan(16, new Change.AddColumn(q("orders"), Tables.identity("seq", "bigint")));
        assertThat(sqlSteps(p, StageKind.EXPAND))
                .extracting(Step::sql)
                .first()
                .isEqualTo("ALTER TABLE orders ADD COLUMN seq bigint;");
        assertThat(sqlSteps(p, StageKind.BACKFILL).get(0).sql())
                .contains("seq = nextval('orders_seq_seq__evoplan')");
        assertThat(sqlSteps(p, StageKind.VALIDATE))
                .last()
                .extracting(Step::sql)
                .asString()
                .contains("ADD GENERATED BY DEFAULT AS IDENTITY")
                .contains("RESTART WITH")
                .contains("DROP SEQUENCE orders_seq_seq__evoplan;");
    }

    @Test
    void serialColumnTakesOwnershipOfItsSequenceOnceTheColumnExists() {
        Sequence seq =
                new Sequence(
                        q("orders_n_seq"),
                        "integer",
                        null,
                        null,
                        null,
                        null,
                        null,
                        false,
                        "orders.n");
        Plan p =
                plan(
                        16,
                        new Change.CreateSequence(seq),
                        new Change.AddColumn(
                                q("orders"),
                                withDefault(
                                        notNull("n", "integer"),
                                        "nextval('orders_n_seq'::regclass)")));
        assertThat(sql(p)).first().isEqualTo("CREATE SEQUENCE orders_n_seq AS integer;");
        assertThat(sql(p)).contains("ALTER SEQUENCE orders_n_seq OWNED BY orders.n;");
        assertThat(sql(p).indexOf("ALTER SEQUENCE orders_n_seq OWNED BY orders.n;"))
                .isGreaterThan(sql(p).indexOf("ALTER TABLE orders ADD COLUMN n integer;"));
    }

    @Test
    void renameColumnAddsSyncsBackfillsAndContracts() {
        Table u = USERS.withIndexes(List.of(index("users_email_idx", "users", "email")));
        Plan p = plan(schema(u, ORDERS), 16, new Change.RenameColumn(q("users"), "email", "mail"));
        List<Step> expand = sqlSteps(p, StageKind.EXPAND);
        assertThat(expand.get(0).sql()).isEqualTo("ALTER TABLE users ADD COLUMN mail text;");
        assertThat(expand.get(1).sql())
                .contains("CREATE FUNCTION users_email__evoplan_sync() RETURNS trigger")
                .contains("BEFORE INSERT OR UPDATE ON users")
                .contains("NEW.mail := NEW.email;")
                .contains("NEW.email := NEW.mail;");
        assertThat(expand.get(1).lock()).isEqualTo(LockLevel.SHARE_ROW_EXCLUSIVE);
        assertThat(sqlSteps(p, StageKind.BACKFILL).get(0).sql())
                .contains("mail = email")
                .contains("mail IS NULL AND email IS NOT NULL");
        assertThat(sqlSteps(p, StageKind.VALIDATE))
                .extracting(Step::sql)
                .containsExactly(
                        "CREATE INDEX CONCURRENTLY users_email_idx__evoplan ON users (mail);");
        assertThat(checkpoints(p, StageKind.MIGRATE_READS))
                .singleElement()
                .extracting(Step::description)
                .asString()
                .contains("reads and writes users.mail");
        assertThat(checkpoints(p, StageKind.CONTRACT))
                .singleElement()
                .extracting(Step::description)
                .asString()
                .contains("no running code writes users.email");
        Step contract = sqlSteps(p, StageKind.CONTRACT).get(0);
        assertThat(contract.sql())
                .contains("DROP TRIGGER users_email__evoplan_sync ON users;")
                .contains("ALTER TABLE users DROP COLUMN email;")
                .contains("ALTER INDEX users_email_idx__evoplan RENAME TO users_email_idx;");
        assertThat(contract.transactional()).isTrue();
    }

    @Test
    void renameColumnOfANewTableIsPlain() {
        Plan p =
                plan(
                        16,
                        new Change.CreateTable(table("t", col("a", "integer"))),
                        new Change.RenameColumn(q("t"), "a", "b"));
        assertThat(sql(p)).last().isEqualTo("ALTER TABLE t RENAME COLUMN a TO b;");
    }

    @Test
    void renameTableLeavesAViewUnderTheOldName() {
        Plan p = plan(16, new Change.RenameTable(q("users"), q("members")));
        assertThat(sqlSteps(p, StageKind.EXPAND))
                .extracting(Step::sql)
                .containsExactly(
                        "ALTER TABLE users RENAME TO members;\nCREATE VIEW users AS SELECT * FROM members;");
        assertThat(checkpoints(p, StageKind.MIGRATE_READS)).hasSize(1);
        assertThat(sqlSteps(p, StageKind.CONTRACT))
                .extracting(Step::sql)
                .containsExactly("DROP VIEW users;");
    }

    @Test
    void wideningIsOneTypeChange() {
        Table t = table("notes", col("title", "varchar(50)"), col("price", "numeric(10,2)"));
        Plan p =
                plan(
                        schema(t),
                        16,
                        new Change.AlterColumnType(
                                q("notes"),
                                "title",
                                SqlType.parse("varchar(50)"),
                                SqlType.parse("varchar(100)"),
                                null),
                        new Change.AlterColumnType(
                                q("notes"),
                                "price",
                                SqlType.parse("numeric(10,2)"),
                                SqlType.parse("numeric(12,2)"),
                                null));
        assertThat(sql(p))
                .containsExactly(
                        "ALTER TABLE notes ALTER COLUMN title TYPE character varying(100);",
                        "ALTER TABLE notes ALTER COLUMN price TYPE numeric(12,2);");
    }

    @Test
    void aRewritingTypeChangeGoesThroughANewColumnAndASwap() {
        Plan p =
                plan(
                        16,
                        new Change.AlterColumnType(
                                q("users"),
                                "age",
                                SqlType.parse("integer"),
                                SqlType.parse("bigint"),
                                null));
        assertThat(sqlSteps(p, StageKind.EXPAND).get(0).sql())
                .isEqualTo("ALTER TABLE users ADD COLUMN age__evoplan_new bigint;");
        assertThat(sqlSteps(p, StageKind.EXPAND).get(1).sql())
                .contains("NEW.age__evoplan_new := CAST(NEW.age AS bigint);");
        Step swap = sqlSteps(p, StageKind.MIGRATE_READS).get(0);
        assertThat(swap.sql())
                .contains("RENAME COLUMN age TO age__evoplan_old;")
                .contains("RENAME COLUMN age__evoplan_new TO age;");
        assertThat(sqlSteps(p, StageKind.CONTRACT))
                .extracting(Step::sql)
                .containsExactly("ALTER TABLE users DROP COLUMN age__evoplan_old;");
    }

    @Test
    void aTypeChangeWithUsingReadsTheRowInTheTrigger() {
        Plan p =
                plan(
                        16,
                        new Change.AlterColumnType(
                                q("users"),
                                "email",
                                SqlType.parse("text"),
                                SqlType.parse("varchar(20)"),
                                "left(email, 20)"));
        assertThat(sqlSteps(p, StageKind.EXPAND).get(1).sql())
                .contains("NEW.email__evoplan_new := (left(NEW.email, 20));");
        assertThat(sqlSteps(p, StageKind.BACKFILL).get(0).sql())
                .contains("email__evoplan_new = (left(email, 20))");
    }

    @Test
    void dropColumnWaitsForTheApplicationAndLetsInsertsOmitItFirst() {
        Table u = pk(table("users", notNull("id", "bigint"), notNull("legacy", "text")), "id");
        Plan p = plan(schema(u), 16, new Change.DropColumn(q("users"), notNull("legacy", "text")));
        assertThat(sqlSteps(p, StageKind.EXPAND))
                .extracting(Step::sql)
                .containsExactly("ALTER TABLE users ALTER COLUMN legacy DROP NOT NULL;");
        assertThat(checkpoints(p, StageKind.MIGRATE_READS))
                .singleElement()
                .extracting(Step::description)
                .asString()
                .contains("no longer reads or writes users.legacy");
        assertThat(sqlSteps(p, StageKind.CONTRACT))
                .extracting(Step::sql)
                .containsExactly("ALTER TABLE users DROP COLUMN legacy;");
    }

    @Test
    void dropOfANullableColumnNeedsNoExpandStep() {
        Plan p = plan(16, new Change.DropColumn(q("users"), col("email", "text")));
        assertThat(p.stages())
                .extracting(Stage::kind)
                .containsExactly(StageKind.MIGRATE_READS, StageKind.CONTRACT);
    }

    @Test
    void dropTableWaitsForTheApplication() {
        Plan p = plan(16, new Change.DropTable(ORDERS));
        assertThat(checkpoints(p, StageKind.MIGRATE_READS)).hasSize(1);
        assertThat(sqlSteps(p, StageKind.CONTRACT))
                .extracting(Step::sql)
                .containsExactly("DROP TABLE orders;");
    }

    @ParameterizedTest
    @ValueSource(ints = {11, 12})
    void enumValueIsAddedOutsideATransactionOnlyBefore12(int pg) {
        Schema s = FROM.withEnum(new EnumType(q("mood"), List.of("sad", "happy")));
        Plan p = plan(s, pg, new Change.AddEnumValue(q("mood"), "ok", "sad"));
        assertThat(p.steps().get(0).sql()).isEqualTo("ALTER TYPE mood ADD VALUE 'ok' AFTER 'sad';");
        assertThat(p.steps().get(0).transactional()).isEqualTo(pg >= 12);
    }

    @Test
    void defaultsCommentsAndNotNullDropAreSingleStatements() {
        Plan p =
                plan(
                        16,
                        new Change.SetDefault(
                                q("users"), "age", null, dev.evoplan.model.DefaultValue.of("0")),
                        new Change.DropNotNull(q("users"), "id"),
                        new Change.SetTableComment(q("users"), null, "people's accounts"),
                        new Change.DropDefault(
                                q("orders"), "user_id", dev.evoplan.model.DefaultValue.of("1")));
        assertThat(sqlSteps(p, StageKind.EXPAND))
                .extracting(Step::sql)
                .containsExactly(
                        "ALTER TABLE users ALTER COLUMN age SET DEFAULT 0;",
                        "ALTER TABLE users ALTER COLUMN id DROP NOT NULL;",
                        "COMMENT ON TABLE users IS 'people''s accounts';");
        assertThat(sqlSteps(p, StageKind.CONTRACT))
                .extracting(Step::sql)
                .containsExactly("ALTER TABLE orders ALTER COLUMN user_id DROP DEFAULT;");
        assertThat(sqlSteps(p, StageKind.EXPAND).get(2).lock())
                .isEqualTo(LockLevel.SHARE_UPDATE_EXCLUSIVE);
    }

    @Test
    void viewsAreCreatedReplacedAndDroppedInTheirStages() {
        View v1 = new View(q("adults"), "SELECT * FROM users WHERE age >= 18", false);
        View v2 = new View(q("adults"), "SELECT id FROM users WHERE age >= 18;", false);
        View old = new View(q("legacy"), "SELECT 1", false);
        Schema s = FROM.withView(v1).withView(old);
        Plan p =
                plan(
                        s,
                        16,
                        new Change.ReplaceView(v1, v2),
                        new Change.DropView(old),
                        new Change.CreateView(
                                new View(q("kids"), "SELECT * FROM users WHERE age < 18", false)));
        assertThat(sqlSteps(p, StageKind.EXPAND))
                .extracting(Step::sql)
                .containsExactly(
                        "DO $evoplan$\nBEGIN\nCREATE OR REPLACE VIEW adults AS\nSELECT id FROM users WHERE age >= 18;\n"
                                + "EXCEPTION WHEN invalid_table_definition THEN\n"
                                + "  -- a column is dropped, renamed or retyped: the view cannot be replaced in place\n"
                                + "DROP VIEW adults;\nCREATE VIEW adults AS\nSELECT id FROM users WHERE age >= 18;\nEND\n$evoplan$;",
                        "CREATE VIEW kids AS\nSELECT * FROM users WHERE age < 18;");
        assertThat(sqlSteps(p, StageKind.CONTRACT))
                .extracting(Step::sql)
                .containsExactly("DROP VIEW legacy;");
    }

    @Test
    void dataChangesAndOpaqueSqlAreCheckpointsForAPerson() {
        Plan p =
                plan(
                        16,
                        new Change.Opaque("sql", "UPDATE users SET age = 0"),
                        new Change.DataChange(q("users"), "update", "set age"));
        assertThat(p.steps()).allMatch(s -> s.kind() == Step.Kind.CHECKPOINT);
        assertThat(checkpoints(p, StageKind.EXPAND).get(0).description())
                .startsWith("review and run by hand: sql")
                .contains("UPDATE users SET age = 0");
        assertThat(checkpoints(p, StageKind.BACKFILL).get(0).description())
                .startsWith("review and run by hand: update on users");
    }

    @Test
    void sequencesAndRenamesAreSingleStatements() {
        Sequence s1 = Sequence.of(q("counter"));
        Sequence s2 = new Sequence(q("counter"), "bigint", null, 5L, null, null, null, false, null);
        Table u = USERS.withIndexes(List.of(index("users_age_idx", "users", "age")));
        Plan p =
                plan(
                        schema(u, ORDERS).withSequence(s1),
                        16,
                        new Change.AlterSequence(s1, s2),
                        new Change.RenameSequence(q("counter"), q("counter2")),
                        new Change.RenameIndex(q("users"), "users_age_idx", "users_by_age"),
                        new Change.CreateSequence(Sequence.of(q("fresh"))));
        assertThat(sql(p))
                .containsExactly(
                        "ALTER SEQUENCE counter INCREMENT BY 5;",
                        "ALTER SEQUENCE counter RENAME TO counter2;",
                        "ALTER INDEX users_age_idx RENAME TO users_by_age;",
                        "CREATE SEQUENCE fresh;");
        assertThat(p.steps().get(2).lock()).isEqualTo(LockLevel.SHARE_UPDATE_EXCLUSIVE);
    }

    @Test
    void stagesRunInOrderAcrossChanges() {
        Plan p =
                plan(
                        16,
                        new Change.DropColumn(q("users"), col("email", "text")),
                        new Change.CreateIndex(index("orders_user_id_idx", "orders", "user_id")),
                        new Change.SetNotNull(q("orders"), "user_id"));
        assertThat(p.stages())
                .extracting(Stage::kind)
                .containsExactly(
                        StageKind.EXPAND,
                        StageKind.VALIDATE,
                        StageKind.MIGRATE_READS,
                        StageKind.CONTRACT);
        assertThat(Planner.plan(FROM, List.of(), PlanOptions.defaults(16)).isEmpty()).isTrue();
    }

    @Test
    void quotesIdentifiersOnlyWhereNeeded() {
        Table t = pk(table("Order", notNull("id", "bigint"), col("user", "text")), "id");
        Plan p =
                plan(
                        schema(t),
                        16,
                        new Change.CreateIndex(
                                new dev.evoplan.model.Index(
                                        "Order_user_idx",
                                        QualifiedName.of("Order"),
                                        false,
                                        "btree",
                                        List.of(dev.evoplan.model.IndexElement.column("user")),
                                        List.of(),
                                        null)));
        assertThat(sql(p))
                .containsExactly(
                        "CREATE INDEX CONCURRENTLY \"Order_user_idx\" ON \"Order\" (\"user\");");
    }

    @Test
    void foreignKeysOfAReplacedColumnAreRebuiltOnTheNewOne() {
        Table o =
                ORDERS.withForeignKeys(
                        List.of(
                                fk(
                                        "orders_user_id_fkey",
                                        List.of("user_id"),
                                        "users",
                                        List.of("id"))));
        Plan p =
                plan(
                        schema(USERS, o),
                        16,
                        new Change.RenameColumn(q("orders"), "user_id", "account_id"));
        assertThat(sqlSteps(p, StageKind.VALIDATE))
                .extracting(Step::sql)
                .containsExactly(
                        "ALTER TABLE orders ADD CONSTRAINT orders_user_id_fkey__evoplan FOREIGN KEY (account_id) REFERENCES users (id) NOT VALID;",
                        "ALTER TABLE orders VALIDATE CONSTRAINT orders_user_id_fkey__evoplan;");
        assertThat(sqlSteps(p, StageKind.CONTRACT).get(0).sql())
                .contains(
                        "ALTER TABLE orders RENAME CONSTRAINT orders_user_id_fkey__evoplan TO orders_user_id_fkey;");
    }

    @Test
    void aForeignKeyBetweenTwoReplacedColumnsGetsOneTwinOverBothNewColumns() {
        Table depots =
                table("depots", notNull("code", "integer"), notNull("zone", "integer"))
                        .withIndexes(
                                List.of(
                                        Tables.uniqueIndex(
                                                "depots_code_zone", "depots", "code", "zone")));
        Table parcels =
                pk(
                                table(
                                        "parcels",
                                        notNull("id", "bigint"),
                                        col("depot", "integer"),
                                        col("zone", "integer")),
                                "id")
                        .withForeignKeys(
                                List.of(
                                        fk(
                                                "parcels_depot_fk",
                                                List.of("depot", "zone"),
                                                "depots",
                                                List.of("code", "zone"))));
        Plan p =
                plan(
                        schema(depots, parcels),
                        16,
                        new Change.AlterColumnType(
                                q("depots"),
                                "code",
                                SqlType.parse("integer"),
                                SqlType.parse("bigint"),
                                null),
                        new Change.AlterColumnType(
                                q("parcels"),
                                "depot",
                                SqlType.parse("integer"),
                                SqlType.parse("bigint"),
                                null));
        List<String> validate = sqlSteps(p, StageKind.VALIDATE).stream().map(Step::sql).toList();
        assertThat(validate.stream().filter(s -> s.contains("ADD CONSTRAINT parcels_depot_fk")))
                .containsExactly(
                        "ALTER TABLE parcels ADD CONSTRAINT parcels_depot_fk__evoplan FOREIGN KEY (depot__evoplan_new, zone) REFERENCES depots (code__evoplan_new, zone) NOT VALID;");
        // Its unique index on the new column is built before it.
        assertThat(
                        validate.indexOf(
                                "CREATE UNIQUE INDEX CONCURRENTLY depots_code_zone__evoplan ON depots (code__evoplan_new, zone);"))
                .isNotNegative()
                .isLessThan(
                        validate.indexOf(
                                "ALTER TABLE parcels ADD CONSTRAINT parcels_depot_fk__evoplan FOREIGN KEY (depot__evoplan_new, zone) REFERENCES depots (code__evoplan_new, zone) NOT VALID;"));
        // The first swap drops the old key and names the twin; the second leaves both alone.
        List<Step> swaps = sqlSteps(p, StageKind.MIGRATE_READS);
        assertThat(swaps).hasSize(2);
        assertThat(swaps.get(0).sql())
                .contains("ALTER TABLE parcels DROP CONSTRAINT parcels_depot_fk;")
                .contains(
                        "ALTER TABLE parcels RENAME CONSTRAINT parcels_depot_fk__evoplan TO parcels_depot_fk;");
        assertThat(swaps.get(1).sql()).doesNotContain("parcels_depot_fk");
    }

    @Test
    void anIndexNamedLikeAnIndexOfADroppedTableGetsTheNameAfterTheDrop() {
        Table old =
                table("old_items", col("code", "text"), col("email", "text"))
                        .withIndexes(
                                List.of(
                                        index("items_code", "old_items", "code"),
                                        index("items_email", "old_items", "email")));
        Table items = table("items", col("code", "text"));
        Plan p =
                plan(
                        schema(USERS, old),
                        16,
                        new Change.CreateTable(items),
                        new Change.CreateIndex(index("items_code", "items", "code")),
                        new Change.CreateIndex(index("items_email", "users", "email")),
                        new Change.DropTable(old));
        assertThat(sqlSteps(p, StageKind.EXPAND))
                .extracting(Step::sql)
                .contains(
                        "CREATE INDEX items_code__evoplan ON items (code);",
                        "CREATE INDEX CONCURRENTLY items_email__evoplan ON users (email);");
        assertThat(sqlSteps(p, StageKind.CONTRACT))
                .extracting(Step::sql)
                .containsExactly(
                        "DROP TABLE old_items;",
                        "ALTER INDEX items_code__evoplan RENAME TO items_code;",
                        "ALTER INDEX items_email__evoplan RENAME TO items_email;");
    }
}
