package dev.evoplan.source.git;

import static dev.evoplan.source.git.Repos.commit;
import static dev.evoplan.source.git.Repos.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.evoplan.engine.Analysis;
import dev.evoplan.engine.AnalysisOptions;
import dev.evoplan.engine.Analyzer;
import dev.evoplan.model.InputException;
import dev.evoplan.model.LoadedSchema;
import dev.evoplan.model.QualifiedName;
import dev.evoplan.model.SourceChange;
import dev.evoplan.model.SourceChangeset;
import dev.evoplan.plan.FindingWithFix;
import dev.evoplan.rules.Finding;
import dev.evoplan.source.liquibase.LiquibaseOptions;
import dev.evoplan.source.liquibase.LiquibaseSource;
import dev.evoplan.source.sql.SqlSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plain SQL at a git ref: migration folders and {@code .sql} files read as on disk, and the gate
 * over them.
 */
class GitSqlSourcesTest {
    private static final LiquibaseOptions DEFAULTS = LiquibaseOptions.defaults();
    private static final String FOLDER = "db/migrations";

    @TempDir Path repo;

    private LoadedSchema git(String ref, String path) {
        return GitSources.load("git:" + ref + ":" + path, DEFAULTS, repo);
    }

    /**
     * What a tool keeps of each migration: identity, checksum and whether it runs in a transaction.
     */
    private static List<String> history(LoadedSchema loaded) {
        return loaded.history().stream()
                .map(
                        cs ->
                                cs.identity()
                                        + " "
                                        + cs.checksum()
                                        + " "
                                        + cs.runInTransaction()
                                        + " "
                                        + cs.changes().size())
                .toList();
    }

    @Test
    void aMigrationFolderAtARefIsReadAsTheSameFolderOnDisk() throws Exception {
        try (Git g = Repos.init(repo)) {
            write(
                    g,
                    FOLDER + "/V1__users.sql",
                    "CREATE TABLE users (id bigint PRIMARY KEY, email text);\n");
            write(
                    g,
                    FOLDER + "/V2__index.sql",
                    "CREATE INDEX CONCURRENTLY users_email ON users (email);\n");
            write(
                    g,
                    FOLDER + "/V10__orders.sql",
                    "CREATE TABLE orders (id bigint, user_id bigint);\n");
            // Flyway's per-file config, read beside the migration at the ref as on disk.
            write(g, FOLDER + "/V10__orders.sql.conf", "executeInTransaction=false\n");
            write(g, FOLDER + "/U2__index.sql", "DROP INDEX users_email;\n");
            write(g, FOLDER + "/notes.txt", "not SQL\n");
            write(g, "diesel/2024-01-02-030405_init/up.sql", "CREATE TABLE a (id int);\n");
            write(g, "diesel/2024-01-02-030405_init/down.sql", "DROP TABLE a;\n");
            write(g, "diesel/2024-01-02-030405_init/metadata.toml", "run_in_transaction = false\n");
            write(g, "diesel/2024-03-01-000000_more/up.sql", "ALTER TABLE a ADD COLUMN b text;\n");
            write(g, "prisma/20240102000000_init/migration.sql", "CREATE TABLE p (id int);\n");
            write(g, "prisma/20240103000000_b/migration.sql", "ALTER TABLE p ADD COLUMN b text;\n");
            write(g, "prisma/migration_lock.toml", "provider = \"postgresql\"\n");
            write(g, "delta/9/01_s.sql", "CREATE TABLE s (id $%AUTO_INCREMENT_PRIMARY_KEY%$);\n");
            write(g, "delta/10/01_b.sql.postgres", "ALTER TABLE s ADD COLUMN b jsonb;\n");
            write(g, "delta/10/01_b.sql.sqlite", "ALTER TABLE s ADD COLUMN b TEXT;\n");
            write(g, "delta/10/02_fill.py", "def run_upgrade(cur, engine, config): pass\n");
            write(g, FOLDER + "/V3__load.sh", "psql \"$FLYWAY_URL\" -f load.sql\n");
            commit(g, "migrations");
        }
        for (String folder : List.of(FOLDER, "diesel", "prisma", "delta")) {
            LoadedSchema atRef = git("HEAD", folder);
            LoadedSchema onDisk = SqlSource.load(repo.resolve(folder));
            assertThat(history(atRef)).isEqualTo(history(onDisk)).isNotEmpty();
            assertThat(atRef.schema()).isEqualTo(onDisk.schema());
            assertThat(atRef.location()).isEqualTo("git:HEAD:" + folder);
        }
        assertThat(git("HEAD", FOLDER).history())
                .extracting(SourceChangeset::identity)
                .containsExactly(
                        "V1__users.sql", "V2__index.sql", "V3__load.sh", "V10__orders.sql");
        assertThat(git("HEAD", FOLDER).history())
                .extracting(SourceChangeset::runInTransaction)
                .containsExactly(true, false, false, false);
        assertThat(git("HEAD", "diesel").history())
                .extracting(SourceChangeset::runInTransaction)
                .containsExactly(false, true);
        assertThat(git("HEAD", "prisma").history())
                .extracting(SourceChangeset::identity)
                .containsExactly(
                        "20240102000000_init/migration.sql", "20240103000000_b/migration.sql");
        assertThat(git("HEAD", "delta").history())
                .extracting(SourceChangeset::identity)
                .containsExactly("9/01_s.sql", "10/01_b.sql.postgres", "10/02_fill.py");
        assertThat(git("HEAD", "delta").history().get(2).changes())
                .singleElement()
                .satisfies(c -> assertThat(c.kind()).isEqualTo(SourceChange.Kind.OPAQUE));
        assertThat(git("HEAD", "delta").schema().tables().get(QualifiedName.of("s")).primaryKey())
                .isNotNull();
    }

