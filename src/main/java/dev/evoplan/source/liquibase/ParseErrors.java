package dev.evoplan.source.liquibase;

import dev.evoplan.model.InputException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import liquibase.exception.UnknownChangelogFormatException;
import org.xml.sax.SAXParseException;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Turns what Liquibase throws while parsing into one {@link InputException}: the file the user can
 * open, the line, and one line saying what is wrong. Liquibase's messages are nested ("Error
 * parsing a.yaml : Error parsing b.yaml : ...") and several lines long; the innermost file and the
 * first line of the cause are what the user needs.
 */
final class ParseErrors {
    private static final Pattern ERROR_PARSING =
            Pattern.compile("Error parsing (?!line \\d)(.+?)\\s?: ");
    private static final Pattern SAX_FILE =
            Pattern.compile("Error parsing line \\d+ column \\d+ of (.+?): ");
    private static final Pattern YAML_FILE = Pattern.compile("Syntax error in file (.+?): ");
    private static final Pattern EMPTY_FILE =
            Pattern.compile("(?:Empty file |Unable to parse empty file: ')([^'\\r\\n]+)'?");
    private static final Pattern MISSING_FILE =
            Pattern.compile("The file (.+?) was not found in the configured search path");
    private static final Pattern MISSING_DIR = Pattern.compile("for includeAll '([^']+)'");
    private static final Pattern UNKNOWN_CHANGE = Pattern.compile("Unknown change type '([^']+)'");
    private static final Pattern UNEXPECTED_NODE = Pattern.compile("Unexpected node: (\\S+)");
    private static final Pattern SQL_FORMAT =
            Pattern.compile("formatted changelog '([^']+)' at line (\\d+)");
    private static final Pattern XSD_ELEMENT =
            Pattern.compile(
                    "Invalid content was found starting with element '(?:\\{\"[^\"]*\":)?([^'}]+)\\}?'");
    private static final Pattern NAMESPACED = Pattern.compile("\\{\"[^\"]*\":([^}]+)\\}");

    private ParseErrors() {}

