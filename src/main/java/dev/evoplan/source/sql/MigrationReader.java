package dev.evoplan.source.sql;

import dev.evoplan.model.InputException;
import dev.evoplan.model.Migration;
import dev.evoplan.model.MigrationStatement;
import dev.evoplan.model.MixedTransaction;
import dev.evoplan.model.Origin;
import dev.evoplan.model.Schema;
import dev.evoplan.model.SourceChange;
import dev.evoplan.model.StreamedMigration;
import dev.evoplan.model.Suppression;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads SQL migrations as written, for lint: each file's statements folded in order into a schema
 * that assumes what they take for granted, each with the session state it runs in (the transaction
 * it is part of, by the file's migration tool's conventions and its own BEGIN and COMMIT; the
 * {@code lock_timeout} in force), and the suppression comments of the file.
 */
public final class MigrationReader {
    private static final Pattern SUPPRESSION =
            Pattern.compile("--\\s*evoplan:(ignore-file|ignore)\\b(.*)$");

    /** What every suppression comment holds. */
    static final String MARKER = "evoplan:ignore";

    private static final Pattern DISABLED = Pattern.compile("(?i)^(0+(ms|s|min|h|d)?|default)$");

    private final SqlStatementApplier folder;
    private final boolean assumeInTransaction;
    private final String assumedLockTimeout;

    /**
     * @param start what is known to exist before the first migration (empty when nothing is)
     * @param assumeInTransaction the runner wraps every plain file in a transaction
     * @param assumedLockTimeout the lock_timeout the runner sets for every session, or null
     */
    public MigrationReader(Schema start, boolean assumeInTransaction, String assumedLockTimeout) {
        this.folder = SqlStatementApplier.assumingExisting(start);
        this.assumeInTransaction = assumeInTransaction;
        this.assumedLockTimeout = assumedLockTimeout;
    }

    /** The schema after every migration read so far. */
    public Schema schema() {
        return folder.schema();
    }

    /** The next migration runs on {@code next}: what an input read in between left. */
    public void goOnFrom(Schema next) {
        folder.goOnFrom(next);
    }

    /**
     * The migrations of a folder in the order its tool runs them, or a single {@code .sql} file;
     * {@code shown} is how the user named it (reported paths start with it).
     */
    public List<Migration> read(Path fileOrFolder, String shown) {
        List<Migration> out = new ArrayList<>();
        each(fileOrFolder, shown).forEach(m -> out.add(m.whole()));
        return out;
    }

    /**
     * The same migrations, each parsed only when iteration reaches it and its statements folded
     * only as they are taken, so that a caller judging one statement at a time does not keep every
     * statement's schema states alive. A file's statements must all be taken before the next file
     * is: the next one is folded from the schema this one leaves. The folder is listed at once: a
     * missing input fails here, not halfway.
     */
    public Iterable<StreamedMigration> each(Path fileOrFolder, String shown) {
        if (!Files.exists(fileOrFolder)) {
            throw new InputException(shown, 0, "no such file or folder");
        }
        if (!Files.isDirectory(fileOrFolder)) {
            String name = fileOrFolder.getFileName().toString();
            MigrationFile single =
                    MigrationFile.inOrder(List.of(name)).stream()
                            .findFirst()
                            .orElse(MigrationFile.single(name));
            return () -> lazily(List.of(fileOrFolder), p -> readFile(p, shown, single.tool()));
        }
        List<String> listing = SqlSource.list(fileOrFolder, shown);
        java.util.function.Function<String, java.util.Optional<String>> text =
                SqlSource.inFolderOnDisk(fileOrFolder);
        List<MigrationFile> files = MigrationFile.inOrder(listing, text, shown);
        if (files.isEmpty()) {
            throw new InputException(shown, 0, SqlSource.NO_MIGRATIONS);
        }
        String prefix = shown.endsWith("/") ? shown : shown + "/";
        // Said once, with the folder's first migration: files a manifest leaves out are not read.
        List<String> leftOut =
                MigrationFile.leftOutByManifests(listing, files, text).stream()
                        .map(
                                p ->
                                        prefix
                                                + p
                                                + ": note: not listed in "
                                                + p.substring(0, p.indexOf('/'))
                                                + "/manifest.json, so not read (temporal-sql-tool does not run it)")
                        .toList();
        MigrationFile first = files.get(0);
        return () ->
                lazily(
                        files,
                        f -> {
                            StreamedMigration read =
                                    f.program() != null
                                            ? program(f, prefix + f.relativePath())
                                            : readFile(
                                                    fileOrFolder.resolve(f.relativePath()),
                                                    prefix + f.relativePath(),
                                                    f.tool());
                            return f == first && !leftOut.isEmpty()
                                    ? withNotes(read, leftOut)
                                    : read;
                        });
    }

