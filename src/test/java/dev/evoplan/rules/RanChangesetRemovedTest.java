package dev.evoplan.rules;

import static dev.evoplan.rules.HistoryRulesTest.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.evoplan.model.SourceChangeset;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * ran-changeset-removed: a changeset databases ran, gone from the history; an untouched one is
 * clean.
 */
class RanChangesetRemovedTest {
    @Test
    void aRemovedChangesetIsReported() {
        assertThat(rules(List.of(cs("1", "a"), cs("2", "b")), List.of(cs("1", "a"))))
                .containsExactly("ran-changeset-removed 2");
    }

    @Test
    void anUntouchedHistoryWithNewChangesetsAppendedIsClean() {
        List<SourceChangeset> ran = List.of(cs("1", "a"), cs("2", "b"));
        assertThat(rules(ran, List.of(cs("1", "a"), cs("2", "b"), cs("3", "c")))).isEmpty();
        assertThat(rules(ran, ran)).isEmpty();
    }
}
