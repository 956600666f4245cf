package dev.evoplan.source.liquibase;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import liquibase.resource.AbstractResource;
import liquibase.resource.Resource;
import liquibase.resource.ResourceAccessor;

/**
 * Changesets appended to a changelog file, as a file Liquibase can parse on its own: the old file's
 * header (everything before its first changeset) and trailer (what follows its last one, such as
 * XML's closing tag) around the new text. Parsing that gives the new changesets as the whole file
 * would, as long as nothing in the new text depends on what was cut out; the checks here and in the
 * caller turn down every case where it could.
 */
final class Appended {
    private static final Pattern XML_CHANGESET_END =
            Pattern.compile(
                    "</(?:[A-Za-z_][\\w.-]*:)?changeSet\\s*>|<(?:[A-Za-z_][\\w.-]*:)?changeSet\\b[^>]*/>");

    private Appended() {}

    /**
     * The shortened file holding only what {@code now} appends to {@code before}, or empty when
     * {@code now} is not {@code before} with text added after its last changeset, or the added text
     * uses a property (its value may come from the cut-out part) or may reorder changesets (the old
     * text was checked when it was loaded: see {@link #reorders}).
     */
    static Optional<Reduced> reduce(
            String path, String before, List<ChangesetLines.Entry> beforeLines, String now) {
        String lower = path.toLowerCase(Locale.ROOT);
        boolean xml = lower.endsWith(".xml");
        if (!(xml || lower.endsWith(".yaml") || lower.endsWith(".yml") || lower.endsWith(".sql"))
                || beforeLines.isEmpty()
                || now.length() <= before.length()) {
            return Optional.empty();
        }
        int end = xml ? xmlEnd(before) : trimmedEnd(before);
        if (end < 0) {
            return Optional.empty();
        }
        String trailer = before.substring(end);
        if (!now.regionMatches(0, before, 0, end) || !now.endsWith(trailer)) {
            return Optional.empty();
        }
        String added = now.substring(end, now.length() - trailer.length());
        if (added.contains("${") || reorders(added)) {
            return Optional.empty();
        }
        int start = lineStart(before, beforeLines.get(0).line());
        if (start < 0 || start > end) {
            return Optional.empty();
        }
        String reduced = before.substring(0, start) + added + trailer;
        // The added text starts at `end` in the whole file and at `start` in the shortened one.
        int shift = lines(before, end) - lines(reduced, start);
        List<ChangesetLines.Entry> lines = new ArrayList<>(beforeLines);
        for (ChangesetLines.Entry e : ChangesetLines.scan(path, reduced).entries()) {
            lines.add(new ChangesetLines.Entry(e.line() + shift, e.id(), e.author()));
        }
        return Optional.of(new Reduced(reduced, ChangesetLines.of(lines)));
    }

    /**
     * The shortened file, and where the changesets start in the whole one: the old file's starts,
     * then the added ones', found in the shortened text (scanning only what is new).
     */
    record Reduced(String text, ChangesetLines lines) {}

    /**
     * Whether the text may move changesets out of file order ({@code runOrder}, {@code
     * removeChangeSetProperty}): then appending is not the same as running last.
     */
    static boolean reorders(String text) {
        return text.contains("runOrder") || text.contains("removeChangeSetProperty");
    }

    /**
     * The 1-based line of an offset, as {@link ChangesetLines#lineOf}, faster where lines end in
     * '\n' alone.
     */
    private static int lines(String text, int offset) {
        if (text.indexOf('\r') >= 0) {
            return ChangesetLines.lineOf(text, offset);
        }
        int line = 1;
        for (int i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
            line++;
        }
        return line;
    }

    /** Where the last changeset of an XML changelog ends, or -1. */
    private static int xmlEnd(String text) {
        Matcher m = XML_CHANGESET_END.matcher(text);
        int end = -1;
        while (m.find()) {
            end = m.end();
        }
        return end;
    }

    /** The end of the text without its trailing white space. */
    private static int trimmedEnd(String text) {
        int end = text.length();
        while (end > 0 && Character.isWhitespace(text.charAt(end - 1))) {
            end--;
        }
        return end;
    }

