package dev.evoplan.source.git;

import dev.evoplan.model.InputException;
import dev.evoplan.model.LoadedSchema;
import dev.evoplan.model.Origin;
import dev.evoplan.source.liquibase.ChangelogRoots;
import dev.evoplan.source.liquibase.LiquibaseOptions;
import dev.evoplan.source.liquibase.LiquibaseSource;
import dev.evoplan.source.liquibase.ModuleResources;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import liquibase.resource.ResourceAccessor;

/**
 * Loads a {@code git:REF:PATH} source as it is at REF, without a checkout: a Liquibase changelog
 * with every include read from the same tree, or plain SQL (a migration folder, a {@code .sql}
 * file) read as it is on disk.
 */
public final class GitSources {
    private static final String PREFIX = "git:";

    private GitSources() {}

    /** A parsed {@code git:REF:PATH}. */
    public record Spec(String ref, String path) {
        public Spec {
            Objects.requireNonNull(ref, "ref is null");
            Objects.requireNonNull(path, "path is null");
        }

        /**
         * Splits at the first ':' after {@code git:}; git forbids ':' in ref names, so the rest,
         * colons and all, is the path.
         */
        public static Spec parse(String spec) {
            Objects.requireNonNull(spec, "spec is null");
            if (!spec.startsWith(PREFIX)) {
                throw new InputException(spec, 0, "not a git source: expected git:REF:PATH");
            }
            String rest = spec.substring(PREFIX.length());
            int colon = rest.indexOf(':');
            if (colon <= 0 || colon == rest.length() - 1) {
                throw new InputException(
                        spec, 0, "expected git:REF:PATH, e.g. git:origin/main:db/changelog.yaml");
            }
            return new Spec(rest.substring(0, colon), rest.substring(colon + 1));
        }
    }

    /**
     * Loads {@code git:REF:PATH} from the repository holding {@code workingDir}. PATH is read as a
     * path on disk would be, relative to {@code workingDir}, so {@code git:main:X} and {@code X}
     * name the same file and their changesets the same identities. In a bare repository PATH is
     * relative to the top of the tree. The search path (default: the working directory) is mapped
     * into the tree the same way. Every change keeps its states whole: a source read alone (lint
     * --schema, verify, doc read {@code git:} sources so, through {@code Sources.load}).
     */
    public static LoadedSchema load(String spec, LiquibaseOptions options, Path workingDir) {
        return load(spec, options, workingDir, LiquibaseSource.Kept.WHOLE);
    }

    /**
     * As {@link #load(String, LiquibaseOptions, Path)}, keeping of the states what {@code kept}
     * says.
     */
    public static LoadedSchema load(
            String spec, LiquibaseOptions options, Path workingDir, LiquibaseSource.Kept kept) {
        return load(spec, options, workingDir, kept, dev.evoplan.model.Schema.EMPTY);
    }

    /**
     * As {@link #load(String, LiquibaseOptions, Path, LiquibaseSource.Kept)}, a changelog's first
     * changeset running on {@code start} ({@code plan --schema}).
     */
    public static LoadedSchema load(
            String spec,
            LiquibaseOptions options,
            Path workingDir,
            LiquibaseSource.Kept kept,
            dev.evoplan.model.Schema start) {
        Objects.requireNonNull(options, "options is null");
        Objects.requireNonNull(workingDir, "workingDir is null");
        Spec parsed = Spec.parse(spec);
        try (GitTree git = GitTree.open(workingDir)) {
            Snapshot snapshot = git.at(parsed.ref());
            Optional<LoadedSchema> sql =
                    SqlAtRef.load(
                            snapshot,
                            inTree(git, workingDir, Path.of(parsed.path()), spec),
                            spec,
                            start);
            if (sql.isPresent()) {
                return sql.get();
            }
            Reading reading = Reading.of(git, snapshot, parsed, spec, options, workingDir, null);
            return new LiquibaseSource()
                    .load(
                            reading.resources(),
                            reading.master(),
                            spec,
                            reading.display(),
                            options,
                            kept,
                            start);
        }
    }

