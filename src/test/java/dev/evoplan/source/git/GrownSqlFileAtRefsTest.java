package dev.evoplan.source.git;

import static dev.evoplan.source.git.Repos.write;
import static org.assertj.core.api.Assertions.assertThat;

import dev.evoplan.engine.Analysis;
import dev.evoplan.engine.AnalysisOptions;
import dev.evoplan.engine.Analyzer;
import dev.evoplan.model.LoadedSchema;
import dev.evoplan.rules.Mode;
import dev.evoplan.source.liquibase.LiquibaseOptions;
import dev.evoplan.source.liquibase.LiquibaseSource;
import dev.evoplan.source.sql.SqlSource;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A pull request that appends to {@code schema.sql}, as {@code check --base main schema.sql}
 * composes it: the appended statements are judged as written, committed or not.
 */
class GrownSqlFileAtRefsTest {
    private static final String V1 =
            "CREATE TABLE users (id bigint PRIMARY KEY, name text NOT NULL);\n";
    private static final String RENAME = "ALTER TABLE users RENAME COLUMN name TO full_name;\n";

    @TempDir Path repo;

    private Analysis gate(String head) {
        List<String> sides = GitSources.pullRequestSides(repo, "main", head, "schema.sql");
        LoadedSchema base =
                GitSources.loadPullRequestBase(sides.get(0), LiquibaseOptions.defaults(), repo);
        LoadedSchema branch =
                GitTree.WORKTREE.equals(head)
                        ? SqlSource.load(repo.resolve(sides.get(1)))
                        : GitSources.load(
                                sides.get(1),
                                LiquibaseOptions.defaults(),
                                repo,
                                LiquibaseSource.Kept.after(base));
        return Analyzer.analyze(base, branch, AnalysisOptions.defaults());
    }

    private static List<String> rules(Analysis a) {
        return a.verdicts().stream().map(v -> v.finding().ruleId()).toList();
    }

    @Test
    void aBranchThatAppendsARenameToTheFileIsJudgedAsWritten() throws Exception {
        try (Git g = Repos.init(repo)) {
            Repos.commitFile(g, "schema.sql", V1);
            g.checkout().setCreateBranch(true).setName("feature").call();
            Repos.commitFile(g, "schema.sql", V1 + "\n" + RENAME);
        }
        Analysis committed = gate("feature");
        assertThat(committed.mode()).isEqualTo(Mode.AS_WRITTEN);
        assertThat(committed.modeReason()).contains("1 statement appended");
        assertThat(rules(committed)).containsExactly("rename-column-breaks-running-code");
        assertThat(committed.verdicts().get(0).finding().origin().file()).isEqualTo("schema.sql");
    }

    @Test
    void anUncommittedAppendIsJudgedAsWrittenAndAnEditIsPlanned() throws Exception {
        try (Git g = Repos.init(repo)) {
            Repos.commitFile(g, "schema.sql", V1);
            write(g, "schema.sql", V1 + RENAME);
        }
        Analysis appended = gate(GitTree.WORKTREE);
        assertThat(appended.mode()).isEqualTo(Mode.AS_WRITTEN);
        assertThat(rules(appended)).containsExactly("rename-column-breaks-running-code");
        try (Git g = Git.open(repo.toFile())) {
            write(g, "schema.sql", V1.replace("name text", "full_name text"));
        }
        Analysis edited = gate(GitTree.WORKTREE);
        assertThat(edited.mode()).isEqualTo(Mode.AS_PLANNED);
        assertThat(rules(edited)).doesNotContain("rename-column-breaks-running-code");
    }
}
