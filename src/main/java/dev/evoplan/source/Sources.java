package dev.evoplan.source;

import dev.evoplan.model.InputException;
import dev.evoplan.model.LoadedSchema;
import dev.evoplan.model.Schema;
import dev.evoplan.source.git.GitSources;
import dev.evoplan.source.jdbc.CatalogReader;
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

    /** A source read alone: any of its changesets may be judged as written (lint, verify, doc). */
    public static LoadedSchema load(String spec, SourceSettings settings) {
        return load(spec, settings, LiquibaseSource.Kept.WHOLE, Schema.EMPTY);
    }

    /**
     * The old side of a comparison: its changesets ran and are only compared with the new side's,
     * so each change of a changelog keeps the objects it changed, not the whole schema before and
     * after it.
     */
    public static LoadedSchema loadOld(String spec, SourceSettings settings) {
        return loadOld(spec, settings, Schema.EMPTY);
    }

    /**
     * As {@link #loadOld(String, SourceSettings)}, a changelog or migration folder going on from
     * {@code start} ({@code plan --schema}); a live database or a lone SQL file is a state of its
     * own, given with a start an InputException.
     */
    public static LoadedSchema loadOld(String spec, SourceSettings settings, Schema start) {
        return load(spec, settings, LiquibaseSource.Kept.RAN, start);
    }

    /**
     * The new side of a comparison with {@code old}, loaded right after it: where it continues
     * old's changelog, it shares old's changesets as old kept them.
     */
    public static LoadedSchema loadNew(String spec, SourceSettings settings, LoadedSchema old) {
        return loadNew(spec, settings, old, Schema.EMPTY);
    }

    /** As {@link #loadNew(String, SourceSettings, LoadedSchema)}, going on from {@code start}. */
    public static LoadedSchema loadNew(
            String spec, SourceSettings settings, LoadedSchema old, Schema start) {
        return load(spec, settings, LiquibaseSource.Kept.after(old), start);
    }

    private static LoadedSchema load(
            String spec, SourceSettings settings, LiquibaseSource.Kept kept, Schema start) {
        if (spec.startsWith("jdbc:")) {
            if (start != Schema.EMPTY) {
                throw new InputException(
                        redact(spec),
                        0,
                        "a database is a schema state: --schema goes only before changelogs and"
                                + " migration folders");
            }
            return loadDatabase(spec);
        }
        if (spec.startsWith("git:")) {
            return GitSources.load(spec, settings.liquibaseOptions(), Path.of(""), kept, start);
        }
        Path path = Path.of(spec);
        if (!Files.exists(path)) {
            throw new InputException(spec, 0, "no such file");
        }
        InputFiles.requireFileOrFolder(path, spec);
        if (Files.isDirectory(path)) {
            return SqlSource.load(path, start);
        }
        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".xml")
                || name.endsWith(".yaml")
                || name.endsWith(".yml")
                || name.endsWith(".json")
                || (name.endsWith(".sql") && isFormattedSql(path))) {
            return new LiquibaseSource().load(path, settings.liquibaseOptions(), kept, start);
        }
        if (name.endsWith(".sql") || SqlSource.isPostgresOnlySql(name)) {
            return SqlSource.load(path, start);
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
        return loadPullRequestBase(spec, settings, Schema.EMPTY);
    }

    /** As {@link #loadPullRequestBase(String, SourceSettings)}, going on from {@code start}. */
    public static LoadedSchema loadPullRequestBase(
            String spec, SourceSettings settings, Schema start) {
        return GitSources.loadPullRequestBase(
                spec, settings.liquibaseOptions(), Path.of(""), start);
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
            // Liquibase's own bookkeeping tables are not part of the application's schema.
            dev.evoplan.model.Schema schema =
                    dev.evoplan.source.liquibase.Bookkeeping.without(
                            CatalogReader.read(c, Set.of()));
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
        // Every report passes here whole. Each pattern can only match where its fixed part occurs
        // ("password" in any case, "//"), so it is tried there alone instead of at every character
        // of the report: the same replacements as replaceAll, at a fraction of the cost.
        String out = replaceAt(PASSWORD_PARAMETER, text, passwordStarts(text), "***");
        return replaceAt(USER_INFO, out, slashStarts(out), "***@");
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

    /**
     * A "password" from which a {@link #PASSWORD_PARAMETER} may run over a line break or the end of
     * the text: white space around its '=' that reaches one, or a quoted value that does before it
     * closes.
     */
    private static final Pattern PASSWORD_OVER_LINES =
            Pattern.compile(
                    "(?i)password[^\\S\\n]*(?:=[^\\S\\n]*(?:'(?:[^'\\\\\\n]|\\\\[^\\n])*\\\\?)?)?(?:\\n|\\z)");

    /**
     * Whether {@link #redact} hides in {@code text} what it hides in each of its lines alone: a
     * URL's user information holds no white space, and a password parameter spans lines only where
     * its '=' or quoted value does (a {@code password_hash} column does not).
     */
    public static boolean redactsLineByLine(String text) {
        return passwordStarts(text).length == 0 || !PASSWORD_OVER_LINES.matcher(text).find();
    }

    /**
     * Where a password parameter can start, in order: at each "password" (any case), or 2 or 3
     * characters before it ("pg", "ssl").
     */
    private static int[] passwordStarts(String text) {
        java.util.TreeSet<Integer> out = new java.util.TreeSet<>();
        // Found by its "w": only 'w' and 'W' match it in any case, and reports hold a quarter as
        // many of them as of "a".
        for (char w : new char[] {'w', 'W'}) {
            for (int i = text.indexOf(w, 4); i >= 0; i = text.indexOf(w, i + 1)) {
                if (text.regionMatches(true, i - 4, "password", 0, 8)) {
                    out.add(i - 4);
                    out.add(i - 6);
                    out.add(i - 7);
                }
            }
        }
        return out.stream().mapToInt(Integer::intValue).filter(i -> i >= 0).toArray();
    }

    /** Where a URL's user information can start: at each "//". */
    private static int[] slashStarts(String text) {
        if (text.indexOf('@') < 0) {
            return new int[0];
        }
        java.util.List<Integer> out = new java.util.ArrayList<>();
        for (int i = text.indexOf("//"); i >= 0; i = text.indexOf("//", i + 1)) {
            out.add(i);
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * {@code pattern.matcher(text).replaceAll("$1" + suffix)} where every match starts at one of
     * {@code starts} (ascending): matches are found left to right, each from the end of the last.
     */
    private static String replaceAt(Pattern pattern, String text, int[] starts, String suffix) {
        if (starts.length == 0) {
            return text;
        }
        java.util.regex.Matcher m = pattern.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        int last = 0;
        for (int start : starts) {
            if (start < last) {
                continue;
            }
            m.region(start, text.length());
            if (m.lookingAt()) {
                out.append(text, last, start).append(m.group(1)).append(suffix);
                last = m.end();
            }
        }
        return last == 0 && out.length() == 0
                ? text
                : out.append(text, last, text.length()).toString();
    }
}
