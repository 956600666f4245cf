package dev.evoplan.rules;

import dev.evoplan.model.SourceChangeset;
import java.util.List;

/**
 * A rule about the migration history itself rather than about one change: what happened to
 * changesets that databases have already run. It judges two histories, never a single change.
 */
abstract non-sealed class HistoryRule implements Rule {
    @Override
    public final Subject subject() {
        return Subject.HISTORY;
    }

    /**
     * The findings for the history {@code next} compared with {@code ran}, the history the
     * databases already ran (both in file order).
     */
    abstract List<Finding> checkHistory(List<SourceChangeset> ran, List<SourceChangeset> next);

    /**
     * Whether the rule is given the histories as they are, a changeset identity possibly more than
     * once; the others see only the first changeset of each identity, the one a database that ran
     * it recorded.
     */
    final boolean seesDuplicates() {
        return info().has(RuleInfo.Trait.SEES_DUPLICATE_IDENTITIES);
    }

    /** The first changeset of each identity, in order. */
    static List<SourceChangeset> firstOfEach(List<SourceChangeset> history) {
        java.util.Set<String> seen = new java.util.HashSet<>();
        return history.stream().filter(cs -> seen.add(cs.identity())).toList();
    }

    Finding finding(SourceChangeset changeset, String what, String why, String fix) {
        return new Finding(
                info().id(),
                info().defaultSafety(),
                LockLevel.NONE,
                null,
                what,
                why,
                fix,
                null,
                changeset.origin(),
                List.of(),
                null);
    }

    static String name(SourceChangeset changeset) {
        String id = changeset.origin().changesetId();
        return id == null
                ? changeset.shownIdentity()
                : "changeset "
                        + id
                        + (changeset.origin().author() == null
                                ? ""
                                : " by " + changeset.origin().author());
    }

    /**
     * The tool that keys a migration file by version ({@code flyway}, {@code golang-migrate},
     * {@code diesel}), read from its {@link SourceChangeset#version() version key} ({@code <tool>
     * <version>}); null where it has none.
     */
    static String versionTool(SourceChangeset changeset) {
        String key = changeset.version();
        return key == null ? null : key.substring(0, key.indexOf(' '));
    }

    /** The version of a migration file's version key ({@code 1.2} of {@code flyway 1.2}). */
    static String versionNumber(SourceChangeset changeset) {
        String key = changeset.version();
        return key.substring(key.indexOf(' ') + 1);
    }
}