    static InputException translate(Throwable error, LiquibaseSource.Loading loading) {
        List<Throwable> chain = chain(error);
        InputException limit = find(chain, InputException.class);
        if (limit != null) {
            // A limit of ChangelogLimits, thrown inside Liquibase's parse: it already says what and
            // where.
            String file = limit.file() == null ? loading.master : limit.file();
            return new InputException(
                    loading.display(file), limit.line(), limit.getMessage(), error);
        }
        String all = allMessages(chain);
        ChangelogRoots.AmbiguousResource ambiguous =
                find(chain, ChangelogRoots.AmbiguousResource.class);
        DeclaredIncludeAllFilter.AcceptsNothing acceptsNothing =
                find(chain, DeclaredIncludeAllFilter.AcceptsNothing.class);
        if (acceptsNothing != null) {
            return missingInclude(
                    acceptsNothing.folder, acceptsNothing.getMessage(), all, loading, error);
        }
        if (ambiguous != null && ambiguous.folder != null) {
            return missingInclude(
                    ambiguous.folder,
                    "includeAll directory "
                            + ambiguous.folder
                            + " lists "
                            + ambiguous.path
                            + " from more than one module's resources ("
                            + String.join(" and ", ambiguous.holders)
                            + "): on a classpath the order of the jars decides which one loads",
                    all,
                    loading,
                    error);
        }
        if (ambiguous != null) {
            return missingInclude(
                    ambiguous.path,
                    "included file "
                            + ambiguous.path
                            + " is in more than one module's resources ("
                            + String.join(" and ", ambiguous.holders)
                            + "): on a classpath the order of the jars decides which one loads",
                    all,
                    loading,
                    error);
        }

        if (find(chain, UnknownChangelogFormatException.class) != null) {
            return new InputException(
                    loading.shownMaster,
                    0,
                    "not a Liquibase changelog: use .xml, .yaml, .yml, .json or .sql",
                    error);
        }
        SAXParseException sax = find(chain, SAXParseException.class);
        if (sax != null) {
            return xml(sax, all, loading, error);
        }
        MarkedYAMLException yaml = find(chain, MarkedYAMLException.class);
        if (yaml != null) {
            String file = lastGroup(YAML_FILE, all, innermostFile(all, loading.master));
            Mark mark =
                    yaml.getProblemMark() != null ? yaml.getProblemMark() : yaml.getContextMark();
            String format = file.toLowerCase(Locale.ROOT).endsWith(".json") ? "JSON" : "YAML";
            String problem = yaml.getProblem() != null ? yaml.getProblem() : yaml.getContext();
            return new InputException(
                    loading.display(file),
                    mark == null ? 0 : mark.getLine() + 1,
                    "malformed " + format + ": " + firstLine(problem),
                    error);
        }
        Matcher empty = EMPTY_FILE.matcher(all);
        if (empty.find()) {
            return new InputException(
                    loading.display(empty.group(1).strip()), 1, "changelog file is empty", error);
        }
        Matcher missing = MISSING_FILE.matcher(all);
        if (missing.find()) {
            return missingInclude(
                    missing.group(1),
                    "included file " + missing.group(1) + " does not exist",
                    all,
                    loading,
                    error);
        }
        Matcher missingDir = MISSING_DIR.matcher(all);
        if (missingDir.find()) {
            return missingInclude(
                    missingDir.group(1),
                    "includeAll directory "
                            + missingDir.group(1)
                            + " does not exist or holds no changelogs",
                    all,
                    loading,
                    error);
        }
        if (all.contains(UnloadableIncludeAllFilter.MARKER)) {
            List<String[]> replaced = loading.accessor.replacedFilters();
            for (String opened : loading.accessor.openedMostRecentFirst()) {
                for (String[] r : replaced) {
                    if (r[0].equals(opened)) {
                        return includeAllFilter(r[1], loading, error);
                    }
                }
            }
        }
        ClassNotFoundException missingClass = find(chain, ClassNotFoundException.class);
        if (missingClass != null && missingClass.getMessage() != null) {
            return includeAllFilter(missingClass.getMessage().strip(), loading, error);
        }
        Matcher sql = SQL_FORMAT.matcher(all);
        if (sql.find()) {
            return new InputException(
                    loading.display(sql.group(1)),
                    Integer.parseInt(sql.group(2)),
                    "unexpected formatting in formatted SQL changelog: a changeset starts with '--changeset author:id'",
                    error);
        }
        Matcher unknown = UNKNOWN_CHANGE.matcher(all);
        if (unknown.find()) {
            return atKey(
                    unknown.group(1),
                    "unknown change type '" + unknown.group(1) + "'",
                    all,
                    loading,
                    error);
        }
        Matcher node = UNEXPECTED_NODE.matcher(all);
        if (node.find()) {
            return atKey(
                    node.group(1),
                    "unexpected attribute '" + node.group(1) + "'",
                    all,
                    loading,
                    error);
        }
        InputException refused = ChangelogLimits.refusedByLiquibase(all, loading, error);
        if (refused != null) {
            return refused;
        }
        String file = innermostFile(all, loading.master);
        return new InputException(
                loading.display(file),
                0,
                "cannot read changelog: " + innermostMessage(chain),
                error);
    }

    private static InputException xml(
            SAXParseException sax, String all, LiquibaseSource.Loading loading, Throwable error) {
        String file = lastGroup(SAX_FILE, all, innermostFile(all, loading.master));
        int line = Math.max(sax.getLineNumber(), 0);
        String message = firstLine(sax.getMessage());
        Matcher element = XSD_ELEMENT.matcher(message);
        if (element.find()) {
            message =
                    "unexpected element '"
                            + element.group(1)
                            + "' (an unknown change type or a misplaced element)";
            ChangesetLines.Entry changeset = loading.lines(file).enclosing(line);
            if (changeset != null && changeset.id() != null) {
                message += " in changeset " + changeset.id() + " by " + changeset.author();
            }
        } else {
            if (message.startsWith("cvc-elt.1")) {
                message += " (is xsi:schemaLocation missing?)";
            }
            message = NAMESPACED.matcher(message).replaceAll("$1");
            message = message.replaceAll("\\s*One of '.*' is expected\\.?", "");
            message = "malformed XML: " + message.replaceFirst("^cvc-[\\w.-]+:\\s*", "");
        }
        return new InputException(loading.display(file), line, message, error);
    }