    /**
     * The base side of a pull request ({@link #pullRequestSides}): as {@link #load}, except that a
     * PATH the merge-base does not have yet is the pull request adding it (its first changelog or
     * migration folder), so the base is empty and every changeset of the head is new work, judged
     * as written. The base is the old side of the comparison, its changesets ran: it keeps what
     * {@link LiquibaseSource.Kept#RAN} keeps, and the head is loaded with {@link
     * LiquibaseSource.Kept#after} it.
     */
    public static LoadedSchema loadPullRequestBase(
            String spec, LiquibaseOptions options, Path workingDir) {
        return loadPullRequestBase(spec, options, workingDir, dev.evoplan.model.Schema.EMPTY);
    }

    /**
     * As {@link #loadPullRequestBase(String, LiquibaseOptions, Path)}, going on from {@code start}
     * ({@code check --schema}): a base without PATH is {@code start}.
     */
    public static LoadedSchema loadPullRequestBase(
            String spec,
            LiquibaseOptions options,
            Path workingDir,
            dev.evoplan.model.Schema start) {
        Spec parsed = Spec.parse(spec);
        try (GitTree git = GitTree.open(workingDir)) {
            if (!git.at(parsed.ref())
                    .exists(inTree(git, workingDir, Path.of(parsed.path()), spec))) {
                return new LoadedSchema(spec, start, List.of());
            }
        }
        return load(spec, options, workingDir, LiquibaseSource.Kept.RAN, start);
    }

    /**
     * The changelog at one snapshot, ready for Liquibase: the master's name and the accessor over
     * its folder then the search path's folders (each a tree path), every path looked at noted in
     * {@code footprint} (when not null).
     */
    private record Reading(
            Snapshot snapshot,
            String master,
            List<String> roots,
            ResourceAccessor resources,
            UnaryOperator<String> display) {
        static Reading of(
                GitTree git,
                Snapshot snapshot,
                Spec parsed,
                String spec,
                LiquibaseOptions options,
                Path workingDir,
                Footprint footprint) {
            String master = inTree(git, workingDir, Path.of(parsed.path()), spec);
            if (!snapshot.exists(master)) {
                throw new InputException(
                        spec, 0, "no file " + master + " at " + snapshot.describe());
            }
            if (snapshot.isFolder(master)) {
                throw new InputException(
                        spec,
                        0,
                        master
                                + " is a folder at "
                                + snapshot.describe()
                                + ": pass a changelog file");
            }
            List<String> roots = new ArrayList<>();
            roots.add(TreePath.parent(master));
            List<Path> extra =
                    options.searchPath().isEmpty() ? List.of(Path.of("")) : options.searchPath();
            for (Path p : extra) {
                String folder = inTree(git, workingDir, p, spec);
                if (!snapshot.isFolder(folder)) {
                    throw new InputException(
                            spec,
                            0,
                            "search path directory "
                                    + p
                                    + " does not exist at "
                                    + snapshot.describe());
                }
                if (!roots.contains(folder)) {
                    roots.add(folder);
                }
            }
            if (footprint != null) {
                footprint.path(master);
                roots.forEach(footprint::path);
            }
            // As on disk: the folders above the master are the classpath a running application has
            // (searched after the master's folder and before the search path). Being above the
            // master they exist wherever it does, so the footprint need not hold them.
            List<String> above = new ArrayList<>();
            for (String folder = TreePath.parent(master); !folder.isEmpty(); ) {
                folder = TreePath.parent(folder);
                if (!roots.contains(folder)) {
                    above.add(folder);
                }
            }
            roots.addAll(1, above);
            List<ResourceAccessor> accessors = new ArrayList<>();
            for (String root : roots) {
                accessors.add(new GitResourceAccessor(snapshot, root, footprint));
            }
            String prefix = PREFIX + parsed.ref() + ":";
            // Last, the other modules' resources, the rest of a running application's classpath.
            List<ChangelogRoots.ModuleRoot> modules = new ArrayList<>();
            String top = ModuleResources.treeTop(TreePath.parent(master));
            List<String> children =
                    snapshot.list(top).stream()
                            .filter(Snapshot.Entry::folder)
                            .map(Snapshot.Entry::name)
                            .filter(name -> !name.startsWith("."))
                            .toList();
            List<String> everyRoot = new ArrayList<>(roots);
            for (String folder : ModuleResources.candidates(top, children)) {
                if (!roots.contains(folder) && snapshot.isFolder(folder)) {
                    modules.add(
                            new ChangelogRoots.ModuleRoot(
                                    prefix + folder,
                                    new GitResourceAccessor(snapshot, folder, footprint)));
                    everyRoot.add(folder);
                }
            }
            return new Reading(
                    snapshot,
                    TreePath.name(master),
                    everyRoot,
                    new ChangelogRoots(accessors, modules),
                    logical -> GitSources.display(snapshot, everyRoot, prefix, logical));
        }

        /** The master as a tree path. */
        String masterTree() {
            return TreePath.join(roots.get(0), master).orElseThrow();
        }
    }

