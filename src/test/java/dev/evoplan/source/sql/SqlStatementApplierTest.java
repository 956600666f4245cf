package dev.evoplan.source.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evoplan.model.CheckConstraint;
import dev.evoplan.model.Column;
import dev.evoplan.model.IdentityKind;
import dev.evoplan.model.QualifiedName;
import dev.evoplan.model.Rename;
import dev.evoplan.model.Schema;
import dev.evoplan.model.SchemaEdits;
import dev.evoplan.model.Sequence;
import dev.evoplan.model.SourceChange;
import dev.evoplan.model.Table;
import java.util.List;
import org.junit.jupiter.api.Test;

class SqlStatementApplierTest {
    private static final QualifiedName USERS = QualifiedName.of("users");

    private static List<SourceChange> fold(String sql) {
        return new SqlStatementApplier(Schema.EMPTY).foldAll(SqlParser.parse(sql, "m.sql"));
    }

    private static Schema schema(String sql) {
        List<SourceChange> changes = fold(sql);
        return changes.get(changes.size() - 1).after();
    }

    private static Table users(String sql) {
        return schema(sql).tables().get(USERS);
    }

    @Test
    void aTypeCreatedIfMissingIsMadeOnceAndThenLeftAsItIs() {
        String guarded =
                "DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_type WHERE typname = 'mood')"
                        + " THEN CREATE TYPE mood AS ENUM (%s); END IF; END $$;\n";
        List<SourceChange> changes =
                fold(guarded.formatted("'sad', 'ok'") + guarded.formatted("'other'"));
        assertThat(changes.get(0).kind()).isEqualTo(SourceChange.Kind.SCHEMA);
        assertThat(changes.get(1).kind()).isEqualTo(SourceChange.Kind.NONE);
        assertThat(changes.get(1).after().enums().get(QualifiedName.of("mood")).values())
                .containsExactly("sad", "ok");
    }

    @Test
    void aConstraintAddedIfMissingIsAddedOnceAndThenLeftAsItIs() {
        String guarded =
                "DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 'users_email_key')"
                        + " THEN ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE (%s);"
                        + " END IF; END $$;\n";
        List<SourceChange> changes =
                fold(
                        "CREATE TABLE users (id int, email text, login text);\n"
                                + guarded.formatted("email")
                                + guarded.formatted("login"));
        assertThat(changes.get(1).kind()).isEqualTo(SourceChange.Kind.SCHEMA);
        assertThat(changes.get(2).kind()).isEqualTo(SourceChange.Kind.NONE);
        assertThat(changes.get(2).after().tables().get(USERS).constraintNames())
                .contains("users_email_key");
    }

    @Test
    void createTableGivesPostgresDefaultNamesToUnnamedConstraints() {
        Schema s =
                schema(
                        """
                CREATE TABLE teams (id bigint PRIMARY KEY);
                CREATE TABLE users (
                  id serial PRIMARY KEY,
                  email text NOT NULL UNIQUE,
                  team_id bigint REFERENCES teams,
                  age int CHECK (age > 0),
                  a int, b int,
                  UNIQUE (a, b),
                  CHECK (a < b)
                );
                CREATE INDEX ON users (email);
                """);
        Table t = s.tables().get(USERS);
        assertThat(t.primaryKey().name()).isEqualTo("users_pkey");
        assertThat(t.uniques())
                .extracting(u -> u.name())
                .containsExactly("users_a_b_key", "users_email_key");
        assertThat(t.foreignKeys())
                .singleElement()
                .satisfies(
                        f -> {
                            assertThat(f.name()).isEqualTo("users_team_id_fkey");
                            assertThat(f.targetColumns()).containsExactly("id");
                        });
        assertThat(t.checks())
                .extracting(CheckConstraint::name)
                .containsExactly("users_age_check", "users_check");
        assertThat(t.indexes()).extracting(i -> i.name()).containsExactly("users_email_idx");
        assertThat(t.column("id").orElseThrow().defaultValue().expression())
                .isEqualTo("nextval('users_id_seq'::regclass)");
        assertThat(t.column("id").orElseThrow().nullable()).isFalse();
        assertThat(t.column("age").orElseThrow().nullable()).isTrue();
        assertThat(s.sequences().get(QualifiedName.of("users_id_seq")))
                .isEqualTo(
                        new Sequence(
                                QualifiedName.of("users_id_seq"),
                                "integer",
                                null,
                                null,
                                null,
                                null,
                                null,
                                false,
                                "users.id"));
    }

