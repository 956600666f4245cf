package dev.evoplan.source.git;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evoplan.engine.Analysis;
import dev.evoplan.engine.AnalysisOptions;
import dev.evoplan.engine.Analyzer;
import dev.evoplan.model.LoadedSchema;
import dev.evoplan.model.QualifiedName;
import dev.evoplan.plan.FindingWithFix;
import dev.evoplan.rules.Finding;
import dev.evoplan.rules.Safety;
import dev.evoplan.source.liquibase.LiquibaseOptions;
import dev.evoplan.source.liquibase.LiquibaseSource;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** changeset-id-duplicated on a real repository, as {@code check --base main} composes it. */
class DuplicateIdGateTest {
    private static final String PATH = "db/changelog.yaml";

    @TempDir Path repo;

    private static String table(String id, String author, String table) {
        return EvolvingRepo.changeset(
                Integer.parseInt(id),
                author,
                "        - createTable:\n            tableName: "
                        + table
                        + "\n            columns:\n              - column: {name: id, type: bigint}\n");
    }

    /** The pull request's findings, each traced to the commit that introduced it. */
    private List<Finding> gate(String head) {
        List<String> sides = GitSources.pullRequestSides(repo, "main", head, PATH);
        LoadedSchema base =
                GitSources.loadPullRequestBase(sides.get(0), LiquibaseOptions.defaults(), repo);
        LoadedSchema branch =
                GitSources.load(
                        sides.get(1),
                        LiquibaseOptions.defaults(),
                        repo,
                        LiquibaseSource.Kept.after(base));
        Analysis a = Analyzer.analyze(base, branch, AnalysisOptions.defaults());
        a =
                a.withOrigins(
                        GitSources.introducingCommits(
                                repo,
                                "main",
                                head,
                                PATH,
                                a.verdicts().stream().map(v -> v.finding().origin()).toList()));
        return a.verdicts().stream().map(FindingWithFix::finding).toList();
    }

    @Test
    void aBranchRepeatingAnIdIsReportedWithBothPlacesAndItsCommit() throws Exception {
        String base = "databaseChangeLog:\n" + table("1", "ann", "a") + table("2", "ann", "b");
        try (Git git = Repos.init(repo)) {
            Repos.commitFile(git, PATH, base);
            git.checkout().setCreateBranch(true).setName("feature").call();
            Repos.commitFile(git, PATH, base + table("3", "bob", "c"));
            Repos.commitFile(git, PATH, base + table("3", "bob", "c") + table("1", "ann", "d"));
            Repos.commitFile(
                    git,
                    PATH,
                    base
                            + table("3", "bob", "c")
                            + table("1", "ann", "d")
                            + table("3", "bob", "e"));
        }
        List<Finding> duplicates =
                gate("feature").stream()
                        .filter(f -> f.ruleId().equals("changeset-id-duplicated"))
                        .toList();
        assertThat(duplicates).hasSize(2);
        // Changeset 1 repeats one on main; changeset 3 repeats one added earlier on the branch.
        Finding onBase = duplicates.get(0);
        assertThat(onBase.safety()).isEqualTo(Safety.DOWNTIME);
        assertThat(onBase.what()).contains("changeset 1 by ann", "changelog.yaml:2");
        assertThat(onBase.origin().line()).isEqualTo(26);
        assertThat(onBase.origin().commit()).endsWith("(Test: write " + PATH + ")");
        Finding onBranch = duplicates.get(1);
        assertThat(onBranch.what()).contains("changeset 3 by bob", "changelog.yaml:18");
        assertThat(onBranch.origin().line()).isEqualTo(34);
        // Each copy is traced to the commit that added it, not to the first copy's.
        assertThat(onBase.origin().commit()).isNotEqualTo(onBranch.origin().commit()).isNotNull();
        // The copies are not also edits or reorderings of the changesets that ran.
        assertThat(gate("feature"))
                .extracting(Finding::ruleId)
                .doesNotContain(
                        "ran-changeset-edited", "changeset-out-of-order", "ran-changeset-removed");
    }

    @Test
    void aBranchWithIdsOfItsOwnHasNoDuplicate() throws Exception {
        String base = "databaseChangeLog:\n" + table("1", "ann", "a");
        try (Git git = Repos.init(repo)) {
            Repos.commitFile(git, PATH, base);
            git.checkout().setCreateBranch(true).setName("feature").call();
            // The same id by another author is another changeset.
            Repos.commitFile(git, PATH, base + table("1", "bob", "b") + table("2", "ann", "c"));
        }
        assertThat(gate("feature"))
                .extracting(Finding::ruleId)
                .doesNotContain("changeset-id-duplicated");
    }

    @Test
    void theBaseIsTheOldSideWhoseChangesetsRanAndTheBranchTakesThemOver() throws Exception {
        String base = "databaseChangeLog:\n" + table("1", "ann", "a") + table("2", "ann", "b");
        try (Git git = Repos.init(repo)) {
            Repos.commitFile(git, PATH, base);
            git.checkout().setCreateBranch(true).setName("feature").call();
            Repos.commitFile(git, PATH, base + table("3", "bob", "c"));
        }
        List<String> sides = GitSources.pullRequestSides(repo, "main", "feature", PATH);
        LoadedSchema old =
                GitSources.loadPullRequestBase(sides.get(0), LiquibaseOptions.defaults(), repo);
        LoadedSchema branch =
                GitSources.load(
                        sides.get(1),
                        LiquibaseOptions.defaults(),
                        repo,
                        LiquibaseSource.Kept.after(old));
        // The base's changesets ran: each change keeps the table it made, not the schema.
        assertThat(old.history().get(1).changes().get(0).after().tables().keySet())
                .containsExactly(QualifiedName.of("b"));
        assertThat(branch.history().subList(0, 2)).isEqualTo(old.history());
        // The branch's own changeset is judged as written, on the whole schema.
        assertThat(branch.history().get(2).changes().get(0).after().tables().keySet())
                .containsExactly(
                        QualifiedName.of("a"), QualifiedName.of("b"), QualifiedName.of("c"));
    }
}
