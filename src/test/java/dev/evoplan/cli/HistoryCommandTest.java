package dev.evoplan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.evoplan.engine.AnalysisOptions;
import dev.evoplan.engine.Timeline;
import dev.evoplan.render.Format;
import dev.evoplan.render.TimelineRenderer;
import dev.evoplan.source.git.EvolvingRepo;
import dev.evoplan.source.git.GitHistory;
import dev.evoplan.source.git.GitSources;
import dev.evoplan.source.git.HistoryRepo;
import dev.evoplan.source.liquibase.LiquibaseOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoryCommandTest {
    @TempDir Path dir;

    @Test
    void jsonListsTheCommitsThatChangedTheChangelog() throws Exception {
        List<String> ids = HistoryRepo.build(dir);
        CliRun run =
                CliRun.of("history", "-C", dir.toString(), "db/changelog.yaml", "--format", "json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode root = new ObjectMapper().readTree(run.out());
        assertThat(root.get("schemaVersion").asInt()).isEqualTo(1);
        assertThat(root.get("path").asText()).isEqualTo("db/changelog.yaml");
        assertThat(root.get("since").isNull()).isTrue();
        JsonNode commits = root.get("commits");
        assertThat(commits).hasSize(3);
        assertThat(commits.get(0).get("id").asText()).isEqualTo(ids.get(1));
        assertThat(commits.get(0).get("shortId").asText()).isEqualTo(ids.get(1).substring(0, 7));
        assertThat(commits.get(0).get("date").asText()).isEqualTo("2026-01-02T10:00:00Z");
        assertThat(commits.get(2).get("author").asText()).isEqualTo("Cy");
        assertThat(commits.get(2).get("subject").asText()).isEqualTo("index orders.total");
        assertThat(commits.get(2).get("counts").get("downtime").asInt()).isEqualTo(1);
        assertThat(commits.get(1).get("counts").get("downtime").asInt()).isZero();
        JsonNode finding = commits.get(2).get("findings").get(0);
        assertThat(finding.fieldNames()).toIterable().containsExactly("rule", "safety", "change");
        assertThat(finding.get("safety").asText()).isEqualTo("downtime");
        JsonNode summary = root.get("summary");
        assertThat(summary.get("totals").fieldNames())
                .toIterable()
                .containsExactly("safe", "multiStep", "needsReview", "downtime");
        assertThat(summary.get("downtimeMerged").asInt()).isEqualTo(1);
        assertThat(summary.get("downtimeByAuthor").get("Cy").asInt()).isEqualTo(1);
        assertThat(summary.get("downtimeByAuthor")).hasSize(1);
    }

    @Test
    void textAndMarkdownNameEachCommitAndTheTotals() throws Exception {
        List<String> ids = HistoryRepo.build(dir);
        CliRun text =
                CliRun.of(
                        "history",
                        "-C",
                        dir.toString(),
                        "db/changelog.yaml",
                        "--since",
                        ids.get(1));
        assertThat(text.exitCode()).as(text.err()).isZero();
        assertThat(text.out())
                .contains(
                        ids.get(3).substring(0, 7),
                        ids.get(4).substring(0, 7),
                        "Bob",
                        "Cy",
                        "Downtime changes merged: 1 (Cy 1)")
                .doesNotContain("Ann", "create orders");
        Path out = dir.resolve("history.md");
        CliRun md =
                CliRun.of(
                        "history",
                        "-C",
                        dir.toString(),
                        "db/changelog.yaml",
                        "-f",
                        "markdown",
                        "-o",
                        out.toString());
        assertThat(md.exitCode()).as(md.err()).isZero();
        assertThat(md.out()).isEmpty();
        assertThat(Files.readString(out))
                .contains("## History of `db/changelog.yaml`", "| Ann |", "- Cy: 1");
    }

    @Test
    void reusingEarlierLoadsGivesTheTimelineOfWholeLoads() throws Exception {
        EvolvingRepo.build(dir);
        String path = EvolvingRepo.PATH;
        Timeline reused =
                HistoryCommand.timeline(
                        dir,
                        path,
                        null,
                        "HEAD",
                        LiquibaseOptions.defaults(),
                        AnalysisOptions.defaults());
        // Each commit's changelog loaded whole, with nothing carried over from the commit before.
        Timeline whole =
                Timeline.build(
                        path,
                        null,
                        "HEAD",
                        GitHistory.changes(dir, path, null, "HEAD").commits(),
                        id ->
                                GitSources.load(
                                        "git:" + id.substring(0, 12) + ":" + path,
                                        LiquibaseOptions.defaults(),
                                        dir),
                        AnalysisOptions.defaults());
        assertThat(reused.entries()).hasSize(9);
        assertThat(reused).isEqualTo(whole);
        assertThat(TimelineRenderer.render(reused, Format.JSON))
                .isEqualTo(TimelineRenderer.render(whole, Format.JSON));
    }

    @Test
    void badRefsAreInputErrorsAndAMissingPathAUsageError() throws Exception {
        HistoryRepo.build(dir);
        CliRun unknown =
                CliRun.of("history", "-C", dir.toString(), "db/changelog.yaml", "--until", "nope");
        assertThat(unknown.exitCode()).isEqualTo(ExitCode.INPUT.code());
        assertThat(unknown.err()).contains("unknown git ref 'nope'");
        assertThat(CliRun.of("history", "-C", dir.toString()).exitCode())
                .isEqualTo(ExitCode.USAGE.code());
        CliRun notRepo =
                CliRun.of(
                        "history", "-C", dir.resolve("db").resolve("missing").toString(), "x.yaml");
        assertThat(notRepo.exitCode()).isEqualTo(ExitCode.INPUT.code());
    }

    @Test
    void aChangelogNoCommitHoldsIsAnInputErrorNotAnEmptyTimeline() throws Exception {
        // Was exit 0: every commit that touched the folder listed with nothing judged, as if the
        // file had history (an uncommitted new changelog, a typo in its name).
        HistoryRepo.build(dir);
        Files.writeString(dir.resolve("db").resolve("new.yaml"), "databaseChangeLog: []\n");

        CliRun run = CliRun.of("history", "-C", dir.toString(), "db/new.yaml");

        assertThat(run.exitCode()).as(run.out()).isEqualTo(ExitCode.INPUT.code());
        assertThat(run.err().lines()).singleElement().asString().contains("db/new.yaml");
        assertThat(run.err()).contains("no commit").doesNotContain("Exception");
        assertThat(run.out()).isEmpty();
    }
}