    @Test
    void takenDefaultNamesAreNumberedAsPostgresDoes() {
        Table t =
                users(
                        """
                CREATE TABLE users (a int CHECK (a > 0), b int);
                ALTER TABLE users ADD CHECK (a < 10);
                CREATE INDEX ON users (b);
                CREATE INDEX ON users (b);
                """);
        assertThat(t.checks())
                .extracting(CheckConstraint::name)
                .containsExactly("users_a_check", "users_a_check1");
        assertThat(t.indexes())
                .extracting(i -> i.name())
                .containsExactly("users_b_idx", "users_b_idx1");
    }

    @Test
    void identityAndGeneratedColumns() {
        Table t =
                users(
                        """
                CREATE TABLE users (id bigint GENERATED ALWAYS AS IDENTITY, n int,
                  twice int GENERATED ALWAYS AS (n * 2) STORED);
                """);
        assertThat(t.column("id").orElseThrow().identity()).isEqualTo(IdentityKind.ALWAYS);
        assertThat(t.column("id").orElseThrow().nullable()).isFalse();
        assertThat(t.column("twice").orElseThrow().generatedExpression()).isEqualTo("n * 2");
        assertThat(t.column("n").orElseThrow().generatedExpression()).isNull();
    }

    @Test
    void alterTableActionsAreFoldedInOrder() {
        List<SourceChange> changes =
                fold(
                        """
                CREATE TABLE users (id int PRIMARY KEY, name text, old int);
                ALTER TABLE users ADD COLUMN email varchar(100), ALTER COLUMN name SET NOT NULL;
                ALTER TABLE users ALTER COLUMN email TYPE varchar(200);
                ALTER TABLE users ALTER COLUMN name SET DEFAULT 'x';
                ALTER TABLE users DROP COLUMN old;
                ALTER TABLE users RENAME COLUMN name TO full_name;
                ALTER TABLE users ADD CONSTRAINT email_ok CHECK (email <> '') NOT VALID;
                """);
        Table t = changes.get(changes.size() - 1).after().tables().get(USERS);
        assertThat(t.columns())
                .extracting(Column::name)
                .containsExactly("id", "full_name", "email");
        assertThat(t.column("email").orElseThrow().type().sql())
                .isEqualTo("character varying(200)");
        assertThat(t.column("full_name").orElseThrow().nullable()).isFalse();
        assertThat(t.column("full_name").orElseThrow().defaultValue().expression())
                .isEqualTo("'x'");
        assertThat(t.checks())
                .containsExactly(new CheckConstraint("email_ok", "email <> ''", false));
        assertThat(changes.get(5).renames())
                .containsExactly(new Rename(Rename.Kind.COLUMN, USERS, "name", "full_name"));
        assertThat(changes).extracting(SourceChange::kind).containsOnly(SourceChange.Kind.SCHEMA);
        assertThat(changes.get(4).before().tables().get(USERS).hasColumn("old")).isTrue();
        assertThat(changes.get(4).after().tables().get(USERS).hasColumn("old")).isFalse();
    }

