package dev.evoplan.engine;

import dev.evoplan.diff.Change;
import dev.evoplan.diff.ChangeOrder;
import dev.evoplan.diff.Changes;
import dev.evoplan.diff.SchemaDiffer;
import dev.evoplan.model.GrowingSet;
import dev.evoplan.model.LoadedSchema;
import dev.evoplan.model.QualifiedName;
import dev.evoplan.model.Rename;
import dev.evoplan.model.Schema;
import dev.evoplan.model.SourceChange;
import dev.evoplan.model.SourceChangeset;
import dev.evoplan.plan.FindingWithFix;
import dev.evoplan.plan.Plan;
import dev.evoplan.plan.Planner;
import dev.evoplan.plan.SchemaEvolution;
import dev.evoplan.plan.Step;
import dev.evoplan.rules.Finding;
import dev.evoplan.rules.Judge;
import dev.evoplan.rules.JudgeContext;
import dev.evoplan.rules.Mode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The pipeline from two loaded schemas to an {@link Analysis}: diff, judge, plan.
 *
 * <p>When the new side's history contains every changeset of the old side (the usual Liquibase
 * case: changesets appended), the new changesets are what the team will run, so they are judged as
 * written; so are the statements appended to one plain SQL file ({@link GrownFile}). Otherwise the
 * two sides are unrelated states and the diff is judged by what the generated plan will do. The
 * plan itself always comes from the declarative diff, so that applying it to the old schema yields
 * the new one.
 */
public final class Analyzer {
    private Analyzer() {}

    public static Analysis analyze(LoadedSchema from, LoadedSchema to, AnalysisOptions options) {
        return analyze(from, to, options, f -> true);
    }

