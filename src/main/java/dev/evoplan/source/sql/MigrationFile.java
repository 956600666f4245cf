package dev.evoplan.source.sql;

import dev.evoplan.model.InputException;
import dev.evoplan.model.MixedTransaction;
import dev.evoplan.model.Origin;
import dev.evoplan.model.Schema;
import dev.evoplan.model.SourceChange;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One migration file of a folder, with the version its tool orders it by. Recognised names: Flyway
 * {@code V1_2__x.sql} (dotted or underscored versions compared part by part as numbers; {@code
 * R__x.sql} repeatables run after every versioned one; {@code U} undo files are left out),
 * golang-migrate / sqlx {@code 42_x.up.sql} ({@code .down.sql} left out), pop (gobuffalo/pop, ory/x
 * popx) {@code 42_x.postgres.up.sql} beside the other dialects' files, diesel {@code
 * 2024-01-02-030405_x/up.sql} ({@code down.sql} left out), Sourcegraph's migrator {@code
 * 1644471839/up.sql} (diesel's names, with a {@code metadata.yaml} beside), Prisma {@code
 * 20240102030405_x/migration.sql}, Synapse {@code 88/01_x.sql} and {@code 88/02_y.sql.postgres}
 * (schema version folders; other engines' {@code .sql.sqlite} files are not listed), and plain
 * {@code 001_x.sql}. Two tools also run code from the folder, which evoplan lists in its place in
 * the order but cannot read ({@link #program}): Synapse's Python deltas ({@code 88/03_x.py}) and
 * Flyway's script migrations ({@code V3__x.sh}, {@code .bash}, {@code .ps1}, {@code .cmd}, {@code
 * .bat}, {@code .py}).
 *
 * @param relativePath the path inside the folder, with {@code /}; the changeset identity
 * @param version the numeric version parts; empty for a repeatable or an unversioned file
 * @param rank 0 versioned, 1 repeatable (after all versioned), 2 unversioned
 */
record MigrationFile(String relativePath, Tool tool, List<BigInteger> version, int rank) {
    private static final Pattern FLYWAY = Pattern.compile("V(\\d+(?:[._]\\d+)*)__.*\\.sql");
    private static final Pattern FLYWAY_REPEATABLE = Pattern.compile("R__.*\\.sql");
    private static final Pattern FLYWAY_UNDO = Pattern.compile("U\\d+(?:[._]\\d+)*__.*\\.sql");
    private static final Pattern UP = Pattern.compile("(\\d+)_.*\\.up\\.sql");
    private static final Pattern DOWN = Pattern.compile(".*\\.down\\.sql");
    private static final Pattern DIESEL = Pattern.compile("(\\d[\\d-]*)(?:_[^/]*)?/up\\.sql");
    private static final Pattern PLAIN = Pattern.compile("(\\d+)_.*\\.sql");

    /**
     * Prisma Migrate's folders: any folder holding a {@code migration.sql}, run in the order of the
     * folders' names (a timestamp first, so name order is time order).
     */
    private static final Pattern PRISMA = Pattern.compile("[^/]+/migration\\.sql");

    /**
     * Synapse's delta folders: a schema version, then files run in name order, each a {@code .sql}
     * file for every engine or a {@code .sql.postgres} one for PostgreSQL.
     */
    private static final Pattern SYNAPSE = Pattern.compile("(\\d+)/[^/]+\\.sql(?:\\.postgres)?");

    /**
     * Synapse's Python deltas: a module beside the SQL deltas of a schema version, which Synapse
     * imports and whose {@code run_create} and {@code run_upgrade} it calls with the upgrade's
     * cursor ({@code synapse.storage.prepare_database}), in name order with the SQL files.
     */
    private static final Pattern SYNAPSE_PYTHON = Pattern.compile("(\\d+)/[^/]+\\.py");

    /**
     * The programs Flyway runs as script migrations, named as its SQL migrations are ({@code
     * ScriptMigrationResolver}): each run as a process of its own, given the database's URL.
     */
    private static final String SCRIPT_TYPES = "(?i:sh|bash|ps1|cmd|bat|py)";

    private static final Pattern FLYWAY_SCRIPT =
            Pattern.compile("V(\\d+(?:[._]\\d+)*)__.*\\." + SCRIPT_TYPES);
    private static final Pattern FLYWAY_SCRIPT_REPEATABLE =
            Pattern.compile("R__.*\\." + SCRIPT_TYPES);

    /**
     * The change type of a migration that is code, as reports and rules ({@code
     * OpaqueChangeNeedsReview}) name it.
     */
    static final String PROGRAM = "program";

    /** The endings of the files listed beside the SQL ones because a tool may run them. */
    private static final List<String> PROGRAM_ENDINGS =
            List.of(".py", ".sh", ".bash", ".ps1", ".cmd", ".bat");

    /**
     * The PostgreSQL-only files of Synapse's delta folders, listed beside the {@code .sql} ones.
     */
    private static final String POSTGRES_ONLY = ".sql.postgres";

    /**
     * pop's names: a version, a name without dots, then an optional dialect and an optional {@code
     * .autocommit} before {@code .up.sql}.
     */
    private static final Pattern POP =
            Pattern.compile("(\\d+)_[^./]+(?:\\.([a-z0-9]+))??(\\.autocommit)?\\.up\\.sql");

    /**
     * temporal-sql-tool's version folders ({@code v1.12}), each listing its files in a manifest.
     */
    private static final Pattern VERSION_FOLDER = Pattern.compile("v(\\d+(?:\\.\\d+)*)");

    /**
     * The file beside each of Sourcegraph's migrations ({@code name}, {@code parents}, {@code
     * createIndexConcurrently}): diesel's folder names, told apart by it.
     */
    private static final String SOURCEGRAPH_METADATA = "metadata.yaml";

    /** pop's names for PostgreSQL ({@code pop.CanonicalDialect}). */
    private static final Set<String> POSTGRES = Set.of("postgres", "postgresql", "pg", "pgx");

    /** pop's names for the databases it also runs on: their files are not PostgreSQL's. */
    private static final Set<String> OTHER_DIALECTS =
            Set.of("mysql", "sqlite", "sqlite3", "cockroach", "cockroachdb", "crdb");

    /**
     * Statements Flyway recognises as unable to run in a transaction, so it runs the file without
     * one.
     */

    /** The migration tool a file's name belongs to, and how that tool wraps it in a transaction. */
    enum Tool {
        FLYWAY,
        GOLANG_MIGRATE,
        POP,
        DIESEL,
        SOURCEGRAPH,
        PRISMA,
        SYNAPSE,
        PLAIN;

        /** How reports and version keys name it: {@code flyway}, {@code golang-migrate}, ... */
        String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        /**
         * Whether the tool runs the file's statements in one transaction: Flyway does, unless a
         * statement cannot run in one (CONCURRENTLY, VACUUM) or the file's {@code .conf} turns it
         * off; golang-migrate sends the file as one multi-statement query, which PostgreSQL runs as
         * one implicit transaction; diesel does unless {@code metadata.toml} says {@code
         * run_in_transaction = false}; Sourcegraph's migrator does unless {@code metadata.yaml}
         * says {@code createIndexConcurrently: true}, and then sends the file as one query, which
         * holds two statements in an implicit transaction; Prisma sends the file as one
         * multi-statement query, as golang-migrate does; Synapse runs each delta in a transaction
         * of its own; a plain file run with psql does only when it says BEGIN.
         *
         * @param fileName the migration file's own name
         * @param beside reads a file in the migration's folder by name (its text, or empty when
         *     there is no such file), so files on disk and at a git ref are judged alike
         */
        boolean runsInTransaction(
                SqlScript script, String fileName, Function<String, Optional<String>> beside) {
            boolean explicitBegin =
                    script.statements().stream()
                            .anyMatch(
                                    s ->
                                            s instanceof SqlStatement.Transaction t
                                                    && t.action()
                                                            == SqlStatement.TransactionAction
                                                                    .BEGIN);
            return switch (this) {
                case FLYWAY ->
                        script.statements().stream().noneMatch(MigrationFile::outsideTransaction)
                                && !says(
                                        beside.apply(fileName + ".conf"),
                                        "executeInTransaction\\s*=\\s*false");
                case GOLANG_MIGRATE, PRISMA -> explicitBegin || script.statements().size() > 1;
                case SYNAPSE -> true;
                // pop runs each file in a transaction of its own; popx runs a file named
                // .autocommit without one.
                case POP -> !autocommit(fileName);
                case DIESEL ->
                        !says(beside.apply("metadata.toml"), "run_in_transaction\\s*=\\s*false");
                case SOURCEGRAPH ->
                        !says(
                                        beside.apply(SOURCEGRAPH_METADATA),
                                        "createIndexConcurrently\\s*:\\s*true\\s*(?:#.*)?$")
                                || script.statements().size() > 1;
                case PLAIN -> explicitBegin;
            };
        }

        /**
         * Whether the tool sends a file as one multi-statement query, which PostgreSQL runs as one
         * implicit transaction: golang-migrate and Prisma.
         */
        boolean sendsOneQuery() {
            return this == GOLANG_MIGRATE || this == PRISMA;
        }

        /**
         * Whether the tool may run a {@code .up.sql} file in one transaction the file does not
         * open, whatever the file holds: pop does unless the file is named {@code .autocommit};
         * golang-migrate does as soon as the file holds two statements.
         */
        boolean mayWrapUpFile(String fileName) {
            return this != POP || !autocommit(fileName);
        }

        private static boolean autocommit(String fileName) {
            return fileName.endsWith(".autocommit.up.sql");
        }

        /**
         * The SQL the tool sends for a file's text: Synapse replaces its placeholder for an
         * auto-increment key with PostgreSQL's identity column ({@code
         * synapse.storage.engines.PostgresEngine.executescript}); the others send the text as
         * written.
         */
        String script(String text) {
            return this == SYNAPSE
                    ? text.replace(
                            "$%AUTO_INCREMENT_PRIMARY_KEY%$",
                            "BIGINT PRIMARY KEY GENERATED ALWAYS AS IDENTITY")
                    : text;
        }

        /**
         * Flyway decides per file whether it runs in a transaction, and with its default {@code
         * mixed=false} refuses a file holding statements of both kinds; a {@code .conf} saying
         * {@code executeInTransaction=false} runs the whole file outside one, unchecked. Returns
         * the first statement that cannot run in a transaction and how many can, or null when the
         * file is not refused (or the tool is not Flyway).
         *
         * @param runsInTransaction what {@link #runsInTransaction} said of the file
         */
        MixedTransaction mixedTransaction(
                SqlScript script,
                String fileName,
                Function<String, Optional<String>> beside,
                boolean runsInTransaction) {
            // A file Flyway runs in a transaction has no statement that cannot: no need to look
            // again.
            if (this != FLYWAY || runsInTransaction) {
                return null;
            }
            SqlStatement outside = null;
            int inside = 0;
            for (SqlStatement s : script.statements()) {
                if (outsideTransaction(s)) {
                    outside = outside == null ? s : outside;
                } else {
                    inside++;
                }
            }
            if (outside == null
                    || inside == 0
                    || says(
                            beside.apply(fileName + ".conf"),
                            "executeInTransaction\\s*=\\s*false")) {
                return null;
            }
            Span at = outside.span();
            return new MixedTransaction(
                    Origin.statement(at.file(), at.line(), at.column()),
                    SqlStatementApplier.oneLine(at.text()),
                    inside);
        }

        private static boolean says(Optional<String> config, String regex) {
            return config.map(text -> Pattern.compile("(?im)^\\s*" + regex).matcher(text).find())
                    .orElse(false);
        }
    }

    /**
     * A statement Flyway runs outside a transaction, read from what the parser made of it: an index
     * built, dropped or rebuilt CONCURRENTLY, or VACUUM. The word CONCURRENTLY in a comment, a
     * string or a function body is not one (a text search took it for one, and reported a Flyway
     * refusal that does not happen); REFRESH MATERIALIZED VIEW CONCURRENTLY may run in a
     * transaction.
     */
    static boolean outsideTransaction(SqlStatement s) {
        if (s instanceof SqlStatement.CreateIndex c) {
            return c.concurrently();
        }
        if (s instanceof SqlStatement.Drop d) {
            return d.concurrently();
        }
        if (s instanceof SqlStatement.Reindex r) {
            return r.concurrently();
        }
        return s instanceof SqlStatement.Vacuum;
    }

    /**
     * Whether the tool runs the file again once it has run: Flyway applies a repeatable ({@code
     * R__x.sql}) again whenever its checksum changes, after every pending versioned migration.
     */
    boolean reruns() {
        return tool == Tool.FLYWAY && rank == 1;
    }

    MigrationFile {
        Objects.requireNonNull(relativePath, "relativePath is null");
        Objects.requireNonNull(tool, "tool is null");
        version = List.copyOf(version);
    }

    /**
     * What the tool knows this migration by when it keys migrations by version, as {@code <tool>
     * <version>} ({@code flyway 1.2}: Flyway's {@code 1_2} and {@code 1.2} are one version); null
     * for repeatables, unversioned files, plain numbered files (psql keys nothing), Prisma's (keyed
     * by folder name) and Synapse's (many files to a schema version).
     */
    String versionKey() {
        if (rank != 0 || version.isEmpty() || tool == Tool.PLAIN || tool == Tool.SYNAPSE) {
            return null;
        }
        return tool.label()
                + " "
                + String.join(".", version.stream().map(BigInteger::toString).toList());
    }

    /**
     * Whether a folder's file is listed as a migration candidate: a {@code .sql} file, a Synapse
     * {@code .sql.postgres} one, or a program a tool may run ({@code .py}, {@code .sh}, ...: which
     * of them are migrations the folder's names decide).
     */
    static boolean listed(String path) {
        String lower = path.toLowerCase(Locale.ROOT);
        return sql(lower) || PROGRAM_ENDINGS.stream().anyMatch(lower::endsWith);
    }

    /**
     * Whether a file is PostgreSQL-only SQL, {@code .sql.postgres} (Synapse's deltas and its full
     * schema dumps): plain SQL, never a Liquibase formatted changelog (Liquibase reads {@code
     * .sql}).
     */
    static boolean postgresOnly(String path) {
        return path.toLowerCase(Locale.ROOT).endsWith(POSTGRES_ONLY);
    }

    /** Whether a listed file is SQL: {@code .sql}, or Synapse's {@code .sql.postgres}. */
    private static boolean sql(String path) {
        return path.toLowerCase(Locale.ROOT).endsWith(".sql") || postgresOnly(path);
    }

    /**
     * What the tool runs in this file's place when it is code rather than SQL ({@code a Python
     * delta Synapse runs}), for reports; null for a SQL file. evoplan reads none of it: the file is
     * one change a person must review, at its place in the order.
     */
    String program() {
        if (sql(relativePath)) {
            return null;
        }
        return tool == Tool.SYNAPSE
                ? "a Python delta Synapse runs"
                : "a script Flyway runs as a process";
    }

    /**
     * Whether the tool runs this {@link #program} file inside the migration's transaction: Synapse
     * runs a Python delta with the upgrade's cursor, in its transaction; Flyway runs a script as a
     * process of its own, in a session of its own.
     */
    boolean programInTransaction() {
        return tool == Tool.SYNAPSE;
    }

    /**
     * The one change of a {@link #program} file, at {@code at}: unread, so the schema stays as
     * {@code schema} and the change is OPAQUE (needs review), named by the file's path.
     */
    SourceChange programChange(Schema schema, Origin at) {
        return new SourceChange(
                SourceChange.Kind.OPAQUE,
                PROGRAM,
                at,
                List.of(),
                schema,
                schema,
                List.of(),
                relativePath + ", " + program());
    }

    /** A lone file given by the user: plain, whatever its name. */
    static MigrationFile single(String name) {
        return new MigrationFile(name, Tool.PLAIN, List.of(), 0);
    }

    /**
     * The migrations among a folder's {@code .sql} files (relative paths), in run order. Files no
     * rule recognises are left out when some file is recognised (Flyway callbacks, seeds); when
     * none is, every top-level file counts, in name order. A folder where some {@code .up.sql} file
     * names a pop dialect ({@code .postgres.}, {@code .mysql.}, ...) or {@code .autocommit} is
     * pop's: as pop does on PostgreSQL, the other dialects' files are left out, and a file for
     * every dialect is left out where a PostgreSQL file has its version.
     */
    static List<MigrationFile> inOrder(List<String> relativePaths) {
        if (relativePaths.stream().anyMatch(MigrationFile::popNamed)) {
            return inOrder(popFiles(relativePaths), Tool.POP);
        }
        return inOrder(relativePaths, Tool.GOLANG_MIGRATE);
    }

    /**
     * As {@link #inOrder(List)}, reading the folder's other files through {@code text} (a path
     * relative to the folder; empty when there is no such file): a folder of temporal-sql-tool's
     * version folders ({@code v1.2/manifest.json} naming the folder's files in their order, {@code
     * "SchemaUpdateCqlFiles"}) is run version by version, each folder's listed files in the
     * manifest's order, each statement on its own as the tool runs it; a file no manifest lists is
     * not run. A manifest the tool would fail on (not JSON, no list of files, a listed file that is
     * not there) is an InputException naming it as {@code shown}/{@code v1.2/manifest.json}.
     *
     * @param shown how the user named the folder, for messages
     */
    static List<MigrationFile> inOrder(
            List<String> relativePaths, Function<String, Optional<String>> text, String shown) {
        Set<String> sqlFiles = new HashSet<>();
        relativePaths.stream().filter(MigrationFile::sql).forEach(sqlFiles::add);
        Set<String> folders = new TreeSet<>();
        for (String path : relativePaths) {
            String folder = versionFolder(path);
            if (folder != null) {
                folders.add(folder);
            }
        }
        List<MigrationFile> listed = new ArrayList<>();
        for (String folder : folders) {
            Optional<String> manifest = text.apply(folder + "/manifest.json");
            if (manifest.isEmpty()) {
                continue;
            }
            String manifestShown =
                    (shown.endsWith("/") ? shown : shown + "/") + folder + "/manifest.json";
            // Four parts, then the place in the manifest: v1 comes before v1.1, and both before
            // v1.10.
            List<BigInteger> version = new ArrayList<>(numbers(folder.substring(1).split("\\.")));
            while (version.size() < 4) {
                version.add(BigInteger.ZERO);
            }
            int place = 0;
            for (Manifest.Listed name : Manifest.read(manifest.get(), manifestShown)) {
                String path = folder + "/" + name.file();
                if (!sqlFiles.contains(path)) {
                    throw new InputException(
                            manifestShown,
                            name.line(),
                            "lists "
                                    + name.file()
                                    + (text.apply(path).isPresent()
                                            ? ", which is not a .sql file"
                                            : ", which is not in " + folder + "/")
                                    + " (temporal-sql-tool fails on it)");
                }
                List<BigInteger> at = new ArrayList<>(version);
                at.add(BigInteger.valueOf(place++));
                listed.add(new MigrationFile(path, Tool.PLAIN, at, 0));
            }
        }
        if (listed.isEmpty()) {
            return inOrder(relativePaths).stream().map(f -> f.sourcegraphs(text)).toList();
        }
        listed.sort(ORDER);
        return listed;
    }

    /**
     * This file as Sourcegraph's migrator's when it is a diesel-named {@code up.sql} with a {@code
     * metadata.yaml} in its folder; else this file.
     */
    private MigrationFile sourcegraphs(Function<String, Optional<String>> text) {
        if (tool != Tool.DIESEL) {
            return this;
        }
        String folder = relativePath.substring(0, relativePath.lastIndexOf('/') + 1);
        return text.apply(folder + SOURCEGRAPH_METADATA).isPresent()
                ? new MigrationFile(relativePath, Tool.SOURCEGRAPH, version, rank)
                : this;
    }

    /**
     * The {@code .sql} files of temporal-sql-tool's version folders that {@code chosen} (what
     * {@link #inOrder(List, Function, String)} returned) leaves out because their folder's manifest
     * does not list them: the tool does not run them. Empty for any other layout.
     */
    static List<String> leftOutByManifests(
            List<String> relativePaths,
            List<MigrationFile> chosen,
            Function<String, Optional<String>> text) {
        Set<String> run = new HashSet<>();
        chosen.forEach(f -> run.add(f.relativePath()));
        List<String> out = new ArrayList<>();
        Map<String, Boolean> manifested = new HashMap<>();
        for (String path : relativePaths) {
            String folder = run.contains(path) || !sql(path) ? null : versionFolder(path);
            if (folder != null
                    && manifested.computeIfAbsent(
                            folder, f -> text.apply(f + "/manifest.json").isPresent())) {
                out.add(path);
            }
        }
        out.sort(Comparator.naturalOrder());
        return out;
    }

    /**
     * The temporal-sql-tool version folder ({@code v1.2}) a file sits directly in, or null when it
     * sits in none.
     */
    private static String versionFolder(String path) {
        int slash = path.indexOf('/');
        if (slash <= 0 || slash != path.lastIndexOf('/')) {
            return null;
        }
        String folder = path.substring(0, slash);
        return VERSION_FOLDER.matcher(folder).matches() ? folder : null;
    }

    /** Whether a top-level file's name says a pop dialect or {@code .autocommit}. */
    private static boolean popNamed(String path) {
        Matcher m = POP.matcher(path);
        return m.matches()
                && (m.group(3) != null
                        || (m.group(2) != null
                                && (POSTGRES.contains(m.group(2))
                                        || OTHER_DIALECTS.contains(m.group(2)))));
    }

    /**
     * The files pop runs on PostgreSQL: every file but the other dialects' {@code .up.sql} files
     * and the every-dialect file of a version that has a PostgreSQL one.
     */
    private static List<String> popFiles(List<String> relativePaths) {
        Set<String> postgresVersions = new HashSet<>();
        for (String path : relativePaths) {
            Matcher m = POP.matcher(path);
            if (m.matches() && m.group(2) != null && POSTGRES.contains(m.group(2))) {
                postgresVersions.add(m.group(1));
            }
        }
        List<String> kept = new ArrayList<>();
        for (String path : relativePaths) {
            Matcher m = POP.matcher(path);
            if (!m.matches()) {
                kept.add(path);
            } else if (m.group(2) == null || !OTHER_DIALECTS.contains(m.group(2))) {
                boolean everyDialect = m.group(2) == null || !POSTGRES.contains(m.group(2));
                if (!(everyDialect && postgresVersions.contains(m.group(1)))) {
                    kept.add(path);
                }
            }
        }
        return kept;
    }

    private static List<MigrationFile> inOrder(List<String> relativePaths, Tool upTool) {
        List<MigrationFile> recognised = new ArrayList<>();
        List<MigrationFile> others = new ArrayList<>();
        for (String path : relativePaths) {
            String name = path.substring(path.lastIndexOf('/') + 1);
            boolean topLevel = !path.contains("/");
            Matcher m;
            if (!sql(name)) {
                // Code a tool runs: Flyway's script migrations (its undo scripts, as its undo SQL,
                // are left out), Synapse's Python deltas; any other program is not a migration.
                if (topLevel && (m = FLYWAY_SCRIPT.matcher(name)).matches()) {
                    recognised.add(
                            new MigrationFile(
                                    path, Tool.FLYWAY, numbers(m.group(1).split("[._]")), 0));
                } else if (topLevel && FLYWAY_SCRIPT_REPEATABLE.matcher(name).matches()) {
                    recognised.add(new MigrationFile(path, Tool.FLYWAY, List.of(), 1));
                } else if (!topLevel && (m = SYNAPSE_PYTHON.matcher(path)).matches()) {
                    recognised.add(new MigrationFile(path, Tool.SYNAPSE, numbers(m.group(1)), 0));
                }
                continue;
            }
            if (DOWN.matcher(name).matches()
                    || (!topLevel && name.equals("down.sql"))
                    || FLYWAY_UNDO.matcher(name).matches()) {
                continue;
            } else if (topLevel && (m = FLYWAY.matcher(name)).matches()) {
                recognised.add(
                        new MigrationFile(path, Tool.FLYWAY, numbers(m.group(1).split("[._]")), 0));
            } else if (topLevel && FLYWAY_REPEATABLE.matcher(name).matches()) {
                recognised.add(new MigrationFile(path, Tool.FLYWAY, List.of(), 1));
            } else if (topLevel && (m = UP.matcher(name)).matches()) {
                recognised.add(new MigrationFile(path, upTool, numbers(m.group(1)), 0));
            } else if (!topLevel && (m = DIESEL.matcher(path)).matches()) {
                recognised.add(
                        new MigrationFile(
                                path, Tool.DIESEL, numbers(m.group(1).replace("-", "")), 0));
            } else if (!topLevel && PRISMA.matcher(path).matches()) {
                // No version: Prisma orders by the folder's name, and keys by it.
                recognised.add(new MigrationFile(path, Tool.PRISMA, List.of(), 0));
            } else if (!topLevel
                    && (m = SYNAPSE.matcher(path)).matches()
                    && !FLYWAY.matcher(name).matches()
                    && !FLYWAY_REPEATABLE.matcher(name).matches()
                    && !UP.matcher(name).matches()) {
                // Another tool's name in a numbered folder (Flyway's 2024/V5__x.sql) is not a
                // Synapse delta.
                // Keyed by path: a schema version holds many files.
                recognised.add(new MigrationFile(path, Tool.SYNAPSE, numbers(m.group(1)), 0));
            } else if (postgresOnly(name)) {
                continue;
            } else if (topLevel && (m = PLAIN.matcher(name)).matches()) {
                recognised.add(new MigrationFile(path, Tool.PLAIN, numbers(m.group(1)), 0));
            } else if (topLevel) {
                others.add(new MigrationFile(path, Tool.PLAIN, List.of(), 2));
            }
        }
        List<MigrationFile> chosen = recognised.isEmpty() ? others : recognised;
        List<MigrationFile> sorted = new ArrayList<>(chosen);
        sorted.sort(ORDER);
        return sorted;
    }

    private static final Comparator<MigrationFile> ORDER =
            Comparator.comparingInt(MigrationFile::rank)
                    .thenComparing(MigrationFile::version, MigrationFile::compareVersions)
                    .thenComparing(f -> f.relativePath().toLowerCase(Locale.ROOT))
                    .thenComparing(MigrationFile::relativePath);

    /**
     * Part by part as numbers; a version that is a prefix of another comes first (1.1 before
     * 1.1.1).
     */
    static int compareVersions(List<BigInteger> a, List<BigInteger> b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int c = a.get(i).compareTo(b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    }

    private static List<BigInteger> numbers(String... parts) {
        List<BigInteger> out = new ArrayList<>();
        for (String p : parts) {
            out.add(new BigInteger(p));
        }
        return out;
    }
}
