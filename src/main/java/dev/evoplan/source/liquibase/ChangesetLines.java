package dev.evoplan.source.liquibase;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where each changeset starts in a changelog file. Liquibase's parsers keep no line numbers, so the
 * file text is scanned for what starts a changeset in its format: {@code <changeSet} in XML, a
 * {@code changeSet} key in YAML and JSON, {@code --changeset author:id} in formatted SQL.
 */
final class ChangesetLines {
    /** One changeset start: 1-based line, id and author as written (null where not found). */
    record Entry(int line, String id, String author) {}

    private static final Pattern XML_CHANGESET =
            Pattern.compile("(?s)<(?:[A-Za-z_][\\w.-]*:)?changeSet\\b([^>]*)>");
    private static final Pattern XML_ATTRIBUTE =
            Pattern.compile("(?s)\\b(id|author)\\s*=\\s*(?:\"([^\"]*)\"|'([^']*)')");
    private static final Pattern YAML_CHANGESET =
            Pattern.compile("(?:^|[\\s{,\\[-])[\"']?changeSet[\"']?\\s*:");
    private static final String YAML_VALUE =
            "\\s*:\\s*(?:\"((?:[^\"\\\\]|\\\\.)*)\"|'((?:[^']|'')*)'|([^\\s,}\\]#\"'][^,}\\]#]*?))\\s*(?:$|[,}\\]#])";
    private static final Pattern YAML_ID =
            Pattern.compile("(?:^|[\\s{,-])[\"']?id[\"']?" + YAML_VALUE);
    private static final Pattern YAML_AUTHOR =
            Pattern.compile("(?:^|[\\s{,-])[\"']?author[\"']?" + YAML_VALUE);
    private static final Pattern SQL_CHANGESET =
            Pattern.compile(
                    "(?im)^[ \\t]*--[ \\t]*changeset\\s+(\"[^\"]+\"|[^:\\r\\n]+?):\\s*(\"[^\"]+\"|\\S+)");

    private final List<Entry> entries;

    /**
     * The first entry of each id and author, the entries of those a file repeats (in file order),
     * and the first entry of each id: a look-up per changeset, not a scan.
     */
    private final Map<IdAndAuthor, Entry> firstByIdAndAuthor = new HashMap<>();

    private final Map<IdAndAuthor, List<Entry>> repeated = new HashMap<>();
    private final Map<String, Entry> firstById = new HashMap<>();

    private record IdAndAuthor(String id, String author) {}

    /**
     * Every entry's author is one string per spelling (a file of 262,000 changesets has a few
     * authors), which the changesets' origins share ({@link #at}).
     */
    private ChangesetLines(List<Entry> entries) {
        Map<String, String> authors = new HashMap<>();
        List<Entry> shared = new ArrayList<>(entries.size());
        for (Entry e : entries) {
            String known = e.author() == null ? null : authors.putIfAbsent(e.author(), e.author());
            shared.add(known == null ? e : new Entry(e.line(), e.id(), known));
        }
        this.entries = List.copyOf(shared);
        for (Entry e : this.entries) {
            IdAndAuthor key = new IdAndAuthor(e.id(), e.author());
            Entry first = firstByIdAndAuthor.putIfAbsent(key, e);
            if (first != null) {
                repeated.computeIfAbsent(key, k -> new ArrayList<>(List.of(first))).add(e);
            }
            firstById.putIfAbsent(e.id(), e);
        }
    }

    /** Changeset starts already known, in file order. */
    static ChangesetLines of(List<Entry> entries) {
        return new ChangesetLines(entries);
    }

    List<Entry> entries() {
        return entries;
    }

    /** The line of {@code text} starting at {@code start}, without its {@code \n}. */
    static String lineAt(String text, int start) {
        int end = text.indexOf('\n', start);
        return text.substring(start, end < 0 ? text.length() : end);
    }

