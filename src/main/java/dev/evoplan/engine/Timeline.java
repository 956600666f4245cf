package dev.evoplan.engine;

import dev.evoplan.model.Commit;
import dev.evoplan.model.LoadedSchema;
import dev.evoplan.model.Schema;
import dev.evoplan.plan.FindingWithFix;
import dev.evoplan.rules.Safety;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * How a changelog evolved: for each commit that changed it, the analysis of the changelog at the
 * commit's parent against the changelog at the commit, and totals over the whole range.
 *
 * @param path the changelog as the user named it
 * @param since the exclusive start ref, or null for the root
 * @param until the ref the walk started from
 * @param downtimeByAuthor for each author (by name), how many downtime findings their commits
 *     merged
 */
public record Timeline(
        String path,
        String since,
        String until,
        List<Entry> entries,
        Map<Safety, Integer> totals,
        SortedMap<String, Integer> downtimeByAuthor) {
    public Timeline {
        Objects.requireNonNull(path, "path is null");
        Objects.requireNonNull(until, "until is null");
        entries = List.copyOf(entries);
        totals = java.util.Collections.unmodifiableMap(new EnumMap<>(totals));
        downtimeByAuthor =
                java.util.Collections.unmodifiableSortedMap(new TreeMap<>(downtimeByAuthor));
    }

    /** One commit that changed the changelog, with what the change did. */
    public record Entry(Commit commit, Analysis analysis) {
        public Entry {
            Objects.requireNonNull(commit, "commit is null");
            Objects.requireNonNull(analysis, "analysis is null");
        }

        /** How many findings of each safety, every safety present (zero when none). */
        public Map<Safety, Integer> counts() {
            return count(List.of(this));
        }
    }

    /** How many downtime findings were merged in the whole range. */
    public int downtimeMerged() {
        return totals.get(Safety.DOWNTIME);
    }

    /**
     * Analyses each commit that changed the changelog, oldest first. Each commit's changelog is
     * loaded once: the previous commit's schema is the next one's "from", since nothing in the
     * changelog's folder changed between them. Where the file does not exist, the schema is empty.
     *
     * @param loadAt the changelog as it is at a commit id (only called where it exists)
     */
    public static Timeline build(
            String path,
            String since,
            String until,
            List<Commit> commits,
            Function<String, LoadedSchema> loadAt,
            AnalysisOptions options) {
        List<Entry> entries = new ArrayList<>();
        LoadedSchema previous = null;
        for (Commit c : commits) {
            LoadedSchema from =
                    previous != null ? previous : load(path, c.parent(), c.parentPresent(), loadAt);
            LoadedSchema to = load(path, c.id(), c.present(), loadAt);
            entries.add(new Entry(c, Analyzer.analyze(from, to, options)));
            previous = to;
        }
        Map<Safety, Integer> totals = count(entries);
        SortedMap<String, Integer> byAuthor = new TreeMap<>();
        for (Entry e : entries) {
            int downtime = e.counts().get(Safety.DOWNTIME);
            if (downtime > 0) {
                byAuthor.merge(e.commit().author(), downtime, Integer::sum);
            }
        }
        return new Timeline(path, since, until, entries, totals, byAuthor);
    }

    private static LoadedSchema load(
            String path, String commit, boolean present, Function<String, LoadedSchema> loadAt) {
        if (commit == null || !present) {
            String shown =
                    "git:"
                            + (commit == null ? "(before the root)" : commit.substring(0, 12))
                            + ":"
                            + path;
            return new LoadedSchema(shown, Schema.EMPTY, List.of());
        }
        return loadAt.apply(commit);
    }

    private static Map<Safety, Integer> count(List<Entry> entries) {
        Map<Safety, Integer> counts = new EnumMap<>(Safety.class);
        for (Safety s : Safety.values()) {
            counts.put(s, 0);
        }
        for (Entry e : entries) {
            for (FindingWithFix v : e.analysis().verdicts()) {
                counts.merge(v.finding().safety(), 1, Integer::sum);
            }
        }
        return counts;
    }
}
