package dev.evoplan.source.git;

import dev.evoplan.model.InputException;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.eclipse.jgit.errors.AmbiguousObjectException;
import org.eclipse.jgit.errors.IncorrectObjectTypeException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.errors.RevisionSyntaxException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.RepositoryCache;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.revwalk.filter.RevFilter;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.util.FS;

/**
 * A git repository opened for reading files at any ref, straight from the object database: nothing
 * is checked out, and the working tree and index are never written.
 */
public final class GitTree implements AutoCloseable {
    /** The ref that means the working tree as it is on disk, uncommitted changes included. */
    public static final String WORKTREE = "WORKTREE";

    private final Repository repository;
    private final Path top;

    /**
     * How many times each stripped line occurs in a blob, by blob id: a check walks the branch's
     * commits once per changeset it traces, and most of them hold the same few versions of the
     * changelog, so each version is split into lines once.
     */
    private final Map<String, Map<String, Integer>> lineCounts = new HashMap<>();

    /** The commits' snapshots the walks looked at, by commit id, with what each has read. */
    private final Map<String, CommitSnapshot> walked = new HashMap<>();

    private GitTree(Repository repository, Path top) {
        this.repository = repository;
        this.top = top;
    }

    /**
     * Opens the repository that holds {@code dir}, looking in it and then in each parent folder: a
     * normal clone, a linked worktree ({@code .git} file) or a bare repository.
     */
    public static GitTree open(Path dir) {
        Objects.requireNonNull(dir, "dir is null");
        Path start = dir.toAbsolutePath().normalize();
        if (!Files.isDirectory(start)) {
            throw new InputException(
                    dir.toString(), 0, "no such folder, so no git repository to read");
        }
        for (Path d = start; d != null; d = d.getParent()) {
            Path dotGit = d.resolve(Constants.DOT_GIT);
            try {
                if (Files.isDirectory(dotGit)
                        && RepositoryCache.FileKey.isGitRepository(dotGit.toFile(), FS.DETECTED)) {
                    return new GitTree(repository(dotGit.toFile(), d.toFile()), d);
                }
                if (Files.isRegularFile(dotGit)) {
                    // A linked worktree or a submodule: .git is a file naming the real git folder.
                    File gitDir = new FileRepositoryBuilder().findGitDir(d.toFile()).getGitDir();
                    if (gitDir != null) {
                        return new GitTree(repository(gitDir, d.toFile()), d);
                    }
                }
                if (RepositoryCache.FileKey.isGitRepository(d.toFile(), FS.DETECTED)) {
                    return new GitTree(repository(d.toFile(), null), null);
                }
            } catch (IOException | IllegalArgumentException e) {
                throw new InputException(
                        d.toString(), 0, "cannot open the git repository: " + e.getMessage(), e);
            }
        }
        throw new InputException(
                dir.toString(),
                0,
                "not inside a git repository (no .git here or in any parent folder)");
    }

    /**
     * The repository at {@code gitDir} with that work tree (null: bare): the one of the thread's
     * open {@link Sharing}, else one of its own that the tree's {@link #close} closes.
     */
    private static Repository repository(File gitDir, File workTree) throws IOException {
        Sharing sharing = Sharing.CURRENT.get();
        return sharing != null ? sharing.hold(gitDir, workTree) : build(gitDir, workTree);
    }

    private static Repository build(File gitDir, File workTree) throws IOException {
        FileRepositoryBuilder builder = new FileRepositoryBuilder().setGitDir(gitDir);
        return workTree == null ? builder.setBare().build() : builder.setWorkTree(workTree).build();
    }

    /**
     * Shares each repository among the trees opened on this thread until it is closed. A run opens
     * one ({@code cli.Main}): plan of two refs, or {@code check --base}, opens the same repository
     * for each side and each walk, and each opening read its pack index again (6.8 MB for
     * Fineract's 240,000 objects, each copy living long enough to be promoted). Refs, objects and
     * packs written in between are seen all the same: jgit checks the files on disk for each.
     *
     * <p>The caller owns it: it holds each repository it opened ({@link Repository#incrementOpen})
     * until its {@link #close}, every tree takes a hold of its own, and the trees of other threads
     * (tests in parallel) and of no sharing open their own.
     */
    public static final class Sharing implements AutoCloseable {
        private static final ThreadLocal<Sharing> CURRENT = new ThreadLocal<>();

