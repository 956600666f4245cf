package dev.evoplan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lint --diff} and {@code lint --fix}: each mechanical fix with a case it makes and a case
 * it must not; the diff checked by real {@code git apply}; the fixed file linted again.
 */
class LintFixTest {
    /** The tables the migrations change, created by an earlier migration so they may hold rows. */
    private static final String BASE =
            """
            CREATE TABLE customers (id bigint PRIMARY KEY);
            CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint, qty int, note text);
            CREATE INDEX orders_old_idx ON orders (qty);
            """;

    @TempDir Path dir;

    private Path file(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        return Files.writeString(p, text);
    }

    private CliRun diff(Path migration, String... more) throws IOException {
        Path base = file("base/base.sql", BASE);
        List<String> args =
                new java.util.ArrayList<>(
                        List.of(
                                "lint",
                                "--diff",
                                "--schema",
                                base.toString(),
                                migration.toString()));
        args.addAll(List.of(more));
        return CliRun.of(args.toArray(String[]::new));
    }

    private CliRun lintJson(Path migration) throws IOException {
        return CliRun.of(
                "lint",
                "-f",
                "json",
                "--schema",
                dir.resolve("base/base.sql").toString(),
                migration.toString());
    }

    @Test
    void createIndexGetsConcurrently() throws Exception {
        Path m =
                file(
                        "001_idx.sql",
                        "SET lock_timeout = '5s';\nCREATE INDEX orders_customer_idx ON orders (customer_id);\n");
        CliRun run = diff(m);
        assertThat(run.exitCode()).isZero();
        assertThat(run.out())
                .contains("-CREATE INDEX orders_customer_idx ON orders (customer_id);")
                .contains(
                        "+CREATE INDEX CONCURRENTLY orders_customer_idx ON orders (customer_id);");
    }

    @Test
    void createIndexInsideBeginCommitIsNotRewrittenAndSaysWhy() throws Exception {
        Path m =
                file(
                        "001_idx.sql",
                        "BEGIN;\nSET LOCAL lock_timeout = '5s';\nCREATE INDEX orders_customer_idx ON orders (customer_id);\nCOMMIT;\n");
        CliRun run = diff(m);
        assertThat(run.out()).isEmpty();
        assertThat(run.err())
                .contains(
                        "not fixed: "
                                + m
                                + ":3: create-index-non-concurrent: CONCURRENTLY cannot run inside"
                                + " the BEGIN ... COMMIT block opened at line 1");
    }

    @Test
    void dropIndexGetsConcurrently() throws Exception {
        Path m = file("001_drop.sql", "SET lock_timeout = '5s';\nDROP INDEX orders_old_idx;\n");
        assertThat(diff(m).out()).contains("+DROP INDEX CONCURRENTLY orders_old_idx;");
    }

    @Test
    void dropIndexInAGolangMigrateFileIsNotRewritten() throws Exception {
        Path m = file("1_drop.up.sql", "SET lock_timeout = '5s';\nDROP INDEX orders_old_idx;\n");
        CliRun run = diff(m);
        assertThat(run.out()).isEmpty();
        assertThat(run.err())
                .contains(
                        "drop-index-non-concurrent: golang-migrate runs this file in one transaction");
    }

    @Test
    void aPopAutocommitFileGetsConcurrentlyInPlaceAsPopRunsItOutsideATransaction()
            throws Exception {
        file("pop/1_orders.postgres.up.sql", "SELECT 1;\n");
        file("pop/1_orders.mysql.up.sql", "SELECT 1;\n");
        Path m =
                file(
                        "pop/2_idx.postgres.autocommit.up.sql",
                        "SET lock_timeout = '5s';\nCREATE INDEX orders_qty_idx ON orders (qty);\n");
        CliRun run = diff(m);
        assertThat(run.err()).doesNotContain("not fixed");
        assertThat(run.out())
                .contains("+CREATE INDEX CONCURRENTLY orders_qty_idx ON orders (qty);");
    }

    @Test
    void aPopFileWithoutAutocommitRunsInPopsTransactionSoGetsNoConcurrently() throws Exception {
        file("pop/1_orders.postgres.up.sql", "SELECT 1;\n");
        Path m =
                file(
                        "pop/2_idx.up.sql",
                        "SET lock_timeout = '5s';\nCREATE INDEX orders_qty_idx ON orders (qty);\n");
        CliRun run = diff(m);
        assertThat(run.out()).isEmpty();
        assertThat(run.err())
                .contains("create-index-non-concurrent: pop runs this file in one transaction");
    }

    @Test
    void foreignKeyGetsNotValidThenValidate() throws Exception {
        Path m =
                file(
                        "001_fk.sql",
                        "SET lock_timeout = '5s';\n"
                                + "ALTER TABLE orders ADD CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES customers (id);\n");
        assertThat(diff(m).out())
                .contains(
                        "+ALTER TABLE orders ADD CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id)"
                                + " REFERENCES customers (id) NOT VALID;\n+ALTER TABLE orders VALIDATE CONSTRAINT orders_customer_fk;\n");
    }