    private static StreamedMigration withNotes(StreamedMigration read, List<String> more) {
        Migration m = read.outline();
        List<String> notes = new ArrayList<>(more);
        notes.addAll(m.notes());
        return new StreamedMigration(
                new Migration(
                        m.file(),
                        m.tool(),
                        m.statements(),
                        m.suppressions(),
                        notes,
                        m.mixedTransaction(),
                        m.transactionIssues()),
                read.statements());
    }

    /** Maps each item when the iterator reaches it (a stream's iterator may read ahead). */
    private static <T> java.util.Iterator<StreamedMigration> lazily(
            List<T> items, java.util.function.Function<T, StreamedMigration> read) {
        java.util.Iterator<T> it = items.iterator();
        return new java.util.Iterator<>() {
            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public StreamedMigration next() {
                return read.apply(it.next());
            }
        };
    }

    /**
     * A migration that is code ({@link MigrationFile#program}): not read, one change a person must
     * review, run on the schema the files before it left, in the session its tool gives it
     * (Synapse's upgrade transaction; a session of its own for a Flyway script).
     */
    private StreamedMigration program(MigrationFile f, String shown) {
        boolean inTransaction = f.programInTransaction();
        Session session = session(inTransaction, f.tool());
        Origin at = Origin.file(shown, 1);
        MigrationStatement statement =
                new MigrationStatement(
                        f.programChange(folder.schema(), at),
                        inTransaction,
                        Math.max(1, session.transaction()),
                        session.lockTimeout());
        Migration outline = new Migration(shown, f.tool().label(), List.of(), List.of(), List.of());
        return new StreamedMigration(outline, List.of(statement).iterator());
    }

    private StreamedMigration readFile(Path path, String shown, MigrationFile.Tool tool) {
        String sql = tool.script(text(path, shown));
        SqlScript script = SqlParser.parse(sql, shown);
        // A plain file's own BEGIN and COMMIT are followed statement by statement (Session).
        boolean implicit =
                tool == MigrationFile.Tool.PLAIN
                        ? assumeInTransaction
                        : tool.runsInTransaction(
                                script,
                                path.getFileName().toString(),
                                SqlSource.besideOnDisk(path));
        // The transaction statements that do not do what they say are known from the statements
        // alone: one pass of the session now, another while folding gives each its state.
        Session outlined = session(implicit, tool);
        for (SqlStatement s : script.statements()) {
            outlined.before(s);
            outlined.after(s);
        }
        outlined.end();
        List<String> notes =
                script.diagnostics().stream()
                        .filter(d -> d.severity() != Diagnostic.Severity.ERROR)
                        .map(Diagnostic::toString)
                        .toList();
        MixedTransaction refused =
                tool.mixedTransaction(
                        script,
                        path.getFileName().toString(),
                        SqlSource.besideOnDisk(path),
                        implicit);
        Migration outline =
                new Migration(
                        shown,
                        tool.label(),
                        List.of(),
                        suppressions(sql, shown, script),
                        notes,
                        refused,
                        outlined.issues());
        return new StreamedMigration(outline, folded(script, session(implicit, tool)));
    }

    /**
     * How a session runs a file of {@code tool}. A tool that {@linkplain
     * MigrationFile.Tool#sendsOneQuery sends the file as one multi-statement query} gets
     * PostgreSQL's implicit block, which a BEGIN in the file turns into its own without a warning,
     * and a COMMIT ends.
     */
    private Session session(boolean implicit, MigrationFile.Tool tool) {
        return new Session(implicit, assumedLockTimeout, tool.label(), tool.sendsOneQuery());
    }