    /** Scans a file; the format is read off its name, as Liquibase picks its parser. */
    static ChangesetLines scan(String path, String text) {
        String lower = path.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".xml")) {
            return new ChangesetLines(xml(text));
        }
        if (lower.endsWith(".sql")) {
            return new ChangesetLines(sql(text));
        }
        return new ChangesetLines(yamlOrJson(text));
    }

    /**
     * The line of the changeset with that id and author; by id alone if the author differs; else 0.
     */
    int line(String id, String author) {
        Entry at = at(id, author);
        return at == null ? 0 : at.line();
    }

    /** The changeset with that id and author; by id alone if the author differs; else null. */
    private Entry at(String id, String author) {
        Entry same = firstByIdAndAuthor.get(new IdAndAuthor(id, author));
        return same != null ? same : firstById.get(id);
    }

    /**
     * The line of the {@code nth} (1-based) changeset with that id and author, for a file that
     * repeats one; as {@link #line(String, String)} when there are fewer.
     */
    int line(String id, String author, int nth) {
        Entry at = at(id, author, nth);
        return at == null ? 0 : at.line();
    }

    /** The entry {@link #line(String, String, int)} gives the line of, or null. */
    Entry at(String id, String author, int nth) {
        if (nth > 1) {
            List<Entry> same = repeated.get(new IdAndAuthor(id, author));
            if (same != null && nth <= same.size()) {
                return same.get(nth - 1);
            }
        } else if (nth == 1) {
            Entry first = firstByIdAndAuthor.get(new IdAndAuthor(id, author));
            if (first != null) {
                return first;
            }
        }
        return at(id, author);
    }

    /** The changeset that starts last at or before that line, if any. */
    Entry enclosing(int line) {
        Entry found = null;
        for (Entry e : entries) {
            if (e.line() <= line) {
                found = e;
            }
        }
        return found;
    }

    private static List<Entry> xml(String text) {
        String visible = blankXmlComments(text);
        List<Entry> out = new ArrayList<>();
        Matcher m = XML_CHANGESET.matcher(visible).useTransparentBounds(true);
        LineCounter lines = new LineCounter(visible);
        // Where the pattern can match: at the '<' just before a "changeSet" or before its prefix
        // ("<pre:changeSet"); the pattern itself decides there, as a scan of the whole text would.
        int from = 0;
        for (int at = visible.indexOf("changeSet");
                at >= 0;
                at = visible.indexOf("changeSet", at + 1)) {
            int start = tagStart(visible, at);
            if (start < from) {
                continue;
            }
            m.region(start, visible.length());
            if (!m.lookingAt()) {
                continue;
            }
            String id = null;
            String author = null;
            Matcher a = XML_ATTRIBUTE.matcher(m.group(1));
            while (a.find()) {
                String value = unescapeXml(a.group(2) != null ? a.group(2) : a.group(3));
                if (a.group(1).equals("id") && id == null) {
                    id = value;
                } else if (a.group(1).equals("author") && author == null) {
                    author = value;
                }
            }
            out.add(new Entry(lines.lineAt(start), id, author));
            from = m.end();
            at = from - 1;
        }
        return out;
    }

    /**
     * Where a tag naming the "changeSet" at {@code at} would start: the '<' before it, or before
     * its namespace prefix; -1 when neither is there.
     */
    private static int tagStart(String text, int at) {
        if (at == 0) {
            return -1;
        }
        char before = text.charAt(at - 1);
        if (before == '<') {
            return at - 1;
        }
        if (before != ':') {
            return -1;
        }
        int i = at - 2;
        while (i >= 0 && prefixChar(text.charAt(i))) {
            i--;
        }
        return i >= 0 && i < at - 2 && text.charAt(i) == '<' ? i : -1;
    }

    /** A character of {@code [\\w.-]} (ASCII word characters, dot and dash). */
    private static boolean prefixChar(char c) {
        return (c >= 'a' && c <= 'z')
                || (c >= 'A' && c <= 'Z')
                || (c >= '0' && c <= '9')
                || c == '_'
                || c == '.'
                || c == '-';
    }

    /**
     * The text with each XML comment ({@code <!-- ... -->}) replaced by spaces, its line breaks
     * kept, so offsets still give the right line.
     */
    private static String blankXmlComments(String text) {
        int open = text.indexOf("<!--");
        if (open < 0) {
            return text;
        }
        char[] chars = text.toCharArray();
        while (open >= 0) {
            int close = text.indexOf("-->", open + 4);
            if (close < 0) {
                break;
            }
            for (int i = open; i < close + 3; i++) {
                if (chars[i] != '\n' && chars[i] != '\r') {
                    chars[i] = ' ';
                }
            }
            open = text.indexOf("<!--", close + 3);
        }
        return new String(chars);
    }

    /**
     * The YAML or JSON entries, line by line as {@code \R} breaks them. Only lines that can say
     * something are made strings: one holding {@code changeSet}, and those after a changeset's
     * start until its id and author are found (of a 50 MB file's 2.4 million lines, a third).
     */
    private static List<Entry> yamlOrJson(String text) {
        List<Entry> out = new ArrayList<>();
        int start = 0;
        String id = null;
        String author = null;
        int key = text.indexOf("changeSet");
        int number = 0;
        for (int at = 0; ; ) {
            int end = at;
            while (end < text.length() && !lineBreak(text.charAt(end))) {
                end++;
            }
            number++;
            if (key >= 0 && key < at) {
                key = text.indexOf("changeSet", at);
            }
            // "changeSet" holds no line break: found at or after the line's start and before its
            // end, it is within the line.
            boolean holdsKey = key >= 0 && key < end;
            if (holdsKey || (start > 0 && (id == null || author == null))) {
                String line = text.substring(at, end);
                Matcher cs = holdsKey ? YAML_CHANGESET.matcher(line) : null;
                int from = 0;
                if (cs != null && cs.find()) {
                    if (start > 0) {
                        out.add(new Entry(start, id, author));
                    }
                    start = number;
                    id = null;
                    author = null;
                    from = cs.end();
                }
                if (start > 0 && (id == null || author == null)) {
                    String rest = line.substring(from);
                    if (id == null && rest.contains("id")) {
                        id = value(YAML_ID.matcher(rest));
                    }
                    if (author == null && rest.contains("author")) {
                        author = value(YAML_AUTHOR.matcher(rest));
                    }
                }
            }
            if (end == text.length()) {
                break;
            }
            at = end + (text.charAt(end) == '\r' && text.startsWith("\n", end + 1) ? 2 : 1);
        }
        if (start > 0) {
            out.add(new Entry(start, id, author));
        }
        return out;
    }

    /** Whether {@code c} is a line break of its own for {@code \R} ({@code \r\n} is one). */
    private static boolean lineBreak(char c) {
        return c == '\n'
                || c == '\r'
                || c == '\u000B'
                || c == '\u000C'
                || c == '\u0085'
                || c == '\u2028'
                || c == '\u2029';
    }

    private static String value(Matcher m) {
        if (!m.find()) {
            return null;
        }
        if (m.group(1) != null) {
            return m.group(1).replace("\\\"", "\"").replace("\\\\", "\\");
        }
        if (m.group(2) != null) {
            return m.group(2).replace("''", "'");
        }
        return m.group(3).strip();
    }

    private static List<Entry> sql(String text) {
        List<Entry> out = new ArrayList<>();
        Matcher m = SQL_CHANGESET.matcher(text);
        LineCounter lines = new LineCounter(text);
        while (m.find()) {
            out.add(
                    new Entry(
                            lines.lineAt(m.start()),
                            unquote(m.group(2)),
                            unquote(m.group(1).strip())));
        }
        if (out.isEmpty()) {
            // A plain SQL file is one changeset Liquibase calls "raw" by "includeAll".
            out.add(new Entry(1, "raw", "includeAll"));
        }
        return out;
    }

    private static String unquote(String s) {
        return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")
                ? s.substring(1, s.length() - 1)
                : s;
    }

    private static String unescapeXml(String s) {
        return s.replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&apos;", "'")
                .replace("&amp;", "&");
    }

    /**
     * 1-based lines of increasing offsets in one pass over the text: counting from the start for
     * each changeset made a file of n changesets cost n² (Fineract's 540 KB file: a third of a
     * plan).
     */
    static final class LineCounter {
        private final String text;
        private int offset;
        private int line = 1;

        LineCounter(String text) {
            this.text = text;
        }

        /** The line of {@code target}, which must not be before the offset asked last. */
        int lineAt(int target) {
            if (target < offset) {
                offset = 0;
                line = 1;
            }
            int end = Math.min(target, text.length());
            for (int i = offset; i < end; i++) {
                char c = text.charAt(i);
                if (c == '\n'
                        || (c == '\r' && (i + 1 >= text.length() || text.charAt(i + 1) != '\n'))) {
                    line++;
                }
            }
            offset = Math.max(offset, end);
            return line;
        }
    }

    /** 1-based line of a character offset. */
    static int lineOf(String text, int offset) {
        int line = 1;
        for (int i = 0; i < offset && i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n'
                    || (c == '\r' && (i + 1 >= text.length() || text.charAt(i + 1) != '\n'))) {
                line++;
            }
        }
        return line;
    }

    /** 1-based line of the first line containing {@code needle}, or 0. */
    static int firstLineContaining(String text, String needle) {
        int at = text.indexOf(needle);
        return at < 0 ? 0 : lineOf(text, at);
    }
}
