package dev.evoplan.source;

import dev.evoplan.model.InputException;
import dev.evoplan.model.LoadedSchema;
import dev.evoplan.source.git.GitSources;
import dev.evoplan.source.jdbc.CatalogReader;
import dev.evoplan.source.liquibase.LiquibaseOptions;
import dev.evoplan.source.liquibase.LiquibaseSource;
import dev.evoplan.source.sql.SqlSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns what the user typed as a source ({@code SRC}) into a loaded schema: a Liquibase changelog
 * path, the same at a git ref ({@code git:REF:PATH}), a plain {@code .sql} file or migration
 * folder, or a {@code jdbc:postgresql:} URL.
 */
public final class Sources {
    private Sources() {}

    public static LoadedSchema load(String spec, SourceSettings settings) {
        if (spec.startsWith("jdbc:")) {
            return loadDatabase(spec);
        }
        if (spec.startsWith("git:")) {
            return GitSources.load(spec, liquibaseOptions(settings));
        }
        Path path = Path.of(spec);
        if (!Files.exists(path)) {
            throw new InputException(spec, 0, "no such file");
        }
        InputFiles.requireFileOrFolder(path, spec);
        if (Files.isDirectory(path)) {
            return SqlSource.load(path);
        }
        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".xml")
                || name.endsWith(".yaml")
                || name.endsWith(".yml")
                || name.endsWith(".json")
                || (name.endsWith(".sql") && isFormattedSql(path))) {
            return new LiquibaseSource().load(path, liquibaseOptions(settings));
        }
        if (name.endsWith(".sql")) {
            return SqlSource.load(path);
        }
        throw new InputException(
                spec,
                0,
                "unknown source kind: expected a changelog (.xml, .yaml, .yml, .json, .sql) or a jdbc:postgresql: URL");
    }

    /**
     * The base side of {@code check --base}: empty where the merge-base lacks the path (see
     * GitSources).
     */
    public static LoadedSchema loadPullRequestBase(String spec, SourceSettings settings) {
        return GitSources.loadPullRequestBase(spec, liquibaseOptions(settings), Path.of(""));
    }

    private static LiquibaseOptions liquibaseOptions(SourceSettings settings) {
        return new LiquibaseOptions(
                settings.contexts(),
                settings.labels(),
                settings.properties(),
                settings.searchPath());
    }

    static boolean isFormattedSql(Path path) {
        try (var lines = Files.lines(path, StandardCharsets.UTF_8)) {
            return SqlSource.isLiquibaseFormatted(lines);
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new InputException(path.toString(), 0, "cannot read: " + e.getMessage());
        }
    }

    private static LoadedSchema loadDatabase(String url) {
        String shown = redact(url);
        try (Connection c = DriverManager.getConnection(url)) {
            c.setReadOnly(true);
            dev.evoplan.model.Schema schema = CatalogReader.read(c, Set.of());
            // Liquibase's own bookkeeping tables are not part of the application's schema.
            for (String bookkeeping :
                    java.util.List.of("databasechangelog", "databasechangeloglock")) {
                schema = schema.withoutTable(dev.evoplan.model.QualifiedName.of(bookkeeping));
            }
            return new LoadedSchema(shown, schema, java.util.List.of());
        } catch (SQLException e) {
            throw new InputException(
                    shown,
                    0,
                    "cannot read the database: " + redact(String.valueOf(e.getMessage())));
        }
    }

    /** The URL without its password, for anything shown to the user. */
    public static String redact(String text) {
        // Every piece of every report passes here: most hold neither a password parameter nor a
        // URL's user information, and are returned as they are without running the patterns.
        if (text.indexOf('@') < 0 && !mentionsPassword(text)) {
            return text;
        }
        return USER_INFO
                .matcher(PASSWORD_PARAMETER.matcher(text).replaceAll("$1***"))
                .replaceAll("$1***@");
    }

    /**
     * A password parameter: it runs to the next URL parameter (';' is part of it), or to a quote or
     * comma closing the string it sits in (a JSON report, a message).
     */
    private static final Pattern PASSWORD_PARAMETER =
            Pattern.compile(
                    "(?i)((?:ssl|pg)?password\\s*=\\s*)('(?:[^'\\\\]|\\\\.)*'|[^&\\s\"',<>]*)");

    /** A URL's user information with a password. */
    private static final Pattern USER_INFO = Pattern.compile("(//[^/:@\\s]+:)[^@\\s]*@");

    /** Whether "password" occurs in any case: the first pattern cannot match without it. */
    private static boolean mentionsPassword(String text) {
        for (int i = text.indexOf('a', 1); i >= 0; i = text.indexOf('a', i + 1)) {
            if (text.regionMatches(true, i - 1, "password", 0, 8)) {
                return true;
            }
        }
        for (int i = text.indexOf('A', 1); i >= 0; i = text.indexOf('A', i + 1)) {
            if (text.regionMatches(true, i - 1, "password", 0, 8)) {
                return true;
            }
        }
        return false;
    }
}