    /** The script's statements, each folded (and the parse let go of) when it is taken. */
    private java.util.Iterator<MigrationStatement> folded(SqlScript script, Session session) {
        // Taken off a queue: a statement's parse is garbage once it is folded.
        java.util.ArrayDeque<SqlStatement> parsed = new java.util.ArrayDeque<>(script.statements());
        return new java.util.Iterator<>() {
            @Override
            public boolean hasNext() {
                return !parsed.isEmpty();
            }

            @Override
            public MigrationStatement next() {
                SqlStatement s = parsed.remove();
                session.before(s);
                SourceChange change = folder.fold(s);
                Span span = s.span();
                SourceChange placed =
                        change.at(Origin.statement(span.file(), span.line(), span.column()));
                MigrationStatement statement =
                        new MigrationStatement(
                                placed,
                                session.inTransaction(),
                                session.transaction(),
                                session.lockTimeout(),
                                session.timeZone());
                session.after(s);
                return statement;
            }
        };
    }

    /**
     * The transaction and {@code lock_timeout} state of a session running one file, statement by
     * statement: {@link #before} is called before a statement is recorded, {@link #after} once it
     * ran.
     */
    private static final class Session {
        /**
         * The wrapper is PostgreSQL's implicit block of a multi-statement query (golang-migrate).
         */
        private final boolean implicitBlock;

        private final String tool;

        /** A transaction block is open: the tool's, or one the file's own BEGIN opened. */
        private boolean open;

        /** The open block is the tool's wrapper (its BEGIN is not in the file). */
        private boolean wrapper;

        private Origin openedAt;
        private int counter;
        private int current;
        private String sessionTimeout;
        private String localTimeout;
        // The TimeZone a statement runs under decides whether timestamp <-> timestamptz rewrites
        // (12+).
        private String sessionTimeZone;
        private String localTimeZone;
        private final List<dev.evoplan.model.TransactionIssue> issues = new ArrayList<>();

        Session(boolean implicit, String assumedLockTimeout, String tool, boolean implicitBlock) {
            this.implicitBlock = implicitBlock;
            this.tool = tool;
            // 0 means no timeout, as in PostgreSQL: the runner protects nothing then.
            this.sessionTimeout = disabled(assumedLockTimeout) ? null : assumedLockTimeout;
            if (implicit) {
                open = true;
                wrapper = true;
                current = ++counter;
            }
        }

        boolean inTransaction() {
            return open;
        }

        int transaction() {
            return current;
        }

        List<dev.evoplan.model.TransactionIssue> issues() {
            return List.copyOf(issues);
        }

        private void issue(dev.evoplan.model.TransactionIssue.Kind kind, Origin at) {
            issues.add(new dev.evoplan.model.TransactionIssue(kind, at, tool));
        }

        private static Origin at(SqlStatement s) {
            return Origin.statement(s.span().file(), s.span().line(), s.span().column());
        }

        String lockTimeout() {
            return localTimeout != null ? localTimeout : sessionTimeout;
        }

        String timeZone() {
            return localTimeZone != null ? localTimeZone : sessionTimeZone;
        }

        /**
         * As PostgreSQL follows it: a BEGIN inside a block is a warning and changes nothing; a
         * COMMIT or ROLLBACK with no block open is a warning; one that ends the tool's wrapper ends
         * it, and what follows runs in a transaction of its own (as a runner that keeps autocommit
         * off, JDBC's, runs it: the reading under which no statement that refuses a transaction, or
         * holds its locks to the end, is missed).
         */
        void before(SqlStatement s) {
            if (s instanceof SqlStatement.Transaction t
                    && t.action() == SqlStatement.TransactionAction.BEGIN) {
                if (open && wrapper && implicitBlock) {
                    wrapper = false;
                    openedAt = at(s);
                } else if (open) {
                    issue(dev.evoplan.model.TransactionIssue.Kind.NESTED_BEGIN, at(s));
                } else {
                    open = true;
                    wrapper = false;
                    openedAt = at(s);
                    current = ++counter;
                }
                return;
            }
            if (!open) {
                // Autocommit: every statement is its own transaction.
                current = ++counter;
            }
        }