    /**
     * As {@link #analyze(LoadedSchema, LoadedSchema, AnalysisOptions)}, keeping whole only the
     * findings {@code listed} accepts (those the report prints); the others are kept as {@link
     * FindingWithFix#counted}, and no fix is planned for them. A plan of a million changes in text
     * counts its safe findings: their wording, changes and fixes do not fit in memory.
     */
    public static Analysis analyze(
            LoadedSchema from,
            LoadedSchema to,
            AnalysisOptions options,
            Predicate<Finding> listed) {
        java.util.Optional<SourceChangeset> grown = GrownFile.appended(from, to);
        List<SourceChangeset> newChangesets =
                grown.isPresent() ? List.of(grown.get()) : newChangesets(from, to);
        Mode mode = newChangesets == null ? Mode.AS_PLANNED : Mode.AS_WRITTEN;
        List<Rename> renames = new ArrayList<>();
        if (newChangesets != null) {
            newChangesets.forEach(cs -> cs.changes().forEach(c -> renames.addAll(c.renames())));
        }
        Schema target = comparable(to, from);
        if (newChangesets != null) {
            target = withoutObjectsOfOpaqueChanges(from.schema(), target, newChangesets);
        }
        List<Change> changes = SchemaDiffer.diff(comparable(from, to), target, renames);
        boolean anyOpaque =
                newChangesets != null
                        && newChangesets.stream()
                                .anyMatch(
                                        cs ->
                                                cs.changes().stream()
                                                        .anyMatch(
                                                                c ->
                                                                        c.kind()
                                                                                == SourceChange.Kind
                                                                                        .OPAQUE));
        if (anyOpaque) {
            changes = aroundOpaque(comparable(from, to), comparable(to, from), newChangesets);
        }
        List<Change> late =
                newChangesets == null
                        ? List.of()
                        : ownOfPartitionsMadeAsWritten(comparable(to, from), newChangesets);
        if (newChangesets != null) {
            if (!late.isEmpty()) {
                List<Change> withLate = new ArrayList<>(changes);
                withLate.addAll(late);
                changes = withLate;
            }
        }
        if (anyOpaque) {
            // aroundOpaque placed every change.
        } else if (newChangesets != null) {
            // Raw SQL and data changes leave no trace in the schema diff, but the team will run
            // them: the plan carries each as a checkpoint to review and run by hand.
            List<Change> unread = new ArrayList<>(changes);
            newChangesets.forEach(
                    cs ->
                            cs.changes().stream()
                                    .filter(
                                            c ->
                                                    c.kind() == SourceChange.Kind.OPAQUE
                                                            || c.kind() == SourceChange.Kind.DATA
                                                            || c.kind()
                                                                    == SourceChange.Kind
                                                                            .MAINTENANCE)
                                    .forEach(c -> unread.addAll(Changes.of(c))));
            changes = ChangeOrder.sort(unread);
        }
        // Copied once into an immutable set, which every judging context and fix then shares. Not
        // Set.copyOf: its open addressing probes long runs of neighbouring hash codes (t1, t2,
        // ...):
        // 86,000 new tables made each look-up walk thousands of names.
        Set<QualifiedName> created = createdOnce(changes);
        Plan plan = Planner.plan(from.schema(), changes, options.planOptions(created));
        List<FindingWithFix> verdicts = new ArrayList<>();
        List<FindingWithFix> suppressed = List.of();
        if (mode == Mode.AS_WRITTEN) {
            // A grown file is one file, not a history whose changesets could be edited or removed.
            (grown.isPresent()
                            ? Judge.judgeDuplicates(from.history(), to.history())
                            : Judge.judgeHistory(from.history(), to.history()))
                    .forEach(f -> verdicts.add(kept(f, List::of, listed)));
            verdicts.addAll(judgeAsWritten(newChangesets, options, listed));
            verdicts.addAll(judgeUnwritten(comparable(from, to), target, created, options, listed));
            if (!late.isEmpty()) {
                verdicts.addAll(judgeAsPlanned(from.schema(), late, created, options, listed));
            }
            // The evoplan:ignore comments of the changesets the team will run now, as lint honours
            // them; those of changesets that ran are history and judge nothing here.
            Suppressing.Outcome outcome =
                    Suppressing.applyByFile(
                            newChangesets.stream()
                                    .flatMap(cs -> cs.suppressions().stream())
                                    .toList(),
                            verdicts);
            verdicts.clear();
            verdicts.addAll(outcome.standing());
            suppressed = outcome.suppressed();
        } else {
            // Not one history continued, but a changelog Liquibase refuses is still worth saying.
            Judge.judgeDuplicates(from.history(), to.history())
                    .forEach(f -> verdicts.add(kept(f, List::of, listed)));
            verdicts.addAll(judgeAsPlanned(from.schema(), changes, created, options, listed));
        }
        return new Analysis(
                from.location(),
                to.location(),
                mode,
                options.pgVersion(),
                changes,
                verdicts,
                plan,
                grown.map(GrownFile::reason).orElseGet(() -> modeReason(from, to)),
                suppressed,
                List.of());
    }

    /** The tables {@code changes} create, as a set the plan options and judges take uncopied. */
    static Set<QualifiedName> createdOnce(List<Change> changes) {
        GrowingSet<QualifiedName> created = new GrowingSet<>();
        Changes.createdTables(changes).forEach(created::add);
        return created.snapshot();
    }

    /**
     * The changes of {@code changesets}, cut at each opaque change (one evoplan cannot read): the
     * schema diff up to it with the data and maintenance changes before it, in dependency order;
     * then the opaque change itself; then the same for what follows. What an unread statement does
     * is unknown, so nothing is moved across it: the plan runs it where the changelog does.
     */
    private static List<Change> aroundOpaque(
            Schema from, Schema target, List<SourceChangeset> changesets) {
        List<Change> out = new ArrayList<>();
        Schema start = from;
        List<SourceChange> segment = new ArrayList<>();
        for (SourceChangeset cs : changesets) {
            for (SourceChange c : cs.changes()) {
                if (c.kind() == SourceChange.Kind.OPAQUE) {
                    out.addAll(segment(start, c.before(), segment));
                    out.addAll(Changes.of(c));
                    start = c.after();
                    segment.clear();
                } else {
                    segment.add(c);
                }
            }
        }
        out.addAll(segment(start, target, segment));
        return out;
    }

