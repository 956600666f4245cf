package dev.evoplan.source.liquibase;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import liquibase.resource.Resource;
import liquibase.resource.ResourceAccessor;

/**
 * Liquibase's resource lookup, noting which changelog files it opened and in what order, so an
 * error in an include can be pinned to the file that names it: Liquibase's message for a missing
 * include names the including file only for YAML and JSON.
 */
final class RecordingAccessor implements ResourceAccessor {
    private final ResourceAccessor delegate;
    private static final Pattern FILTER =
            Pattern.compile("(<includeAll\\b[^>]*?\\bfilter\\s*=\\s*[\"'])([^\"']+)([\"'])");
    private final List<String> opened = new ArrayList<>();
    private final List<String[]> replaced = new ArrayList<>();
    private final java.util.Set<String> checked = new java.util.HashSet<>();

    /**
     * YAML and JSON files without an alias, whose limit check waits for a parse that fails: see
     * {@link #checkUnchecked}.
     */
    private final List<Resource> unchecked = new ArrayList<>();

    /** Every lookup and its answer's hash, for {@link SideReuse}; null when not kept. */
    private final SideReuse.Lookups lookups;

    RecordingAccessor(ResourceAccessor delegate) {
        this(delegate, false);
    }

    RecordingAccessor(ResourceAccessor delegate, boolean keepLookups) {
        this(delegate, keepLookups, Map.of());
    }

    /**
     * {@code declaredFilters}: includeAll filter classes of the project by name, each with the glob
     * over the changelog path that says what it accepts ({@link DeclaredIncludeAllFilter}).
     */
    RecordingAccessor(
            ResourceAccessor delegate, boolean keepLookups, Map<String, String> declaredFilters) {
        this.delegate = delegate;
        this.lookups = keepLookups ? SideReuse.Lookups.recording() : null;
        this.declaredFilters = Map.copyOf(declaredFilters);
    }

    /** The includeAll folders whose filter was declared, with the glob that filters the listing. */
    private record DeclaredFolder(String folder, String className, String glob) {}

    private final Map<String, String> declaredFilters;
    private final List<DeclaredFolder> declaredFolders = new ArrayList<>();
    private static final Pattern PATH_ATTRIBUTE =
            Pattern.compile("\\bpath\\s*=\\s*[\"']([^\"']+)[\"']");
    private static final Pattern RELATIVE =
            Pattern.compile("\\brelativeToChangelogFile\\s*=\\s*[\"']true[\"']");

    /** A folder as Liquibase names it to search: no "classpath:", no leading or trailing '/'. */
    private static String folderKey(String folder) {
        String f = folder.replace('\\', '/').replaceFirst("^classpath\\*?:", "");
        f = java.nio.file.Path.of(f.replaceFirst("^/+", "")).normalize().toString();
        return f.replace('\\', '/').replaceFirst("/+$", "");
    }

    /** Keeps the files the declared glob accepts when {@code folder} is a declared includeAll's. */
    private List<Resource> declaredListing(String folder, List<Resource> listed) {
        if (listed == null || declaredFolders.isEmpty()) {
            return listed;
        }
        String key = folderKey(folder);
        DeclaredFolder declared = null;
        synchronized (this) {
            for (DeclaredFolder d : declaredFolders) {
                if (d.folder().equals(key)) {
                    declared = d;
                    break;
                }
            }
        }
        if (declared == null) {
            return listed;
        }
        PathMatcher glob = DeclaredIncludeAllFilter.matcher(declared.glob());
        List<Resource> kept = new ArrayList<>();
        int changelogs = 0;
        int acceptedChangelogs = 0;
        for (Resource r : listed) {
            boolean accepted = DeclaredIncludeAllFilter.accepts(glob, r.getPath());
            if (changelogLike(r.getPath())) {
                changelogs++;
                acceptedChangelogs += accepted ? 1 : 0;
            }
            if (accepted) {
                kept.add(r);
            }
        }
        // A glob that keeps only other files (a README) includes no changelog either: the folder
        // would read as empty without a word.
        if (acceptedChangelogs == 0 && changelogs > 0) {
            throw new DeclaredIncludeAllFilter.AcceptsNothing(
                    key, declared.className(), declared.glob(), changelogs);
        }
        return kept;
    }

    /**
     * Checks the limits of the YAML and JSON files looked up so far whose check was left for now,
     * in the order they were looked up; throws the input error the first one breaks. Called when a
     * parse failed: without an alias, a file breaks a limit only by nesting deeper than SnakeYAML
     * lets Liquibase read, which fails Liquibase's own parse of it, so a load that succeeds needs
     * no second pass over its files, and one that fails reports what the check says, as when every
     * file was checked as it was opened.
     */
    void checkUnchecked() {
        List<Resource> pending;
        synchronized (this) {
            pending = List.copyOf(unchecked);
            unchecked.clear();
        }
        for (Resource r : pending) {
            try (InputStream in = r.openInputStream()) {
                ChangelogLimits.checkYaml(r.getPath(), in);
            } catch (IOException e) {
                // It was read once: the parse's own error is what the user sees.
            }
        }
    }

    /** The accessor asked, without this one's recording. */
    ResourceAccessor delegate() {
        return delegate;
    }

    /** The lookups made so far and their answers; null when they are not kept. */
    SideReuse.Lookups lookups() {
        return lookups;
    }

    /** Notes a lookup's answer (or its failure) when lookups are kept. */
    private List<Resource> noted(SideReuse.Lookup lookup, Answer answer) throws IOException {
        if (lookups == null) {
            return answer.get();
        }
        List<Resource> found;
        try {
            found = answer.get();
        } catch (IOException | RuntimeException e) {
            lookups.note(lookup, null);
            throw e;
        }
        return lookups.note(lookup, found);
    }

