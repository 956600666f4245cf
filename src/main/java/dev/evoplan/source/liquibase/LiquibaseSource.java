package dev.evoplan.source.liquibase;

import dev.evoplan.model.InputException;
import dev.evoplan.model.LoadedSchema;
import dev.evoplan.model.Origin;
import dev.evoplan.model.SourceChange;
import dev.evoplan.model.SourceChangeset;
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
import java.util.Set;
import java.util.function.UnaryOperator;
import liquibase.ChecksumVersion;
import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.change.Change;
import liquibase.change.DbmsTargetedChange;
import liquibase.changelog.ChangeLogParameters;
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
import liquibase.resource.CompositeResourceAccessor;
import liquibase.resource.DirectoryResourceAccessor;
import liquibase.resource.Resource;
import liquibase.resource.ResourceAccessor;
import liquibase.sql.visitor.SqlVisitor;

/**
 * Reads a Liquibase changelog (XML, YAML, JSON or formatted SQL) with Liquibase's own parsers
 * and folds its changesets, in order and without a database, into the schema PostgreSQL would
 * hold after {@code liquibase update}.
 */
public final class LiquibaseSource {

    /** Reads the changelog and everything it includes; throws dev.evoplan.model.InputException (file, line, one-line message) on bad input. */
    public LoadedSchema load(Path changelog, LiquibaseOptions options) {
        Objects.requireNonNull(changelog, "changelog is null");
        Objects.requireNonNull(options, "options is null");
        Path file = changelog.toAbsolutePath().normalize();
        String shown = changelog.toString();
        if (!Files.exists(file)) {
            throw new InputException(shown, 0, "changelog does not exist");
        }
        if (!Files.isRegularFile(file)) {
            throw new InputException(shown, 0, "changelog is not a file");
        }
        List<Path> roots = roots(file.getParent(), options.searchPath(), shown);
        try {
            return LiquibaseRuntime.quietly(() -> {
                try (RecordingAccessor accessor = accessor(roots, shown)) {
                    Loading loading = new Loading(shown, file.getFileName().toString(), roots, accessor, options, null);
                    try {
                        return LiquibaseRuntime.withResources(accessor, loading::run);
                    } catch (InputException e) {
                        throw e;
                    } catch (Exception e) {
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
    public LoadedSchema load(ResourceAccessor resources, String master, String shown, UnaryOperator<String> display,
                             LiquibaseOptions options) {
        Objects.requireNonNull(resources, "resources is null");
        Objects.requireNonNull(master, "master is null");
        Objects.requireNonNull(shown, "shown is null");
        Objects.requireNonNull(display, "display is null");
        Objects.requireNonNull(options, "options is null");
        RecordingAccessor accessor = new RecordingAccessor(resources);
        Loading loading = new Loading(shown, master, List.of(), accessor, options, display);
        try {
            return LiquibaseRuntime.quietly(() -> {
                try {
                    return LiquibaseRuntime.withResources(accessor, loading::run);
                } catch (InputException e) {
                    throw e;
                } catch (Exception e) {
                    throw ParseErrors.translate(e, loading);
                }
            });
        } catch (InputException e) {
            throw e;
        } catch (Exception e) {
            throw new InputException(shown, 0, "cannot read changelog: " + e, e);
        }
    }

    /** Liquibase logs as it creates an accessor, so this runs inside the quiet scope. */
    private static RecordingAccessor accessor(List<Path> roots, String shown) {
        List<ResourceAccessor> accessors = new ArrayList<>();
        for (Path root : roots) {
            try {
                accessors.add(new DirectoryResourceAccessor(root));
            } catch (FileNotFoundException e) {
                throw new InputException(shown, 0, "search path directory " + root + " does not exist");
            }
        }
        return new RecordingAccessor(new CompositeResourceAccessor(accessors));
    }

    /**
     * The master's own directory comes first and the master is passed by its file name, so a
     * changeset's path (and identity) is the same for the same file reached the same way from
     * two copies of a changelog tree.
     */
    private static List<Path> roots(Path masterDir, List<Path> searchPath, String shown) {
        List<Path> roots = new ArrayList<>();
        roots.add(masterDir);
        List<Path> extra = searchPath.isEmpty() ? List.of(Path.of("").toAbsolutePath()) : searchPath;
        for (Path p : extra) {
            Path abs = p.toAbsolutePath().normalize();
            if (!Files.isDirectory(abs)) {
                throw new InputException(shown, 0, "search path directory " + p + " does not exist");
            }
            if (!roots.contains(abs)) {
                roots.add(abs);
            }
        }
        return roots;
    }

    /** The state of one load: where files are, their text and changeset lines. */
    static final class Loading {
        final String shownMaster;
        final String master;
        final List<Path> roots;
        final RecordingAccessor accessor;
        final LiquibaseOptions options;
        /** Names a changelog for messages when it is not a file on disk; null for a load from disk. */
        private final UnaryOperator<String> displayer;
        private final Map<String, String> texts = new HashMap<>();
        private final Map<String, ChangesetLines> lines = new HashMap<>();

        Loading(String shownMaster, String master, List<Path> roots, RecordingAccessor accessor, LiquibaseOptions options,
                UnaryOperator<String> displayer) {
            this.shownMaster = shownMaster;
            this.master = master;
            this.roots = roots;
            this.accessor = accessor;
            this.options = options;
            this.displayer = displayer;
        }

        LoadedSchema run() throws Exception {
            OfflinePostgres pg = new OfflinePostgres(accessor);
            ChangeLogParameters parameters = new ChangeLogParameters(pg.database());
            // Liquibase keeps a property's first value: ours are set before the changelog's.
            options.properties().forEach(parameters::set);
            Contexts contexts = new Contexts(options.contexts());
            LabelExpression labels = new LabelExpression(options.labels());
            parameters.setContexts(contexts);
            parameters.setLabels(labels);
            ChangeLogParser parser = ChangeLogParserFactory.getInstance().getParser(master, accessor);
            DatabaseChangeLog changelog = parser.parse(master, parameters, accessor);

            List<ChangeSetFilter> filters = List.of(new ContextChangeSetFilter(contexts), new LabelChangeSetFilter(labels),
                    new DbmsChangeSetFilter(pg.database()), new IgnoreChangeSetFilter());
            WorkingSchema schema = new WorkingSchema();
            ChangeFolder folder = new ChangeFolder(pg, schema);
            List<SourceChangeset> history = new ArrayList<>();
            Set<String> identities = new HashSet<>();
            for (ChangeSet changeSet : changelog.getChangeSets()) {
                if (!accepted(changeSet, filters)) {
                    continue;
                }
                history.add(changeset(changeSet, pg, folder, identities));
            }
            return new LoadedSchema(shownMaster, schema.snapshot(), history);
        }

        private static boolean accepted(ChangeSet changeSet, List<ChangeSetFilter> filters) {
            for (ChangeSetFilter filter : filters) {
                if (!filter.accepts(changeSet).isAccepted()) {
                    return false;
                }
            }
            return true;
        }

        private SourceChangeset changeset(ChangeSet changeSet, OfflinePostgres pg, ChangeFolder folder, Set<String> identities) {
            String physical = changeSet.getChangeLog() == null ? changeSet.getFilePath() : changeSet.getChangeLog().getPhysicalFilePath();
            int line = lines(physical).line(changeSet.getId(), changeSet.getAuthor());
            if (changeSet.getId() == null || changeSet.getId().isBlank()) {
                throw new InputException(display(physical), line, "changeset has no id");
            }
            if (changeSet.getAuthor() == null || changeSet.getAuthor().isBlank()) {
                throw new InputException(display(physical), line, "changeset " + changeSet.getId() + " has no author");
            }
            String identity = changeSet.getFilePath() + "::" + changeSet.getId() + "::" + changeSet.getAuthor();
            if (!identities.add(identity)) {
                throw new InputException(display(physical), line, "changeset " + changeSet.getId() + " by "
                        + changeSet.getAuthor() + " appears more than once (" + identity + ")");
            }
            Origin origin = new Origin(changeSet.getFilePath(), line, changeSet.getId(), changeSet.getAuthor(), null);
            pg.quoting(changeSet.getObjectQuotingStrategy());
            List<SqlVisitor> modifySql = modifySql(changeSet, pg);
            List<SourceChange> changes = new ArrayList<>();
            for (Change change : changeSet.getChanges()) {
                if (change instanceof DbmsTargetedChange targeted
                        && !DatabaseList.definitionMatches(targeted.getDbms(), pg.database(), true)) {
                    continue;
                }
                try {
                    changes.add(folder.fold(change, origin, modifySql));
                } catch (FoldException e) {
                    throw new InputException(display(physical), line, "changeset " + changeSet.getId() + " by "
                            + changeSet.getAuthor() + ": " + e.getMessage(), e);
                }
            }
            return new SourceChangeset(identity, origin, checksum(changeSet), changeSet.isRunInTransaction(), changes);
        }

        /** The changeset's modifySql entries that Liquibase would apply on PostgreSQL under these options. */
        private List<SqlVisitor> modifySql(ChangeSet changeSet, OfflinePostgres pg) {
            List<SqlVisitor> out = new ArrayList<>();
            for (SqlVisitor visitor : changeSet.getSqlVisitors()) {
                boolean dbms = visitor.getApplicableDbms() == null || visitor.getApplicableDbms().isEmpty()
                        || DatabaseList.definitionMatches(visitor.getApplicableDbms(), pg.database(), true);
                boolean context = visitor.getContextFilter() == null || visitor.getContextFilter().isEmpty()
                        || options.contexts().isEmpty() || visitor.getContextFilter().matches(new Contexts(options.contexts()));
                boolean label = visitor.getLabels() == null || visitor.getLabels().isEmpty()
                        || options.labels().isEmpty() || new LabelExpression(options.labels()).matches(visitor.getLabels());
                if (dbms && context && label) {
                    out.add(visitor);
                }
            }
            return out;
        }

        private static String checksum(ChangeSet changeSet) {
            try {
                return changeSet.generateCheckSum(ChecksumVersion.latest()).toString();
            } catch (RuntimeException e) {
                return null;
            }
        }

        ChangesetLines lines(String path) {
            return lines.computeIfAbsent(path, p -> ChangesetLines.scan(p, text(p)));
        }

        /** The file's text as Liquibase reads it, or empty when it cannot be read. */
        String text(String path) {
            return texts.computeIfAbsent(path, p -> {
                try {
                    for (Resource resource : accessor.getAll(p)) {
                        if (resource.exists()) {
                            try (InputStream in = resource.openInputStream()) {
                                String s = new String(in.readAllBytes(), StandardCharsets.UTF_8);
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

        /** A changelog path as the user can open it: relative to the working directory where it lies below it. */
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
