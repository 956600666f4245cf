package dev.evoplan.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evoplan.model.Schema;
import dev.evoplan.rules.Finding;
import dev.evoplan.rules.LockLevel;
import dev.evoplan.rules.Safety;
import dev.evoplan.source.LintSources;
import dev.evoplan.source.SourceSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "Nothing passes unread": every statement lint reads is judged, kept for review, or an input
 * error, and the written facts rules act on (CONCURRENTLY, USING INDEX, the transaction a
 * statement runs in) come from the parse, not from a search of the text.
 */
class LintEveryStatementTest {
    @TempDir
    Path dir;

    private LintReport lint(boolean assumeTx, String... namesAndSql) throws IOException {
        Map<String, String> files = new LinkedHashMap<>();
        for (int i = 0; i < namesAndSql.length; i += 2) {
            files.put(namesAndSql[i], namesAndSql[i + 1]);
        }
        List<String> inputs = new ArrayList<>();
        for (Map.Entry<String, String> e : files.entrySet()) {
            Path p = dir.resolve(e.getKey());
            Files.writeString(p, e.getValue());
            inputs.add(p.toString());
        }
        var migrations = LintSources.read(inputs, new LintSources.Settings(SourceSettings.defaults(), Schema.EMPTY,
                assumeTx, null));
        return Linter.lint(inputs, migrations, AnalysisOptions.defaults());
    }

    private LintReport lint(String sql) throws IOException {
        return lint(false, "001_m.sql", sql);
    }

    private static List<String> rules(LintReport report) {
        return report.verdicts().stream().map(v -> v.finding().ruleId()).toList();
    }

    private static Finding first(LintReport report, String rule) {
        return report.verdicts().stream().map(Verdict::finding).filter(f -> f.ruleId().equals(rule)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + rule + " in " + report.verdicts().stream()
                        .map(v -> v.finding().ruleId() + ": " + v.finding().what()).toList()));
    }

    // ---- written facts come from the parse -------------------------------------------------

    @Test
    void aConcurrentlyInsideAPartialIndexPredicateDoesNotMakeTheBuildConcurrent() throws IOException {
        LintReport report = lint("CREATE INDEX t_a_idx ON t (a) WHERE note <> 'CONCURRENTLY';\n");
        assertThat(first(report, "create-index-non-concurrent").safety()).isEqualTo(Safety.DOWNTIME);
    }

    @Test
    void aConcurrentlyInsideACommentDoesNotMakeReindexConcurrent() throws IOException {
        LintReport report = lint("REINDEX /* TODO CONCURRENTLY */ TABLE t;\n");
        Finding f = first(report, "reindex-non-concurrent");
        assertThat(f.safety()).isEqualTo(Safety.DOWNTIME);
        assertThat(f.lock()).isEqualTo(LockLevel.SHARE);
    }

    @Test
    void reindexWithConcurrentlyTurnedOffIsNotConcurrent() throws IOException {
        LintReport report = lint("REINDEX (CONCURRENTLY false) TABLE t;\n");
        assertThat(first(report, "reindex-non-concurrent").safety()).isEqualTo(Safety.DOWNTIME);
    }

    @Test
    void reindexWithTheConcurrentlyOptionIsConcurrent() throws IOException {
        LintReport report = lint("REINDEX (CONCURRENTLY) TABLE t;\n");
        Finding f = first(report, "reindex-non-concurrent");
        assertThat(f.safety()).isEqualTo(Safety.SAFE);
        assertThat(f.lock()).isEqualTo(LockLevel.SHARE_UPDATE_EXCLUSIVE);
    }

    @Test
    void aConcurrentIndexWrittenAsSuchIsStillSafe() throws IOException {
        LintReport report = lint("CREATE INDEX CONCURRENTLY t_a_idx ON t (a) WHERE note <> 'x';\n");
        assertThat(first(report, "create-index-non-concurrent").safety()).isEqualTo(Safety.SAFE);
    }
}
