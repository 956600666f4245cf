package dev.evoplan.source.git;

import dev.evoplan.model.LoadedSchema;
import dev.evoplan.model.Schema;
import dev.evoplan.source.sql.SqlSource;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Plain SQL in a snapshot, read as {@link SqlSource} reads it on disk: a folder is a migration
 * folder, a {@code .sql} file that is not Liquibase formatted SQL is one plain file. Anything else
 * is a Liquibase changelog and is not read here.
 */
final class SqlAtRef {
    /** What a tree path holds, as far as the choice of reader goes. */
    enum Kind {
        FOLDER,
        FILE,
        CHANGELOG
    }

    private SqlAtRef() {}

    /**
     * How the source at {@code treePath} is read; a missing path counts as a changelog (its reader
     * reports it).
     */
    static Kind kind(Snapshot snapshot, String treePath) {
        if (snapshot.isFolder(treePath)) {
            return Kind.FOLDER;
        }
        if (snapshot.isFile(treePath)
                && (SqlSource.isPostgresOnlySql(treePath)
                        || (treePath.toLowerCase(Locale.ROOT).endsWith(".sql")
                                && !SqlSource.isLiquibaseFormatted(
                                        new String(
                                                snapshot.read(treePath),
                                                StandardCharsets.UTF_8))))) {
            return Kind.FILE;
        }
        return Kind.CHANGELOG;
    }

    /** The SQL at {@code treePath}, named {@code name}, or empty when it is a changelog. */
    static Optional<LoadedSchema> load(Snapshot snapshot, String treePath, String name) {
        return load(snapshot, treePath, name, Schema.EMPTY);
    }

    /**
     * As {@link #load(Snapshot, String, String)}, a migration folder's first file running on {@code
     * start} ({@code --schema}); a lone file is a state, which no start goes before.
     */
    static Optional<LoadedSchema> load(
            Snapshot snapshot, String treePath, String name, Schema start) {
        Kind kind = kind(snapshot, treePath);
        if (kind == Kind.FILE && start != Schema.EMPTY) {
            throw SqlSource.noStartForAState(name);
        }
        return switch (kind) {
            case FOLDER ->
                    Optional.of(SqlSource.loadFolder(name, folder(snapshot, treePath), start));
            case FILE ->
                    Optional.of(
                            SqlSource.loadFile(
                                    name, TreePath.name(treePath), snapshot.read(treePath)));
            case CHANGELOG -> Optional.empty();
        };
    }

    /** A folder of the snapshot, listed two levels deep as the disk listing is. */
    static SqlSource.FolderReader folder(Snapshot snapshot, String folder) {
        return new SqlSource.FolderReader() {
            @Override
            public List<String> sqlFiles() {
                List<String> out = new ArrayList<>();
                for (Snapshot.Entry e : snapshot.list(folder)) {
                    if (!e.folder()) {
                        addSql(out, e.name());
                        continue;
                    }
                    for (Snapshot.Entry child : snapshot.list(e.path())) {
                        if (!child.folder()) {
                            addSql(out, e.name() + "/" + child.name());
                        }
                    }
                }
                return out;
            }

            @Override
            public byte[] read(String relativePath) {
                return snapshot.read(TreePath.join(folder, relativePath).orElseThrow());
            }

            @Override
            public Optional<String> text(String relativePath) {
                return TreePath.join(folder, relativePath)
                        .filter(snapshot::isFile)
                        .map(p -> new String(snapshot.read(p), StandardCharsets.UTF_8));
            }
        };
    }

    private static void addSql(List<String> out, String relativePath) {
        if (SqlSource.isMigrationCandidate(relativePath)) {
            out.add(relativePath);
        }
    }
}