    private interface Answer {
        List<Resource> get() throws IOException;
    }

    /** Changelog-like files looked up so far, the most recent first. */
    synchronized List<String> openedMostRecentFirst() {
        List<String> out = new ArrayList<>();
        for (int i = opened.size() - 1; i >= 0; i--) {
            if (!out.contains(opened.get(i))) {
                out.add(opened.get(i));
            }
        }
        return out;
    }

    /**
     * Every changelog-like file looked up, in order, repeats included (an include cycle repeats).
     */
    synchronized List<String> openedInOrder() {
        return List.copyOf(opened);
    }

    @Override
    public List<Resource> search(String path, SearchOptions options) throws IOException {
        return noted(
                new SideReuse.Lookup(SideReuse.Lookup.Kind.SEARCH, path, options, false, null, 0),
                () -> declaredListing(path, delegate.search(path, options)));
    }

    @Override
    public List<Resource> search(String path, boolean recursive) throws IOException {
        return noted(
                new SideReuse.Lookup(
                        SideReuse.Lookup.Kind.SEARCH_RECURSIVE, path, null, recursive, null, 0),
                () -> declaredListing(path, delegate.search(path, recursive)));
    }

    /**
     * Filter classes replaced by {@link UnloadableIncludeAllFilter}, by the changelog that names
     * them, in order.
     */
    synchronized List<String[]> replacedFilters() {
        return List.copyOf(replaced);
    }

    @Override
    public List<Resource> getAll(String path) throws IOException {
        List<Resource> found =
                noted(
                        new SideReuse.Lookup(SideReuse.Lookup.Kind.GET, path, null, false, null, 0),
                        () -> delegate.getAll(path));
        if (found == null) {
            return null;
        }
        List<Resource> out = new ArrayList<>();
        for (Resource r : found) {
            if (r.exists() && changelogLike(r.getPath())) {
                boolean first;
                synchronized (this) {
                    first = checked.add(r.getPath());
                    opened.add(r.getPath());
                }
                if (first && ChangelogLimits.isYamlOrJson(r.getPath())) {
                    boolean aliases;
                    try (InputStream in = r.openInputStream()) {
                        aliases = ChangelogLimits.mayHoldAliases(in);
                    }
                    if (aliases) {
                        try (InputStream in = r.openInputStream()) {
                            ChangelogLimits.checkYaml(r.getPath(), in);
                        }
                    } else {
                        synchronized (this) {
                            unchecked.add(r);
                        }
                    }
                }
                r = withLoadableFilters(r);
            }
            out.add(r);
        }
        return out;
    }

    /**
     * An XML changelog whose includeAll names a filter class evoplan cannot load is read with
     * {@link UnloadableIncludeAllFilter} in its place (on the same line, so lines still count).
     */
    private Resource withLoadableFilters(Resource r) throws IOException {
        if (!r.getPath().toLowerCase(Locale.ROOT).endsWith(".xml")) {
            return r;
        }
        String text;
        try (InputStream in = r.openInputStream()) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (!text.contains("includeAll")) {
            return r;
        }
        Matcher m = FILTER.matcher(text);
        StringBuilder sb = new StringBuilder();
        boolean changed = false;
        while (m.find()) {
            String className = m.group(2);
            if (loadable(className)) {
                m.appendReplacement(sb, Matcher.quoteReplacement(m.group()));
                continue;
            }
            String glob = declaredFilters.get(className);
            if (glob != null) {
                declare(r.getPath(), text, m.start(), className, glob);
                m.appendReplacement(
                        sb,
                        Matcher.quoteReplacement(
                                m.group(1)
                                        + DeclaredIncludeAllFilter.class.getName()
                                        + m.group(3)));
                changed = true;
                continue;
            }
            synchronized (this) {
                replaced.add(new String[] {r.getPath(), className});
            }
            m.appendReplacement(
                    sb,
                    Matcher.quoteReplacement(
                            m.group(1) + UnloadableIncludeAllFilter.class.getName() + m.group(3)));
            changed = true;
        }
        if (!changed) {
            return r;
        }
        m.appendTail(sb);
        return new Appended.Replaced(r, sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Notes the folder of the includeAll starting at {@code at} in {@code text}, with its glob. */
    private void declare(String changelog, String text, int at, String className, String glob) {
        int end = text.indexOf('>', at);
        String element = text.substring(at, end < 0 ? text.length() : end);
        Matcher path = PATH_ATTRIBUTE.matcher(element);
        if (!path.find()) {
            return;
        }
        String folder = path.group(1);
        if (RELATIVE.matcher(element).find()) {
            int slash = changelog.replace('\\', '/').lastIndexOf('/');
            folder = (slash < 0 ? "" : changelog.substring(0, slash + 1)) + folder;
        }
        synchronized (this) {
            declaredFolders.add(new DeclaredFolder(folderKey(folder), className, glob));
        }
    }

    private static boolean loadable(String className) {
        try {
            Class.forName(className, false, RecordingAccessor.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    private static boolean changelogLike(String path) {
        String p = path.toLowerCase(Locale.ROOT);
        return p.endsWith(".xml")
                || p.endsWith(".yaml")
                || p.endsWith(".yml")
                || p.endsWith(".json")
                || p.endsWith(".sql");
    }

    @Override
    public List<String> describeLocations() {
        return delegate.describeLocations();
    }

    @Override
    public void close() throws IOException {
        try {
            delegate.close();
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException(e);
        }
    }
}
