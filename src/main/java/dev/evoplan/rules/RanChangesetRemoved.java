package dev.evoplan.rules;

import dev.evoplan.model.SourceChangeset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * EP402: a changeset that databases already ran is gone from the changelog. Its effect stays in
 * every database that ran it, while new databases built from the changelog never get it.
 */
public final class RanChangesetRemoved extends HistoryRule {
    static final RuleInfo INFO =
            new RuleInfo(
                    "ran-changeset-removed",
                    "EP402",
                    "A changeset that already ran was removed: databases keep what it did",
                    Safety.NEEDS_REVIEW,
                    LockLevel.NONE);

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    List<Finding> checkHistory(List<SourceChangeset> ran, List<SourceChangeset> next) {
        Set<String> kept = next.stream().map(SourceChangeset::identity).collect(Collectors.toSet());
        List<Finding> findings = new ArrayList<>();
        for (SourceChangeset old : ran) {
            if (kept.contains(old.identity())) {
                continue;
            }
            findings.add(
                    finding(
                            old,
                            name(old)
                                    + " already ran but is no longer in the changelog ("
                                    + old.shownIdentity()
                                    + "): removing it undoes nothing in the databases that ran it",
                            "Existing databases and databases built from the new changelog now differ, and nothing"
                                    + " records why",
                            "Keep the changeset; to undo its effect, add a new changeset that reverses it"));
        }
        return findings;
    }
}