    @Test
    void aSqlFileAtTwoTagsIsPlannedAndFormattedSqlStaysLiquibase() throws Exception {
        try (Git g = Repos.init(repo)) {
            Repos.commitFile(g, "schema.sql", "CREATE TABLE users (id bigint PRIMARY KEY);\n");
            g.tag().setName("v1").call();
            Repos.commitFile(
                    g,
                    "schema.sql",
                    "CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL);\n");
            g.tag().setName("v2").call();
            Repos.commitFile(
                    g,
                    "changelog.sql",
                    """
                    --liquibase formatted sql
                    --changeset ann:1
                    CREATE TABLE t (id int);
                    """);
        }
        LoadedSchema v1 = git("v1", "schema.sql");
        LoadedSchema v2 = git("v2", "schema.sql");
        // A lone file is a schema state: its identity is the source, so two refs are two states.
        assertThat(v1.history())
                .extracting(SourceChangeset::identity)
                .containsExactly("git:v1:schema.sql");
        assertThat(v1.history()).extracting(cs -> cs.origin().file()).containsExactly("schema.sql");
        Analysis a = Analyzer.analyze(v1, v2, AnalysisOptions.defaults());
        assertThat(a.mode()).isEqualTo(dev.evoplan.rules.Mode.AS_PLANNED);
        assertThat(a.changes())
                .singleElement()
                .satisfies(c -> assertThat(c.toString()).contains("email"));
        assertThat(
                        Analyzer.analyze(v1, git("v1", "schema.sql"), AnalysisOptions.defaults())
                                .changes())
                .isEmpty();
        assertThat(history(v2).get(0).substring(history(v2).get(0).indexOf(' ')))
                .isEqualTo(
                        history(SqlSource.load(repo.resolve("schema.sql")))
                                .get(0)
                                .substring(
                                        history(SqlSource.load(repo.resolve("schema.sql")))
                                                .get(0)
                                                .indexOf(' ')));
        // A formatted SQL changelog is still read by Liquibase: its identity names the changeset.
        assertThat(git("HEAD", "changelog.sql").history())
                .extracting(SourceChangeset::identity)
                .containsExactly("<master>::1::ann");
    }

    @Test
    void aPostgresOnlySchemaDumpAtTwoRefsIsPlannedAsAStateAndReadOnDiskAlike() throws Exception {
        // A schema dump named as Synapse names its full schemas, even when its first line is
        // Liquibase's marker (Liquibase reads .sql files only).
        String dump = "synapse/full_schemas/full.sql.postgres";
        try (Git g = Repos.init(repo)) {
            Repos.commitFile(
                    g, dump, "--liquibase formatted sql\nCREATE TABLE rooms (room_id text);\n");
            g.tag().setName("v1").call();
            Repos.commitFile(
                    g,
                    dump,
                    "CREATE TABLE rooms (room_id text);\n"
                            + "CREATE INDEX rooms_id ON rooms USING btree (room_id);\n");
            g.tag().setName("v2").call();
        }
        LoadedSchema v1 = git("v1", dump);
        assertThat(v1.history())
                .extracting(SourceChangeset::identity)
                .containsExactly("git:v1:" + dump);
        Analysis a = Analyzer.analyze(v1, git("v2", dump), AnalysisOptions.defaults());
        assertThat(a.changes())
                .singleElement()
                .satisfies(c -> assertThat(c.toString()).contains("rooms_id"));
        assertThat(
                        dev.evoplan.source.Sources.load(
                                        repo.resolve(dump).toString(),
                                        dev.evoplan.source.SourceSettings.defaults())
                                .schema()
                                .tables()
                                .values()
                                .stream()
                                .flatMap(t -> t.indexes().stream()))
                .hasSize(1);
    }