    /**
     * Partitions a statement made as written ({@code CREATE TABLE ... PARTITION OF}, judged by its
     * lock and run as it is) that later statements give indexes, keys or foreign keys of their own:
     * the diff cannot place those after the written creation, so each such partition is for review
     * rather than a plan that leaves them out.
     */
    private static List<Change> ownOfPartitionsMadeAsWritten(
            Schema target, List<SourceChangeset> changesets) {
        java.util.Map<QualifiedName, dev.evoplan.model.Partition> made = new java.util.TreeMap<>();
        for (SourceChangeset cs : changesets) {
            for (SourceChange c : cs.changes()) {
                if (c.kind() != SourceChange.Kind.MAINTENANCE) {
                    continue;
                }
                for (QualifiedName k : changedKeys(c.before().objects(), c.after().objects())) {
                    if (c.after().objects().get(k) instanceof dev.evoplan.model.Partition p) {
                        made.put(k, p);
                    }
                }
            }
        }
        List<Change> out = new ArrayList<>();
        made.forEach(
                (k, p) -> {
                    if (target.objects().get(k) instanceof dev.evoplan.model.Partition now
                            && !now.equals(p)) {
                        out.add(
                                new Change.Opaque(
                                        "partition",
                                        now.describe()
                                                + " is created as written and then gets indexes,"
                                                + " keys or foreign keys of its own; the plan"
                                                + " cannot place them after the written creation:"
                                                + " review and run them by hand"));
                    }
                });
        return out;
    }

    /**
     * One run of changes between opaque ones: the diff from {@code start} to {@code end}, and the
     * rows it touches.
     */
    private static List<Change> segment(Schema start, Schema end, List<SourceChange> changes) {
        List<Rename> renames = new ArrayList<>();
        changes.forEach(c -> renames.addAll(c.renames()));
        Schema target =
                withoutObjectsOfOpaqueChanges(
                        start,
                        end,
                        List.of(
                                new SourceChangeset(
                                        "segment",
                                        dev.evoplan.model.Origin.UNKNOWN,
                                        null,
                                        true,
                                        changes)));
        List<Change> out = new ArrayList<>(SchemaDiffer.diff(start, target, renames));
        changes.stream()
                .filter(
                        c ->
                                c.kind() == SourceChange.Kind.DATA
                                        || c.kind() == SourceChange.Kind.MAINTENANCE)
                .forEach(c -> out.addAll(Changes.of(c)));
        return ChangeOrder.sort(out);
    }

    /**
     * {@code target} with the unmodelled objects that opaque and maintenance changes of {@code
     * changesets} made or removed set back as {@code from} has them: the plan carries each such
     * change as written (the whole statement, not only the object it left: a function, a trigger, a
     * table setting), so the diff must not carry them a second time.
     */
    private static Schema withoutObjectsOfOpaqueChanges(
            Schema from, Schema target, List<SourceChangeset> changesets) {
        Set<QualifiedName> touched = new java.util.TreeSet<>();
        Set<QualifiedName> objects = new java.util.TreeSet<>();
        List<dev.evoplan.model.Index> indexesWritten = new ArrayList<>();
        for (SourceChangeset cs : changesets) {
            for (SourceChange c : cs.changes()) {
                if (c.kind() == SourceChange.Kind.MAINTENANCE) {
                    indexesWritten.addAll(indexesAdded(c.before(), c.after()));
                }
                if (c.kind() == SourceChange.Kind.OPAQUE
                        || c.kind() == SourceChange.Kind.MAINTENANCE) {
                    touched.addAll(changedKeys(c.before().unmodelled(), c.after().unmodelled()));
                    // Routines, triggers and policies a statement made as written are carried by
                    // it too.
                    objects.addAll(changedKeys(c.before().objects(), c.after().objects()));
                }
            }
        }
        Schema out = target;
        for (QualifiedName k : touched) {
            dev.evoplan.model.UnmodelledObject was = from.unmodelled().get(k);
            out = was == null ? out.withoutUnmodelled(k) : out.withUnmodelled(was);
        }
        for (QualifiedName k : objects) {
            dev.evoplan.model.SchemaObject was = from.objects().get(k);
            out = was == null ? out.withoutObject(k) : out.withObject(was);
        }
        // An index a statement judged by its lock made as written (CREATE INDEX ... ON ONLY a
        // partitioned table) is run by that statement: the diff must not build it again.
        for (dev.evoplan.model.Index i : indexesWritten) {
            dev.evoplan.model.Table t = out.tables().get(i.table());
            if (t != null && t.indexes().contains(i) && from.index(i.qualifiedName()).isEmpty()) {
                out =
                        out.withTable(
                                t.withIndexes(
                                        t.indexes().stream().filter(x -> !x.equals(i)).toList()));
            }
        }
        return out;
    }