    @Test
    void validateMarksANotValidConstraintValidated() {
        Table t =
                users(
                        """
                CREATE TABLE users (id int PRIMARY KEY, boss int);
                ALTER TABLE users ADD CONSTRAINT boss_fk FOREIGN KEY (boss) REFERENCES users (id) NOT VALID;
                ALTER TABLE users ADD CONSTRAINT pos CHECK (id > 0) NOT VALID;
                ALTER TABLE users VALIDATE CONSTRAINT boss_fk;
                """);
        assertThat(t.foreignKeys().get(0).validated()).isTrue();
        assertThat(t.checks().get(0).validated()).isFalse();
    }

    @Test
    void renamesOfTablesConstraintsAndIndexes() {
        List<SourceChange> changes =
                fold(
                        """
                CREATE TABLE users (id int CONSTRAINT users_pk PRIMARY KEY, email text);
                CREATE INDEX CONCURRENTLY users_email ON users (email);
                ALTER INDEX users_email RENAME TO users_email_i;
                ALTER TABLE users RENAME CONSTRAINT users_pk TO users_pkey;
                ALTER TABLE users RENAME TO people;
                """);
        Schema s = changes.get(4).after();
        Table t = s.tables().get(QualifiedName.of("people"));
        assertThat(s.tables()).doesNotContainKey(USERS);
        assertThat(t.primaryKey().name()).isEqualTo("users_pkey");
        assertThat(t.indexes())
                .singleElement()
                .satisfies(
                        i -> {
                            assertThat(i.name()).isEqualTo("users_email_i");
                            assertThat(i.table()).isEqualTo(QualifiedName.of("people"));
                        });
        assertThat(changes.get(2).renames())
                .containsExactly(
                        new Rename(Rename.Kind.INDEX, USERS, "users_email", "users_email_i"));
        assertThat(changes.get(4).renames())
                .containsExactly(new Rename(Rename.Kind.TABLE, USERS, "users", "people"));
        assertThat(changes.get(1).changeType()).isEqualTo("CREATE INDEX");
        assertThat(changes.get(1).writtenSql().get(0)).contains("CONCURRENTLY");
    }

    @Test
    void dropIndexAndDropTable() {
        List<SourceChange> changes =
                fold(
                        """
                CREATE TABLE users (id serial, email text);
                CREATE INDEX users_email ON users (email);
                DROP INDEX CONCURRENTLY users_email;
                DROP TABLE users;
                DROP TABLE IF EXISTS users;
                """);
        assertThat(changes.get(2).after().tables().get(USERS).indexes()).isEmpty();
        assertThat(changes.get(3).after().tables()).isEmpty();
        assertThat(changes.get(3).after().sequences())
                .as("the serial's sequence goes with its table")
                .isEmpty();
        assertThat(changes.get(4).kind()).isEqualTo(SourceChange.Kind.NONE);
    }

    @Test
    void enumTypesAndValues() {
        Schema s =
                schema(
                        """
                CREATE TYPE mood AS ENUM ('sad', 'happy');
                ALTER TYPE mood ADD VALUE 'ok' BEFORE 'happy';
                ALTER TYPE mood ADD VALUE 'ecstatic' AFTER 'happy';
                ALTER TYPE mood ADD VALUE IF NOT EXISTS 'sad';
                ALTER TYPE mood ADD VALUE 'meh';
                """);
        assertThat(s.enums().get(QualifiedName.of("mood")).values())
                .containsExactly("sad", "ok", "happy", "ecstatic", "meh");
        assertThat(schema("CREATE TYPE mood AS ENUM ('a'); DROP TYPE mood;").enums()).isEmpty();
    }

