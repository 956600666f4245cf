package dev.evoplan.rules;

import dev.evoplan.model.SourceChangeset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.function.IntFunction;
import java.util.function.IntPredicate;

/**
 * EP403: the changelog's order no longer matches the order databases ran it in. A new changeset
 * placed before ones that already ran runs last on existing databases but in its place on new ones;
 * changesets that ran, moved around, run in the new order on new databases.
 */
public final class ChangesetOutOfOrder extends HistoryRule {
    static final RuleInfo INFO =
            new RuleInfo(
                    "changeset-out-of-order",
                    "EP403",
                    "A new changeset sits before ones that already ran, or ran changesets were reordered",
                    Safety.NEEDS_REVIEW,
                    LockLevel.NONE);

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
            Integer at =
                    runsAfterEveryNewOne(next.get(i)) ? null : ranAt.get(next.get(i).identity());
            laterRan[i] = at != null ? Math.max(at, laterRan[i + 1]) : laterRan[i + 1];
        }
        // What each changeset touches, read once: its changes are folded again on each walk.
        Map<Integer, NavigableMap<String, ChangesetObjects.Touch>> touches = new HashMap<>();
        IntFunction<NavigableMap<String, ChangesetObjects.Touch>> touchesAt =
                i -> touches.computeIfAbsent(i, k -> ChangesetObjects.touches(next.get(k)));
        List<Finding> findings = new ArrayList<>();
        int highestSoFar = -1;
        for (int i = 0; i < next.size(); i++) {
            SourceChangeset now = next.get(i);
            Integer at = ranAt.get(now.identity());
            if (at == null && laterRan[i + 1] >= 0) {
                findings.add(newBeforeRan(i, next, ranAt, touchesAt));
            } else if (at != null && at < highestSoFar) {
                findings.add(ranReordered(i, at, next, ranAt, touchesAt));
            }
            if (at != null) {
                highestSoFar = Math.max(highestSoFar, at);
            }
        }
        return findings;
    }

    /**
     * A ran changeset now after ones that ran later than it. Existing databases are not affected;
     * new ones run the two in the opposite order, which ends the same unless they touch the same
     * object in a way whose order matters.
     */
    private Finding ranReordered(
            int index,
            int at,
            List<SourceChangeset> next,
            Map<String, Integer> ranAt,
            IntFunction<NavigableMap<String, ChangesetObjects.Touch>> touchesAt) {
        SourceChangeset now = next.get(index);
        String placed =
                name(now)
                        + " already ran but now comes after changesets that ran later than it: new databases"
                        + " run them in a different order than existing ones did";
        Clash clash =
                firstClash(
                        index,
                        0,
                        index,
                        j -> {
                            Integer theirs = ranAt.get(next.get(j).identity());
                            return theirs != null && theirs > at;
                        },
                        next,
                        touchesAt);
        if (clash != null) {
            return finding(
                    now,
                    placed
                            + ", and "
                            + other(now, clash.other())
                            + " now before it also touches "
                            + clash.objects(),
                    "Databases built from the changelog can end up different from the ones that ran it",
                    "Keep changesets that ran in the order they ran");
        }
        return safeNote(
                now,
                placed
                        + "; none of those touches what it touches in a way whose order matters, so"
                        + " both end the same",
                "Changesets that touch different objects, or only add rows with different keys to"
                        + " one table, end the same in either order");
    }

    /**
     * A new changeset before ones that ran. Liquibase runs it last on an upgraded database and in
     * its place on a fresh one, which ends the same unless it and a ran changeset after it touch
     * the same object in a way whose order matters (or evoplan cannot tell what one of them
     * touches): adding to an earlier per-module include file is the normal multi-file layout. A
     * migration tool that orders by version (Flyway) refuses a version below the last applied one
     * by default, so there it stays a finding.
     */
    private Finding newBeforeRan(
            int index,
            List<SourceChangeset> next,
            Map<String, Integer> ranAt,
            IntFunction<NavigableMap<String, ChangesetObjects.Touch>> touchesAt) {
        SourceChangeset now = next.get(index);
        String placed =
                "New "
                        + name(now)
                        + " sits before changesets that already ran: existing databases run it"
                        + " after them, new databases run it before them";
        if (now.version() != null) {
            return finding(
                    now,
                    placed,
                    "The same changelog gives two different histories, and a change that relies on the later"
                            + " changesets (or that they rely on) behaves differently in each",
                    "Append new changesets after the last one that ran");
        }
        Clash clash =
                firstClash(
                        index,
                        index + 1,
                        next.size(),
                        j -> ranAt.containsKey(next.get(j).identity()),
                        next,
                        touchesAt);
        if (clash != null) {
            return finding(
                    now,
                    placed
                            + ", and "
                            + other(now, clash.other())
                            + " after it, which already ran, also touches "
                            + clash.objects(),
                    "A fresh database and an upgraded one apply the two in opposite orders to the same objects"
                            + " and can end differently",
                    "Move the new changeset after the last one that ran, or check that both orders give the"
                            + " same schema and data");
        }
        return safeNote(
                now,
                placed
                        + "; no changeset after it that already ran touches what it touches in a way"
                        + " whose order matters, so both end the same",
                "Liquibase runs changesets it has not run in changelog order, wherever they sit");
    }

    /** A changeset the one judged runs in another order with, and why the order matters. */
    private record Clash(SourceChangeset other, String objects) {}

    /**
     * The first changeset of {@code next} in {@code [from, to)} that {@code ran} accepts and that
     * touches what the one at {@code index} touches in a way whose order matters, or null.
     */
    private static Clash firstClash(
            int index,
            int from,
            int to,
            IntPredicate ran,
            List<SourceChangeset> next,
            IntFunction<NavigableMap<String, ChangesetObjects.Touch>> touchesAt) {
        for (int j = from; j < to; j++) {
            if (!ran.test(j)) {
                continue;
            }
            Set<String> clashes =
                    ChangesetObjects.clashes(touchesAt.apply(index), touchesAt.apply(j));
            if (!clashes.isEmpty()) {
                return new Clash(next.get(j), String.join(", ", clashes));
            }
        }
        return null;
    }

    /** The other changeset's name, and its file where it is not in {@code now}'s. */
    private static String other(SourceChangeset now, SourceChangeset other) {
        String file = other.origin().file();
        return file == null || file.equals(now.origin().file())
                ? name(other)
                : name(other) + " (" + file + ")";
    }

    private static Finding safeNote(SourceChangeset changeset, String what, String why) {
        return new Finding(
                INFO.id(),
                Safety.SAFE,
                LockLevel.NONE,
                null,
                what,
                why,
                "Nothing to do",
                null,
                changeset.origin(),
                List.of(),
                null);
    }

    /**
     * A migration file its tool runs after every pending one, on every database, and again when it
     * changes (Flyway's repeatables): a new migration always precedes it in the folder and on every
     * database, so standing before it is not out of order. Liquibase's runOnChange changesets run
     * in their place in the changelog and still count.
     */
    private static boolean runsAfterEveryNewOne(SourceChangeset changeset) {
        return changeset.reruns() && changeset.origin().changesetId() == null;
    }
}
