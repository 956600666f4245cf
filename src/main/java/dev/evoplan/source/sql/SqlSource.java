package dev.evoplan.source.sql;

import dev.evoplan.model.InputException;
import dev.evoplan.model.LoadedSchema;
import dev.evoplan.model.Origin;
import dev.evoplan.model.ReplayedChanges;
import dev.evoplan.model.Schema;
import dev.evoplan.model.SourceChange;
import dev.evoplan.model.SourceChangeset;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Reads plain SQL as a schema source: one {@code .sql} file, or a folder of migrations in the order
 * its migration tool runs them (see {@link MigrationFile}). Each file is one changeset whose
 * statements are folded, in order, into the schema.
 */
public final class SqlSource {
    /** A folder where no file is a migration: what was looked for. */
    static final String NO_MIGRATIONS =
            "no SQL migrations in the folder (looked for V1__x.sql, 1_x.up.sql, <n>_x/up.sql, <n>_x/migration.sql, <n>/x.sql, v1.2/manifest.json, 001_x.sql, *.sql)";

    private SqlSource() {}

    /**
     * Where a folder's files are read from: on disk, or in a git tree. Paths are relative to the
     * folder and '/'-separated.
     */
    public interface FolderReader {
        /**
         * The folder's files that {@link #isMigrationCandidate} accepts, to a depth of two: {@code
         * x.sql}, {@code dir/up.sql}, {@code 88/x.py}.
         */
        List<String> sqlFiles();

        /** The file's bytes; an InputException when it cannot be read. */
        byte[] read(String relativePath);

        /**
         * The file's text when it exists and is readable as UTF-8, for a migration tool's config
         * files.
         */
        Optional<String> text(String relativePath);
    }

    /**
     * Loads a {@code .sql} file or a migration folder; an unreadable or empty input is an
     * InputException.
     */
    public static LoadedSchema load(Path fileOrFolder) {
        return load(fileOrFolder, Schema.EMPTY);
    }

    /**
     * As {@link #load(Path)}, a folder's first migration running on {@code start} ({@code
     * --schema}); a lone file is a state, which no start goes before.
     */
    public static LoadedSchema load(Path fileOrFolder, Schema start) {
        if (!Files.exists(fileOrFolder)) {
            throw new InputException(fileOrFolder.toString(), 0, "no such file or folder");
        }
        if (Files.isDirectory(fileOrFolder)) {
            return loadFolder(fileOrFolder.toString(), onDisk(fileOrFolder), start);
        }
        if (start != Schema.EMPTY) {
            throw noStartForAState(fileOrFolder.toString());
        }
        Path file = fileOrFolder.getFileName();
        return loadFile(
                fileOrFolder.toString(), file.toString(), read(fileOrFolder, file.toString()));
    }

    /**
     * Loads a migration folder read through {@code files}, named {@code name}: the same changesets,
     * identities (paths relative to the folder) and checksums wherever it is read from.
     */
    public static LoadedSchema loadFolder(String name, FolderReader files) {
        return loadFolder(name, files, Schema.EMPTY);
    }

    /**
     * As {@link #loadFolder(String, FolderReader)}, the first migration running on {@code start}
     * ({@code --schema}).
     */
    public static LoadedSchema loadFolder(String name, FolderReader files, Schema start) {
        Objects.requireNonNull(start, "start is null");
        Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(files, "files is null");
        List<MigrationFile> migrations = MigrationFile.inOrder(files.sqlFiles(), files::text, name);
        if (migrations.isEmpty()) {
            throw new InputException(name, 0, NO_MIGRATIONS);
        }
        SqlStatementApplier folder = new SqlStatementApplier(start);
        List<SourceChangeset> history = new ArrayList<>();
        for (MigrationFile f : migrations) {
            if (f.program() != null) {
                history.add(program(f, files.read(f.relativePath()), folder.schema()));
                continue;
            }
            String dir =
                    f.relativePath().contains("/")
                            ? f.relativePath().substring(0, f.relativePath().lastIndexOf('/') + 1)
                            : "";
            history.add(
                    changeset(
                            f,
                            files.read(f.relativePath()),
                            n -> files.text(dir + n),
                            folder,
                            name + "/" + f.relativePath()));
        }
        return new LoadedSchema(name, folder.schema(), history);
    }

