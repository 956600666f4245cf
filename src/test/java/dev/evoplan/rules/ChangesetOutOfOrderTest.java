package dev.evoplan.rules;

import static dev.evoplan.rules.HistoryRulesTest.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** changeset-out-of-order: new changesets placed before ran ones, and ran ones reordered. */
class ChangesetOutOfOrderTest {
    @Test
    void aNewChangesetBeforeRanOnesIsOutOfOrder() {
        assertThat(
                        rules(
                                List.of(cs("1", "a"), cs("2", "b")),
                                List.of(cs("1", "a"), cs("new", "n"), cs("2", "b"))))
                .containsExactly("changeset-out-of-order new");
    }

    @Test
    void reorderedRanChangesetsAreOutOfOrder() {
        assertThat(
                        rules(
                                List.of(cs("1", "a"), cs("2", "b"), cs("3", "c")),
                                List.of(cs("2", "b"), cs("1", "a"), cs("3", "c"))))
                .containsExactly("changeset-out-of-order 1");
    }
}