    @Test
    void theWorkingTreeHasUncommittedMigrationsAndBadRefsAreInputErrors() throws Exception {
        try (Git g = Repos.init(repo)) {
            Repos.commitFile(g, FOLDER + "/V1__a.sql", "CREATE TABLE a (id int);\n");
            write(g, FOLDER + "/V2__b.sql", "CREATE TABLE b (id int);\n");
        }
        assertThat(git("HEAD", FOLDER).history()).hasSize(1);
        assertThat(git(GitTree.WORKTREE, FOLDER).history())
                .extracting(SourceChangeset::identity)
                .containsExactly("V1__a.sql", "V2__b.sql");
        assertThatThrownBy(() -> git("nope", FOLDER))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("unknown git ref 'nope'");
        assertThatThrownBy(() -> git("HEAD", "db/other"))
                .hasMessageContaining("no file db/other at HEAD");
    }

    @Test
    void theHistoryCommandsLoaderReadsAFolderAtEachCommit() throws Exception {
        String first;
        String second;
        try (Git g = Repos.init(repo)) {
            first = Repos.commitFile(g, FOLDER + "/V1__a.sql", "CREATE TABLE a (id int);\n").name();
            second =
                    Repos.commitFile(g, FOLDER + "/V2__b.sql", "CREATE TABLE b (id int);\n").name();
        }
        try (GitSources.Loader loader = GitSources.Loader.open(repo, FOLDER, DEFAULTS)) {
            assertThat(loader.load(first).history()).hasSize(1);
            assertThat(loader.load(second).history()).hasSize(2);
        }
    }

    // The gate, as check --base main FOLDER composes it (GitSources + Analyzer; the head on disk
    // for WORKTREE).

    private List<Finding> gate(String head) {
        List<String> sides = GitSources.pullRequestSides(repo, "main", head, FOLDER);
        LoadedSchema base = GitSources.loadPullRequestBase(sides.get(0), DEFAULTS, repo);
        LoadedSchema branch =
                GitTree.WORKTREE.equals(head)
                        ? SqlSource.load(repo.resolve(sides.get(1)))
                        : GitSources.load(
                                sides.get(1), DEFAULTS, repo, LiquibaseSource.Kept.after(base));
        Analysis a = Analyzer.analyze(base, branch, AnalysisOptions.defaults());
        a =
                a.withOrigins(
                        GitSources.introducingCommits(
                                repo,
                                "main",
                                head,
                                FOLDER,
                                a.verdicts().stream().map(v -> v.finding().origin()).toList()));
        return a.verdicts().stream().map(FindingWithFix::finding).toList();
    }

    private static List<Finding> rule(List<Finding> findings, String ruleId) {
        return findings.stream().filter(f -> f.ruleId().equals(ruleId)).toList();
    }

    /** main has V1 and V2; the branch is checked out and ready for commits. */
    private Git mainWithTwoMigrations() throws Exception {
        Git g = Repos.init(repo);
        Repos.commitFile(
                g, FOLDER + "/V1__users.sql", "CREATE TABLE users (id bigint PRIMARY KEY);\n");
        Repos.commitFile(
                g, FOLDER + "/V2__orders.sql", "CREATE TABLE orders (id bigint PRIMARY KEY);\n");
        g.checkout().setCreateBranch(true).setName("feature").call();
        return g;
    }

