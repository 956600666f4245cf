package dev.evoplan.source.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.evoplan.model.InputException;
import dev.evoplan.model.Migration;
import dev.evoplan.model.MigrationStatement;
import dev.evoplan.model.QualifiedName;
import dev.evoplan.model.Schema;
import dev.evoplan.model.SourceChange;
import dev.evoplan.model.Suppression;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reading migrations as written: statement places, transactions, lock_timeout, suppressions,
 * assumed objects.
 */
class MigrationReaderTest {
    @TempDir Path dir;

    private Migration one(String name, String sql) throws IOException {
        return one(name, sql, false, null);
    }

    private Migration one(String name, String sql, boolean assumeTx, String lockTimeout)
            throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, sql);
        List<Migration> all =
                new MigrationReader(Schema.EMPTY, assumeTx, lockTimeout).read(file, name);
        assertThat(all).hasSize(1);
        return all.get(0);
    }

    /** A file or folder read as lint reads it by default: no start, no assumptions. */
    private static List<Migration> read(Path fileOrFolder, String shown) {
        return new MigrationReader(Schema.EMPTY, false, null).read(fileOrFolder, shown);
    }

    private static MigrationStatement at(Migration m, int line) {
        return m.statements().stream()
                .filter(s -> s.change().origin().line() == line)
                .findFirst()
                .orElseThrow();
    }

    @Test
    void everyStatementKeepsItsFileLineAndColumn() throws IOException {
        Migration m =
                one(
                        "001_a.sql",
                        "CREATE TABLE a (id int);\n\n  ALTER TABLE a ADD COLUMN b int; DROP TABLE a;\n");
        assertThat(m.statements())
                .extracting(s -> s.change().origin().place())
                .containsExactly("001_a.sql:1:1", "001_a.sql:3:3", "001_a.sql:3:35");
    }

    @Test
    void aPlainFileRunsInAutocommitUnlessItSaysBegin() throws IOException {
        Migration m =
                one(
                        "001_a.sql",
                        """
                ALTER TABLE a ADD COLUMN b int;
                ALTER TABLE a ADD COLUMN c int;
                BEGIN;
                ALTER TABLE a ADD COLUMN d int;
                ALTER TABLE a ADD COLUMN e int;
                COMMIT;
                ALTER TABLE a ADD COLUMN f int;
                """);
        assertThat(at(m, 1).inTransaction()).isFalse();
        assertThat(at(m, 2).inTransaction()).isFalse();
        assertThat(at(m, 1).transaction()).isNotEqualTo(at(m, 2).transaction());
        assertThat(at(m, 4).inTransaction()).isTrue();
        assertThat(at(m, 5).inTransaction()).isTrue();
        assertThat(at(m, 4).transaction()).isEqualTo(at(m, 5).transaction());
        assertThat(at(m, 7).inTransaction()).isFalse();
        assertThat(at(m, 7).transaction()).isNotEqualTo(at(m, 5).transaction());
        assertThat(m.tool()).isEqualTo("plain");
    }

    @Test
    void assumeInTransactionWrapsAPlainFile() throws IOException {
        Migration m =
                one(
                        "001_a.sql",
                        "ALTER TABLE a ADD COLUMN b int;\nALTER TABLE a ADD COLUMN c int;\n",
                        true,
                        null);
        assertThat(m.statements()).allMatch(MigrationStatement::inTransaction);
        assertThat(at(m, 1).transaction()).isEqualTo(at(m, 2).transaction());
    }

    @Test
    void flywayRunsAFileInATransactionButNotOneWithConcurrently() throws IOException {
        Migration tx = one("V1__a.sql", "ALTER TABLE a ADD COLUMN b int;\n");
        assertThat(tx.tool()).isEqualTo("flyway");
        assertThat(tx.statements()).allMatch(MigrationStatement::inTransaction);
        Migration concurrent = one("V2__b.sql", "CREATE INDEX CONCURRENTLY a_b_idx ON a (b);\n");
        assertThat(concurrent.statements()).noneMatch(MigrationStatement::inTransaction);
    }

    @Test
    void aFlywayFileMixingStatementsThatCanAndCannotRunInATransactionIsOneFlywayRefuses()
            throws IOException {
        Migration mixed =
                one(
                        "V3__c.sql",
                        "SET lock_timeout = '2s';\nALTER TABLE a ADD COLUMN c int;\n"
                                + "CREATE INDEX CONCURRENTLY a_c_idx ON a (c);\nVACUUM a;\n");
        assertThat(mixed.mixedTransaction()).isNotNull();
        assertThat(mixed.mixedTransaction().outside().place()).isEqualTo("V3__c.sql:3:1");
        assertThat(mixed.mixedTransaction().statement())
                .isEqualTo("CREATE INDEX CONCURRENTLY a_c_idx ON a (c)");
        assertThat(mixed.mixedTransaction().others()).isEqualTo(2);
        // Judged as Flyway runs it with mixed=true: every statement on its own.
        assertThat(mixed.statements()).noneMatch(MigrationStatement::inTransaction);
    }

    @Test
    void aFlywayFileOfOneKindOrRunOutsideATransactionByItsConfIsNotRefused() throws IOException {
        assertThat(
                        one("V4__d.sql", "CREATE INDEX CONCURRENTLY a_d_idx ON a (d);\nVACUUM a;\n")
                                .mixedTransaction())
                .isNull();
        assertThat(
                        one(
                                        "V5__e.sql",
                                        "ALTER TABLE a ADD COLUMN e int;\nCREATE INDEX a_e_idx ON a (e);\n")
                                .mixedTransaction())
                .isNull();
        Files.writeString(
                dir.resolve("V6__f.sql.conf"),
                "# runs outside a transaction\nexecuteInTransaction=false\n");
        assertThat(
                        one(
                                        "V6__f.sql",
                                        "SET lock_timeout = '2s';\nCREATE INDEX CONCURRENTLY a_f_idx ON a (f);\n")
                                .mixedTransaction())
                .isNull();
        // Other tools send what the file says: golang-migrate, psql.
        String both = "SET lock_timeout = '2s';\nCREATE INDEX CONCURRENTLY a_g_idx ON a (g);\n";
        assertThat(one("0007_g.up.sql", both).mixedTransaction()).isNull();
        assertThat(one("008_h.sql", both).mixedTransaction()).isNull();
    }

    @Test
    void theWordConcurrentlyOutsideAConcurrentStatementLeavesAFlywayFileInItsTransaction()
            throws IOException {
        Migration m =
                one(
                        "V9__i.sql",
                        "COMMENT ON TABLE a IS 'rebuilt concurrently at night';\n"
                                + "CREATE FUNCTION f() RETURNS void LANGUAGE sql AS $$ SELECT 'concurrently' $$;\n"
                                + "REFRESH MATERIALIZED VIEW CONCURRENTLY v;\nALTER TABLE a ADD COLUMN i int;\n");
        assertThat(m.statements()).allMatch(MigrationStatement::inTransaction);
        assertThat(m.mixedTransaction()).isNull();
    }

    @Test
    void golangMigrateRunsAMultiStatementFileAsOneImplicitTransaction() throws IOException {
        Migration many =
                one(
                        "0001_a.up.sql",
                        "ALTER TABLE a ADD COLUMN b int;\nALTER TABLE a ADD COLUMN c int;\n");
        assertThat(many.tool()).isEqualTo("golang-migrate");
        assertThat(many.statements()).allMatch(MigrationStatement::inTransaction);
        Migration single = one("0002_b.up.sql", "CREATE INDEX CONCURRENTLY a_b_idx ON a (b);\n");
        assertThat(single.statements()).noneMatch(MigrationStatement::inTransaction);
    }

    @Test
    void lockTimeoutFollowsSetLocalAndReset() throws IOException {
        Migration m =
                one(
                        "001_a.sql",
                        """
                ALTER TABLE a ADD COLUMN b int;
                SET lock_timeout = '2s';
                ALTER TABLE a ADD COLUMN c int;
                SET lock_timeout TO 0;
                ALTER TABLE a ADD COLUMN d int;
                BEGIN;
                SET LOCAL lock_timeout = '500ms';
                ALTER TABLE a ADD COLUMN e int;
                COMMIT;
                ALTER TABLE a ADD COLUMN f int;
                SET lock_timeout = '1s';
                RESET lock_timeout;
                ALTER TABLE a ADD COLUMN g int;
                """);
        assertThat(at(m, 1).lockTimeout()).isNull();
        assertThat(at(m, 3).lockTimeout()).isEqualTo("2s");
        assertThat(at(m, 5).lockTimeout()).isNull();
        assertThat(at(m, 8).lockTimeout()).isEqualTo("500ms");
        assertThat(at(m, 10).lockTimeout()).as("SET LOCAL ends with its transaction").isNull();
        assertThat(at(m, 13).lockTimeout()).isNull();
    }

    @Test
    void anAssumedLockTimeoutHoldsUntilTheFileChangesIt() throws IOException {
        Migration m =
                one(
                        "001_a.sql",
                        "ALTER TABLE a ADD COLUMN b int;\nSET lock_timeout = 0;\nALTER TABLE a ADD COLUMN c int;\n",
                        false,
                        "3s");
        assertThat(at(m, 1).lockTimeout()).isEqualTo("3s");
        assertThat(at(m, 3).lockTimeout()).isNull();
    }

    @Test
    void suppressionsApplyToTheNextStatementOrTheFile() throws IOException {
        Migration m =
                one(
                        "001_a.sql",
                        """
                -- evoplan:ignore-file strong-lock-without-lock-timeout the runner sets lock_timeout
                CREATE TABLE a (id int);
                -- evoplan:ignore create-index-non-concurrent,EP210 a is empty in every environment
                CREATE INDEX a_id_idx ON a (id);
                -- evoplan:ignore drop-table-loses-data
                DROP TABLE a;
                CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$
                  -- evoplan:ignore drop-table-loses-data inside a body: not a suppression
                  SELECT 1
                $$;
                """);
        assertThat(m.suppressions()).hasSize(4);
        Suppression file = m.suppressions().get(0);
        assertThat(file.scope()).isEqualTo(Suppression.Scope.FILE);
        assertThat(file.rule()).isEqualTo("strong-lock-without-lock-timeout");
        assertThat(file.reason()).isEqualTo("the runner sets lock_timeout");
        assertThat(m.suppressions().subList(1, 3))
                .extracting(Suppression::rule)
                .containsExactly("create-index-non-concurrent", "EP210");
        assertThat(m.suppressions().subList(1, 3))
                .allMatch(s -> s.targetLine() == 4 && s.hasReason());
        Suppression bare = m.suppressions().get(3);
        assertThat(bare.hasReason()).isFalse();
        assertThat(bare.targetLine()).isEqualTo(6);
        assertThat(bare.origin().place()).isEqualTo("001_a.sql:5:1");
    }

    @Test
    void objectsAMigrationUsesAreAssumedToExistWithUnknownSize() throws IOException {
        Migration m =
                one(
                        "001_a.sql",
                        """
                ALTER TABLE orders ALTER COLUMN total TYPE numeric;
                CREATE INDEX orders_created_idx ON orders (created_at);
                ALTER TABLE refunds ADD CONSTRAINT refunds_order_fk FOREIGN KEY (order_id) REFERENCES orders;
                DROP INDEX old_idx;
                """);
        assertThat(m.statements()).allMatch(s -> s.change().kind() == SourceChange.Kind.SCHEMA);
        SourceChange type = at(m, 1).change();
        assertThat(
                        type.before()
                                .table(QualifiedName.of("orders"))
                                .orElseThrow()
                                .column("total")
                                .orElseThrow()
                                .type())
                .isEqualTo(AssumedObjects.UNKNOWN_TYPE);
        assertThat(
                        at(m, 3).change()
                                .before()
                                .table(QualifiedName.of("orders"))
                                .orElseThrow()
                                .primaryKey())
                .as("REFERENCES orders means its primary key")
                .isNotNull();
    }

    @Test
    void aColumnAddedByTheStatementIsNotAssumedForItsOwnForeignKeyOrDefault() throws IOException {
        Migration m =
                one(
                        "001_a.sql",
                        """
                CREATE TABLE s (id uuid PRIMARY KEY);
                CREATE TABLE t (id uuid PRIMARY KEY);
                ALTER TABLE t ADD COLUMN s_id uuid, ADD CONSTRAINT t_s_fk FOREIGN KEY (s_id) REFERENCES s (id);
                ALTER TABLE orders ADD COLUMN n int, ALTER COLUMN n SET DEFAULT 0;
                """);
        assertThat(m.statements()).allMatch(s -> s.change().kind() == SourceChange.Kind.SCHEMA);
        assertThat(
                        at(m, 3).change()
                                .after()
                                .table(QualifiedName.of("t"))
                                .orElseThrow()
                                .column("s_id")
                                .orElseThrow()
                                .type()
                                .sql())
                .isEqualTo("uuid");
        assertThat(
                        at(m, 4).change()
                                .before()
                                .table(QualifiedName.of("orders"))
                                .orElseThrow()
                                .column("n"))
                .isEmpty();
    }

    @Test
    void withoutAssumingObjectsTheSameStatementsAreUnreadable() {
        SqlStatementApplier strict = new SqlStatementApplier(Schema.EMPTY);
        SourceChange c =
                strict.fold(
                        SqlParser.parse(
                                        "ALTER TABLE orders ALTER COLUMN total TYPE numeric;",
                                        "x.sql")
                                .statements()
                                .get(0));
        assertThat(c.kind()).isEqualTo(SourceChange.Kind.OPAQUE);
    }

    @Test
    void aFolderIsReadInItsToolsOrderAndLaterFilesKnowEarlierTables() throws IOException {
        Path folder = dir.resolve("migrations");
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("V10__c.sql"), "ALTER TABLE a ADD COLUMN c int;\n");
        Files.writeString(folder.resolve("V2__b.sql"), "ALTER TABLE a ADD COLUMN b int;\n");
        Files.writeString(folder.resolve("V1__a.sql"), "CREATE TABLE a (id int);\n");
        List<Migration> all = read(folder, "migrations");
        assertThat(all)
                .extracting(Migration::file)
                .containsExactly(
                        "migrations/V1__a.sql", "migrations/V2__b.sql", "migrations/V10__c.sql");
        SourceChange c = all.get(2).statements().get(0).change();
        assertThat(c.before().table(QualifiedName.of("a")).orElseThrow().column("b")).isPresent();
    }

    @Test
    void aPopFolderIsReadAsPopRunsItOnPostgres() throws IOException {
        Path folder = dir.resolve("pop");
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("1_t.postgres.up.sql"), "CREATE TABLE t (id int);\n");
        Files.writeString(folder.resolve("1_t.mysql.up.sql"), "CREATE TABLE `t` (`id` int);\n");
        Files.writeString(folder.resolve("1_t.sqlite3.up.sql"), "CREATE TABLE t (id INTEGER);\n");
        Files.writeString(folder.resolve("1_t.postgres.down.sql"), "DROP TABLE t;\n");
        Files.writeString(folder.resolve("2_u.up.sql"), "ALTER TABLE t ADD COLUMN u int;\n");
        Files.writeString(
                folder.resolve("3_i.autocommit.up.sql"), "CREATE INDEX t_u_idx ON t (u);\n");
        Files.writeString(
                folder.resolve("3_i.postgres.autocommit.up.sql"),
                "CREATE INDEX CONCURRENTLY t_u_idx ON t (u);\n");
        Files.writeString(folder.resolve("3_i.cockroach.autocommit.up.sql"), "SELECT 1;\n");
        List<Migration> all = read(folder, "pop");
        assertThat(all)
                .extracting(Migration::file)
                .containsExactly(
                        "pop/1_t.postgres.up.sql",
                        "pop/2_u.up.sql",
                        "pop/3_i.postgres.autocommit.up.sql");
        assertThat(all).extracting(Migration::tool).containsOnly("pop");
        assertThat(all.get(1).statements())
                .as("pop runs a file in a transaction, even a file of one statement")
                .allMatch(MigrationStatement::inTransaction);
        assertThat(all.get(2).statements()).noneMatch(MigrationStatement::inTransaction);
    }

    @Test
    void sourcegraphsFoldersRunAConcurrentIndexOutsideATransactionWhenTheMetadataSaysSo() {
        List<Migration> all = read(Path.of("fixtures/sql/sourcegraph"), "sourcegraph");
        assertThat(all)
                .extracting(Migration::file)
                .containsExactly(
                        "sourcegraph/1700000001/up.sql",
                        "sourcegraph/1700000002_teams_name_index/up.sql",
                        "sourcegraph/1700000003/up.sql");
        assertThat(all).extracting(Migration::tool).containsOnly("sourcegraph");
        assertThat(all.get(0).statements()).allMatch(MigrationStatement::inTransaction);
        assertThat(all.get(1).statements())
                .as("createIndexConcurrently: true, one statement: run outside a transaction")
                .noneMatch(MigrationStatement::inTransaction);
        assertThat(all.get(2).statements())
                .as("two statements sent as one query: PostgreSQL's implicit transaction")
                .allMatch(MigrationStatement::inTransaction);
    }

    @Test
    void temporalsVersionFoldersRunInVersionThenManifestOrder() throws IOException {
        Path folder = dir.resolve("versioned");
        for (String v : List.of("v1.0", "v1.2", "v1.10")) {
            Files.createDirectories(folder.resolve(v));
        }
        Files.writeString(folder.resolve("v1.0/schema.sql"), "CREATE TABLE t (id int);\n");
        Files.writeString(
                folder.resolve("v1.0/manifest.json"),
                "{\"CurrVersion\": \"1.0\", \"SchemaUpdateCqlFiles\": [\"schema.sql\"]}");
        Files.writeString(folder.resolve("v1.2/b.sql"), "ALTER TABLE t ADD COLUMN b int;\n");
        Files.writeString(folder.resolve("v1.2/a.sql"), "ALTER TABLE t DROP COLUMN b;\n");
        Files.writeString(folder.resolve("v1.2/unlisted.sql"), "DROP TABLE t;\n");
        Files.writeString(
                folder.resolve("v1.2/manifest.json"),
                "{\n  \"SchemaUpdateCqlFiles\": [\n    \"b.sql\",\n    \"a.sql\"\n  ]\n}\n");
        Files.writeString(
                folder.resolve("v1.10/c.sql"),
                "ALTER TABLE t ADD COLUMN c int;\nALTER TABLE t ADD COLUMN d int;\n");
        Files.writeString(
                folder.resolve("v1.10/manifest.json"), "{\"SchemaUpdateCqlFiles\": [\"c.sql\"]}");
        List<Migration> all = read(folder, "versioned");
        assertThat(all)
                .extracting(Migration::file)
                .containsExactly(
                        "versioned/v1.0/schema.sql",
                        "versioned/v1.2/b.sql",
                        "versioned/v1.2/a.sql",
                        "versioned/v1.10/c.sql");
        assertThat(all.get(3).statements())
                .as("the tool runs each statement on its own")
                .noneMatch(MigrationStatement::inTransaction);
    }

    @Test
    void prismaFoldersRunInNameOrderEachFileAsOneMultiStatementQuery() throws IOException {
        Path folder = dir.resolve("prisma/migrations");
        for (String m : List.of("20240102000000_init", "20240110000000_b", "20240201000000_c")) {
            Files.createDirectories(folder.resolve(m));
        }
        Files.writeString(folder.resolve("migration_lock.toml"), "provider = \"postgresql\"\n");
        Files.writeString(
                folder.resolve("20240102000000_init/migration.sql"),
                "CREATE TABLE \"T\" (\"id\" INTEGER NOT NULL);\n"
                        + "CREATE INDEX \"T_id_idx\" ON \"T\"(\"id\");\n");
        Files.writeString(
                folder.resolve("20240201000000_c/migration.sql"),
                "CREATE INDEX CONCURRENTLY \"T_b_idx\" ON \"T\"(\"b\");\n");
        Files.writeString(
                folder.resolve("20240110000000_b/migration.sql"),
                "ALTER TABLE \"T\" ADD COLUMN \"b\" TEXT;\n");
        List<Migration> all = read(folder, "prisma/migrations");
        assertThat(all)
                .extracting(Migration::file)
                .containsExactly(
                        "prisma/migrations/20240102000000_init/migration.sql",
                        "prisma/migrations/20240110000000_b/migration.sql",
                        "prisma/migrations/20240201000000_c/migration.sql");
        assertThat(all).extracting(Migration::tool).containsOnly("prisma");
        assertThat(all.get(0).statements())
                .as("two statements in one query: PostgreSQL's implicit transaction")
                .allMatch(MigrationStatement::inTransaction);
        assertThat(all.get(2).statements()).noneMatch(MigrationStatement::inTransaction);
        SourceChange b = all.get(2).statements().get(0).change();
        assertThat(b.before().table(QualifiedName.of("T")).orElseThrow().column("b")).isPresent();
    }

    @Test
    void synapseDeltaFoldersRunInVersionThenNameOrderPostgresFilesOnly() throws IOException {
        Path folder = dir.resolve("delta");
        for (String v : List.of("9", "10")) {
            Files.createDirectories(folder.resolve(v));
        }
        Files.writeString(folder.resolve("9/01_t.sql"), "CREATE TABLE t (id int);\n");
        Files.writeString(
                folder.resolve("10/02_b.sql.postgres"), "ALTER TABLE t ADD COLUMN b jsonb;\n");
        Files.writeString(
                folder.resolve("10/02_b.sql.sqlite"), "ALTER TABLE t ADD COLUMN b TEXT;\n");
        Files.writeString(
                folder.resolve("10/03_c.sql"),
                "ALTER TABLE t ADD COLUMN c int;\n"
                        + "CREATE TABLE k (id $%AUTO_INCREMENT_PRIMARY_KEY%$, v text);\n");
        Files.writeString(folder.resolve("10/01_a.py"), "def run_create(cur, engine): pass\n");
        // Not deltas: Synapse skips compiled modules and warns about other files.
        Files.writeString(folder.resolve("10/01_a.pyc"), "compiled\n");
        Files.writeString(folder.resolve("10/README.md"), "notes\n");
        List<Migration> all = read(folder, "delta");
        assertThat(all)
                .extracting(Migration::file)
                .containsExactly(
                        "delta/9/01_t.sql",
                        "delta/10/01_a.py",
                        "delta/10/02_b.sql.postgres",
                        "delta/10/03_c.sql");
        assertThat(all).extracting(Migration::tool).containsOnly("synapse");
        assertThat(all.get(2).statements())
                .as("Synapse runs an upgrade's deltas in one transaction")
                .allMatch(MigrationStatement::inTransaction);
        SourceChange c = all.get(3).statements().get(0).change();
        assertThat(c.before().table(QualifiedName.of("t")).orElseThrow().column("b")).isPresent();
        SourceChange k = all.get(3).statements().get(1).change();
        assertThat(k.after().table(QualifiedName.of("k")).orElseThrow().column("id"))
                .as("Synapse's placeholder is a bigint identity key on PostgreSQL")
                .hasValueSatisfying(id -> assertThat(id.type().sql()).isEqualTo("bigint"));
    }

    @Test
    void aPythonDeltaIsOneUnreadChangeInItsPlaceOnTheSchemaTheFilesBeforeItLeft()
            throws IOException {
        Path folder = dir.resolve("delta");
        Files.createDirectories(folder.resolve("10"));
        Files.writeString(folder.resolve("10/01_t.sql"), "CREATE TABLE t (id int);\n");
        Files.writeString(
                folder.resolve("10/02_fill.py"),
                "def run_upgrade(cur, engine, config):\n    cur.execute(\"UPDATE t SET id = 1\")\n");
        Files.writeString(folder.resolve("10/03_u.sql"), "CREATE TABLE u (id int);\n");
        List<Migration> all = read(folder, "delta");
        Migration py = all.get(1);
        assertThat(py.file()).isEqualTo("delta/10/02_fill.py");
        assertThat(py.statements())
                .singleElement()
                .satisfies(
                        s -> {
                            assertThat(s.inTransaction())
                                    .as("run with the upgrade's cursor, in its transaction")
                                    .isTrue();
                            assertThat(s.change().kind()).isEqualTo(SourceChange.Kind.OPAQUE);
                            assertThat(s.change().changeType()).isEqualTo("program");
                            assertThat(s.change().description())
                                    .isEqualTo("10/02_fill.py, a Python delta Synapse runs");
                            assertThat(s.change().origin().file()).isEqualTo("delta/10/02_fill.py");
                            assertThat(s.change().before().table(QualifiedName.of("t")))
                                    .isPresent();
                            assertThat(s.change().after()).isEqualTo(s.change().before());
                        });
    }

    @Test
    void flywayScriptMigrationsAreUnreadChangesInVersionOrderButNotUndoScriptsOrHelpers()
            throws IOException {
        Path folder = dir.resolve("flyway-scripts");
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("V1__a.sql"), "CREATE TABLE a (id int);\n");
        Files.writeString(folder.resolve("V2__load.sh"), "psql \"$FLYWAY_URL\" -f load.sql\n");
        Files.writeString(folder.resolve("V3__b.sql"), "CREATE TABLE b (id int);\n");
        Files.writeString(folder.resolve("R__refresh.PS1"), "Write-Host refresh\n");
        Files.writeString(folder.resolve("U2__load.sh"), "psql -c 'TRUNCATE a'\n");
        Files.writeString(folder.resolve("beforeMigrate.sh"), "echo callback\n");
        Files.writeString(folder.resolve("helper.py"), "print(1)\n");
        List<Migration> all = read(folder, "flyway-scripts");
        assertThat(all)
                .extracting(Migration::file)
                .containsExactly(
                        "flyway-scripts/V1__a.sql",
                        "flyway-scripts/V2__load.sh",
                        "flyway-scripts/V3__b.sql",
                        "flyway-scripts/R__refresh.PS1");
        assertThat(all).extracting(Migration::tool).containsOnly("flyway");
        MigrationStatement script = all.get(1).statements().get(0);
        assertThat(script.inTransaction())
                .as("a process of its own, in a session of its own")
                .isFalse();
        assertThat(script.change().description())
                .isEqualTo("V2__load.sh, a script Flyway runs as a process");
    }

    @Test
    void programsOfNoToolLeaveAFolderAsItWas() throws IOException {
        Path folder = dir.resolve("plain");
        Files.createDirectories(folder.resolve("scripts"));
        Files.writeString(folder.resolve("schema.sql"), "CREATE TABLE a (id int);\n");
        Files.writeString(folder.resolve("load.sh"), "psql -f schema.sql\n");
        Files.writeString(folder.resolve("scripts/gen.py"), "print(1)\n");
        List<Migration> all = read(folder, "plain");
        assertThat(all).extracting(Migration::file).containsExactly("plain/schema.sql");
    }

    @Test
    void anotherToolsFileInANumberedFolderIsNotASynapseDelta() throws IOException {
        Path folder = dir.resolve("flyway");
        Files.createDirectories(folder.resolve("2024"));
        Files.writeString(folder.resolve("V1__a.sql"), "CREATE TABLE a (id int);\n");
        Files.writeString(folder.resolve("2024/V2__b.sql"), "DROP TABLE a;\n");
        Files.writeString(folder.resolve("2024/3_c.up.sql"), "DROP TABLE a;\n");
        List<Migration> all = read(folder, "flyway");
        assertThat(all).extracting(Migration::file).containsExactly("flyway/V1__a.sql");
    }

    @Test
    void aFolderWithoutMigrationsSaysWhatWasLookedFor() throws IOException {
        Path folder = dir.resolve("empty");
        Files.createDirectories(folder.resolve("20240102000000_init"));
        Files.writeString(folder.resolve("20240102000000_init/schema.prisma"), "model T {}\n");
        assertThatThrownBy(() -> read(folder, "empty"))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("no SQL migrations in the folder (looked for")
                .hasMessageContaining("<n>_x/migration.sql");
    }

    @Test
    void aGolangMigrateNameWithADotIsNotTakenForAPopDialect() throws IOException {
        Path folder = dir.resolve("gm");
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("1_create.users.up.sql"), "CREATE TABLE u (id int);\n");
        Files.writeString(folder.resolve("2_index.up.sql"), "CREATE INDEX u_i ON u (id);\n");
        List<Migration> all = read(folder, "gm");
        assertThat(all).extracting(Migration::tool).containsOnly("golang-migrate");
        assertThat(all).hasSize(2);
    }

    @Test
    void psqlMetaCommandsBecomeNotes() throws IOException {
        Migration m = one("001_a.sql", "\\set ON_ERROR_STOP on\nCREATE TABLE a (id int);\n");
        assertThat(m.notes()).singleElement().asString().startsWith("001_a.sql:1:1: note:");
        assertThat(m.statements()).hasSize(1);
    }

    @Test
    void aFileThatIsNotUtf8IsAnInputErrorNamingIt() throws IOException {
        Path file = dir.resolve("001_bad.sql");
        Files.write(file, new byte[] {'S', 'E', 'L', (byte) 0xC3, (byte) 0x28});
        assertThatThrownBy(() -> read(file, "001_bad.sql"))
                .isInstanceOf(InputException.class)
                .satisfies(
                        e ->
                                assertThat(((InputException) e).oneLine())
                                        .startsWith("001_bad.sql")
                                        .contains("UTF-8"));
    }
}