    @Test
    void sequencesViewsAndComments() {
        Schema s =
                schema(
                        """
                CREATE TABLE users (id bigint, name text);
                CREATE SEQUENCE ids AS integer START WITH 100 INCREMENT BY 5 CACHE 10;
                ALTER SEQUENCE ids OWNED BY users.id;
                CREATE VIEW names AS SELECT name FROM users;
                CREATE MATERIALIZED VIEW counts AS SELECT count(*) FROM users;
                COMMENT ON TABLE users IS 'people';
                COMMENT ON COLUMN users.name IS 'full name';
                """);
        assertThat(s.sequences().get(QualifiedName.of("ids")))
                .isEqualTo(
                        new Sequence(
                                QualifiedName.of("ids"),
                                "integer",
                                100L,
                                5L,
                                null,
                                null,
                                10L,
                                false,
                                "users.id"));
        assertThat(s.views().get(QualifiedName.of("names")).materialized()).isFalse();
        assertThat(s.views().get(QualifiedName.of("counts")).materialized()).isTrue();
        assertThat(s.tables().get(USERS).comment()).isEqualTo("people");
        assertThat(s.tables().get(USERS).column("name").orElseThrow().comment())
                .isEqualTo("full name");
        assertThat(schema("CREATE SEQUENCE s; ALTER SEQUENCE s RENAME TO t;").sequences())
                .containsOnlyKeys(QualifiedName.of("t"));
    }

    @Test
    void statementKindsNoOpDataAndOpaque() {
        List<SourceChange> changes =
                fold(
                        """
                BEGIN;
                SET lock_timeout = '1s';
                CREATE TABLE users (id int);
                INSERT INTO users VALUES (1);
                UPDATE users SET id = 2 WHERE id = 1;
                CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$;
                CREATE EXTENSION IF NOT EXISTS pgcrypto;
                DO $$ BEGIN END $$;
                SELECT 1;
                GRANT SELECT ON users TO public;
                VACUUM users;
                ANALYZE users;
                FROBNICATE THE DATABASE;
                COMMIT;
                """);
        assertThat(changes)
                .extracting(SourceChange::kind)
                .containsExactly(
                        SourceChange.Kind.NONE,
                        SourceChange.Kind.NONE,
                        SourceChange.Kind.SCHEMA,
                        SourceChange.Kind.DATA,
                        SourceChange.Kind.DATA,
                        // Defining a function is judged by its lock (none); a DO block runs code;
                        // an extension is modelled.
                        SourceChange.Kind.MAINTENANCE,
                        SourceChange.Kind.SCHEMA,
                        SourceChange.Kind.OPAQUE,
                        SourceChange.Kind.NONE,
                        // A table's privileges are modelled.
                        SourceChange.Kind.SCHEMA,
                        // VACUUM and ANALYZE lock the table (SHARE UPDATE EXCLUSIVE): judged, not
                        // passed as no-ops.
                        SourceChange.Kind.MAINTENANCE,
                        SourceChange.Kind.MAINTENANCE,
                        SourceChange.Kind.OPAQUE,
                        SourceChange.Kind.NONE);
        assertThat(changes.get(3).table()).isEqualTo(USERS);
        assertThat(changes.get(3).changeType()).isEqualTo("INSERT");
        assertThat(changes.get(12).description()).contains("FROBNICATE");
        assertThat(changes.get(12).origin().line()).isEqualTo(13);
        assertThat(changes.get(12).origin().file()).isEqualTo("m.sql");
    }

    @Test
    void statementThatDoesNotApplyIsOpaqueAndLeavesTheSchemaAlone() {
        List<SourceChange> changes =
                fold(
                        """
                CREATE TABLE users (id int);
                ALTER TABLE users ADD COLUMN x int, ALTER COLUMN missing SET NOT NULL;
                ALTER TABLE ghosts ADD COLUMN y int;
                CREATE TABLE users (id int);
                """);
        assertThat(changes.get(1).kind()).isEqualTo(SourceChange.Kind.OPAQUE);
        assertThat(changes.get(1).description()).contains("missing");
        assertThat(changes.get(1).after().tables().get(USERS).hasColumn("x")).isFalse();
        assertThat(changes.get(2).kind()).isEqualTo(SourceChange.Kind.OPAQUE);
        assertThat(changes.get(3).kind()).isEqualTo(SourceChange.Kind.OPAQUE);
        assertThat(changes.get(3).after().tables()).isEqualTo(changes.get(0).after().tables());
        // What did not apply is kept as a statement of its own, so a state holding it is not the
        // same state.
        assertThat(changes.get(3).after().unmodelled().values())
                .extracting(o -> o.identity())
                .containsExactly(
                        "ALTER TABLE ghosts ADD COLUMN y int",
                        "ALTER TABLE users ADD COLUMN x int, ALTER COLUMN missing SET NOT NULL",
                        "CREATE TABLE users (id int)");
    }