    @Test
    void editingAMigrationThatRanIsReported() throws Exception {
        try (Git g = mainWithTwoMigrations()) {
            Repos.commitFile(
                    g,
                    FOLDER + "/V2__orders.sql",
                    "CREATE TABLE orders (id bigint PRIMARY KEY, total int);\n");
        }
        List<Finding> edited = rule(gate("feature"), "ran-changeset-edited");
        assertThat(edited).hasSize(1);
        assertThat(edited.get(0).origin().file()).isEqualTo("V2__orders.sql");
        // A migration file is not a Liquibase changeset: Flyway's own consequence is named.
        assertThat(edited.get(0).what()).contains("Flyway").doesNotContain("Liquibase");
        assertThat(edited.get(0).fix()).contains("flyway repair").doesNotContain("validCheckSum");
        assertThat(gate("feature"))
                .extracting(Finding::ruleId)
                .doesNotContain("ran-changeset-removed", "changeset-out-of-order");
    }

    @Test
    void editingAFileOfAToolThatKeepsNoChecksumSaysTheEditReachesNewDatabasesOnly()
            throws Exception {
        try (Git g = Repos.init(repo)) {
            Repos.commitFile(
                    g, FOLDER + "/1_users.up.sql", "CREATE TABLE users (id bigint PRIMARY KEY);\n");
            g.checkout().setCreateBranch(true).setName("feature").call();
            Repos.commitFile(
                    g,
                    FOLDER + "/1_users.up.sql",
                    "CREATE TABLE users (id bigint PRIMARY KEY, email text);\n");
        }
        assertThat(rule(gate("feature"), "ran-changeset-edited"))
                .singleElement()
                .satisfies(
                        f -> {
                            assertThat(f.what())
                                    .contains("is not run again")
                                    .doesNotContain("Liquibase");
                            assertThat(f.fix()).doesNotContain("validCheckSum");
                        });
    }

    @Test
    void aScriptMigrationAddedInThePullRequestIsReviewedInItsPlaceAndOtherFilesAreNot()
            throws Exception {
        String added;
        try (Git g = mainWithTwoMigrations()) {
            write(g, FOLDER + "/V4__index.sql", "CREATE TABLE items (id bigint);\n");
            write(g, FOLDER + "/README.md", "How to add a migration\n");
            write(g, FOLDER + "/U3__fill.sh", "psql -c 'TRUNCATE orders'\n");
            commit(g, "more");
            added =
                    Repos.commitFile(
                                    g,
                                    FOLDER + "/V3__fill.sh",
                                    "psql \"$FLYWAY_URL\" -c 'UPDATE orders SET id = id'\n")
                            .abbreviate(7)
                            .name();
        }
        List<Finding> findings = gate("feature");
        assertThat(rule(findings, "opaque-change-needs-review"))
                .singleElement()
                .satisfies(
                        f -> {
                            assertThat(f.origin().file()).isEqualTo("V3__fill.sh");
                            assertThat(f.origin().commit())
                                    .isEqualTo(added + " (Test: write " + FOLDER + "/V3__fill.sh)");
                            assertThat(f.what()).startsWith("V3__fill.sh, a script Flyway runs");
                        });
        assertThat(findings)
                .extracting(f -> f.origin().file())
                .doesNotContain("README.md", "U3__fill.sh");
        // Edited after it ran, it is reported as any migration is.
        try (Git g = Git.open(repo.toFile())) {
            g.checkout().setName("main").call();
            g.merge().include(g.getRepository().resolve("feature")).call();
            g.checkout().setCreateBranch(true).setName("edit").call();
            Repos.commitFile(g, FOLDER + "/V3__fill.sh", "echo nothing\n");
        }
        assertThat(rule(gate("edit"), "ran-changeset-edited"))
                .singleElement()
                .satisfies(f -> assertThat(f.origin().file()).isEqualTo("V3__fill.sh"));
    }

    @Test
    void aCommentAddedToAFileOfAToolThatKeepsNoChecksumIsNotAnEdit() throws Exception {
        try (Git g = Repos.init(repo)) {
            Repos.commitFile(
                    g,
                    FOLDER + "/1_users.up.sql",
                    "CREATE TABLE users (id bigint PRIMARY KEY);\nCREATE INDEX users_id ON users (id);");
            g.checkout().setCreateBranch(true).setName("feature").call();
            Repos.commitFile(
                    g,
                    FOLDER + "/1_users.up.sql",
                    "-- Unused since 2.0, dropped later.\nCREATE TABLE users (id bigint PRIMARY KEY);\n\n"
                            + "CREATE INDEX users_id ON users (id);\n");
        }
        assertThat(rule(gate("feature"), "ran-changeset-edited")).isEmpty();
    }