        void after(SqlStatement s) {
            if (s instanceof SqlStatement.Transaction t) {
                switch (t.action()) {
                    case COMMIT, ROLLBACK -> {
                        if (!open) {
                            issue(
                                    dev.evoplan.model.TransactionIssue.Kind.END_WITHOUT_TRANSACTION,
                                    at(s));
                        } else if (wrapper && implicitBlock) {
                            // The implicit block ends; the statements after it are the next one.
                            current = ++counter;
                            localTimeout = null;
                        } else if (!wrapper && implicitBlock) {
                            // The file's own block ends; the rest of the query is a new implicit
                            // block.
                            wrapper = true;
                            current = ++counter;
                            localTimeout = null;
                        } else if (wrapper) {
                            issue(
                                    dev.evoplan.model.TransactionIssue.Kind.ENDS_TOOL_TRANSACTION,
                                    at(s));
                            // The runner's session stays in a transaction: the rest is a new one.
                            current = ++counter;
                            localTimeout = null;
                        } else {
                            open = false;
                            localTimeout = null;
                            localTimeZone = null;
                        }
                    }
                    case BEGIN, SAVEPOINT, RELEASE_SAVEPOINT, ROLLBACK_TO_SAVEPOINT -> {}
                }
                return;
            }
            if (s instanceof SqlStatement.SetParameter set
                    && set.parameter().equalsIgnoreCase("lock_timeout")) {
                String value = disabled(set.value()) ? null : unquote(set.value());
                if (set.local()) {
                    localTimeout = inTransaction() ? value : localTimeout;
                } else {
                    sessionTimeout = value;
                    localTimeout = null;
                }
            } else if (s instanceof SqlStatement.SetParameter set
                    && set.parameter().equalsIgnoreCase("timezone")) {
                String value = unquote(set.value().replaceFirst("(?i)^\\s*INTERVAL\\s+", ""));
                value =
                        value.equalsIgnoreCase("default") || value.equalsIgnoreCase("local")
                                ? null
                                : value;
                if (set.local()) {
                    localTimeZone = inTransaction() ? value : localTimeZone;
                } else {
                    sessionTimeZone = value;
                    localTimeZone = null;
                }
            } else if (s instanceof SqlStatement.Reset r
                    && r.parameter().equalsIgnoreCase("timezone")) {
                sessionTimeZone = null;
                localTimeZone = null;
            } else if (s instanceof SqlStatement.Reset r
                    && (r.parameter().equalsIgnoreCase("lock_timeout")
                            || r.parameter().equalsIgnoreCase("all"))) {
                sessionTimeout = null;
                localTimeout = null;
                if (r.parameter().equalsIgnoreCase("all")) {
                    sessionTimeZone = null;
                    localTimeZone = null;
                }
            }
        }

        /** At the end of the file: a block its own BEGIN opened and nothing closed. */
        void end() {
            if (open && !wrapper) {
                issue(dev.evoplan.model.TransactionIssue.Kind.ENDS_IN_OPEN_TRANSACTION, openedAt);
            }
        }

        private static boolean disabled(String value) {
            return value == null || DISABLED.matcher(unquote(value).strip()).matches();
        }

        private static String unquote(String value) {
            String v = value.strip();
            if (v.length() >= 2 && v.startsWith("'") && v.endsWith("'")) {
                v = v.substring(1, v.length() - 1).replace("''", "'");
            }
            return v;
        }
    }

    /**
     * The suppression comments of a file: {@code -- evoplan:ignore RULE[,RULE] reason} applies to
     * the statement that starts after it, {@code -- evoplan:ignore-file RULE reason} to the file.
     * Comments inside a statement's text (a function body) are not suppressions.
     */
    static List<Suppression> suppressions(String sql, String file, SqlScript script) {
        return suppressions(
                sql,
                file,
                (line, column) ->
                        insideStatement(script, line, column)
                                ? -1
                                : nextStatementLine(script, line));
    }