    /**
     * Loads one changelog at many commits of one repository, as {@link #load(String,
     * LiquibaseOptions, Path)} does for each, reusing work between them: git object ids are content
     * hashes, so when no file the last load looked at changed, its result stands; when only the
     * master changed by changesets appended to it, only those are parsed and folded. Anything else
     * is loaded whole. Made for walking history, oldest commit first.
     */
    public static final class Loader implements AutoCloseable {
        private final GitTree git;
        private final Path workingDir;
        private final String path;
        private final LiquibaseOptions options;
        private final LiquibaseSource source = new LiquibaseSource();
        private Footprint.State lastState;
        private String lastMasterTree;
        private LiquibaseSource.Loaded last;
        private int whole;
        private int reused;
        private int appended;

        private Loader(GitTree git, Path workingDir, String path, LiquibaseOptions options) {
            this.git = git;
            this.workingDir = workingDir;
            this.path = path;
            this.options = options;
        }

        /**
         * Opens the repository holding {@code workingDir}; {@code path} is read as {@link
         * #load(String, LiquibaseOptions, Path)} reads it.
         */
        public static Loader open(Path workingDir, String path, LiquibaseOptions options) {
            Objects.requireNonNull(workingDir, "workingDir is null");
            Objects.requireNonNull(path, "path is null");
            Objects.requireNonNull(options, "options is null");
            return new Loader(GitTree.open(workingDir), workingDir, path, options);
        }

        /** The changelog at {@code ref} (a commit), named {@code git:REF:PATH}. */
        public LoadedSchema load(String ref) {
            Objects.requireNonNull(ref, "ref is null");
            String spec = PREFIX + ref + ":" + path;
            Spec parsed = new Spec(ref, path);
            Snapshot snapshot = git.at(ref);
            Optional<LoadedSchema> sql =
                    SqlAtRef.load(snapshot, inTree(git, workingDir, Path.of(path), spec), spec);
            if (sql.isPresent()) {
                // Plain SQL is read whole at each commit: only changelogs have loads to go on from.
                last = null;
                whole++;
                return sql.get();
            }
            Footprint footprint = new Footprint();
            Reading reading =
                    Reading.of(git, snapshot, parsed, spec, options, workingDir, footprint);
            if (last != null && reading.masterTree().equals(lastMasterTree)) {
                Set<String> changed = lastState.changedAt(snapshot);
                if (changed.isEmpty()) {
                    reused++;
                    LoadedSchema was = last.schema();
                    last =
                            new LiquibaseSource.Loaded(
                                    new LoadedSchema(spec, was.schema(), was.history()),
                                    last.resumable());
                    return last.schema();
                }
                if (changed.equals(Set.of(lastMasterTree))) {
                    Optional<LiquibaseSource.Loaded> next =
                            source.append(
                                    last.resumable(), reading.resources(), spec, reading.display());
                    if (next.isPresent()) {
                        appended++;
                        return remember(
                                next.get(),
                                lastState.footprint().with(footprint),
                                snapshot,
                                reading);
                    }
                }
            }
            whole++;
            return remember(
                    source.loadResumable(
                            reading.resources(),
                            reading.master(),
                            spec,
                            reading.display(),
                            options),
                    footprint,
                    snapshot,
                    reading);
        }

        private LoadedSchema remember(
                LiquibaseSource.Loaded loaded,
                Footprint footprint,
                Snapshot snapshot,
                Reading reading) {
            last = loaded;
            lastState = footprint.at(snapshot);
            lastMasterTree = reading.masterTree();
            return loaded.schema();
        }

        /**
         * How the loads went: loaded whole, reused unchanged, or gone on from by appended
         * changesets.
         */
        public String counts() {
            return whole + " loaded whole, " + reused + " unchanged, " + appended + " appended to";
        }

        @Override
        public void close() {
            git.close();
        }
    }

    /** A changelog's Liquibase path as the user can find it: git:REF:tree-path. */
    private static String display(
            Snapshot snapshot, List<String> roots, String prefix, String logical) {
        for (String root : roots) {
            String tree = TreePath.join(root, logical).orElse(null);
            if (tree != null && snapshot.isFile(tree)) {
                return prefix + tree;
            }
        }
        return prefix + logical;
    }