    @Test
    void malformedSqlIsKeptAsOpaqueNotACrash() {
        List<SourceChange> changes =
                fold(
                        "CREATE TABLE users (id int);\nCREATE TABLE broken (id int\n;\nSELECT 'unterminated");
        assertThat(changes.get(0).kind()).isEqualTo(SourceChange.Kind.SCHEMA);
        assertThat(changes.subList(1, changes.size()))
                .isNotEmpty()
                .extracting(SourceChange::kind)
                .containsOnly(SourceChange.Kind.OPAQUE);
    }

    @Test
    void dropColumnTakesItsIndexesAndConstraintsAlong() {
        Table t =
                users(
                        """
                CREATE TABLE users (id int PRIMARY KEY, email text UNIQUE, n int CHECK (n > 0), m int);
                CREATE INDEX users_email_lower ON users (lower(email));
                CREATE INDEX users_m ON users (m);
                ALTER TABLE users DROP COLUMN email, DROP COLUMN n;
                """);
        assertThat(t.uniques()).isEmpty();
        assertThat(t.checks()).isEmpty();
        assertThat(t.indexes()).extracting(i -> i.name()).containsExactly("users_m");
    }

    @Test
    void aSelectThatCallsAnUnknownFunctionOrWritesATableIsOpaqueASequenceWriteAndAPlainOneAreNot() {
        assertThat(
                        fold(
                                """
                SELECT setval('orders_id_seq', 1000);
                SELECT * INTO orders_copy FROM orders;
                SELECT 1;
                SELECT migrate_orders();
                SELECT setval('orders_id_seq', (SELECT max(id) FROM orders)), migrate_orders();
                SELECT pg_catalog.setval(pg_get_serial_sequence('orders', 'id'), coalesce(max(id), 1)) FROM orders;
                """))
                .extracting(SourceChange::kind)
                .containsExactly(
                        SourceChange.Kind.MAINTENANCE,
                        SourceChange.Kind.OPAQUE,
                        SourceChange.Kind.NONE,
                        SourceChange.Kind.OPAQUE,
                        SourceChange.Kind.OPAQUE,
                        SourceChange.Kind.MAINTENANCE);
    }

    @Test
    void alterConstraintChangesTheForeignKeysDeferralAloneOrMixedWithOtherActions() {
        String base =
                """
                CREATE TABLE teams (id bigint PRIMARY KEY);
                CREATE TABLE users (id bigint, team_id bigint REFERENCES teams DEFERRABLE, a int UNIQUE);
                """;
        List<SourceChange> alone =
                fold(
                        base
                                + "ALTER TABLE users ALTER CONSTRAINT users_team_id_fkey NOT DEFERRABLE;");
        assertThat(alone.get(2).kind()).isEqualTo(SourceChange.Kind.SCHEMA);
        assertThat(alone.get(2).after().tables().get(USERS).foreignKeys())
                .singleElement()
                .satisfies(f -> assertThat(f.deferrable()).isFalse());

        List<SourceChange> mixed =
                fold(
                        base
                                + "ALTER TABLE users ALTER COLUMN a SET NOT NULL,"
                                + " ALTER CONSTRAINT users_team_id_fkey INITIALLY DEFERRED;");
        assertThat(mixed.get(2).kind()).isEqualTo(SourceChange.Kind.SCHEMA);
        Table t = mixed.get(2).after().tables().get(USERS);
        assertThat(t.foreignKeys())
                .singleElement()
                .satisfies(
                        f -> {
                            assertThat(f.deferrable()).isTrue();
                            assertThat(f.initiallyDeferred()).isTrue();
                        });
        assertThat(t.column("a").orElseThrow().nullable()).isFalse();

        // PostgreSQL alters only foreign keys (42809 for a unique constraint): not folded.
        List<SourceChange> unique =
                fold(base + "ALTER TABLE users ALTER CONSTRAINT users_a_key NOT DEFERRABLE;");
        assertThat(unique.get(2).kind()).isEqualTo(SourceChange.Kind.OPAQUE);
        assertThat(unique.get(2).description()).contains("not a foreign key");
    }

