package dev.evoplan.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evoplan.model.Origin;
import dev.evoplan.model.SourceChangeset;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The history rules: edited, removed and out-of-order changesets, each with positive and negative
 * cases.
 */
class HistoryRulesTest {
    static SourceChangeset cs(String id, String checksum) {
        return new SourceChangeset(
                "db.yaml::" + id + "::t",
                new Origin("db.yaml", 3, id, "t", null),
                checksum,
                true,
                List.of());
    }

    static List<String> rules(List<SourceChangeset> ran, List<SourceChangeset> next) {
        return Judge.judgeHistory(ran, next).stream()
                .map(f -> f.ruleId() + " " + f.origin().changesetId())
                .toList();
    }

    @Test
    void historyRulesNeverJudgeSingleChanges() {
        RuleCatalogue.all().stream()
                .filter(r -> r instanceof HistoryRule)
                .forEach(
                        r -> {
                            assertThat(r).isNotInstanceOf(ChangeRule.class);
                            assertThat(r.subject()).isEqualTo(Rule.Subject.HISTORY);
                        });
        assertThat(RuleCatalogue.all().stream().filter(r -> r instanceof HistoryRule).count())
                .isEqualTo(4);
    }

    static SourceChangeset at(String id, String checksum, int line) {
        return new SourceChangeset(
                "db.yaml::" + id + "::t",
                new Origin("db.yaml", line, id, "t", null),
                checksum,
                true,
                List.of());
    }

    static SourceChangeset file(String path, String version) {
        return new SourceChangeset(
                path, Origin.file(path, 1), path + "-sum", true, List.of(), version);
    }
}