        private final Sharing outer;
        private final Thread owner = Thread.currentThread();
        private final Map<List<File>, Repository> open = new HashMap<>();

        private Sharing(Sharing outer) {
            this.outer = outer;
        }

        /** Shares repositories on this thread until the returned sharing is closed. */
        public static Sharing open() {
            Sharing s = new Sharing(CURRENT.get());
            CURRENT.set(s);
            return s;
        }

        private Repository hold(File gitDir, File workTree) throws IOException {
            List<File> key = java.util.Arrays.asList(gitDir, workTree);
            Repository r = open.get(key);
            if (r == null) {
                r = build(gitDir, workTree);
                open.put(key, r);
            }
            r.incrementOpen();
            return r;
        }

        @Override
        public void close() {
            if (Thread.currentThread() != owner || CURRENT.get() != this) {
                throw new IllegalStateException(
                        "a sharing is closed on its thread, innermost first");
            }
            open.values().forEach(Repository::close);
            open.clear();
            if (outer == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(outer);
            }
        }
    }

    /**
     * The merge base of two refs in the repository holding {@code dir}: see {@link
     * #mergeBase(String, String)}.
     */
    public static String mergeBase(Path dir, String left, String right) {
        try (GitTree tree = open(dir)) {
            return tree.mergeBase(left, right);
        }
    }

    /** The top of the working tree, or empty for a bare repository. */
    public Optional<Path> workTree() {
        return Optional.ofNullable(top);
    }

