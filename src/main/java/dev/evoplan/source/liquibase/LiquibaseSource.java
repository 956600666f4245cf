package dev.evoplan.source.liquibase;

import dev.evoplan.model.InputException;
import dev.evoplan.model.LoadedSchema;
import dev.evoplan.model.Origin;
import dev.evoplan.model.PreconditionRead;
import dev.evoplan.model.Schema;
import dev.evoplan.model.SourceChange;
import dev.evoplan.model.SourceChangeset;
import dev.evoplan.source.sql.SqlLexer;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.change.Change;
import liquibase.change.DbmsTargetedChange;
import liquibase.changelog.ChangeSet;
import liquibase.changelog.DatabaseChangeLog;
import liquibase.changelog.filter.ChangeSetFilter;
import liquibase.changelog.filter.ContextChangeSetFilter;
import liquibase.changelog.filter.DbmsChangeSetFilter;
import liquibase.changelog.filter.IgnoreChangeSetFilter;
import liquibase.changelog.filter.LabelChangeSetFilter;
import liquibase.database.DatabaseList;
import liquibase.parser.ChangeLogParser;
import liquibase.parser.ChangeLogParserFactory;
import liquibase.precondition.core.PreconditionContainer;
import liquibase.resource.DirectoryResourceAccessor;
import liquibase.resource.Resource;
import liquibase.resource.ResourceAccessor;
import liquibase.sql.visitor.SqlVisitor;

/**
 * Reads a Liquibase changelog (XML, YAML, JSON or formatted SQL) with Liquibase's own parsers and
 * folds its changesets, in order and without a database, into the schema PostgreSQL would hold
 * after {@code liquibase update}.
 */
public final class LiquibaseSource {

    /** What a load keeps of its changesets' schema states, by how its history will be read. */
    public static final class Kept {
        /** Every change's states whole: its changesets can be judged as written (lint, verify). */
        public static final Kept WHOLE = new Kept(false, null);

        /**
         * The side a comparison starts from, whose changesets ran and are only compared with the
         * other side's: each change keeps the objects it changed and not the whole states ({@link
         * SourceChangeset#withChangedPartsOnly}), what the history rules read.
         */
        public static final Kept RAN = new Kept(true, null);

        final boolean ran;

        /** The history of the old side this load is compared with, or null. */
        final List<SourceChangeset> after;

        private Kept(boolean ran, List<SourceChangeset> after) {
            this.ran = ran;
            this.after = after;
        }

        /**
         * The new side of a comparison with {@code old} (loaded {@link #RAN} just before): its own
         * changesets whole; where it is old's changelog unchanged or with changesets appended, the
         * ones it takes over from old as old kept them (they ran).
         */
        public static Kept after(LoadedSchema old) {
            return new Kept(false, Objects.requireNonNull(old, "old is null").history());
        }
    }

    /**
     * Reads the changelog and everything it includes; throws dev.evoplan.model.InputException
     * (file, line, one-line message) on bad input.
     */
    public LoadedSchema load(Path changelog, LiquibaseOptions options) {
        return load(changelog, options, Kept.WHOLE);
    }

    /** As {@link #load(Path, LiquibaseOptions)}, keeping of the states what {@code kept} says. */
    public LoadedSchema load(Path changelog, LiquibaseOptions options, Kept kept) {
        return load(changelog, options, kept, Schema.EMPTY);
    }

    /**
     * As {@link #load(Path, LiquibaseOptions)}, the first changeset running on {@code start}: what
     * exists before it (lint's {@code --schema}), so a changelog that goes on from earlier ones
     * (OpenMRS's update files after its snapshot) is read as it runs.
     */
    public LoadedSchema load(Path changelog, LiquibaseOptions options, Schema start) {
        return load(changelog, options, Kept.WHOLE, start);
    }

    /**
     * As {@link #load(Path, LiquibaseOptions, Kept)}, the first changeset running on {@code start}
     * ({@code plan --schema}: both sides of a comparison go on from it).
     */
    public LoadedSchema load(Path changelog, LiquibaseOptions options, Kept kept, Schema start) {
        Objects.requireNonNull(start, "start is null");
        Objects.requireNonNull(changelog, "changelog is null");
        Objects.requireNonNull(options, "options is null");
        Objects.requireNonNull(kept, "kept is null");
        Path file = changelog.toAbsolutePath().normalize();
        String shown = changelog.toString();
        if (!Files.exists(file)) {
            throw new InputException(shown, 0, "changelog does not exist");
        }
        if (!Files.isRegularFile(file)) {
            throw new InputException(shown, 0, "changelog is not a file");
        }
        List<Path> roots = roots(file.getParent(), options.searchPath(), shown);
        List<Path> modules = ModuleResources.onDisk(file.getParent(), roots);
        List<Path> everyRoot = new ArrayList<>(roots);
        everyRoot.addAll(modules);
        try {
            return LiquibaseRuntime.quietly(
                    () -> {
                        try (RecordingAccessor accessor =
                                accessor(roots, modules, shown, options)) {
                            String master = file.getFileName().toString();
                            // A load kept for reuse went on from nothing.
                            boolean fromNothing = start == Schema.EMPTY;
                            // Only error messages use the display, and a reuse that meets an
                            // error is given up for a whole load, which reports it.
                            Optional<LoadedSchema> reused =
                                    fromNothing
                                            ? SideReuse.reuse(
                                                    this, master, options, accessor, shown, p -> p,
                                                    kept)
                                            : Optional.empty();
                            if (reused.isPresent()) {
                                return reused.get();
                            }
                            Loading loading =
                                    new Loading(
                                            shown, master, everyRoot, accessor, options, null, kept,
                                            start);
                            try {
                                Loaded loaded =
                                        LiquibaseRuntime.withResources(
                                                accessor, loading::runResumable);
                                if (fromNothing) {
                                    SideReuse.remember(
                                            master, options, loaded, accessor.lookups(), kept);
                                }
                                return loaded.schema();
                            } catch (InputException e) {
                                throw e;
                            } catch (StackOverflowError e) {
                                accessor.checkUnchecked();
                                throw ChangelogLimits.tooDeep(
                                        accessor.openedInOrder(),
                                        accessor,
                                        loading.master,
                                        loading::display,
                                        e);
                            } catch (Exception e) {
                                accessor.checkUnchecked();
                                throw ParseErrors.translate(e, loading);
                            }
                        }
                    });
        } catch (InputException e) {
            throw e;
        } catch (Exception e) {
            throw new InputException(shown, 0, "cannot read changelog: " + e, e);
        }
    }