    /** The offset where a 1-based line starts, or -1. */
    private static int lineStart(String text, int line) {
        int offset = 0;
        for (int l = 1; l < line; l++) {
            int next = nextLine(text, offset);
            if (next < 0) {
                return -1;
            }
            offset = next;
        }
        return offset;
    }

    private static int nextLine(String text, int from) {
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                return i + 1;
            }
            if (c == '\r') {
                return i + 1 < text.length() && text.charAt(i + 1) == '\n' ? i + 2 : i + 1;
            }
        }
        return -1;
    }

    /**
     * The accessor's files, with one path answered otherwise, in one of two ways. Replacing ({@link
     * #Overlay(ResourceAccessor, String, String)}): the delegate still lists the path (a {@link
     * RecordingAccessor} below records the lookup) and its first existing file reads as the text
     * given. Read already ({@link #readAlready}): the path is answered with a resource whose bytes
     * were just read through the delegate, without asking it again (the lookup was recorded then).
     */
    static final class Overlay implements ResourceAccessor {
        private final ResourceAccessor delegate;
        private final String path;

        /** The bytes the delegate's first existing file reads as; null when read already. */
        private final byte[] text;

        /** The path's one resource, answered without the delegate; null when replacing. */
        private final Resource read;

        Overlay(ResourceAccessor delegate, String path, String text) {
            this(delegate, path, text.getBytes(StandardCharsets.UTF_8), null);
        }

        private Overlay(ResourceAccessor delegate, String path, byte[] text, Resource read) {
            this.delegate = delegate;
            this.path = path;
            this.text = text;
            this.read = read;
        }

        /** Answers {@code path} with {@code read}, asking the delegate only for other paths. */
        static Overlay readAlready(ResourceAccessor delegate, String path, Resource read) {
            return new Overlay(delegate, path, null, read);
        }

        @Override
        public Resource get(String asked) throws IOException {
            if (read == null) {
                return ResourceAccessor.super.get(asked);
            }
            return path.equals(asked) ? read : delegate.get(asked);
        }

        @Override
        public Resource getExisting(String asked) throws IOException {
            if (read == null) {
                return ResourceAccessor.super.getExisting(asked);
            }
            return path.equals(asked) ? read : delegate.getExisting(asked);
        }

        @Override
        public List<Resource> search(String searchPath, SearchOptions options) throws IOException {
            return delegate.search(searchPath, options);
        }

        @Override
        public List<Resource> search(String searchPath, boolean recursive) throws IOException {
            return delegate.search(searchPath, recursive);
        }

        @Override
        public List<Resource> getAll(String asked) throws IOException {
            if (read != null) {
                if (!path.equals(asked)) {
                    return delegate.getAll(asked);
                }
                List<Resource> one = new ArrayList<>();
                one.add(read);
                return one;
            }
            List<Resource> found = delegate.getAll(asked);
            if (found == null || !asked.equals(path)) {
                return found;
            }
            List<Resource> out = new ArrayList<>();
            for (Resource r : found) {
                out.add(r.exists() && out.isEmpty() ? new Replaced(r, text) : r);
            }
            return out;
        }

        @Override
        public List<String> describeLocations() {
            return delegate.describeLocations();
        }

        @Override
        public void close() {
            // The delegate belongs to the caller.
        }
    }

    /** A resource read as other bytes; everything else as the original. */
    static final class Replaced extends AbstractResource {
        private final Resource original;
        private final byte[] text;

        Replaced(Resource original, byte[] text) {
            super(original.getPath(), original.getUri());
            this.original = original;
            this.text = text;
        }

        @Override
        public InputStream openInputStream() {
            return new ByteArrayInputStream(text);
        }

        @Override
        public boolean exists() {
            return true;
        }

        @Override
        public Resource resolve(String other) {
            return original.resolve(other);
        }

        @Override
        public Resource resolveSibling(String other) {
            return original.resolveSibling(other);
        }

        @Override
        public boolean isWritable() {
            return false;
        }
    }
}