    /** A path on disk (relative to the working directory) as a path in the repository's tree. */
    static String inTree(GitTree git, Path workingDir, Path path, String spec) {
        if (git.workTree().isEmpty()) {
            if (path.isAbsolute()) {
                throw new InputException(
                        spec,
                        0,
                        "a bare repository has no working tree: give the path from the top of the tree");
            }
            return TreePath.normalize(path.toString())
                    .orElseThrow(
                            () ->
                                    new InputException(
                                            spec,
                                            0,
                                            path + " climbs above the top of the repository"));
        }
        Path top = git.workTree().get().toAbsolutePath().normalize();
        Path abs = workingDir.toAbsolutePath().resolve(path).normalize();
        Path real = realTop(top, abs);
        if (!abs.startsWith(real)) {
            throw new InputException(spec, 0, path + " is outside the repository at " + top);
        }
        return real.relativize(abs).toString().replace('\\', '/');
    }

    /**
     * The working tree's top as the path is spelled (the working directory may reach it through a
     * link).
     */
    private static Path realTop(Path top, Path abs) {
        if (abs.startsWith(top)) {
            return top;
        }
        try {
            Path realTop = top.toRealPath();
            return abs.startsWith(realTop) ? realTop : top;
        } catch (java.io.IOException e) {
            return top;
        }
    }

    /**
     * The two sides a pull request shows for {@code path}: the file at the merge-base of {@code
     * baseRef} and {@code headRef}, and the file at {@code headRef} ({@link GitTree#WORKTREE}: the
     * file on disk, uncommitted edits included). Returned as source specs.
     */
    public static List<String> pullRequestSides(
            Path workingDir, String baseRef, String headRef, String path) {
        boolean onDisk = GitTree.WORKTREE.equals(headRef);
        String mergeBase = GitTree.mergeBase(workingDir, baseRef, onDisk ? "HEAD" : headRef);
        String from =
                "git:" + mergeBase.substring(0, Math.min(12, mergeBase.length())) + ":" + path;
        String to = onDisk ? path : "git:" + headRef + ":" + path;
        return List.of(from, to);
    }

    /**
     * For findings of a pull request ({@link #pullRequestSides}): each origin with the commit on
     * the branch that introduced its changeset (the oldest commit after the merge-base whose file
     * holds the changeset's line), or "uncommitted" for what only the working tree has. For plain
     * SQL (a migration folder or a {@code .sql} file) a file the merge-base lacks was introduced by
     * the commit that added it; in a file the merge-base has, the statement's line is looked for as
     * a changeset's is. Origins without a file, or without a line where one is needed, are left out
     * of the map.
     */
    public static Map<Origin, Origin> introducingCommits(
            Path workingDir,
            String baseRef,
            String headRef,
            String path,
            Collection<Origin> origins) {
        boolean onDisk = GitTree.WORKTREE.equals(headRef);
        String commitHead = onDisk ? "HEAD" : headRef;
        Map<Origin, Origin> result = new HashMap<>();
        try (GitTree git = GitTree.open(workingDir)) {
            String mergeBase = git.mergeBase(baseRef, commitHead);
            Snapshot head = git.at(headRef);
            Snapshot baseSnapshot = git.at(mergeBase);
            String master = inTree(git, workingDir, Path.of(path), path);
            SqlAtRef.Kind kind = SqlAtRef.kind(head, master);
            // A migration folder's origins name files inside it; a changelog's and a SQL file's,
            // files beside it.
            String folder = kind == SqlAtRef.Kind.FOLDER ? master : TreePath.parent(master);
            Map<String, String> found = new HashMap<>();
            Map<String, String[]> headLines = new HashMap<>();
            for (Origin origin : origins) {
                if (origin.file() == null
                        || origin.commit() != null
                        || result.containsKey(origin)) {
                    continue;
                }
                Optional<String> tree = TreePath.join(folder, origin.file()).filter(head::isFile);
                if (tree.isEmpty()) {
                    continue;
                }
                if (kind != SqlAtRef.Kind.CHANGELOG) {
                    String commit =
                            sqlCommit(
                                    git,
                                    mergeBase,
                                    commitHead,
                                    head,
                                    baseSnapshot,
                                    tree.get(),
                                    origin,
                                    found);
                    if (commit == null
                            && onDisk
                            && !head.blobId(tree.get())
                                    .equals(git.at(commitHead).blobId(tree.get()))) {
                        commit = "the working tree (not committed yet)";
                    }
                    if (commit != null) {
                        result.put(origin, origin.withCommit(commit));
                    }
                    continue;
                }
                if (origin.line() <= 0) {
                    continue;
                }
                String[] lines =
                        headLines.computeIfAbsent(
                                tree.get(),
                                t ->
                                        new String(head.read(t), StandardCharsets.UTF_8)
                                                .split("\\R", -1));
                int at = idLine(lines, origin);
                if (at < 0) {
                    continue;
                }
                String needle = lines[at].strip();
                // A changeset repeated in the file (a duplicate id) is the n-th line like it.
                int nth = 0;
                for (int i = 0; i <= at; i++) {
                    nth += lines[i].strip().equals(needle) ? 1 : 0;
                }
                if (baseSnapshot.isFile(tree.get())
                        && git.count(baseSnapshot, tree.get(), needle) >= nth) {
                    // Older than the branch: nothing on it introduced this changeset.
                    continue;
                }
                int times = nth;
                String commit =
                        found.computeIfAbsent(
                                tree.get() + "\n" + needle + "\n" + nth,
                                k ->
                                        git.introducingCommit(
                                                        mergeBase,
                                                        commitHead,
                                                        tree.get(),
                                                        needle,
                                                        times)
                                                .orElse(
                                                        onDisk
                                                                ? "the working tree (not committed yet)"
                                                                : null));
                if (commit != null) {
                    result.put(origin, origin.withCommit(commit));
                }
            }
        }
        return result;
    }

