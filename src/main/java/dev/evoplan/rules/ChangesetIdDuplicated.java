package dev.evoplan.rules;

import dev.evoplan.model.SourceChangeset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * EP404: a changeset was added whose identity (Liquibase: file, id and author; a migration file
 * whose tool keys migrations by version: that version) another one already has. Liquibase validates
 * the whole changelog before it runs anything and refuses it ("changesets had duplicate
 * identifiers"), so no database can be updated from it: the deploy, or an application that migrates
 * at start-up, stops.
 */
public final class ChangesetIdDuplicated extends HistoryRule {
    static final RuleInfo INFO =
            new RuleInfo(
                            "changeset-id-duplicated",
                            "EP404",
                            "A new changeset repeats another's identity (Liquibase file, id and author; a migration file's version):"
                                    + " the tool refuses to run any of it",
                            Safety.DOWNTIME,
                            LockLevel.NONE)
                    .with(RuleInfo.Trait.SEES_DUPLICATE_IDENTITIES);

    @Override
    public RuleInfo info() {
        return INFO;
    }

    /**
     * What the tool identifies a changeset by: a migration file's version where its tool keys by
     * version.
     */
    private static String key(SourceChangeset cs) {
        return cs.version() != null ? "version " + cs.version() : cs.identity();
    }

    @Override
    List<Finding> checkHistory(List<SourceChangeset> ran, List<SourceChangeset> next) {
        Map<String, Integer> before = new HashMap<>();
        ran.forEach(cs -> before.merge(key(cs), 1, Integer::sum));
        Map<String, SourceChangeset> first = new HashMap<>();
        Map<String, Integer> seen = new HashMap<>();
        List<Finding> findings = new ArrayList<>();
        for (SourceChangeset now : next) {
            String key = key(now);
            first.putIfAbsent(key, now);
            int count = seen.merge(key, 1, Integer::sum);
            // A copy the old side already had is not new here: only the copies beyond its count
            // are.
            if (count < 2 || count <= before.getOrDefault(key, 0)) {
                continue;
            }
            if (now.version() != null) {
                String tool = toolName(versionTool(now));
                String version = versionNumber(now);
                findings.add(
                        finding(
                                now,
                                name(now)
                                        + " has version "
                                        + version
                                        + ", as "
                                        + first.get(key).origin().describe()
                                        + " has: "
                                        + tool
                                        + " identifies migrations by version and refuses two with the same one",
                                "The migration tool validates the folder before it runs anything and stops (Flyway: \"Found"
                                        + " more than one migration with version "
                                        + version
                                        + "\"): nothing of the release is"
                                        + " applied, and an application that migrates as it starts does not start",
                                "Give the new migration the next free version, after every one that already ran"));
                continue;
            }
            findings.add(
                    finding(
                            now,
                            name(now)
                                    + " is already in the changelog at "
                                    + first.get(now.identity()).origin().describe()
                                    + ": two changesets with the identity "
                                    + now.shownIdentity()
                                    + ", so Liquibase refuses to update any database from this changelog",
                            "Liquibase validates the whole changelog before it runs a changeset and stops with \"changesets"
                                    + " had duplicate identifiers\": nothing of the release is applied, and an application"
                                    + " that runs Liquibase as it starts does not start",
                            "Give the new changeset an id of its own (ids need only be unique per author and file)"));
        }
        return findings;
    }

    private static String toolName(String key) {
        return switch (key) {
            case "flyway" -> "Flyway";
            case "golang-migrate" -> "golang-migrate";
            case "diesel" -> "diesel";
            default -> key;
        };
    }
}
