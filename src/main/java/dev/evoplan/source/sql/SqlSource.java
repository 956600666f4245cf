package dev.evoplan.source.sql;

import dev.evoplan.model.InputException;
import dev.evoplan.model.LoadedSchema;
import dev.evoplan.model.Origin;
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
import java.util.stream.Stream;

/**
 * Reads plain SQL as a schema source: one {@code .sql} file, or a folder of migrations in the
 * order its migration tool runs them (see {@link MigrationFile}). Each file is one changeset
 * whose statements are folded, in order, into the schema.
 */
public final class SqlSource {
    private SqlSource() {}

    /** Loads a {@code .sql} file or a migration folder; an unreadable or empty input is an InputException. */
    public static LoadedSchema load(Path fileOrFolder) {
        if (!Files.exists(fileOrFolder)) {
            throw new InputException(fileOrFolder.toString(), 0, "no such file or folder");
        }
        List<MigrationFile> files;
        Path base;
        if (Files.isDirectory(fileOrFolder)) {
            base = fileOrFolder;
            files = MigrationFile.inOrder(fileOrFolder, list(fileOrFolder));
            if (files.isEmpty()) {
                throw new InputException(fileOrFolder.toString(), 0,
                        "no SQL migrations in the folder (looked for V1__x.sql, 1_x.up.sql, <n>_x/up.sql, 001_x.sql, *.sql)");
            }
        } else {
            base = fileOrFolder.toAbsolutePath().getParent();
            files = List.of(MigrationFile.single(fileOrFolder.getFileName().toString()));
        }
        SqlSchemaFolder folder = new SqlSchemaFolder(Schema.EMPTY);
        List<SourceChangeset> history = new ArrayList<>();
        for (MigrationFile f : files) {
            history.add(changeset(base, f, folder));
        }
        return new LoadedSchema(fileOrFolder.toString(), folder.schema(), history);
    }

    private static SourceChangeset changeset(Path base, MigrationFile f, SqlSchemaFolder folder) {
        Path path = base.resolve(f.relativePath());
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (IOException e) {
            throw new InputException(f.relativePath(), 0, "cannot read: " + e.getMessage(), e);
        }
        String sql = new String(bytes, StandardCharsets.UTF_8);
        SqlScript script = SqlParser.parse(sql, f.relativePath());
        List<SourceChange> changes = folder.foldAll(script);
        boolean transaction = f.tool().runsInTransaction(script, path);
        return new SourceChangeset(f.relativePath(), Origin.file(f.relativePath(), 1), sha256(bytes), transaction, changes);
    }

    private static List<String> list(Path folder) {
        try (Stream<Path> walk = Files.walk(folder, 2)) {
            return walk.filter(Files::isRegularFile)
                    .map(p -> folder.relativize(p).toString().replace('\\', '/'))
                    .filter(p -> p.toLowerCase(Locale.ROOT).endsWith(".sql"))
                    .toList();
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new InputException(folder.toString(), 0, "cannot read the folder: " + e.getMessage(), e);
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