    /**
     * Reads a changelog through a resource accessor the caller owns and closes (a git tree at a
     * ref, say). {@code master} is the changelog's path as the accessor finds it, and the first
     * part of every changeset identity; {@code shown} is how the user named it; {@code display}
     * turns another changelog's Liquibase path into what an error message names. The options'
     * search path is not used: the accessor is the search path.
     */
    public LoadedSchema load(
            ResourceAccessor resources,
            String master,
            String shown,
            UnaryOperator<String> display,
            LiquibaseOptions options) {
        return load(resources, master, shown, display, options, Kept.WHOLE);
    }

    /**
     * As {@link #load(ResourceAccessor, String, String, UnaryOperator, LiquibaseOptions)}, keeping
     * of the states what {@code kept} says.
     */
    public LoadedSchema load(
            ResourceAccessor resources,
            String master,
            String shown,
            UnaryOperator<String> display,
            LiquibaseOptions options,
            Kept kept) {
        return load(resources, master, shown, display, options, kept, Schema.EMPTY);
    }

    /**
     * As {@link #load(ResourceAccessor, String, String, UnaryOperator, LiquibaseOptions, Kept)},
     * the first changeset running on {@code start}; such a load is neither reused nor kept for
     * reuse, which go on from nothing.
     */
    public LoadedSchema load(
            ResourceAccessor resources,
            String master,
            String shown,
            UnaryOperator<String> display,
            LiquibaseOptions options,
            Kept kept,
            Schema start) {
        Objects.requireNonNull(resources, "resources is null");
        Objects.requireNonNull(kept, "kept is null");
        Objects.requireNonNull(master, "master is null");
        Objects.requireNonNull(options, "options is null");
        Objects.requireNonNull(start, "start is null");
        if (start != Schema.EMPTY) {
            return load(resources, master, shown, display, options, false, kept, start).schema();
        }
        try {
            Optional<LoadedSchema> reused =
                    LiquibaseRuntime.quietly(
                            () ->
                                    SideReuse.reuse(
                                            this,
                                            master,
                                            options,
                                            new RecordingAccessor(
                                                    resources, false, options.includeAllFilters()),
                                            shown,
                                            display,
                                            kept));
            if (reused.isPresent()) {
                return reused.get();
            }
        } catch (Exception e) {
            // Not reused: the whole load below reads (and reports) it.
        }
        return load(resources, master, shown, display, options, true, kept, Schema.EMPTY).schema();
    }

    /**
     * As {@link #load(ResourceAccessor, String, String, UnaryOperator, LiquibaseOptions)}, and also
     * what {@link #append} needs to go on from this load later.
     */
    public Loaded loadResumable(
            ResourceAccessor resources,
            String master,
            String shown,
            UnaryOperator<String> display,
            LiquibaseOptions options) {
        return load(resources, master, shown, display, options, false, Kept.WHOLE, Schema.EMPTY);
    }

    /** A whole load; {@code reusable}: kept for the next load to reuse ({@link SideReuse}). */
    private Loaded load(
            ResourceAccessor resources,
            String master,
            String shown,
            UnaryOperator<String> display,
            LiquibaseOptions options,
            boolean reusable,
            Kept kept,
            Schema start) {
        Objects.requireNonNull(resources, "resources is null");
        Objects.requireNonNull(master, "master is null");
        Objects.requireNonNull(shown, "shown is null");
        Objects.requireNonNull(display, "display is null");
        Objects.requireNonNull(options, "options is null");
        RecordingAccessor accessor =
                new RecordingAccessor(resources, reusable, options.includeAllFilters());
        Loading loading =
                new Loading(shown, master, List.of(), accessor, options, display, kept, start);
        try {
            return LiquibaseRuntime.quietly(
                    () -> {
                        try {
                            Loaded loaded =
                                    LiquibaseRuntime.withResources(accessor, loading::runResumable);
                            if (reusable) {
                                SideReuse.remember(
                                        master, options, loaded, accessor.lookups(), kept);
                            }
                            return loaded;
                        } catch (InputException e) {
                            throw e;
                        } catch (StackOverflowError e) {
                            accessor.checkUnchecked();
                            throw ChangelogLimits.tooDeep(
                                    accessor.openedInOrder(),
                                    accessor,
                                    loading.master,
                                    loading::display,
                                    e);
                        } catch (Exception e) {
                            accessor.checkUnchecked();
                            throw ParseErrors.translate(e, loading);
                        }
                    });
        } catch (InputException e) {
            throw e;
        } catch (Exception e) {
            throw new InputException(shown, 0, "cannot read changelog: " + e, e);
        }
    }

