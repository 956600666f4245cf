package dev.evoplan.engine;

import dev.evoplan.model.LoadedSchema;
import dev.evoplan.model.ReplayedChanges;
import dev.evoplan.model.SourceChange;
import dev.evoplan.model.SourceChangeset;
import dev.evoplan.model.UnmodelledObject;
import java.util.List;
import java.util.Optional;

/**
 * One plain SQL file at two versions where the new one is the old one with statements appended (a
 * pull request that adds to {@code schema.sql}). The appended statements are what the team will run
 * against a database built from the old file, so they are judged as written, as {@code lint} judges
 * them: a stated {@code RENAME COLUMN} is a rename, not a drop and an add.
 *
 * <p>The comparison is on the parsed statements, each normalised (comments dropped, whitespace
 * folded, trailing semicolons ignored), not on bytes: a reformatted blank line or a comment added
 * at the end does not break the continuation, an edit of any old statement does (the two files are
 * then two states, diffed and judged as planned).
 */
final class GrownFile {
    private GrownFile() {}

    /**
     * The statements {@code to} appends to {@code from}, as one changeset in {@code to}'s file;
     * empty unless both sides are lone SQL files, {@code from} has at least one statement and every
     * one of them opens {@code to} in the same order, and {@code to} has more.
     */
    static Optional<SourceChangeset> appended(LoadedSchema from, LoadedSchema to) {
        if (!isLoneFile(from) || !isLoneFile(to)) {
            return Optional.empty();
        }
        SourceChangeset ran = from.history().get(0);
        SourceChangeset grown = to.history().get(0);
        List<SourceChange> before = ran.changes();
        List<SourceChange> after = grown.changes();
        if (before.isEmpty() || after.size() <= before.size()) {
            return Optional.empty();
        }
        // One walk of each side: a lone file's changes are made again at each walk (SqlSource).
        // The old side's statements are only compared: read, not folded.
        java.util.Iterator<List<String>> old =
                before instanceof ReplayedChanges replayed
                        ? replayed.writtenSql()
                        : before.stream().map(SourceChange::writtenSql).iterator();
        java.util.Iterator<SourceChange> grownOnes = after.iterator();
        while (old.hasNext()) {
            if (!normalised(old.next()).equals(normalised(grownOnes.next().writtenSql()))) {
                return Optional.empty();
            }
        }
        List<SourceChange> appended = new java.util.ArrayList<>();
        grownOnes.forEachRemaining(appended::add);
        return Optional.of(
                new SourceChangeset(
                                grown.identity(),
                                grown.origin(),
                                grown.checksum(),
                                grown.runInTransaction(),
                                appended)
                        .withSuppressions(grown.suppressions()));
    }

    /** The words of the mode line for a grown file. */
    static String reason(SourceChangeset appended) {
        int n = appended.changes().size();
        return "the new side is the old side's file with "
                + n
                + " statement"
                + (n == 1 ? "" : "s")
                + " appended";
    }

    /**
     * Whether {@code side} is one plain SQL file read as a schema state: its one changeset is
     * identified by the source itself ({@code SqlSource.loadFile}), where a migration folder's are
     * identified by their paths and a changelog's by their ids.
     */
    private static boolean isLoneFile(LoadedSchema side) {
        return side.history().size() == 1
                && side.history().get(0).identity().equals(side.location())
                && side.history().get(0).version() == null;
    }

    private static String normalised(List<String> writtenSql) {
        return UnmodelledObject.normalize(String.join("\n", writtenSql));
    }
}
