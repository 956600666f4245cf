package dev.evoplan.source.liquibase;

import dev.evoplan.source.sql.SqlLexer;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import liquibase.changelog.ChangeSet;
import liquibase.resource.Resource;
import liquibase.resource.ResourceAccessor;

/**
 * A large YAML master read by Liquibase in parts: its header (everything before the first
 * changeset) with a run of its changesets at a time, each part parsed by Liquibase and folded
 * before the next, so Liquibase never holds the whole file's YAML tree (SnakeYAML keeps two marks
 * per node: about 8 KB a changeset, 2 GB for a 50 MB changelog). Only where that is the same as one
 * parse: every top-level entry after the header is a changeSet, none uses a {@code ${property}}
 * (which an entry of the cut-out text could define) or moves changesets out of file order; the
 * caller checks that each part's changesets are exactly the ones the part's lines name, and reads
 * the file whole when anything is not as planned.
 */
final class ChunkedYaml {
    /** Files shorter than this (in characters) are parsed whole; tests lower it. */
    static volatile int chunkedFrom = 2 << 20;

    /**
     * Changesets per part; tests lower it. A part's YAML tree (about 8 KB a changeset) is live
     * while the part is parsed: a smaller part keeps less of it alive at once (the 50 MB plan under
     * -Xmx1g: 1,018 MiB peak RSS at 5,000 a part, 895 MiB at 1,000, the same CPU). Parts parsed
     * ahead of the fold ({@link PartParses}) wait a while parsed: at 1,000 a part they outgrew the
     * young generation's survivor spaces and were promoted to die in the old one (the 5 MB plan
     * peaked at 423 MiB instead of 279); at 250 they die young (212 MiB).
     */
    static volatile int changesetsPerPart = 250;

    private static final Pattern ENTRY =
            Pattern.compile("([ \\t]*)-[ \\t]+changeSet[ \\t]*:[ \\t]*");

    private ChunkedYaml() {}

    /**
     * One part: the header and the text from {@code start} to {@code end} of the whole file, and
     * the entries (whole-file lines) Liquibase must find in it. Its text is made when asked, so the
     * parts of a file never hold a second copy of it.
     */
    record Part(
            String whole, int headerEnd, int start, int end, List<ChangesetLines.Entry> entries) {
        /** What Liquibase parses: the header, then this part's changesets. */
        String text() {
            return new StringBuilder(headerEnd + end - start)
                    .append(whole, 0, headerEnd)
                    .append(whole, start, end)
                    .toString();
        }

        /** Whether Liquibase's changesets are exactly this part's, in order, all in the master. */
        boolean matches(List<ChangeSet> parsed, String master) {
            return ChunkedYaml.matches(entries, parsed, master);
        }
    }

    /** Whether Liquibase's changesets are exactly {@code entries}, in order, all in the master. */
    static boolean matches(
            List<ChangesetLines.Entry> entries, List<ChangeSet> parsed, String master) {
        if (parsed.size() != entries.size()) {
            return false;
        }
        for (int i = 0; i < parsed.size(); i++) {
            ChangeSet cs = parsed.get(i);
            ChangesetLines.Entry e = entries.get(i);
            if (!master.equals(LiquibaseSource.physical(cs))
                    || !Objects.equals(e.id(), cs.getId())
                    || !Objects.equals(e.author(), cs.getAuthor())) {
                return false;
            }
        }
        return true;
    }

    /**
     * The parts of a YAML master, or null when it is read whole: small, not YAML, or not only
     * changesets after its header.
     */
    static List<Part> parts(String path, String text, List<ChangesetLines.Entry> entries) {
        return parts(path, text, entries, chunkedFrom, changesetsPerPart);
    }

    private static List<Part> parts(
            String path,
            String text,
            List<ChangesetLines.Entry> entries,
            int minimumLength,
            int perPart) {
        String lower = path.toLowerCase(Locale.ROOT);
        if (!(lower.endsWith(".yaml") || lower.endsWith(".yml"))
                || text.length() < minimumLength
                || entries.size() <= perPart
                || perPart <= 0
                || otherLineBreaks(text)) {
            return null;
        }
        int[] lineStarts = SqlLexer.lineStarts(text);
        int[] starts = new int[entries.size()];
        int indent = -1;
        for (int i = 0; i < entries.size(); i++) {
            int line = entries.get(i).line();
            if (line < 1 || line > lineStarts.length) {
                return null;
            }
            starts[i] = lineStarts[line - 1];
            if (i > 0 && starts[i] <= starts[i - 1]) {
                return null;
            }
            Matcher m = ENTRY.matcher(ChangesetLines.lineAt(text, starts[i]));
            if (!m.matches() || (indent >= 0 && m.group(1).length() != indent)) {
                return null;
            }
            indent = m.group(1).length();
        }
        int body = starts[0];
        if (text.indexOf("${", body) >= 0
                || text.indexOf("runOrder", body) >= 0
                || text.indexOf("removeChangeSetProperty", body) >= 0
                || !onlyChangesets(text, body, indent)) {
            return null;
        }
        List<Part> parts = new ArrayList<>();
        for (int from = 0; from < entries.size(); from += perPart) {
            int to = Math.min(from + perPart, entries.size());
            int end = to < entries.size() ? starts[to] : text.length();
            parts.add(new Part(text, starts[0], starts[from], end, entries.subList(from, to)));
        }
        return parts;
    }

    /**
     * Whether every line of the body indented no deeper than its entries (blank lines and comments
     * aside) starts a changeSet entry: another top-level entry (a property, an include, a
     * logicalFilePath, preconditions) or a second document would be cut away from the parts it
     * belongs to.
     */
    /**
     * Whether the changelog is a YAML file of at least {@link #chunkedFrom} bytes, asked of the
     * accessor without noting the look-up: any other is read as it always was.
     */
    static boolean large(String path, ResourceAccessor resources) {
        String lower = path.toLowerCase(Locale.ROOT);
        if (!(lower.endsWith(".yaml") || lower.endsWith(".yml"))) {
            return false;
        }
        try {
            for (Resource r : resources.getAll(path)) {
                if (r.exists()) {
                    try (InputStream in = r.openInputStream()) {
                        long left = chunkedFrom;
                        while (left > 0 && in.read() >= 0) {
                            left--;
                            left -= in.skip(left);
                        }
                        return left <= 0;
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            return false;
        }
        return false;
    }

    /** The parts of a YAML text of at most {@code perPart} changesets each, as for a large file. */
    static List<Part> partsOf(String text, int perPart) {
        return parts("db.yaml", text, ChangesetLines.scan("db.yaml", text).entries(), 0, perPart);
    }

    private static boolean onlyChangesets(String text, int from, int indent) {
        Matcher entry = ENTRY.matcher(text);
        int at = from;
        while (at < text.length()) {
            int end = text.indexOf('\n', at);
            if (end < 0) {
                end = text.length();
            }
            int first = at;
            while (first < end && (text.charAt(first) == ' ' || text.charAt(first) == '\t')) {
                first++;
            }
            boolean blank = first == end || text.charAt(first) == '#';
            if (!blank && first - at <= indent && !entry.region(at, end).matches()) {
                return false;
            }
            at = end + 1;
        }
        return true;
    }

    /**
     * Line breaks other than '\n', which ChangesetLines also counts ({@code \R}): such a file is
     * read whole.
     */
    private static boolean otherLineBreaks(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\r'
                    || c == '\u000B'
                    || c == '\u000C'
                    || c == '\u0085'
                    || c == '\u2028'
                    || c == '\u2029') {
                return true;
            }
        }
        return false;
    }
}
