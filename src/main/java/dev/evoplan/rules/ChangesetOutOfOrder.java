package dev.evoplan.rules;

import dev.evoplan.model.SourceChangeset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * EP403: the changelog's order no longer matches the order databases ran it in. A new
 * changeset placed before ones that already ran runs last on existing databases but in its
 * place on new ones; changesets that ran, moved around, run in the new order on new databases.
 */
public final class ChangesetOutOfOrder extends HistoryRule {
    static final RuleInfo INFO = new RuleInfo("changeset-out-of-order", "EP403",
            "A new changeset sits before ones that already ran, or ran changesets were reordered",
            Safety.NEEDS_REVIEW, LockLevel.NONE);

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    List<Finding> checkHistory(List<SourceChangeset> ran, List<SourceChangeset> next) {
        Map<String, Integer> ranAt = new HashMap<>();
        for (int i = 0; i < ran.size(); i++) {
            ranAt.putIfAbsent(ran.get(i).identity(), i);
        }
        // Position in the old history of the last already-ran changeset at or after each place.
        int[] laterRan = new int[next.size() + 1];
        laterRan[next.size()] = -1;
        for (int i = next.size() - 1; i >= 0; i--) {
            Integer at = ranAt.get(next.get(i).identity());
            laterRan[i] = at != null ? Math.max(at, laterRan[i + 1]) : laterRan[i + 1];
        }
        List<Finding> findings = new ArrayList<>();
        int highestSoFar = -1;
        for (int i = 0; i < next.size(); i++) {
            SourceChangeset now = next.get(i);
            Integer at = ranAt.get(now.identity());
            if (at == null && laterRan[i + 1] >= 0) {
                findings.add(finding(now,
                        "New " + name(now) + " sits before changesets that already ran: existing databases run it"
                                + " after them, new databases run it before them",
                        "The same changelog gives two different histories, and a change that relies on the later"
                                + " changesets (or that they rely on) behaves differently in each",
                        "Append new changesets after the last one that ran"));
            } else if (at != null && at < highestSoFar) {
                findings.add(finding(now,
                        name(now) + " already ran but now comes after changesets that ran later than it: new databases"
                                + " run them in a different order than existing ones did",
                        "Databases built from the changelog can end up different from the ones that ran it",
                        "Keep changesets that ran in the order they ran"));
            }
            if (at != null) {
                highestSoFar = Math.max(highestSoFar, at);
            }
        }
        return findings;
    }
}