    /**
     * A missing include, reported in the file that names it. Liquibase names that file only for
     * YAML and JSON, and names the missing file as resolved; so the files Liquibase opened are
     * searched, the most recent first, for the name and then for ever shorter tails of it.
     */
    private static InputException missingInclude(
            String missing,
            String message,
            String all,
            LiquibaseSource.Loading loading,
            Throwable error) {
        List<String> candidates = new ArrayList<>();
        candidates.add(innermostFile(all, loading.master));
        for (String opened : loading.accessor.openedMostRecentFirst()) {
            if (!candidates.contains(opened)) {
                candidates.add(opened);
            }
        }
        String needle = missing.replace('\\', '/');
        while (!needle.isEmpty()) {
            for (String candidate : candidates) {
                int line = ChangesetLines.firstLineContaining(loading.text(candidate), needle);
                if (line > 0) {
                    return new InputException(loading.display(candidate), line, message, error);
                }
            }
            int slash = needle.indexOf('/');
            needle = slash < 0 ? "" : needle.substring(slash + 1);
        }
        return new InputException(loading.display(candidates.get(0)), 0, message, error);
    }

    /**
     * An includeAll whose filter is a class of the project: Liquibase instantiates it, evoplan does
     * not run project code. The includeAll is found in the files opened so far.
     */
    private static InputException includeAllFilter(
            String className, LiquibaseSource.Loading loading, Throwable error) {
        String message =
                "includeAll filter "
                        + className
                        + " is a class of the project, which evoplan does not load or run;"
                        + " declare what it accepts with a glob over the changelog path"
                        + " (include-all-filters: {"
                        + className
                        + ": GLOB} in .evoplan.yaml, or --include-all-filter "
                        + className
                        + "=GLOB), or replace this includeAll with include elements naming the files"
                        + " the filter selects";
        for (String opened : loading.accessor.openedMostRecentFirst()) {
            String text = loading.text(opened);
            int line = ChangesetLines.firstLineContaining(text, className);
            if (line == 0) {
                line =
                        ChangesetLines.firstLineContaining(
                                text, UnloadableIncludeAllFilter.class.getName());
            }
            if (line > 0) {
                return new InputException(loading.display(opened), line, message, error);
            }
        }
        return new InputException(loading.shownMaster, 0, message, error);
    }

    /** An unknown key: the line that spells it, and the changeset around it. */
    private static InputException atKey(
            String key,
            String message,
            String all,
            LiquibaseSource.Loading loading,
            Throwable error) {
        String file = innermostFile(all, loading.master);
        String text = loading.text(file);
        int line = 0;
        Matcher m =
                Pattern.compile("(?m)(?:<|[\"']?)" + Pattern.quote(key) + "(?:[\"']?\\s*:|[\\s/>])")
                        .matcher(text);
        if (m.find()) {
            line = ChangesetLines.lineOf(text, m.start());
        }
        ChangesetLines.Entry changeset = line > 0 ? loading.lines(file).enclosing(line) : null;
        if (changeset != null && changeset.id() != null) {
            message += " in changeset " + changeset.id() + " by " + changeset.author();
        }
        return new InputException(loading.display(file), line, message, error);
    }

    /** The last file named by "Error parsing X :", i.e. the most deeply included one. */
    private static String innermostFile(String all, String fallback) {
        return lastGroup(ERROR_PARSING, all, fallback);
    }

    private static String lastGroup(Pattern p, String text, String fallback) {
        Matcher m = p.matcher(text);
        String found = fallback;
        while (m.find()) {
            found = m.group(1).strip();
        }
        return found;
    }

    private static List<Throwable> chain(Throwable error) {
        List<Throwable> out = new ArrayList<>();
        for (Throwable t = error; t != null && !out.contains(t); t = t.getCause()) {
            out.add(t);
        }
        return out;
    }

    private static String allMessages(List<Throwable> chain) {
        StringBuilder sb = new StringBuilder();
        for (Throwable t : chain) {
            if (t.getMessage() != null) {
                sb.append(t.getMessage()).append('\n');
            }
        }
        return sb.toString();
    }

    private static String innermostMessage(List<Throwable> chain) {
        for (int i = chain.size() - 1; i >= 0; i--) {
            String m = chain.get(i).getMessage();
            if (m != null && !m.isBlank()) {
                return firstLine(ERROR_PARSING.matcher(m).replaceAll(""));
            }
        }
        return chain.get(0).getClass().getSimpleName();
    }

    private static <T extends Throwable> T find(List<Throwable> chain, Class<T> type) {
        for (Throwable t : chain) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        String stripped = s.strip();
        int nl = stripped.indexOf('\n');
        return (nl < 0 ? stripped : stripped.substring(0, nl)).strip();
    }
}