    /**
     * The changeset of a migration that is code ({@link MigrationFile#program}): one change evoplan
     * cannot read, on {@code schema}, checksummed as a SQL file is (an edit after it ran is
     * reported), keyed by its version as its tool keys it, in the session its tool gives it ({@link
     * MigrationFile#programInTransaction}).
     */
    private static SourceChangeset program(MigrationFile f, byte[] bytes, Schema schema) {
        Origin at = Origin.file(f.relativePath(), 1);
        SourceChangeset changeset =
                new SourceChangeset(
                        f.relativePath(),
                        at,
                        sha256(bytes),
                        f.programInTransaction(),
                        List.of(f.programChange(schema, at)),
                        f.versionKey(),
                        null);
        return f.reruns() ? changeset.rerunning() : changeset;
    }

    /**
     * The error for {@code --schema} given with a lone SQL file {@code name}: the file is a schema
     * state, not migrations that run on one.
     */
    public static InputException noStartForAState(String name) {
        return new InputException(
                name,
                0,
                "a lone SQL file is a schema state: --schema goes only before changelogs and"
                        + " migration folders");
    }

    /**
     * Loads one plain SQL file, named {@code name} (the source as the user gave it), whose file
     * name is {@code fileName}. A lone file is a schema state, not a migration history: its one
     * changeset's identity is the source itself, so two versions of {@code schema.sql} (two
     * folders, two git refs) are compared as states and judged as planned, never taken for one
     * migration that ran and was edited.
     */
    public static LoadedSchema loadFile(String name, String fileName, byte[] bytes) {
        Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(bytes, "bytes is null");
        MigrationFile f = MigrationFile.single(fileName);
        String sql = dev.evoplan.source.InputFiles.utf8(bytes, name);
        // A lone file is a state: the plan needs its schema; its statements one by one only when it
        // turns out to be the old file with statements appended (GrownFile), so they are made again
        // from the text then instead of kept with their states. Each is folded as soon as it is
        // parsed, so the parse of a large file is not held whole either: kept are only what is read
        // of the statements after, its BEGINs (whether it runs in a transaction) and, when it holds
        // a suppression comment, all of them (the places the comments cover).
        SqlStatementApplier streamed = new SqlStatementApplier(Schema.EMPTY);
        boolean marked = sql.contains(MigrationReader.MARKER);
        List<SqlStatement> kept = new ArrayList<>();
        int[] size = {0};
        SqlParser.Read read =
                SqlParser.each(
                        sql,
                        f.relativePath(),
                        s -> {
                            streamed.fold(s);
                            size[0]++;
                            if (marked || s instanceof SqlStatement.Transaction) {
                                kept.add(s);
                            }
                        });
        SqlStatementApplier folder = streamed;
        SqlScript script = new SqlScript(kept, read.diagnostics());
        if (read.unreadable() != null) {
            // The scanner failed part way: the file is one unreadable statement, folded from empty.
            folder = new SqlStatementApplier(Schema.EMPTY);
            script = read.unreadable();
            script.statements().forEach(folder::fold);
            size[0] = script.statements().size();
        }
        // A lone file is run as psql would run it: no configuration beside it is consulted.
        SourceChangeset only =
                changeset(
                        f,
                        bytes,
                        n -> Optional.empty(),
                        sql,
                        script,
                        refolded(sql, f.relativePath(), size[0]));
        SourceChangeset state =
                new SourceChangeset(
                        name,
                        only.origin(),
                        only.checksum(),
                        only.runInTransaction(),
                        only.changes());
        // Its evoplan:ignore comments count where its appended statements are judged as written.
        return new LoadedSchema(
                name, folder.schema(), List.of(state.withSuppressions(only.suppressions())));
    }