    @Test
    void aBeginAndCommitDroppedFromAFileTheToolRunsInATransactionIsNotAnEdit() throws Exception {
        String create = "CREATE TABLE users (id bigint PRIMARY KEY);\n";
        try (Git g = Repos.init(repo)) {
            Repos.commitFile(
                    g,
                    FOLDER + "/2024-01-01-000000_users/up.sql",
                    "BEGIN;\n" + create + "COMMIT;\n");
            g.checkout().setCreateBranch(true).setName("feature").call();
            Repos.commitFile(g, FOLDER + "/2024-01-01-000000_users/up.sql", create);
        }
        assertThat(rule(gate("feature"), "ran-changeset-edited")).isEmpty();
    }

    @Test
    void deletingAMigrationThatRanIsReported() throws Exception {
        try (Git g = mainWithTwoMigrations()) {
            Files.delete(repo.resolve(FOLDER + "/V2__orders.sql"));
            commit(g, "drop V2");
        }
        List<Finding> removed = rule(gate("feature"), "ran-changeset-removed");
        assertThat(removed).hasSize(1);
        assertThat(removed.get(0).what()).contains("V2__orders.sql");
    }

    @Test
    void aNewMigrationBeforeOnesThatRanIsOutOfOrder() throws Exception {
        try (Git g = mainWithTwoMigrations()) {
            Repos.commitFile(g, FOLDER + "/V1_5__late.sql", "CREATE TABLE late (id bigint);\n");
        }
        List<Finding> findings = gate("feature");
        assertThat(rule(findings, "changeset-out-of-order"))
                .singleElement()
                .satisfies(f -> assertThat(f.origin().file()).isEqualTo("V1_5__late.sql"));
        assertThat(findings)
                .extracting(Finding::ruleId)
                .doesNotContain("ran-changeset-edited", "ran-changeset-removed");
    }

    @Test
    void aNewVersionedMigrationBeforeARanRepeatableIsNotOutOfOrderButBeforeARanVersionedOneIs()
            throws Exception {
        try (Git g = Repos.init(repo)) {
            Repos.commitFile(
                    g, FOLDER + "/V1__users.sql", "CREATE TABLE users (id bigint PRIMARY KEY);\n");
            Repos.commitFile(
                    g,
                    FOLDER + "/V3__orders.sql",
                    "CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint);\n");
            Repos.commitFile(
                    g,
                    FOLDER + "/R__views.sql",
                    "CREATE OR REPLACE VIEW user_ids AS SELECT id FROM users;\n");
            g.checkout().setCreateBranch(true).setName("feature").call();
            // Flyway runs it after the repeatable's first run on existing databases and before it
            // on new ones, as it runs every new migration: no order of files can say otherwise.
            Repos.commitFile(
                    g, FOLDER + "/V4__notes.sql", "ALTER TABLE users ADD COLUMN note text;\n");
        }
        assertThat(gate("feature"))
                .extracting(Finding::ruleId)
                .doesNotContain("changeset-out-of-order");
        try (Git g = Git.open(repo.toFile())) {
            // Before V3, which ran: out of order, the repeatable beside it or not.
            Repos.commitFile(g, FOLDER + "/V2__late.sql", "CREATE TABLE late (id bigint);\n");
        }
        assertThat(rule(gate("feature"), "changeset-out-of-order"))
                .singleElement()
                .satisfies(f -> assertThat(f.origin().file()).isEqualTo("V2__late.sql"));
    }

    @Test
    void anEditedRepeatableRunsAgainAndIsJudgedAsWrittenNotReportedAsEdited() throws Exception {
        try (Git g = Repos.init(repo)) {
            Repos.commitFile(
                    g,
                    FOLDER + "/V1__users.sql",
                    "CREATE TABLE users (id bigint PRIMARY KEY, email text);\n");
            Repos.commitFile(
                    g,
                    FOLDER + "/R__views.sql",
                    "CREATE OR REPLACE VIEW user_ids AS SELECT id FROM users;\n");
            g.checkout().setCreateBranch(true).setName("feature").call();
            Repos.commitFile(
                    g,
                    FOLDER + "/R__views.sql",
                    "CREATE OR REPLACE VIEW user_ids AS SELECT id, email FROM users;\n");
        }
        List<Finding> findings = gate("feature");
        assertThat(findings).extracting(Finding::ruleId).doesNotContain("ran-changeset-edited");
        // Flyway applies the new content again: it is the pull request's work.
        assertThat(findings).extracting(f -> f.origin().file()).contains("R__views.sql");
    }