    @Test
    void anUnnamedForeignKeyIsNotRewritten() throws Exception {
        Path m =
                file(
                        "001_fk.sql",
                        "SET lock_timeout = '5s';\n"
                                + "ALTER TABLE orders ADD FOREIGN KEY (customer_id) REFERENCES customers (id);\n");
        CliRun run = diff(m);
        assertThat(run.out()).isEmpty();
        assertThat(run.err())
                .contains(
                        "add-foreign-key-scans-both-tables: only ALTER TABLE t ADD CONSTRAINT name");
    }

    @Test
    void checkGetsNotValidThenValidate() throws Exception {
        Path m =
                file(
                        "001_check.sql",
                        "SET lock_timeout = '5s';\nALTER TABLE orders ADD CONSTRAINT qty_positive CHECK (qty > 0);\n");
        assertThat(diff(m).out())
                .contains(
                        "+ALTER TABLE orders ADD CONSTRAINT qty_positive CHECK (qty > 0) NOT VALID;\n"
                                + "+ALTER TABLE orders VALIDATE CONSTRAINT qty_positive;\n");
    }

    @Test
    void checkInAFlywayFileIsNotRewrittenBecauseValidateWouldShareItsTransaction()
            throws Exception {
        Path m =
                file(
                        "fw/V3__check.sql",
                        "SET lock_timeout = '5s';\nALTER TABLE orders ADD CONSTRAINT qty_positive CHECK (qty > 0);\n");
        CliRun run = diff(m);
        assertThat(run.out()).isEmpty();
        assertThat(run.err())
                .contains("add-check-scans-table: the file runs in one transaction")
                .contains(
                        "ALTER TABLE orders VALIDATE CONSTRAINT qty_positive; in the next migration");
    }

    @Test
    void aMissingLockTimeoutIsSetBeforeTheFirstStatement() throws Exception {
        Path m = file("001_col.sql", "-- a header\nALTER TABLE orders ADD COLUMN extra text;\n");
        assertThat(diff(m).out())
                .contains(
                        " -- a header\n+SET lock_timeout = '5s';\n ALTER TABLE orders ADD COLUMN extra text;");
    }

    @Test
    void aFileThatSetsLockTimeoutIsLeftAlone() throws Exception {
        Path m =
                file(
                        "001_col.sql",
                        "SET lock_timeout = '2s';\nALTER TABLE orders ADD COLUMN extra text;\n");
        CliRun run = diff(m);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEmpty();
    }

    @Test
    void aSuppressedFindingIsNeverFixed() throws Exception {
        Path m =
                file(
                        "001_idx.sql",
                        "SET lock_timeout = '5s';\n"
                                + "-- evoplan:ignore create-index-non-concurrent orders is tiny and written once a day\n"
                                + "CREATE INDEX orders_customer_idx ON orders (customer_id);\n");
        CliRun run = diff(m);
        assertThat(run.out()).isEmpty();
    }

    @Test
    void aFlywayFileMixingTransactionKindsIsSplitIntoTwoVersions() throws Exception {
        Path m =
                file(
                        "fw/V2__more.sql",
                        "SET lock_timeout = '5s';\nALTER TABLE orders ADD COLUMN extra text;\n"
                                + "CREATE INDEX orders_extra_idx ON orders (extra);\n");
        String out = diff(m).out();
        assertThat(out)
                .contains("-CREATE INDEX orders_extra_idx ON orders (extra);")
                .containsPattern(
                        "new file mode 100644\n--- /dev/null\n\\+\\+\\+ b/\\S*fw/V2_1__more_concurrently.sql\n")
                .contains("+CREATE INDEX CONCURRENTLY orders_extra_idx ON orders (extra);")
                .containsPattern(
                        "fw/V2_1__more_concurrently.sql.conf\n@@ -0,0 \\+1 @@\n\\+executeInTransaction=false\n");
    }

    @Test
    void aFlywayFileHoldingOnlyTheIndexGetsAConfInsteadOfASplit() throws Exception {
        Path m =
                file(
                        "fw/V4__idx.sql",
                        "SET lock_timeout = '5s';\nCREATE INDEX orders_note_idx ON orders (note);\n");
        String out = diff(m).out();
        assertThat(out)
                .contains("+CREATE INDEX CONCURRENTLY orders_note_idx ON orders (note);")
                .containsPattern(
                        "fw/V4__idx.sql.conf\n@@ -0,0 \\+1 @@\n\\+executeInTransaction=false\n")
                .doesNotContain("V4_1__");
        Files.writeString(dir.resolve("fw/V4__idx.sql.conf"), "mixed=true\n");
        CliRun again = diff(m);
        assertThat(again.out()).isEmpty();
        assertThat(again.err()).contains("exists without executeInTransaction=false");
    }

