package dev.evoplan.rules;

import dev.evoplan.model.SourceChangeset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * EP404: a changeset was added whose identity (Liquibase: file, id and author) another
 * changeset of the changelog already has. Liquibase validates the whole changelog before it runs
 * anything and refuses it ("changesets had duplicate identifiers"), so no database can be updated
 * from it: the deploy, or an application that migrates at start-up, stops.
 */
public final class ChangesetIdDuplicated extends HistoryRule {
    static final RuleInfo INFO = new RuleInfo("changeset-id-duplicated", "EP404",
            "A new changeset has the id, author and file of another: Liquibase refuses the whole changelog",
            Safety.DOWNTIME, LockLevel.NONE);

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    boolean seesDuplicates() {
        return true;
    }

    @Override
    List<Finding> checkHistory(List<SourceChangeset> ran, List<SourceChangeset> next) {
        Map<String, Integer> before = new HashMap<>();
        ran.forEach(cs -> before.merge(cs.identity(), 1, Integer::sum));
        Map<String, SourceChangeset> first = new HashMap<>();
        Map<String, Integer> seen = new HashMap<>();
        List<Finding> findings = new ArrayList<>();
        for (SourceChangeset now : next) {
            first.putIfAbsent(now.identity(), now);
            int count = seen.merge(now.identity(), 1, Integer::sum);
            // A copy the old side already had is not new here: only the copies beyond its count are.
            if (count < 2 || count <= before.getOrDefault(now.identity(), 0)) {
                continue;
            }
            findings.add(finding(now,
                    name(now) + " is already in the changelog at " + first.get(now.identity()).origin().describe()
                            + ": two changesets with the identity " + now.identity()
                            + ", so Liquibase refuses to update any database from this changelog",
                    "Liquibase validates the whole changelog before it runs a changeset and stops with \"changesets"
                            + " had duplicate identifiers\": nothing of the release is applied, and an application"
                            + " that runs Liquibase as it starts does not start",
                    "Give the new changeset an id of its own (ids need only be unique per author and file)"));
        }
        return findings;
    }
}