    @Test
    void aNewMigrationAfterTheOnesThatRanIsCleanHistoryAndTracedToTheCommitThatAddedIt()
            throws Exception {
        String added;
        try (Git g = mainWithTwoMigrations()) {
            Repos.commitFile(g, "README", "unrelated\n");
            added =
                    Repos.commitFile(
                                    g,
                                    FOLDER + "/V3__index.sql",
                                    "CREATE INDEX orders_id ON orders (id);\n")
                            .abbreviate(7)
                            .name();
            // A later edit of the new file does not move its introduction.
            Repos.commitFile(
                    g, FOLDER + "/V3__index.sql", "\nCREATE INDEX orders_id ON orders (id);\n");
        }
        List<Finding> findings = gate("feature");
        assertThat(findings)
                .extracting(Finding::ruleId)
                .doesNotContain(
                        "ran-changeset-edited", "ran-changeset-removed", "changeset-out-of-order");
        List<Finding> fromV3 =
                findings.stream().filter(f -> "V3__index.sql".equals(f.origin().file())).toList();
        assertThat(fromV3)
                .isNotEmpty()
                .allSatisfy(
                        f ->
                                assertThat(f.origin().commit())
                                        .isEqualTo(
                                                added
                                                        + " (Test: write "
                                                        + FOLDER
                                                        + "/V3__index.sql)"));
    }

    @Test
    void thePullRequestThatAddsTheMigrationFolderIsJudgedAsWritten() throws Exception {
        String added;
        try (Git g = Repos.init(repo)) {
            Repos.commitFile(g, "README", "a project before it had migrations\n");
            g.checkout().setCreateBranch(true).setName("feature").call();
            added =
                    Repos.commitFile(
                                    g,
                                    FOLDER + "/V1__users.sql",
                                    "CREATE TABLE users (id bigint PRIMARY KEY, email text);\nCREATE INDEX users_email ON users (email);\n")
                            .abbreviate(7)
                            .name();
        }
        // The merge-base has no such folder: not an input error, an empty base.
        assertThatThrownBy(
                        () ->
                                GitSources.load(
                                        GitSources.pullRequestSides(repo, "main", "feature", FOLDER)
                                                .get(0),
                                        DEFAULTS,
                                        repo))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("no file " + FOLDER);
        List<Finding> findings = gate("feature");
        assertThat(findings)
                .isNotEmpty()
                .allSatisfy(
                        f -> {
                            assertThat(f.origin().file()).isEqualTo("V1__users.sql");
                            assertThat(f.origin().commit())
                                    .isEqualTo(
                                            added + " (Test: write " + FOLDER + "/V1__users.sql)");
                        });
        // The index is built on a table the same migration creates: nothing to block, so safe.
        assertThat(findings).extracting(f -> f.safety().name()).containsOnly("SAFE");
    }

    @Test
    void anUncommittedMigrationIsTracedToTheWorkingTreeAndAnEditedOneToItsFirstChange()
            throws Exception {
        String editedIn;
        try (Git g = mainWithTwoMigrations()) {
            Repos.commitFile(g, "README", "unrelated\n");
            editedIn =
                    Repos.commitFile(
                                    g,
                                    FOLDER + "/V2__orders.sql",
                                    "CREATE TABLE orders (id bigint PRIMARY KEY);\nCREATE INDEX orders_id ON orders (id);\n")
                            .abbreviate(7)
                            .name();
            Repos.commitFile(
                    g,
                    FOLDER + "/V2__orders.sql",
                    "CREATE TABLE orders (id bigint PRIMARY KEY);\nCREATE INDEX orders_id ON orders (id, id);\n");
            write(g, FOLDER + "/V3__more.sql", "CREATE INDEX users_id ON users (id);\n");
        }
        List<Finding> findings = gate(GitTree.WORKTREE);
        List<Finding> fromV3 =
                findings.stream().filter(f -> "V3__more.sql".equals(f.origin().file())).toList();
        assertThat(fromV3)
                .isNotEmpty()
                .allSatisfy(
                        f ->
                                assertThat(f.origin().commit())
                                        .isEqualTo("the working tree (not committed yet)"));
        // V2 ran on main and keeps its first line: the edit is traced to the commit that first
        // changed the file.
        assertThat(rule(findings, "ran-changeset-edited"))
                .singleElement()
                .satisfies(
                        f ->
                                assertThat(f.origin().commit())
                                        .isEqualTo(
                                                editedIn
                                                        + " (Test: write "
                                                        + FOLDER
                                                        + "/V2__orders.sql)"));
    }
}