    /**
     * The suppression comments of {@code text}, each rule of a comment one suppression. {@code
     * target} gives, for a comment at (line, column), the line of the statement it covers (0 when
     * none follows), or -1 when the comment is not a suppression (it sits inside a statement);
     * file-level comments cover the file and ignore it.
     */
    public static List<Suppression> suppressions(
            String text, String file, java.util.function.IntBinaryOperator target) {
        List<Suppression> out = new ArrayList<>();
        // Only a line holding the marker can hold a suppression: those are found without splitting
        // a large file into lines and matching each.
        int line = 1;
        int counted = 0;
        for (int at = text.indexOf(MARKER); at >= 0; ) {
            int start = text.lastIndexOf('\n', at) + 1;
            int end = text.indexOf('\n', at);
            end = end < 0 ? text.length() : end;
            for (; counted < start; counted++) {
                if (text.charAt(counted) == '\n') {
                    line++;
                }
            }
            at = text.indexOf(MARKER, end);
            Matcher m = SUPPRESSION.matcher(text.substring(start, end));
            if (!m.find()) {
                continue;
            }
            int column = m.start() + 1;
            int covered = target.applyAsInt(line, column);
            if (covered < 0) {
                continue;
            }
            boolean fileLevel = m.group(1).equals("ignore-file");
            add(out, Origin.statement(file, line, column), fileLevel, m.group(2), covered);
        }
        return out;
    }

    /** One comment's suppressions: each rule it names one, or one naming none. */
    private static void add(
            List<Suppression> out, Origin origin, boolean fileLevel, String written, int covered) {
        String rest = written.strip();
        String rules = rest.isEmpty() ? "" : rest.split("\\s+", 2)[0];
        String reason =
                rest.length() > rules.length() ? rest.substring(rules.length()).strip() : "";
        Suppression.Scope scope =
                fileLevel ? Suppression.Scope.FILE : Suppression.Scope.NEXT_STATEMENT;
        if (rules.isEmpty()) {
            out.add(new Suppression(origin, scope, "", reason, fileLevel ? 0 : covered));
        }
        for (String rule : rules.split(",")) {
            if (!rule.isBlank()) {
                out.add(
                        new Suppression(
                                origin, scope, rule.strip(), reason, fileLevel ? 0 : covered));
            }
        }
    }

    private static final Pattern COMMENT_SUPPRESSION =
            Pattern.compile("evoplan:ignore\\b(?!-file)([^\\r\\n]*)");

    /**
     * The suppressions in a comment that is not SQL (a Liquibase changeset's {@code comment}, an
     * XML comment above a changeset): each {@code evoplan:ignore RULE[,RULE] reason} in it, up to
     * the end of its line, covers the statements at {@code targetLine}. {@code origin} is where the
     * comment is.
     */
    public static List<Suppression> inComment(String text, Origin origin, int targetLine) {
        List<Suppression> out = new ArrayList<>();
        if (text == null) {
            return out;
        }
        Matcher m = COMMENT_SUPPRESSION.matcher(text);
        while (m.find()) {
            add(out, origin, false, m.group(1).replaceFirst("\\s*-->.*$", ""), targetLine);
        }
        return out;
    }

    private static boolean insideStatement(SqlScript script, int line, int column) {
        for (SqlStatement s : script.statements()) {
            Span span = s.span();
            int endLine = span.line() + (int) span.text().chars().filter(c -> c == '\n').count();
            boolean startsBefore =
                    span.line() < line || (span.line() == line && span.column() < column);
            if (startsBefore && endLine > line) {
                return true;
            }
        }
        return false;
    }

    private static int nextStatementLine(SqlScript script, int line) {
        for (SqlStatement s : script.statements()) {
            if (s.span().line() > line) {
                return s.span().line();
            }
        }
        return 0;
    }

    private static String text(Path path, String shown) {
        return dev.evoplan.source.InputFiles.utf8(
                dev.evoplan.source.InputFiles.readAllBytes(path, shown), shown);
    }
}
