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
                            LockLevel.NONE)
                    .with(RuleInfo.Trait.ABOUT_RAN_CHANGESETS);

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    List<Finding> checkHistory(List<SourceChangeset> ran, List<SourceChangeset> next) {
        Set<String> kept = next.stream().map(SourceChangeset::identity).collect(Collectors.toSet());
        Set<String> ranIds =
                ran.stream().map(SourceChangeset::identity).collect(Collectors.toSet());
        List<SourceChangeset> added =
                next.stream().filter(cs -> !ranIds.contains(cs.identity())).toList();
        List<Finding> findings = new ArrayList<>();
        for (SourceChangeset old : ran) {
            if (kept.contains(old.identity())) {
                continue;
            }
            Finding undone = undoneByNewChangesets(old, added);
            if (undone != null) {
                findings.add(undone);
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

    /**
     * A safe note when new changesets drop everything the removed one made or changed: existing
     * databases lose it when they run them, new ones never get it, so both end the same (a project
     * retiring a procedure by deleting its changeset and dropping it {@code IF EXISTS}). Null
     * otherwise, or when evoplan could not read what the removed changeset did.
     */
    private static Finding undoneByNewChangesets(SourceChangeset old, List<SourceChangeset> added) {
        List<Set<String>> made = ChangesetObjects.made(old);
        if (made == null || made.isEmpty()) {
            return null;
        }
        Set<String> dropping = new java.util.LinkedHashSet<>();
        for (Set<String> object : made) {
            SourceChangeset by =
                    added.stream()
                            .filter(
                                    cs ->
                                            ChangesetObjects.droppedAsWritten(cs).stream()
                                                    .anyMatch(object::contains))
                            .findFirst()
                            .orElse(null);
            if (by == null) {
                return null;
            }
            dropping.add(name(by));
        }
        return new Finding(
                INFO.id(),
                Safety.SAFE,
                LockLevel.NONE,
                null,
                name(old)
                        + " already ran but is no longer in the changelog ("
                        + old.shownIdentity()
                        + "); new "
                        + String.join(", ", dropping)
                        + " drops what it made, so existing and new databases end the same",
                "Existing databases lose what it made when they run the new changesets; new databases"
                        + " never get it",
                "Nothing to do",
                null,
                old.origin(),
                List.of(),
                null);
    }
}
