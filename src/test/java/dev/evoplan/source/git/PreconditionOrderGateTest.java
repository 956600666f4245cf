package dev.evoplan.source.git;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evoplan.engine.Analysis;
import dev.evoplan.engine.AnalysisOptions;
import dev.evoplan.engine.Analyzer;
import dev.evoplan.model.LoadedSchema;
import dev.evoplan.plan.FindingWithFix;
import dev.evoplan.rules.Finding;
import dev.evoplan.rules.Safety;
import dev.evoplan.source.liquibase.LiquibaseOptions;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * changeset-out-of-order on a real repository, as {@code check --base main} composes it: a new
 * changeset in an earlier include whose precondition reads what a ran changeset in a later one
 * makes.
 */
class PreconditionOrderGateTest {
    private static final String MASTER = "db/master.yaml";
    private static final String USERS =
            """
            databaseChangeLog:
              - changeSet:
                  id: "1"
                  author: t
                  changes:
                    - createTable: {tableName: users, columns: [{column: {name: id, type: bigint}}]}
            """;
    private static final String ARCHIVE =
            """
            databaseChangeLog:
              - changeSet:
                  id: "2"
                  author: t
                  changes:
                    - createTable: {tableName: archive, columns: [{column: {name: id, type: bigint}}]}
            """;

    @TempDir Path repo;

    private static String guardedBy(String table) {
        return USERS
                + """
                  - changeSet:
                      id: "3"
                      author: t
                      preConditions:
                        - onFail: MARK_RAN
                        - tableExists: {tableName: %s}
                      changes:
                        - addColumn: {tableName: users, columns: [{column: {name: note, type: text}}]}
                """
                        .formatted(table);
    }

    private List<Finding> outOfOrder(String users) throws Exception {
        try (Git git = Repos.init(repo)) {
            Repos.write(
                    git,
                    MASTER,
                    """
                    databaseChangeLog:
                      - include: {file: users.yaml, relativeToChangelogFile: true}
                      - include: {file: archive.yaml, relativeToChangelogFile: true}
                    """);
            Repos.write(git, "db/users.yaml", USERS);
            Repos.commitFile(git, "db/archive.yaml", ARCHIVE);
            git.checkout().setCreateBranch(true).setName("feature").call();
            Repos.commitFile(git, "db/users.yaml", users);
        }
        List<String> sides = GitSources.pullRequestSides(repo, "main", "feature", MASTER);
        LoadedSchema base = GitSources.load(sides.get(0), LiquibaseOptions.defaults(), repo);
        LoadedSchema branch = GitSources.load(sides.get(1), LiquibaseOptions.defaults(), repo);
        Analysis a = Analyzer.analyze(base, branch, AnalysisOptions.defaults());
        return a.verdicts().stream()
                .map(FindingWithFix::finding)
                .filter(f -> f.ruleId().equals("changeset-out-of-order"))
                .toList();
    }

    @Test
    void aNewChangesetCheckingATableARanOneAfterItCreatesNeedsReview() throws Exception {
        // A fresh database checks before archive exists and marks changeset 3 ran without adding
        // the column; an upgraded one has archive and adds it.
        assertThat(outOfOrder(guardedBy("archive")))
                .singleElement()
                .satisfies(
                        f -> {
                            assertThat(f.safety()).isEqualTo(Safety.NEEDS_REVIEW);
                            assertThat(f.what())
                                    .contains(
                                            "changeset 2 by t (archive.yaml)",
                                            "also touches table archive (one's preconditions"
                                                    + " check it, and the other changes it)");
                        });
    }

    @Test
    void aNewChangesetCheckingATableNoRanOneAfterItTouchesIsASafeNote() throws Exception {
        assertThat(outOfOrder(guardedBy("users")))
                .singleElement()
                .satisfies(f -> assertThat(f.safety()).isEqualTo(Safety.SAFE));
    }
}