    /** The indexes one statement added to the tables it changed. */
    private static List<dev.evoplan.model.Index> indexesAdded(Schema before, Schema after) {
        List<dev.evoplan.model.Index> added = new ArrayList<>();
        if (before.tables() == after.tables()) {
            return added;
        }
        Schema.forEachChangedTable(
                before,
                after,
                (was, now) -> {
                    if (now != null) {
                        List<dev.evoplan.model.Index> old = was == null ? List.of() : was.indexes();
                        now.indexes().stream().filter(i -> !old.contains(i)).forEach(added::add);
                    }
                });
        return added;
    }

    /** The keys whose value one statement added, removed or replaced (the maps are persistent). */
    private static Set<QualifiedName> changedKeys(
            java.util.Map<QualifiedName, ?> before, java.util.Map<QualifiedName, ?> after) {
        if (before == after) {
            return Set.of();
        }
        Set<QualifiedName> keys = new java.util.TreeSet<>(before.keySet());
        keys.addAll(after.keySet());
        keys.removeIf(k -> before.get(k) == after.get(k));
        return keys;
    }

    /**
     * {@code side}'s schema as it can be compared with {@code other}'s. A live database is read for
     * the objects the model holds only: compared with a file, it takes the file's unmodelled
     * objects as its own rather than report every grant and comment as missing.
     */
    static Schema comparable(LoadedSchema side, LoadedSchema other) {
        boolean liveDatabase = side.history().isEmpty() && side.location().startsWith("jdbc:");
        return liveDatabase ? side.schema().withUnreadOf(other.schema()) : side.schema();
    }

    /**
     * The changesets of {@code to} that {@code from} has not run, in order; null when the two
     * histories are unrelated (they share no changeset, or a side is a snapshot without history).
     * Changesets of {@code from} that {@code to} edited, dropped or moved do not make the histories
     * unrelated: the history rules report them.
     */
    static List<SourceChangeset> newChangesets(LoadedSchema from, LoadedSchema to) {
        if (to.history().isEmpty()) {
            return null;
        }
        Set<String> ran = new HashSet<>();
        Map<String, SourceChangeset> ranFirst = new HashMap<>();
        from.history()
                .forEach(
                        cs -> {
                            ran.add(cs.identity());
                            ranFirst.putIfAbsent(cs.identity(), cs);
                        });
        boolean fromIsSnapshot = from.history().isEmpty() && !from.schema().equals(Schema.EMPTY);
        boolean shareAny = to.history().stream().anyMatch(cs -> ran.contains(cs.identity()));
        if (fromIsSnapshot || (!from.history().isEmpty() && !shareAny)) {
            return null;
        }
        // A runOnChange / runAlways changeset whose content changed runs again: its new content is
        // new work.
        return to.history().stream()
                .filter(
                        cs ->
                                !ran.contains(cs.identity())
                                        || (cs.reruns()
                                                && !cs.sameChecksum(ranFirst.get(cs.identity()))
                                                && cs.checksum() != null))
                .toList();
    }

    /**
     * Why {@link #newChangesets} made the run as written or as planned, in words for the mode line:
     * a gate that judged a plan instead of the changesets says so, since a blocking statement as
     * written may be a safe step as planned.
     */
    static String modeReason(LoadedSchema from, LoadedSchema to) {
        if (to.history().isEmpty()) {
            return "the new side has no changeset history (a database or a snapshot)";
        }
        if (from.history().isEmpty()) {
            return from.schema().equals(Schema.EMPTY)
                    ? "the old side is empty"
                    : "the old side has no changeset history (a database or a snapshot)";
        }
        Set<String> ran = new HashSet<>();
        from.history().forEach(cs -> ran.add(cs.identity()));
        return to.history().stream().anyMatch(cs -> ran.contains(cs.identity()))
                ? "the new side continues the old side's history"
                : "the two sides share no changeset";
    }