    /** Whether this is a shallow clone (its history stops at a {@code .git/shallow} boundary). */
    public boolean isShallow() {
        Path shallow = repository.getCommonDirectory().toPath().resolve("shallow");
        try {
            return Files.isRegularFile(shallow)
                    && !Files.readString(shallow, StandardCharsets.US_ASCII).isBlank();
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * The files at {@code ref}: a branch, tag, remote-tracking branch, commit id or abbreviation,
     * or an expression such as {@code HEAD~3}; {@link #WORKTREE} is the working tree on disk.
     */
    public Snapshot at(String ref) {
        Objects.requireNonNull(ref, "ref is null");
        if (ref.equals(WORKTREE)) {
            if (top == null) {
                throw new InputException(
                        "git:" + ref, 0, "a bare repository has no working tree to read");
            }
            return new WorkingTreeSnapshot(top);
        }
        RevCommit commit = commit(ref);
        return new CommitSnapshot(repository, ref, commit.copy(), commit.getTree().copy());
    }

    /**
     * The best common ancestor of two refs, as a pull request's diff is taken from: the full commit
     * id. When there are several (criss-cross merges) the first jgit finds is given.
     */
    public String mergeBase(String left, String right) {
        Objects.requireNonNull(left, "left is null");
        Objects.requireNonNull(right, "right is null");
        RevCommit a = commit(left);
        RevCommit b = commit(right);
        try (RevWalk walk = new RevWalk(repository)) {
            walk.setRevFilter(RevFilter.MERGE_BASE);
            walk.markStart(walk.parseCommit(a));
            walk.markStart(walk.parseCommit(b));
            RevCommit base = walk.next();
            if (base != null) {
                return base.name();
            }
        } catch (MissingObjectException e) {
            throw new InputException(
                    left + "..." + right,
                    0,
                    "the merge base of "
                            + left
                            + " and "
                            + right
                            + " is not in this repository"
                            + fetchAdvice(left, right),
                    e);
        } catch (IOException e) {
            throw new InputException(
                    left + "..." + right, 0, "cannot walk the history: " + e.getMessage(), e);
        }
        if (isShallow()) {
            throw new InputException(
                    left + "..." + right,
                    0,
                    "no merge base of "
                            + left
                            + " and "
                            + right
                            + " in the history fetched so far"
                            + fetchAdvice(left, right));
        }
        throw new InputException(
                left + "..." + right, 0, left + " and " + right + " have no common history");
    }

    /**
     * The oldest commit reachable from {@code headRef} but not from {@code baseRef} whose version
     * of {@code treePath} contains {@code needle}: the commit on a branch that introduced that
     * text. Empty when the base already has it (the text is older than the branch) or no commit in
     * that range has it (for example an uncommitted edit).
     *
     * @return a short id with its author and subject, e.g. {@code 1a2b3c4 (Jane Doe: add index)}
     */
    public Optional<String> introducingCommit(
            String baseRef, String headRef, String treePath, String needle) {
        return introducingCommit(baseRef, headRef, treePath, needle, 1);
    }

    /**
     * As {@link #introducingCommit(String, String, String, String)}, for the {@code nth} line
     * (1-based) whose text, stripped, is {@code needle}: the oldest commit whose version of the
     * file has that many such lines. A changeset repeated with the same id line is found this way.
     */
    public Optional<String> introducingCommit(
            String baseRef, String headRef, String treePath, String needle, int nth) {
        return oldestOnBranch(
                baseRef, headRef, snapshot -> contains(snapshot, treePath, needle, nth));
    }

    /**
     * The oldest commit reachable from {@code headRef} but not from {@code baseRef} that has a file
     * at {@code treePath}: the commit on a branch that added the file (a SQL migration). Empty when
     * the base already has it or no commit in that range does (an uncommitted file).
     *
     * @return a short id with its author and subject, as {@link #introducingCommit(String, String,
     *     String, String)} gives
     */
    public Optional<String> addingCommit(String baseRef, String headRef, String treePath) {
        return oldestOnBranch(baseRef, headRef, snapshot -> snapshot.isFile(treePath));
    }

    /**
     * The oldest commit reachable from {@code headRef} but not from {@code baseRef} whose file at
     * {@code treePath} differs from the base's (changed, added or removed): the commit on a branch
     * that first edited the file. Empty when no commit in that range changed it.
     */
    public Optional<String> changingCommit(String baseRef, String headRef, String treePath) {
        RevCommit base = commit(baseRef);
        Optional<String> before =
                new CommitSnapshot(repository, base.name(), base, base.getTree()).blobId(treePath);
        return oldestOnBranch(
                baseRef, headRef, snapshot -> !snapshot.blobId(treePath).equals(before));
    }

    /**
     * The oldest commit of {@code base..head} (topological order) whose files pass {@code test},
     * unless the base's do.
     */
    private Optional<String> oldestOnBranch(
            String baseRef, String headRef, java.util.function.Predicate<Snapshot> test) {
        RevCommit head = commit(headRef);
        RevCommit base = commit(baseRef);
        if (test.test(walkedSnapshot(base))) {
            return Optional.empty();
        }
        try (RevWalk walk = new RevWalk(repository)) {
            walk.markStart(walk.parseCommit(head));
            walk.markUninteresting(walk.parseCommit(base));
            walk.sort(org.eclipse.jgit.revwalk.RevSort.TOPO, true);
            walk.sort(org.eclipse.jgit.revwalk.RevSort.REVERSE, true);
            for (RevCommit c : walk) {
                if (test.test(walkedSnapshot(c))) {
                    walk.parseBody(c);
                    return Optional.of(
                            c.abbreviate(7).name()
                                    + " ("
                                    + c.getAuthorIdent().getName()
                                    + ": "
                                    + c.getShortMessage()
                                    + ")");
                }
            }
        } catch (IOException e) {
            throw new InputException(
                    baseRef + ".." + headRef, 0, "cannot walk the history: " + e.getMessage(), e);
        }
        return Optional.empty();
    }

    private CommitSnapshot walkedSnapshot(RevCommit c) {
        return walked.computeIfAbsent(
                c.name(), k -> new CommitSnapshot(repository, k, c, c.getTree()));
    }

    private boolean contains(Snapshot snapshot, String treePath, String needle, int nth) {
        return snapshot.isFile(treePath) && count(snapshot, treePath, needle) >= nth;
    }

    /**
     * How many lines of the file at {@code treePath} (which must be a file) are, stripped, {@code
     * line}: as {@link #count(byte[], String)}, each version of the file split once.
     */
    int count(Snapshot snapshot, String treePath, String line) {
        Optional<String> blob = snapshot.blobId(treePath);
        if (blob.isEmpty()) {
            return count(snapshot.read(treePath), line);
        }
        return lineCounts
                .computeIfAbsent(blob.get(), id -> lineCounts(snapshot.read(treePath)))
                .getOrDefault(line, 0);
    }

    private static Map<String, Integer> lineCounts(byte[] file) {
        Map<String, Integer> counts = new HashMap<>();
        for (String l : new String(file, StandardCharsets.UTF_8).split("\\R", -1)) {
            counts.merge(l.strip(), 1, Integer::sum);
        }
        return counts;
    }

    /** How many lines of the file are, stripped, {@code line}. */
    static int count(byte[] file, String line) {
        int n = 0;
        for (String l : new String(file, StandardCharsets.UTF_8).split("\\R", -1)) {
            n += l.strip().equals(line) ? 1 : 0;
        }
        return n;
    }

    /** The commit a ref names, headers parsed; InputException when it names none. */
    RevCommit commit(String ref) {
        String where = "git:" + ref;
        if (ref.isBlank()) {
            throw new InputException(where, 0, "empty git ref");
        }
        ObjectId id;
        try {
            id = repository.resolve(ref + "^{commit}");
        } catch (AmbiguousObjectException e) {
            throw new InputException(
                    where,
                    0,
                    "git ref '" + ref + "' is an ambiguous abbreviation: give more digits",
                    e);
        } catch (IncorrectObjectTypeException e) {
            throw new InputException(where, 0, "git ref '" + ref + "' does not name a commit", e);
        } catch (MissingObjectException e) {
            throw new InputException(
                    where,
                    0,
                    "git ref '"
                            + ref
                            + "' names a commit that is not in this repository"
                            + fetchAdvice(ref),
                    e);
        } catch (RevisionSyntaxException e) {
            throw new InputException(where, 0, "'" + ref + "' is not a valid git ref", e);
        } catch (IOException e) {
            throw new InputException(
                    where, 0, "cannot resolve git ref '" + ref + "': " + e.getMessage(), e);
        }
        if (id == null) {
            throw new InputException(where, 0, "unknown git ref '" + ref + "'" + unknownHint(ref));
        }
        try (RevWalk walk = new RevWalk(repository)) {
            RevCommit commit = walk.parseCommit(id);
            walk.parseHeaders(commit);
            return commit;
        } catch (MissingObjectException e) {
            throw new InputException(
                    where,
                    0,
                    "git ref '"
                            + ref
                            + "' names a commit that is not in this repository"
                            + fetchAdvice(ref),
                    e);
        } catch (IOException e) {
            throw new InputException(
                    where, 0, "cannot read commit " + ref + ": " + e.getMessage(), e);
        }
    }

    /**
     * What may be wrong with a ref that resolves to nothing: a shallow clone, or a branch only on
     * the remote.
     */
    private String unknownHint(String ref) {
        if (isShallow()) {
            return fetchAdvice(ref);
        }
        try {
            if (!ref.contains("/")
                    && repository.exactRef(Constants.R_REMOTES + "origin/" + ref) != null) {
                return " (not a local branch: did you mean origin/" + ref + "?)";
            }
        } catch (IOException e) {
            return "";
        }
        return " (not a branch, tag or commit in this repository)";
    }

    /**
     * How to get the missing history. CI checkouts are shallow by default, the usual cause; the
     * advice names the first ref that is a branch, so the command can be pasted. It deepens the
     * checked-out history too ({@code --deepen}: a merge base needs both sides) and names where the
     * branch lands, since a single-branch clone keeps no remote-tracking branch for it.
     */
    private String fetchAdvice(String... refs) {
        String fetch = "git fetch --unshallow origin";
        for (String ref : refs) {
            String branch = ref.replaceFirst("^origin/", "").replaceFirst("[~^@].*$", "");
            if (!branch.isEmpty()
                    && !branch.matches("[0-9a-fA-F]{4,40}")
                    && !branch.equals(Constants.HEAD)
                    && !branch.equals("FETCH_HEAD")) {
                fetch =
                        "git fetch --deepen=1000 origin "
                                + branch
                                + ":"
                                + Constants.R_REMOTES
                                + "origin/"
                                + branch;
                break;
            }
        }
        String where = isShallow() ? " (this is a shallow clone)" : "";
        return where
                + "; fetch the history it needs: `"
                + fetch
                + "`, or `fetch-depth: 0` in actions/checkout";
    }

    /** The repository, for readers in this package that walk history. */
    Repository repository() {
        return repository;
    }

    @Override
    public void close() {
        repository.close();
    }
}
