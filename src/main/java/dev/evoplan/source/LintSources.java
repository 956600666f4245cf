package dev.evoplan.source;

import dev.evoplan.model.InputException;
import dev.evoplan.model.LoadedSchema;
import dev.evoplan.model.Migration;
import dev.evoplan.model.MigrationStatement;
import dev.evoplan.model.Schema;
import dev.evoplan.model.SourceChange;
import dev.evoplan.model.SourceChangeset;
import dev.evoplan.model.StreamedMigration;
import dev.evoplan.model.Suppression;
import dev.evoplan.source.liquibase.LiquibaseSource;
import dev.evoplan.source.sql.MigrationReader;
import dev.evoplan.source.sql.SqlSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Turns what the user gave {@code evoplan lint} (SQL migration files and folders, Liquibase
 * changelogs) into {@link Migration}s, in the order given: SQL through evoplan's own front end with
 * each statement's session state, changelogs through Liquibase with each changeset as one
 * transaction (or none, with {@code runInTransaction: false}).
 */
public final class LintSources {
    private LintSources() {}

    /**
     * How lint reads its inputs.
     *
     * @param start what exists before the first migration (from {@code --schema}); empty when
     *     unknown
     * @param assumeInTransaction the runner wraps each plain SQL file in a transaction
     * @param assumedLockTimeout the lock_timeout the runner sets for its sessions, or null
     */
    public record Settings(
            SourceSettings source,
            Schema start,
            boolean assumeInTransaction,
            String assumedLockTimeout) {
        public Settings {
            Objects.requireNonNull(source, "source is null");
            Objects.requireNonNull(start, "start is null");
        }
    }

    /** The migrations of every input, in the order given; an input error names the file. */
    public static List<Migration> read(List<String> inputs, Settings settings) {
        List<Migration> out = new ArrayList<>();
        each(inputs, settings).forEach(m -> out.add(m.whole()));
        return out;
    }

    /**
     * The same migrations, each read when iteration reaches it and a SQL file's statements folded
     * as they are taken (so a statement's schema states can be dropped once it is judged). Every
     * input is checked to exist before the first is read.
     */
    public static Iterable<StreamedMigration> each(List<String> inputs, Settings settings) {
        MigrationReader sql =
                new MigrationReader(
                        settings.start(),
                        settings.assumeInTransaction(),
                        settings.assumedLockTimeout());
        List<Iterable<StreamedMigration>> parts = new ArrayList<>();
        for (String input : inputs) {
            Path path = Path.of(input);
            if (!Files.exists(path)) {
                throw new InputException(input, 0, "no such file or folder");
            }
            InputFiles.requireFileOrFolder(path, input);
            if (isChangelog(path)) {
                // Run on what the inputs before it left (read by then: inputs are read in order),
                // and leave what it makes to the ones after it.
                parts.add(
                        () -> {
                            LoadedSchema loaded = changelog(path, settings, sql.schema());
                            sql.goOnFrom(loaded.schema());
                            return List.of(StreamedMigration.of(migration(loaded, input, settings)))
                                    .iterator();
                        });
            } else if (Files.isDirectory(path)
                    || input.toLowerCase(Locale.ROOT).endsWith(".sql")
                    || SqlSource.isPostgresOnlySql(input)) {
                parts.add(sql.each(path, input));
            } else {
                throw new InputException(
                        input,
                        0,
                        "not a migration: expected a .sql file, a folder of them, or a Liquibase changelog (.xml, .yaml, .yml, .json)");
            }
        }
        // A hand-made chain: Stream.flatMap(...).iterator() would read each input's files all at
        // once.
        return () ->
                ReadAhead.streaming(
                        new java.util.Iterator<>() {
                            private final java.util.Iterator<Iterable<StreamedMigration>> outer =
                                    parts.iterator();
                            private java.util.Iterator<StreamedMigration> inner =
                                    java.util.Collections.emptyIterator();

                            @Override
                            public boolean hasNext() {
                                while (!inner.hasNext() && outer.hasNext()) {
                                    inner = outer.next().iterator();
                                }
                                return inner.hasNext();
                            }

                            @Override
                            public StreamedMigration next() {
                                if (!hasNext()) {
                                    throw new java.util.NoSuchElementException();
                                }
                                return inner.next();
                            }
                        });
    }

    /**
     * Reads migrations on a thread of its own, a few files ahead of the caller: parsing and folding
     * one file while the previous one is judged uses both cores of a small CI machine
     * (bench/lint.sh: 3,000 files 4.1 s -> see docs/performance.md). What crosses to the caller is
     * a stream of items (a file's outline, each of its statements as it is folded, the file's end)
     * in a queue of bounded length, so a file of a million statements is folded on this thread
     * while the caller judges it, never held whole. Reading keeps its order; an error while reading
     * reaches the caller where it happened (at a file, or at a statement of one).
     */
    static final class ReadAhead implements java.util.Iterator<StreamedMigration> {
        /** Items in flight: the statements of a few small files, or a window of a large one. */
        private static final int AHEAD = 1024;