    /**
     * Whether a {@code .sql} file's text is a Liquibase formatted SQL changelog rather than plain
     * SQL: its first non-blank line says {@code --liquibase formatted sql}.
     */
    public static boolean isLiquibaseFormatted(String text) {
        return isLiquibaseFormatted(text.lines());
    }

    /** The same test on a file's lines, read only as far as the first non-blank one. */
    public static boolean isLiquibaseFormatted(Stream<String> lines) {
        return lines.map(String::strip)
                .filter(l -> !l.isEmpty())
                .findFirst()
                .map(l -> l.toLowerCase(Locale.ROOT).startsWith("--liquibase formatted sql"))
                .orElse(false);
    }

    private static SourceChangeset changeset(
            MigrationFile f,
            byte[] bytes,
            Function<String, Optional<String>> beside,
            SqlStatementApplier folder,
            String shown) {
        String sql = f.tool().script(dev.evoplan.source.InputFiles.utf8(bytes, shown));
        SqlScript script = SqlParser.parse(sql, f.relativePath());
        return changeset(f, bytes, beside, sql, script, folder.foldAll(script));
    }

    /**
     * The changeset of one file: {@code script} is its parse as far as what is read of it after the
     * fold needs (the transaction, Flyway's mixed files, the suppression comments' places).
     */
    private static SourceChangeset changeset(
            MigrationFile f,
            byte[] bytes,
            Function<String, Optional<String>> beside,
            String sql,
            SqlScript script,
            List<SourceChange> changes) {
        String fileName = f.relativePath().substring(f.relativePath().lastIndexOf('/') + 1);
        boolean transaction = f.tool().runsInTransaction(script, fileName, beside);
        SourceChangeset changeset =
                new SourceChangeset(
                                f.relativePath(),
                                Origin.file(f.relativePath(), 1),
                                sha256(bytes),
                                transaction,
                                changes,
                                f.versionKey(),
                                f.tool().mixedTransaction(script, fileName, beside, transaction))
                        .withSuppressions(
                                MigrationReader.suppressions(sql, f.relativePath(), script));
        return f.reruns() ? changeset.rerunning() : changeset;
    }

    /**
     * The changes of a lone file of {@code size} statements, parsed and folded from empty again at
     * each walk: equal to those its load made.
     */
    private static List<SourceChange> refolded(String sql, String file, int size) {
        return new ReplayedChanges(
                size,
                () -> {
                    SqlStatementApplier again = new SqlStatementApplier(Schema.EMPTY);
                    // Taken off a queue: a statement's parse is garbage once it is folded, so the
                    // parse shrinks as the walk's schema grows.
                    java.util.ArrayDeque<SqlStatement> parsed =
                            new java.util.ArrayDeque<>(SqlParser.parse(sql, file).statements());
                    return new java.util.Iterator<>() {
                        @Override
                        public boolean hasNext() {
                            return !parsed.isEmpty();
                        }

                        @Override
                        public SourceChange next() {
                            if (parsed.isEmpty()) {
                                throw new java.util.NoSuchElementException();
                            }
                            return again.fold(parsed.remove());
                        }
                    };
                },
                // What each fold writes as the change's SQL: the statement's text, stripped. Taken
                // out of the parse at once, so the parse is not held while the caller walks.
                () ->
                        SqlParser.parse(sql, file).statements().stream()
                                .map(s -> List.of(s.span().text().strip()))
                                .toList()
                                .iterator(),
                List.of(file, sql));
    }