    /** A load's schema and history, with what a later load of the same changelog can go on from. */
    public record Loaded(LoadedSchema schema, Resumable resumable) {
        public Loaded {
            Objects.requireNonNull(schema, "schema is null");
            Objects.requireNonNull(resumable, "resumable is null");
        }
    }

    /**
     * The state a load ended in, kept so that a later version of the changelog that only appends
     * changesets to the master file can be read by parsing and folding just the new changesets.
     * Opaque: only this package reads it.
     */
    public static final class Resumable {
        final String master;
        final LiquibaseOptions options;

        /**
         * The master's text, or null when the load cannot be gone on from (changesets in other
         * files).
         */
        final String masterText;

        final List<ChangesetLines.Entry> masterLines;
        final LoadedSchema loaded;
        final Seen seen;

        Resumable(
                String master,
                LiquibaseOptions options,
                String masterText,
                List<ChangesetLines.Entry> masterLines,
                LoadedSchema loaded,
                Seen seen) {
            this.master = master;
            this.options = options;
            this.masterText = masterText;
            this.masterLines = masterLines;
            this.loaded = loaded;
            this.seen = seen.copy();
        }
    }

    /** How often each changeset identity, and each id and author within a file, was met so far. */
    static final class Seen {
        final Map<String, Integer> identities = new HashMap<>();
        final Map<String, Integer> places = new HashMap<>();

        /**
         * Identities of the changesets run or marked ran so far, as changeSetExecuted names them.
         */
        final Set<String> ran = new HashSet<>();

        /** Each changelog's preconditions, once evaluated. */
        final Map<String, Preconditions.Outcome> changelogs = new HashMap<>();

        Seen copy() {
            Seen out = new Seen();
            out.identities.putAll(identities);
            out.places.putAll(places);
            out.ran.addAll(ran);
            out.changelogs.putAll(changelogs);
            return out;
        }
    }