    @Test
    void aFlywayFileWhoseIndexIsFollowedByOtherWorkIsNotSplit() throws Exception {
        Path m =
                file(
                        "fw/V2__more.sql",
                        "SET lock_timeout = '5s';\nCREATE INDEX orders_extra_idx ON orders (note);\n"
                                + "ALTER TABLE orders ADD COLUMN extra text;\n");
        CliRun run = diff(m);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("statements after it must stay in the file's transaction");
    }

    @Test
    void gitApplyAcceptsTheDiffAndTheFixedFilesLintWithoutThoseFindings() throws Exception {
        git("init", "-q", ".");
        Path plain =
                file(
                        "001_all.sql",
                        "-- every fix at once\nCREATE INDEX orders_customer_idx ON orders (customer_id);\n"
                                + "ALTER TABLE orders ADD CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES customers (id);\n"
                                + "ALTER TABLE orders ADD CONSTRAINT qty_positive CHECK (qty > 0);\nDROP INDEX orders_old_idx;");
        Path flyway =
                file(
                        "fw/V2__more.sql",
                        "ALTER TABLE orders ADD COLUMN extra text;\nCREATE INDEX orders_extra_idx ON orders (extra);\n");
        file("base/base.sql", BASE);
        git("add", "-A");
        // As a user runs it: from the repository's root, paths as git knows them.
        String patch = evoplan("lint", "--diff", "--schema", "base/base.sql", "001_all.sql", "fw");
        Path patchFile = Files.writeString(dir.resolve("fix.patch"), patch);
        git("apply", "--check", patchFile.toString());
        git("apply", patchFile.toString());
        assertThat(Files.readString(plain))
                .endsWith("DROP INDEX CONCURRENTLY orders_old_idx;"); // no newline, as written
        List<String> fixed =
                List.of(
                        "create-index-non-concurrent",
                        "drop-index-non-concurrent",
                        "add-check-scans-table",
                        "add-foreign-key-scans-both-tables",
                        "strong-lock-without-lock-timeout",
                        "flyway-mixed-transaction");
        for (Path m : List.of(plain, dir.resolve("fw"))) {
            var findings =
                    new com.fasterxml.jackson.databind.ObjectMapper()
                            .readTree(lintJson(m).out())
                            .get("findings");
            List<String> standing = new java.util.ArrayList<>();
            findings.forEach(
                    f -> {
                        if (!f.get("safety").asText().equals("safe")
                                && fixed.contains(f.get("rule").asText())) {
                            standing.add(
                                    f.get("rule").asText()
                                            + " at line "
                                            + f.get("origin").get("line"));
                        }
                    });
            assertThat(standing).as(m.toString()).isEmpty();
        }
        assertThat(Files.readString(dir.resolve("fw/V2_1__more_concurrently.sql.conf")))
                .isEqualTo("executeInTransaction=false\n");
    }

    @Test
    void fixWritesTheFilesAndReportsWhatIsLeft() throws Exception {
        Path m =
                file(
                        "001_idx.sql",
                        "SET lock_timeout = '5s';\nCREATE INDEX orders_customer_idx ON orders (customer_id);\n");
        file("base/base.sql", BASE);
        CliRun run =
                CliRun.of(
                        "lint",
                        "--fix",
                        "--schema",
                        dir.resolve("base/base.sql").toString(),
                        m.toString());
        assertThat(run.err()).contains("fixed 1 file");
        assertThat(Files.readString(m)).contains("CREATE INDEX CONCURRENTLY orders_customer_idx");
        assertThat(run.out()).doesNotContain("create-index-non-concurrent");
        assertThat(run.exitCode()).isZero();
        assertThat(CliRun.of("lint", "--fix", "--diff", m.toString()).exitCode())
                .isEqualTo(ExitCode.USAGE.code());
    }

    /** The CLI in its own process in {@code dir}: its standard output. */
    private String evoplan(String... args) throws Exception {
        List<String> command =
                new java.util.ArrayList<>(
                        List.of(
                                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                                "-cp",
                                System.getProperty("java.class.path"),
                                Main.class.getName()));
        command.addAll(List.of(args));
        Process p =
                new ProcessBuilder(command)
                        .directory(dir.toFile())
                        .redirectError(ProcessBuilder.Redirect.DISCARD)
                        .start();
        String output = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(String.join(" ", args)).isZero();
        return output;
    }

    private void git(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("git"));
        command.addAll(List.of(args));
        Process p =
                new ProcessBuilder(command)
                        .directory(dir.toFile())
                        .redirectErrorStream(true)
                        .start();
        String output = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(String.join(" ", command) + ": " + output).isZero();
    }
}