    /**
     * The commit on the branch that introduced a plain SQL origin, or null: for a file the
     * merge-base lacks, the commit that added the file (a migration is the whole file); for one it
     * has, the commit that wrote the statement's line, else the first commit that changed the file
     * (an edited migration whose first line stayed). Null too when the file is as on the base.
     */
    private static String sqlCommit(
            GitTree git,
            String mergeBase,
            String commitHead,
            Snapshot head,
            Snapshot base,
            String tree,
            Origin origin,
            Map<String, String> found) {
        if (!base.isFile(tree)) {
            return found.computeIfAbsent(
                    tree, k -> git.addingCommit(mergeBase, commitHead, k).orElse(null));
        }
        if (head.blobId(tree).equals(base.blobId(tree))) {
            return null;
        }
        if (origin.line() > 0) {
            String[] lines = new String(head.read(tree), StandardCharsets.UTF_8).split("\\R", -1);
            int at = origin.line() - 1;
            if (at < lines.length && !lines[at].isBlank()) {
                String needle = lines[at].strip();
                int nth = 0;
                for (int i = 0; i <= at; i++) {
                    nth += lines[i].strip().equals(needle) ? 1 : 0;
                }
                if (git.count(base, tree, needle) < nth) {
                    int times = nth;
                    String commit =
                            found.computeIfAbsent(
                                    tree + "\n" + needle + "\n" + nth,
                                    k ->
                                            git.introducingCommit(
                                                            mergeBase,
                                                            commitHead,
                                                            tree,
                                                            needle,
                                                            times)
                                                    .orElse(null));
                    if (commit != null) {
                        return commit;
                    }
                }
            }
        }
        return found.computeIfAbsent(
                tree + "\nchanged",
                k -> git.changingCommit(mergeBase, commitHead, tree).orElse(null));
    }

    /**
     * The index of the line that names the changeset's id, at or just after the line the source
     * gave (a YAML changeset starts with "- changeSet:" and names its id a line or two later): a
     * text unique to that changeset (or to its copies), to look for in older versions of the file;
     * -1 when there is none.
     */
    private static int idLine(String[] lines, Origin origin) {
        String id = origin.changesetId();
        // The id as a whole word: an id such as "c" must not match "changeSet".
        java.util.regex.Pattern word =
                id == null
                        ? null
                        : java.util.regex.Pattern.compile(
                                "(^|[^\\w-])" + java.util.regex.Pattern.quote(id) + "($|[^\\w-])");
        int from = origin.line() - 1;
        for (int i = from; i < Math.min(lines.length, from + 12); i++) {
            if ((word == null ? i == from : word.matcher(lines[i]).find()) && !lines[i].isBlank()) {
                return i;
            }
        }
        return -1;
    }
}
