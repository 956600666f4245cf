package dev.evoplan.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evoplan.diff.Change;
import dev.evoplan.rules.Safety;
import dev.evoplan.source.git.HistoryRepo;
import dev.evoplan.source.liquibase.LiquibaseOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TimelineTest {
    @TempDir Path dir;

    private Timeline build(String since) {
        // As `evoplan history` composes it: the commits from git, each changelog loaded at its
        // commit.
        String path = "db/changelog.yaml";
        var changes = dev.evoplan.source.git.GitHistory.changes(dir, path, since, "HEAD");
        return Timeline.build(
                path,
                since,
                "HEAD",
                changes.commits(),
                id ->
                        dev.evoplan.source.git.GitSources.load(
                                "git:" + id + ":" + path, LiquibaseOptions.defaults(), dir),
                AnalysisOptions.defaults());
    }

    @Test
    void eachCommitIsJudgedAgainstItsParent() throws Exception {
        HistoryRepo.build(dir);
        Timeline t = build(null);
        assertThat(t.entries())
                .extracting(e -> e.commit().author())
                .containsExactly("Ann", "Bob", "Cy");

        // Missing before Ann's commit: the whole table is new.
        Timeline.Entry created = t.entries().get(0);
        assertThat(created.analysis().changes())
                .extracting(Change::summary)
                .containsExactly("create table orders");
        assertThat(created.counts().get(Safety.DOWNTIME)).isZero();

        Timeline.Entry column = t.entries().get(1);
        assertThat(column.analysis().changes())
                .extracting(Change::summary)
                .containsExactly("add column orders.note");
        assertThat(column.counts().get(Safety.SAFE)).isPositive();
        assertThat(column.counts().get(Safety.DOWNTIME)).isZero();

        Timeline.Entry index = t.entries().get(2);
        assertThat(index.analysis().verdicts())
                .extracting(v -> v.finding().safety())
                .contains(Safety.DOWNTIME);
        assertThat(index.counts().get(Safety.DOWNTIME)).isEqualTo(1);

        assertThat(t.downtimeMerged()).isEqualTo(1);
        assertThat(t.downtimeByAuthor()).isEqualTo(Map.of("Cy", 1));
        int findings = t.entries().stream().mapToInt(e -> e.analysis().verdicts().size()).sum();
        assertThat(t.totals().values().stream().mapToInt(Integer::intValue).sum())
                .isEqualTo(findings);
    }

    @Test
    void sinceStartsFromTheChangelogAsItWasThen() throws Exception {
        List<String> ids = HistoryRepo.build(dir);
        Timeline t = build(ids.get(3));
        assertThat(t.entries()).hasSize(1);
        // Judged against the changelog at Bob's commit, not an empty schema.
        assertThat(t.entries().get(0).analysis().changes())
                .extracting(Change::summary)
                .containsExactly("create index orders_total_idx on orders");
        assertThat(t.downtimeByAuthor()).containsOnlyKeys("Cy");

        Timeline none = build(ids.get(4));
        assertThat(none.entries()).isEmpty();
        assertThat(none.downtimeMerged()).isZero();
        assertThat(none.downtimeByAuthor()).isEmpty();
    }
}
