package dev.evoplan.rules;

import static dev.evoplan.rules.HistoryRulesTest.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** EP402 ran-changeset-edited: a changeset databases ran, edited since. */
class RanChangesetEditedTest {
    @Test
    void anEditedChangesetIsReportedWithBothChecksums() {
        List<Finding> findings =
                Judge.judgeHistory(
                        List.of(cs("1", "a"), cs("2", "b")), List.of(cs("1", "a"), cs("2", "B2")));
        assertThat(findings).extracting(Finding::ruleId).containsExactly("ran-changeset-edited");
        assertThat(findings.get(0).safety()).isEqualTo(Safety.NEEDS_REVIEW);
        assertThat(findings.get(0).what()).contains("changeset 2 by t", "b", "B2");
        assertThat(findings.get(0).origin().line()).isEqualTo(3);
    }

    @Test
    void aMissingChecksumIsNotAnEdit() {
        assertThat(rules(List.of(cs("1", null)), List.of(cs("1", "a")))).isEmpty();
    }
}