        private final java.util.concurrent.BlockingQueue<Object> queue =
                new java.util.concurrent.ArrayBlockingQueue<>(AHEAD);
        private Object next;

        /** The file whose statements the caller is taking, until its end is taken. */
        private Statements open;

        /**
         * What the reader puts last: the end, or what stopped it (any Throwable: an Error must
         * reach the caller too).
         */
        private record End(Throwable failure) {}

        /** The end of one file's statements. */
        private record FileEnd() {}

        private static final FileEnd FILE_END = new FileEnd();

        /** Migrations read whole, handed on as they are. */
        ReadAhead(java.util.Iterator<Migration> source) {
            this(() -> mapped(source));
        }

        /** Migrations whose statements are folded on the reader thread as the queue has room. */
        static ReadAhead streaming(java.util.Iterator<StreamedMigration> source) {
            return new ReadAhead(() -> source);
        }

        private static java.util.Iterator<StreamedMigration> mapped(
                java.util.Iterator<Migration> source) {
            return new java.util.Iterator<>() {
                @Override
                public boolean hasNext() {
                    return source.hasNext();
                }

                @Override
                public StreamedMigration next() {
                    return StreamedMigration.of(source.next());
                }
            };
        }

        private ReadAhead(Iterable<StreamedMigration> migrations) {
            java.util.Iterator<StreamedMigration> source = migrations.iterator();
            Thread reader =
                    new Thread(
                            () -> {
                                try {
                                    while (source.hasNext()) {
                                        StreamedMigration m = source.next();
                                        queue.put(m.outline());
                                        while (m.statements().hasNext()) {
                                            queue.put(m.statements().next());
                                        }
                                        queue.put(FILE_END);
                                    }
                                    queue.put(new End(null));
                                } catch (InterruptedException e) {
                                    Thread.currentThread().interrupt();
                                } catch (Throwable e) {
                                    // A StackOverflowError here once killed the thread silently and
                                    // the caller waited forever for the next file: whatever stops
                                    // the reader goes to the caller.
                                    putQuietly(new End(e));
                                }
                            },
                            "evoplan-lint-reader");
            reader.setDaemon(true);
            reader.start();
        }

        private void putQuietly(Object item) {
            try {
                queue.put(item);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /** The next item, not taken; an End with a failure is thrown. */
        private Object peek() {
            if (next == null) {
                try {
                    next = queue.take();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while reading migrations", e);
                }
            }
            if (next instanceof End end && end.failure() != null) {
                if (end.failure() instanceof RuntimeException e) {
                    throw e;
                }
                if (end.failure() instanceof Error e) {
                    throw e;
                }
                throw new IllegalStateException(end.failure());
            }
            return next;
        }

        private Object take() {
            Object item = peek();
            next = null;
            return item;
        }

        @Override
        public boolean hasNext() {
            // Statements of the last file the caller left untaken are passed over.
            if (open != null) {
                while (open.hasNext()) {
                    open.next();
                }
            }
            return !(peek() instanceof End);
        }

        @Override
        public StreamedMigration next() {
            if (!hasNext()) {
                throw new java.util.NoSuchElementException();
            }
            Migration outline = (Migration) take();
            open = new Statements();
            return new StreamedMigration(outline, open);
        }

        /** One file's statements, taken from the queue up to the file's end. */
        private final class Statements implements java.util.Iterator<MigrationStatement> {
            private boolean ended;

            @Override
            public boolean hasNext() {
                if (ended) {
                    return false;
                }
                if (peek() == FILE_END) {
                    take();
                    ended = true;
                    return false;
                }
                return true;
            }

            @Override
            public MigrationStatement next() {
                if (!hasNext()) {
                    throw new java.util.NoSuchElementException();
                }
                return (MigrationStatement) take();
            }
        }
    }

    private static boolean isChangelog(Path path) {
        if (Files.isDirectory(path)) {
            return false;
        }
        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".xml")
                || name.endsWith(".yaml")
                || name.endsWith(".yml")
                || name.endsWith(".json")
                || (name.endsWith(".sql") && Sources.isFormattedSql(path));
    }

    /**
     * A changelog: each changeset one transaction (Liquibase's default) unless it says otherwise.
     */
    private static LoadedSchema changelog(Path path, Settings settings, Schema start) {
        return new LiquibaseSource().load(path, settings.source().liquibaseOptions(), start);
    }

    private static Migration migration(LoadedSchema loaded, String shown, Settings settings) {
        List<MigrationStatement> statements = new ArrayList<>();
        int transaction = 0;
        for (SourceChangeset cs : loaded.history()) {
            transaction++;
            for (SourceChange c : cs.changes()) {
                statements.add(
                        new MigrationStatement(
                                c,
                                cs.runInTransaction(),
                                transaction,
                                settings.assumedLockTimeout()));
            }
        }
        // The changelog reader finds them in every format (one home): formatted-SQL comments, a
        // changeset's comment, an XML comment above a changeset.
        List<Suppression> suppressions =
                loaded.history().stream().flatMap(cs -> cs.suppressions().stream()).toList();
        return new Migration(shown, Migration.LIQUIBASE, statements, suppressions, List.of());
    }
}