    /**
     * Reads the changelog again through {@code resources}, where only the master file may have
     * changed since {@code previous}, by parsing and folding only the changesets appended to it;
     * empty when the new master is not the old one with changesets appended (then load it whole).
     * The result is what a whole load gives. Anything unusual (properties used by the new
     * changesets, includes among them, runOrder, a parse or fold error) also answers empty, so the
     * whole load reports it as it always does.
     */
    public Optional<Loaded> append(
            Resumable previous,
            ResourceAccessor resources,
            String shown,
            UnaryOperator<String> display) {
        Objects.requireNonNull(previous, "previous is null");
        Objects.requireNonNull(resources, "resources is null");
        Objects.requireNonNull(shown, "shown is null");
        Objects.requireNonNull(display, "display is null");
        if (previous.masterText == null) {
            return Optional.empty();
        }
        String now = readText(resources, previous.master);
        if (now == null) {
            return Optional.empty();
        }
        Optional<Appended.Reduced> reduced =
                Appended.reduce(previous.master, previous.masterText, previous.masterLines, now);
        if (reduced.isEmpty()) {
            return Optional.empty();
        }
        RecordingAccessor accessor =
                new RecordingAccessor(
                        new Appended.Overlay(resources, previous.master, reduced.get().text()),
                        false,
                        previous.options.includeAllFilters());
        // The appended changesets are new: kept whole, whatever the earlier ones kept.
        Loading loading =
                new Loading(
                        shown,
                        previous.master,
                        List.of(),
                        accessor,
                        previous.options,
                        display,
                        Kept.WHOLE,
                        Schema.EMPTY);
        // Lines are counted in the whole file, not in the shortened one Liquibase parses.
        loading.texts.put(previous.master, now);
        loading.lines.put(previous.master, reduced.get().lines());
        try {
            return Optional.ofNullable(
                    LiquibaseRuntime.quietly(
                            () ->
                                    LiquibaseRuntime.withResources(
                                            accessor, () -> loading.resume(previous))));
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    /** The file a changeset was parsed from: its changelog's, else its own path. */
    static String physical(ChangeSet changeSet) {
        return changeSet.getChangeLog() == null
                ? changeSet.getFilePath()
                : changeSet.getChangeLog().getPhysicalFilePath();
    }

    /** The file's text through the accessor, or null when it cannot be read. */
    private static String readText(ResourceAccessor resources, String path) {
        try {
            for (Resource resource : resources.getAll(path)) {
                if (resource.exists()) {
                    try (InputStream in = resource.openInputStream()) {
                        String s = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                        return s.startsWith("\uFEFF") ? s.substring(1) : s;
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
        return null;
    }

    /** Liquibase logs as it creates an accessor, so this runs inside the quiet scope. */
    private static RecordingAccessor accessor(
            List<Path> roots, List<Path> modules, String shown, LiquibaseOptions options) {
        List<ResourceAccessor> accessors = new ArrayList<>();
        for (Path root : roots) {
            try {
                accessors.add(new DirectoryResourceAccessor(root));
            } catch (FileNotFoundException e) {
                throw new InputException(
                        shown, 0, "search path directory " + root + " does not exist");
            }
        }
        List<ChangelogRoots.ModuleRoot> moduleRoots = new ArrayList<>();
        Path cwd = Path.of("").toAbsolutePath();
        for (Path module : modules) {
            try {
                moduleRoots.add(
                        new ChangelogRoots.ModuleRoot(
                                module.startsWith(cwd)
                                        ? cwd.relativize(module).toString()
                                        : module.toString(),
                                new DirectoryResourceAccessor(module)));
            } catch (FileNotFoundException e) {
                // Listed a moment ago: gone since, so it holds nothing.
            }
        }
        return new RecordingAccessor(
                new ChangelogRoots(accessors, moduleRoots), true, options.includeAllFilters());
    }

    /**
     * The master's own directory comes first and the master is passed by its file name, so a
     * changeset's path (and identity) is the same for the same file reached the same way from two
     * copies of a changelog tree; then the folders above it, then the search path.
     */
    private static List<Path> roots(Path masterDir, List<Path> searchPath, String shown) {
        List<Path> roots = new ArrayList<>();
        roots.add(masterDir);
        roots.addAll(ancestors(masterDir));
        List<Path> extra =
                searchPath.isEmpty() ? List.of(Path.of("").toAbsolutePath()) : searchPath;
        for (Path p : extra) {
            Path abs = p.toAbsolutePath().normalize();
            if (!Files.isDirectory(abs)) {
                throw new InputException(
                        shown, 0, "search path directory " + p + " does not exist");
            }
            if (!roots.contains(abs)) {
                roots.add(abs);
            }
        }
        return roots;
    }

    /**
     * The folders above the master, nearest first, up to the top of its git work tree (or the file
     * system's root, not included): Liquibase run by an application resolves a non-relative include
     * against the classpath, whose root is one of these (a jar's root above {@code META-INF/},
     * {@code src/main/resources} above {@code db/changelog/}). Each master gets its own, so two
     * unpacked versions side by side each resolve in their own tree.
     */
    static List<Path> ancestors(Path masterDir) {
        List<Path> out = new ArrayList<>();
        if (Files.isDirectory(masterDir.resolve(".git"))) {
            return out;
        }
        for (Path p = masterDir.getParent();
                p != null && p.getParent() != null;
                p = p.getParent()) {
            out.add(p);
            if (Files.exists(p.resolve(".git"))) {
                break;
            }
        }
        return out;
    }

    /** The state of one load: where files are, their text and changeset lines. */
    static final class Loading {
        final String shownMaster;
        final String master;
        final List<Path> roots;
        final RecordingAccessor accessor;
        final LiquibaseOptions options;

        /**
         * Names a changelog for messages when it is not a file on disk; null for a load from disk.
         */
        private final UnaryOperator<String> displayer;

        final Map<String, String> texts = new HashMap<>();
        final Map<String, ChangesetLines> lines = new HashMap<>();
        private final Map<String, int[]> lineStarts = new HashMap<>();
        private final Map<String, Map<Integer, List<dev.evoplan.model.Suppression>>>
                sqlSuppressions = new HashMap<>();

        /** The master as Liquibase parsed it, once parsed. */
        private DatabaseChangeLog root;

        /** What each folded changeset keeps of its states ({@link Kept#RAN}: the changed parts). */
        private final Kept kept;

        private final Checksums checksums = new Checksums(this::text);

        /** What exists before the first changeset; {@link Schema#EMPTY} unless --schema says. */
        private final Schema start;

        Loading(
                String shownMaster,
                String master,
                List<Path> roots,
                RecordingAccessor accessor,
                LiquibaseOptions options,
                UnaryOperator<String> displayer,
                Kept kept,
                Schema start) {
            this.shownMaster = shownMaster;
            this.master = master;
            this.roots = roots;
            this.accessor = accessor;
            this.options = options;
            this.displayer = displayer;
            this.kept = kept;
            this.start = start;
        }

        LoadedSchema run() throws Exception {
            return runResumable().schema();
        }

        Loaded runResumable() throws Exception {
            Loaded parted = runInParts();
            if (parted != null) {
                return parted;
            }
            OfflinePostgres pg = new OfflinePostgres(accessor);
            List<ChangeSet> all = parse(pg);
            WorkingSchema schema = new WorkingSchema();
            if (start != Schema.EMPTY) {
                schema.replaceAll(start);
            }
            List<SourceChangeset> history = new ArrayList<>();
            Seen seen = new Seen();
            fold(all, pg, schema, history, seen, null);
            LoadedSchema loaded =
                    new LoadedSchema(shownMaster, Bookkeeping.without(schema.snapshot()), history);
            // Only a changelog whose changesets all sit in the master can be gone on from by
            // appending to it.
            boolean masterOnly =
                    !all.isEmpty() && all.stream().allMatch(cs -> master.equals(physical(cs)));
            String text = masterOnly && !Appended.reorders(text(master)) ? text(master) : null;
            return new Loaded(
                    loaded,
                    new Resumable(
                            master,
                            options,
                            text == null || text.isEmpty() ? null : text,
                            masterOnly ? lines(master).entries() : List.of(),
                            loaded,
                            seen));
        }

        /**
         * A large YAML master parsed and folded a part at a time ({@link ChunkedYaml}); null when
         * it is not one, or anything in a part is not as planned or fails: then it is read whole,
         * which reports what is wrong as it always does.
         */
        private Loaded runInParts() throws IOException {
            if (start != Schema.EMPTY || !ChunkedYaml.large(master, accessor.delegate())) {
                return null;
            }
            // Opened first as Liquibase's parse opens it: its limits are checked here, and their
            // error thrown, as when the parse opens it.
            accessor.getAll(master);
            String whole = text(master);
            List<ChunkedYaml.Part> parts =
                    ChunkedYaml.parts(master, whole, lines(master).entries());
            if (parts == null) {
                return null;
            }
            Resource file = null;
            for (Resource r : accessor.delegate().getAll(master)) {
                if (r.exists()) {
                    file = r;
                    break;
                }
            }
            if (file == null) {
                return null;
            }
            byte[] header =
                    whole.substring(0, parts.get(0).headerEnd()).getBytes(StandardCharsets.UTF_8);
            String name = master;
            LiquibaseOptions settings = options;
            PartChecksums.Parse again =
                    resources ->
                            parse(
                                            name,
                                            settings,
                                            new ChangelogLimits.Parameters(
                                                    new OfflinePostgres(resources).database(),
                                                    resources),
                                            resources)
                                    .getChangeSets();
            OfflinePostgres pg = new OfflinePostgres(accessor);
            try (PartParses<PartParse> parses =
                    new PartParses<>(
                            parts,
                            part -> {
                                // A database of its own for the parameters: the fold sets the
                                // quoting of its own as it goes, maybe on another thread.
                                ChangelogLimits.Parameters parameters =
                                        new ChangelogLimits.Parameters(
                                                new OfflinePostgres(accessor).database(), accessor);
                                DatabaseChangeLog log =
                                        parse(
                                                parameters,
                                                new Appended.Overlay(
                                                        accessor, master, part.text()));
                                return new PartParse(
                                        log,
                                        parameters.lookups(),
                                        parameters.xmlServedByLiquibase());
                            })) {
                WorkingSchema schema = new WorkingSchema();
                List<SourceChangeset> history = new ArrayList<>();
                Seen seen = new Seen();
                for (ChunkedYaml.Part part : parts) {
                    PartParse parsedPart = parses.next();
                    checksums.parsed(parsedPart.lookups(), parsedPart.xmlServed());
                    root = parsedPart.log();
                    List<ChangeSet> parsed = parsedPart.log().getChangeSets();
                    if (!part.matches(parsed, master)) {
                        root = null;
                        return null;
                    }
                    fold(
                            parsed,
                            pg,
                            schema,
                            history,
                            seen,
                            new PartChecksums(part, header, master, file, again));
                }
                LoadedSchema loaded =
                        new LoadedSchema(
                                shownMaster, Bookkeeping.without(schema.snapshot()), history);
                String text = Appended.reorders(whole) || whole.isEmpty() ? null : whole;
                return new Loaded(
                        loaded,
                        new Resumable(
                                master, options, text, lines(master).entries(), loaded, seen));
            } catch (Exception | StackOverflowError e) {
                root = null;
                return null;
            }
        }

        /**
         * Liquibase's parse of one part, what it read of the properties, and what it found of each
         * XML file's grammar.
         */
        private record PartParse(
                DatabaseChangeLog log,
                Map<DatabaseChangeLog, List<String>> lookups,
                Map<String, Boolean> xmlServed) {}

        /**
         * Goes on from {@code previous} with the changesets the accessor's (shortened) master
         * holds; null when they are not exactly the ones appended to the whole file.
         */
        Loaded resume(Resumable previous) throws Exception {
            OfflinePostgres pg = new OfflinePostgres(accessor);
            List<ChangeSet> added = parse(pg);
            List<ChangesetLines.Entry> nowLines = lines(master).entries();
            List<ChangesetLines.Entry> before = previous.masterLines;
            if (added.isEmpty()
                    || nowLines.size() != before.size() + added.size()
                    || !nowLines.subList(0, before.size()).equals(before)
                    || !ChunkedYaml.matches(
                            nowLines.subList(before.size(), nowLines.size()), added, master)) {
                return null;
            }
            WorkingSchema schema = new WorkingSchema();
            schema.replaceAll(previous.loaded.schema());
            List<SourceChangeset> history = new ArrayList<>(previous.loaded.history());
            Seen seen = previous.seen.copy();
            fold(added, pg, schema, history, seen, null);
            LoadedSchema loaded =
                    new LoadedSchema(shownMaster, Bookkeeping.without(schema.snapshot()), history);
            return new Loaded(
                    loaded, new Resumable(master, options, text(master), nowLines, loaded, seen));
        }

        private List<ChangeSet> parse(OfflinePostgres pg) throws Exception {
            return parse(pg, accessor);
        }

        /** Liquibase's parse of the master as {@code resources} read it. */
        private List<ChangeSet> parse(OfflinePostgres pg, ResourceAccessor resources)
                throws Exception {
            ChangelogLimits.Parameters parameters =
                    new ChangelogLimits.Parameters(pg.database(), accessor);
            DatabaseChangeLog changelog = parse(parameters, resources);
            checksums.parsed(parameters.lookups(), parameters.xmlServedByLiquibase());
            root = changelog;
            return changelog.getChangeSets();
        }

        private DatabaseChangeLog parse(
                ChangelogLimits.Parameters parameters, ResourceAccessor resources)
                throws Exception {
            return parse(master, options, parameters, resources);
        }

        private static DatabaseChangeLog parse(
                String master,
                LiquibaseOptions options,
                ChangelogLimits.Parameters parameters,
                ResourceAccessor resources)
                throws Exception {
            // Liquibase keeps a property's first value: ours are set before the changelog's.
            options.properties().forEach(parameters::set);
            parameters.onPostgresqlOnly(options.contexts().isEmpty());
            parameters.setContexts(new Contexts(options.contexts()));
            parameters.setLabels(new LabelExpression(options.labels()));
            ChangeLogParser parser =
                    ChangeLogParserFactory.getInstance().getParser(master, resources);
            return parser.parse(master, parameters, resources);
        }

        private void fold(
                List<ChangeSet> changeSets,
                OfflinePostgres pg,
                WorkingSchema schema,
                List<SourceChangeset> history,
                Seen seen,
                PartChecksums part) {
            Contexts contexts = new Contexts(options.contexts());
            LabelExpression labels = new LabelExpression(options.labels());
            List<ChangeSetFilter> filters =
                    new ArrayList<>(
                            List.of(
                                    new ContextChangeSetFilter(contexts),
                                    new LabelChangeSetFilter(labels),
                                    new DbmsChangeSetFilter(pg.database()),
                                    new IgnoreChangeSetFilter()));
            if (options.contexts().isEmpty()) {
                filters.add(DatabaseContexts.filter());
            }
            LiquibaseChangeApplier folder = new LiquibaseChangeApplier(pg, schema);
            Preconditions preconditions = new Preconditions(pg);
            if (root != null && !changelogRuns(root, master, preconditions, schema, seen)) {
                return;
            }
            for (int i = 0; i < changeSets.size(); i++) {
                ChangeSet changeSet = changeSets.get(i);
                if (!accepted(changeSet, filters)) {
                    continue;
                }
                if (!changelogRuns(changeSet, preconditions, schema, seen)) {
                    continue;
                }
                SourceChangeset folded =
                        changeset(
                                changeSet,
                                pg,
                                folder,
                                seen,
                                preconditions,
                                schema,
                                part == null ? null : part.of(i));
                history.add(kept.ran ? folded.withChangedPartsOnly() : folded);
            }
        }

        /**
         * The preconditions of the changelog a changeset is in, evaluated once, before its first
         * changeset (Liquibase checks the root changelog's before it runs anything): false when
         * they fail with CONTINUE or MARK_RAN, so its changesets do not run.
         */
        private boolean changelogRuns(
                ChangeSet changeSet, Preconditions preconditions, WorkingSchema schema, Seen seen) {
            DatabaseChangeLog changeLog = changeSet.getChangeLog();
            return changeLog == null
                    || changelogRuns(changeLog, physical(changeSet), preconditions, schema, seen);
        }

        private boolean changelogRuns(
                DatabaseChangeLog changeLog,
                String physical,
                Preconditions preconditions,
                WorkingSchema schema,
                Seen seen) {
            String key = "changelog::" + physical;
            Preconditions.Outcome outcome = seen.changelogs.get(key);
            if (outcome == null) {
                outcome =
                        preconditions.evaluate(
                                changeLog.getPreconditions(), schema.snapshot(), seen.ran);
                seen.changelogs.put(key, outcome);
                if (outcome.action() == Preconditions.Action.HALT) {
                    throw new InputException(display(physical), 0, "changelog " + outcome.note());
                }
            }
            return outcome.action() == Preconditions.Action.RUN;
        }

        /**
         * The file part of a changeset's identity: its path as Liquibase names it, which is
         * relative to the master's folder (the master is passed by its file name and its folder is
         * the first root), and for the master's own changesets a fixed token, so that two copies of
         * one changelog under other names ({@code base.yaml} and {@code head.yaml}, two folders,
         * two refs) share their changesets. A {@code logicalFilePath} is kept as written: it is
         * what Liquibase records whatever the file is called.
         */
        private String identityPath(ChangeSet changeSet) {
            String path = changeSet.getFilePath();
            return path != null
                            && Preconditions.normalPath(path)
                                    .equals(Preconditions.normalPath(master))
                    ? SourceChangeset.MASTER
                    : path;
        }

        private static boolean accepted(ChangeSet changeSet, List<ChangeSetFilter> filters) {
            for (ChangeSetFilter filter : filters) {
                if (!filter.accepts(changeSet).isAccepted()) {
                    return false;
                }
            }
            return true;
        }

        private SourceChangeset changeset(
                ChangeSet changeSet,
                OfflinePostgres pg,
                LiquibaseChangeApplier folder,
                Seen seen,
                Preconditions preconditions,
                WorkingSchema schema,
                Supplier<String> again) {
            String physical = physical(changeSet);
            // The n-th changeset with this id and author in the file starts at the n-th such line.
            String place = physical + "::" + changeSet.getId() + "::" + changeSet.getAuthor();
            int nth = seen.places.merge(place, 1, Integer::sum);
            ChangesetLines.Entry entry =
                    lines(physical).at(changeSet.getId(), changeSet.getAuthor(), nth);
            int line = entry == null ? 0 : entry.line();
            if (changeSet.getId() == null || changeSet.getId().isBlank()) {
                throw new InputException(display(physical), line, "changeset has no id");
            }
            if (changeSet.getAuthor() == null || changeSet.getAuthor().isBlank()) {
                throw new InputException(
                        display(physical),
                        line,
                        "changeset " + changeSet.getId() + " has no author");
            }
            String identity =
                    identityPath(changeSet)
                            + "::"
                            + changeSet.getId()
                            + "::"
                            + changeSet.getAuthor();
            // The id and author as the scan of the file read them, where they are the same: one
            // string of each kept, not Liquibase's too (a file's changesets share a few authors).
            Origin origin =
                    new Origin(
                            changeSet.getFilePath(),
                            line,
                            entry == null ? changeSet.getId() : same(entry.id(), changeSet.getId()),
                            entry == null
                                    ? changeSet.getAuthor()
                                    : same(entry.author(), changeSet.getAuthor()),
                            null);
            // What ran is named as the place is, mostly: one string for both.
            String ran =
                    same(
                            place,
                            Preconditions.identity(
                                    changeSet.getFilePath(),
                                    changeSet.getId(),
                                    changeSet.getAuthor()));
            if (seen.identities.merge(identity, 1, Integer::sum) > 1) {
                // Liquibase refuses to update from a changelog with two changesets of one identity
                // (validation: "changesets had duplicate identifiers"), so it runs neither copy's
                // changes a second time: the copy is kept, unfolded, for the history rules to
                // report.
                return SourceChangeset.of(
                        identity,
                        origin,
                        checksums.of(changeSet, physical, again),
                        changeSet.isRunInTransaction(),
                        List.of());
            }
            pg.quoting(changeSet.getObjectQuotingStrategy());
            Preconditions.Outcome guard =
                    preconditions.evaluate(
                            changeSet.getPreconditions(), schema.snapshot(), seen.ran);
            // What its preconditions and its file's read: whether it runs depends on what ran
            // before it.
            List<PreconditionRead> reads =
                    Preconditions.reads(
                            schema.snapshot(),
                            changeSet.getChangeLog() == null
                                    ? null
                                    : changeSet.getChangeLog().getPreconditions(),
                            changeSet.getPreconditions());
            List<SourceChange> changes = new ArrayList<>();
            if (guard.note() != null) {
                // What was decided or assumed is kept with the changeset, as a change that alters
                // nothing.
                Schema now = schema.snapshot();
                changes.add(
                        new SourceChange(
                                SourceChange.Kind.NONE,
                                "preConditions",
                                origin,
                                List.of(),
                                now,
                                now,
                                List.of(),
                                guard.note(),
                                null));
            }
            switch (guard.action()) {
                case HALT ->
                        throw new InputException(
                                display(physical),
                                line,
                                "changeset "
                                        + changeSet.getId()
                                        + " by "
                                        + changeSet.getAuthor()
                                        + ": "
                                        + guard.note());
                case SKIP -> {
                    if (changeSet.getPreconditions().getOnFail()
                            == PreconditionContainer.FailOption.MARK_RAN) {
                        seen.ran.add(ran);
                    }
                    return SourceChangeset.of(
                                    identity,
                                    origin,
                                    checksums.of(changeSet, physical, again),
                                    changeSet.isRunInTransaction(),
                                    changes)
                            .withPreconditionReads(reads);
                }
                case RUN -> seen.ran.add(ran);
            }
            List<SqlVisitor> modifySql = modifySql(changeSet, pg);
            for (Change change : changeSet.getChanges()) {
                if (change instanceof DbmsTargetedChange targeted
                        && !DatabaseList.definitionMatches(
                                targeted.getDbms(), pg.database(), true)) {
                    continue;
                }
                try {
                    changes.addAll(folder.foldAll(change, origin, modifySql));
                } catch (FoldException e) {
                    throw new InputException(
                            display(physical),
                            line,
                            "changeset "
                                    + changeSet.getId()
                                    + " by "
                                    + changeSet.getAuthor()
                                    + ": "
                                    + e.getMessage(),
                            e);
                }
            }
            SourceChangeset folded =
                    SourceChangeset.of(
                                    identity,
                                    origin,
                                    checksums.of(changeSet, physical, again),
                                    changeSet.isRunInTransaction(),
                                    changes)
                            .withSuppressions(suppressions(changeSet, physical, line))
                            .withValidChecksums(
                                    changeSet.getValidCheckSums().stream()
                                            .map(Object::toString)
                                            .toList())
                            .withPreconditionReads(reads);
            return changeSet.isRunOnChange() || changeSet.isAlwaysRun()
                    ? folded.rerunning()
                    : folded;
        }

        /**
         * {@code kept} where it equals {@code value}, else {@code value}: one string kept, not two.
         */
        private static String same(String kept, String value) {
            return kept != null && kept.equals(value) ? kept : value;
        }

        /**
         * The {@code evoplan:ignore} comments written for a changeset, each covering its changes
         * (they share the changeset's line): in its {@code comment} (any format), in an XML comment
         * right above its {@code <changeSet>} (blank lines between allowed), and as SQL comments
         * inside a formatted-SQL changeset (or before the file's first changeset).
         */
        private List<dev.evoplan.model.Suppression> suppressions(
                ChangeSet changeSet, String physical, int line) {
            String file = changeSet.getFilePath();
            List<dev.evoplan.model.Suppression> out =
                    new ArrayList<>(
                            dev.evoplan.source.sql.MigrationReader.inComment(
                                    changeSet.getComments(),
                                    new Origin(
                                            file,
                                            line,
                                            changeSet.getId(),
                                            changeSet.getAuthor(),
                                            null),
                                    line));
            String name = physical.toLowerCase(java.util.Locale.ROOT);
            // Only XML and formatted SQL have comments outside the changeset to read; their lines
            // are split once per file, not once per changeset (quadratic on a large file).
            boolean commentsAround = name.endsWith(".xml") || name.endsWith(".sql");
            String text = line > 0 && commentsAround ? text(physical) : "";
            if (text.isEmpty()) {
                return out;
            }
            if (name.endsWith(".xml")) {
                int[] starts = lineStarts(physical);
                int above = line - 2;
                while (above >= 0 && ChangesetLines.lineAt(text, starts[above]).isBlank()) {
                    above--;
                }
                if (above >= 0
                        && ChangesetLines.lineAt(text, starts[above]).strip().endsWith("-->")) {
                    int start = above;
                    while (start >= 0
                            && !ChangesetLines.lineAt(text, starts[start]).contains("<!--")) {
                        start--;
                    }
                    for (int i = Math.max(start, 0); i <= above; i++) {
                        out.addAll(
                                dev.evoplan.source.sql.MigrationReader.inComment(
                                        ChangesetLines.lineAt(text, starts[i]),
                                        Origin.file(file, i + 1),
                                        line));
                    }
                }
            } else if (name.endsWith(".sql")) {
                out.addAll(
                        sqlSuppressions
                                .computeIfAbsent(
                                        physical, p -> sqlSuppressionsByChangeset(p, file, text))
                                .getOrDefault(line, List.of()));
            }
            return out;
        }

        /**
         * Where each of the file's lines starts, found once per file and not once per changeset: a
         * changeset's comment is read off the few lines above it, and the file is never held split
         * into a string a line.
         */
        private int[] lineStarts(String physical) {
            return lineStarts.computeIfAbsent(physical, p -> SqlLexer.lineStarts(text(p)));
        }

        /**
         * The suppression comments of a formatted-SQL changelog by the line of the changeset they
         * cover: each comment covers the changeset it sits in, and those before the first changeset
         * cover the first one. One scan of the file, not one per changeset.
         */
        private Map<Integer, List<dev.evoplan.model.Suppression>> sqlSuppressionsByChangeset(
                String physical, String file, String text) {
            int[] starts =
                    lines(physical).entries().stream()
                            .mapToInt(ChangesetLines.Entry::line)
                            .sorted()
                            .toArray();
            Map<Integer, List<dev.evoplan.model.Suppression>> out = new HashMap<>();
            if (starts.length == 0) {
                return out;
            }
            java.util.function.IntUnaryOperator owner =
                    l -> {
                        int at = java.util.Arrays.binarySearch(starts, l);
                        int index = at >= 0 ? at : -at - 2;
                        return starts[Math.max(index, 0)];
                    };
            for (dev.evoplan.model.Suppression s :
                    dev.evoplan.source.sql.MigrationReader.suppressions(
                            text, file, (l, column) -> owner.applyAsInt(l))) {
                out.computeIfAbsent(owner.applyAsInt(s.origin().line()), k -> new ArrayList<>())
                        .add(s);
            }
            return out;
        }

        /**
         * The changeset's modifySql entries that Liquibase would apply on PostgreSQL under these
         * options.
         */
        private List<SqlVisitor> modifySql(ChangeSet changeSet, OfflinePostgres pg) {
            List<SqlVisitor> out = new ArrayList<>();
            for (SqlVisitor visitor : changeSet.getSqlVisitors()) {
                boolean dbms =
                        visitor.getApplicableDbms() == null
                                || visitor.getApplicableDbms().isEmpty()
                                || DatabaseList.definitionMatches(
                                        visitor.getApplicableDbms(), pg.database(), true);
                boolean context =
                        visitor.getContextFilter() == null
                                || visitor.getContextFilter().isEmpty()
                                || options.contexts().isEmpty()
                                || visitor.getContextFilter()
                                        .matches(new Contexts(options.contexts()));
                boolean label =
                        visitor.getLabels() == null
                                || visitor.getLabels().isEmpty()
                                || options.labels().isEmpty()
                                || new LabelExpression(options.labels())
                                        .matches(visitor.getLabels());
                if (dbms && context && label) {
                    out.add(visitor);
                }
            }
            return out;
        }

        ChangesetLines lines(String path) {
            return lines.computeIfAbsent(path, p -> ChangesetLines.scan(p, text(p)));
        }

        /** The file's text as Liquibase reads it, or empty when it cannot be read. */
        String text(String path) {
            return texts.computeIfAbsent(
                    path,
                    p -> {
                        try {
                            for (Resource resource : accessor.getAll(p)) {
                                if (resource.exists()) {
                                    try (InputStream in = resource.openInputStream()) {
                                        String s =
                                                new String(
                                                        in.readAllBytes(), StandardCharsets.UTF_8);
                                        return s.startsWith("\uFEFF") ? s.substring(1) : s;
                                    }
                                }
                            }
                        } catch (IOException | RuntimeException e) {
                            return "";
                        }
                        return "";
                    });
        }

        /**
         * A changelog path as the user can open it: relative to the working directory where it lies
         * below it.
         */
        String display(String liquibasePath) {
            if (liquibasePath == null) {
                return shownMaster;
            }
            if (liquibasePath.equals(master)) {
                return shownMaster;
            }
            if (displayer != null) {
                return displayer.apply(liquibasePath);
            }
            Path cwd = Path.of("").toAbsolutePath();
            for (Path root : roots) {
                Path p;
                try {
                    p = root.resolve(liquibasePath).normalize();
                } catch (RuntimeException e) {
                    continue;
                }
                if (Files.exists(p)) {
                    return p.startsWith(cwd) ? cwd.relativize(p).toString() : p.toString();
                }
            }
            return liquibasePath;
        }
    }
}