    /** A folder on disk, listed as a walk two levels deep. */
    private static FolderReader onDisk(Path folder) {
        return new FolderReader() {
            @Override
            public List<String> sqlFiles() {
                return list(folder);
            }

            @Override
            public byte[] read(String relativePath) {
                return SqlSource.read(folder.resolve(relativePath), relativePath);
            }

            @Override
            public Optional<String> text(String relativePath) {
                return textOnDisk(folder.resolve(relativePath));
            }
        };
    }

    /** Reads files next to {@code file} on disk by name. */
    static Function<String, Optional<String>> besideOnDisk(Path file) {
        return name -> textOnDisk(file.resolveSibling(name));
    }

    /** A file of {@code folder} by its relative path: its text, or empty when there is none. */
    static Function<String, Optional<String>> inFolderOnDisk(Path folder) {
        return name -> textOnDisk(folder.resolve(name));
    }

    private static Optional<String> textOnDisk(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static byte[] read(Path path, String shown) {
        return dev.evoplan.source.InputFiles.readAllBytes(path, shown);
    }

    private static List<String> list(Path folder) {
        return list(folder, folder.toString());
    }

    /**
     * The {@code .sql} files of a folder and its subfolders (diesel's), relative, with {@code /}.
     */
    static List<String> list(Path folder, String shown) {
        try (Stream<Path> walk = Files.walk(folder, 2)) {
            return walk.filter(Files::isRegularFile)
                    .map(p -> folder.relativize(p).toString().replace('\\', '/'))
                    .filter(SqlSource::isMigrationCandidate)
                    .toList();
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new InputException(shown, 0, "cannot read the folder: " + e.getMessage(), e);
        }
    }

    /**
     * Who may run each {@code .up.sql} file of {@code folder} in one transaction the file does not
     * open, by file name: the label of the tool the folder's layout says runs it, as reading the
     * folder decides ({@code pop} beside dialect files, else {@code golang-migrate}); empty when
     * that tool runs it outside one (pop's {@code .autocommit} files). The folder is listed once.
     */
    public static Function<String, Optional<String>> upFileWrappers(Path folder) {
        List<String> names;
        try (Stream<Path> files = Files.list(folder)) {
            names =
                    files.map(p -> p.getFileName().toString())
                            .filter(n -> n.toLowerCase(Locale.ROOT).endsWith(".sql"))
                            .toList();
        } catch (IOException | java.io.UncheckedIOException e) {
            // Not listed: each file asked about is judged by its own name.
            return name -> upWrapper(runByPop(List.of(name)), name);
        }
        // The listing holds every file asked about, so the folder's layout answers for each.
        boolean pop = runByPop(names);
        return name -> upWrapper(pop, name);
    }

    /** Whether reading a folder of these files gives any of them to pop. */
    private static boolean runByPop(List<String> names) {
        return MigrationFile.inOrder(names).stream()
                .anyMatch(f -> f.tool() == MigrationFile.Tool.POP);
    }

    private static Optional<String> upWrapper(boolean pop, String name) {
        MigrationFile.Tool tool = pop ? MigrationFile.Tool.POP : MigrationFile.Tool.GOLANG_MIGRATE;
        return tool.mayWrapUpFile(name) ? Optional.of(tool.label()) : Optional.empty();
    }

    /**
     * Whether a folder's file (a path relative to it) is listed for {@link FolderReader#sqlFiles}:
     * a {@code .sql} file, a PostgreSQL-only {@code .sql.postgres} one (Synapse's deltas), or a
     * program a tool may run in its place (Synapse's {@code .py} deltas, Flyway's script
     * migrations).
     */
    public static boolean isMigrationCandidate(String relativePath) {
        return MigrationFile.listed(relativePath);
    }

    /**
     * Whether a lone file is plain SQL by its name alone: a PostgreSQL-only {@code .sql.postgres}
     * file (Synapse's full schema dumps), read as a {@code .sql} one that is not a Liquibase
     * formatted changelog.
     */
    public static boolean isPostgresOnlySql(String name) {
        return MigrationFile.postgresOnly(name);
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