    /**
     * The finding whole with its fix when {@code listed}, else only counted (no fix planned); lint
     * keeps its findings here too.
     */
    static FindingWithFix kept(
            Finding f, java.util.function.Supplier<List<Step>> fix, Predicate<Finding> listed) {
        return listed.test(f) ? new FindingWithFix(f, fix.get()) : FindingWithFix.counted(f);
    }

    private static List<FindingWithFix> judgeAsPlanned(
            Schema from,
            List<Change> changes,
            Set<QualifiedName> created,
            AnalysisOptions options,
            Predicate<Finding> listed) {
        List<FindingWithFix> verdicts = new ArrayList<>();
        Schema planned = from;
        for (Change change : changes) {
            JudgeContext context =
                    new JudgeContext(
                            Mode.AS_PLANNED,
                            options.pgVersion(),
                            options.stats(),
                            from,
                            created,
                            null,
                            null);
            Schema before = planned;
            for (Finding f : Judge.judge(change, context)) {
                verdicts.add(kept(f, () -> fixFor(before, change, created, options), listed));
            }
            // The next change's fix starts where this one leaves the schema (a key on a column
            // added before it).
            planned = SchemaEvolution.apply(planned, change);
        }
        return verdicts;
    }

    /**
     * The unmodelled objects the state diff finds changed from {@code from} to {@code target} (the
     * new side without what opaque statements did, which those carry as written), judged as
     * planned: the plan holds each as a checkpoint to run by hand unless it knows the statement,
     * judging the statements as written says nothing of it, and a checkpoint must not leave the
     * verdict safe.
     */
    private static List<FindingWithFix> judgeUnwritten(
            Schema from,
            Schema target,
            Set<QualifiedName> created,
            AnalysisOptions options,
            Predicate<Finding> listed) {
        List<Change> byHand =
                SchemaDiffer.unmodelledAddedOrChanged(from, target).stream()
                        .filter(c -> c instanceof Change.Opaque o && o.schema() == null)
                        .toList();
        return byHand.isEmpty()
                ? List.of()
                : judgeAsPlanned(from, byHand, created, options, listed);
    }

    private static List<FindingWithFix> judgeAsWritten(
            List<SourceChangeset> changesets, AnalysisOptions options, Predicate<Finding> listed) {
        List<FindingWithFix> verdicts = new ArrayList<>();
        GrowingSet<QualifiedName> createdSoFar = new GrowingSet<>();
        for (SourceChangeset changeset : changesets) {
            List<Finding> perChange = new ArrayList<>();
            JudgeContext last = null;
            for (SourceChange source : changeset.changes()) {
                Schema planned = source.before();
                for (Change change : Changes.of(source)) {
                    JudgeContext context =
                            new JudgeContext(
                                    Mode.AS_WRITTEN,
                                    options.pgVersion(),
                                    options.stats(),
                                    source.before(),
                                    createdSoFar.snapshot(),
                                    source,
                                    changeset);
                    last = context;
                    Schema before = planned;
                    for (Finding f : Judge.judge(change, context)) {
                        perChange.add(f);
                        verdicts.add(
                                kept(
                                        f,
                                        () ->
                                                fixFor(
                                                        before,
                                                        change,
                                                        createdSoFar.snapshot(),
                                                        options),
                                        listed));
                    }
                    planned = SchemaEvolution.apply(planned, change);
                    if (change.kind() == Change.Kind.CREATE_TABLE) {
                        createdSoFar.add(change.table());
                    }
                }
            }
            if (last != null) {
                for (Finding f : Judge.judgeChangeset(changeset, perChange, last)) {
                    verdicts.add(kept(f, List::of, listed));
                }
            }
        }
        return verdicts;
    }

    /** The planner's safe replacement for one change, as it would run on {@code before}. */
    static List<Step> fixFor(
            Schema before, Change change, Set<QualifiedName> created, AnalysisOptions options) {
        if (change.kind() == Change.Kind.OPAQUE || change.kind() == Change.Kind.DATA_CHANGE) {
            return List.of();
        }
        return Planner.plan(before, List.of(change), options.planOptions(created)).steps();
    }
}