    @Test
    void rowSecuritySwitchesMixedWithOtherActionsAreFolded() {
        List<SourceChange> changes =
                fold(
                        """
                CREATE TABLE users (id bigint, a int);
                ALTER TABLE users ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY, ADD COLUMN b int;
                ALTER TABLE users NO FORCE ROW LEVEL SECURITY;
                """);
        assertThat(changes.get(1).kind()).isEqualTo(SourceChange.Kind.SCHEMA);
        assertThat(changes.get(1).after().objects().get(dev.evoplan.model.RowSecurity.key(USERS)))
                .isEqualTo(new dev.evoplan.model.RowSecurity(USERS, true, true));
        assertThat(changes.get(2).kind()).isEqualTo(SourceChange.Kind.MAINTENANCE);
        assertThat(changes.get(2).after().objects().get(dev.evoplan.model.RowSecurity.key(USERS)))
                .isEqualTo(new dev.evoplan.model.RowSecurity(USERS, true, false));
    }

    @Test
    void aDropTakesTheSequencesItsColumnsOwnAndOnlyThose() {
        // The owner's text is read only when it spells the table and the column: quoted,
        // mixed-case and spaced names must still be found, a look-alike must not.
        Schema s =
                schema(
                        """
                CREATE TABLE "My T" ("Id Col" bigint, other bigint);
                CREATE TABLE my_t2 (id bigint);
                CREATE SEQUENCE s1 OWNED BY "My T"."Id Col";
                CREATE SEQUENCE s2 OWNED BY "My T".other;
                CREATE SEQUENCE s3 OWNED BY my_t2.id;
                ALTER TABLE "My T" DROP COLUMN "Id Col";
                """);
        assertThat(s.sequences().keySet())
                .containsExactly(QualifiedName.of("s2"), QualifiedName.of("s3"));
        Schema dropped =
                schema(
                        "CREATE TABLE \"My T\" (\"Id Col\" bigint, other bigint);"
                                + " CREATE TABLE my_t2 (id bigint);"
                                + " CREATE SEQUENCE s2 OWNED BY \"My T\".other;"
                                + " CREATE SEQUENCE s3 OWNED BY my_t2.id;"
                                + " DROP TABLE \"My T\";");
        assertThat(dropped.sequences().keySet()).containsExactly(QualifiedName.of("s3"));
    }

    @Test
    void anOwnerWhoseTableNameHoldsADotIsThatTable() {
        // Written "v1.orders".id, read back as one table name, not schema v1 and table orders.
        Schema s =
                schema(
                        """
                CREATE TABLE "v1.orders" (id bigint);
                CREATE SEQUENCE s OWNED BY "v1.orders".id;
                """);
        assertThat(SchemaEdits.Owner.of(s.sequences().get(QualifiedName.of("s"))))
                .isEqualTo(new SchemaEdits.Owner(QualifiedName.of("v1.orders"), "id"));
        Schema dropped =
                schema(
                        """
                CREATE TABLE "v1.orders" (id bigint);
                CREATE SEQUENCE s OWNED BY "v1.orders".id;
                DROP TABLE "v1.orders";
                """);
        assertThat(dropped.sequences()).isEmpty();
    }
}
