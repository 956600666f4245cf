package dev.evoplan.source.liquibase;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import liquibase.resource.Resource;
import liquibase.resource.ResourceAccessor;

/**
 * Liquibase's resource lookup, noting which changelog files it opened and in what order, so
 * an error in an include can be pinned to the file that names it: Liquibase's message for a
 * missing include names the including file only for YAML and JSON.
 */
final class RecordingAccessor implements ResourceAccessor {
    private final ResourceAccessor delegate;
    private final List<String> opened = new ArrayList<>();
    private final java.util.Set<String> checked = new java.util.HashSet<>();

    RecordingAccessor(ResourceAccessor delegate) {
        this.delegate = delegate;
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

    /** Every changelog-like file looked up, in order, repeats included (an include cycle repeats). */
    synchronized List<String> openedInOrder() {
        return List.copyOf(opened);
    }

    @Override
    public List<Resource> search(String path, SearchOptions options) throws IOException {
        return delegate.search(path, options);
    }

    @Override
    public List<Resource> search(String path, boolean recursive) throws IOException {
        return delegate.search(path, recursive);
    }

    @Override
    public List<Resource> getAll(String path) throws IOException {
        List<Resource> found = delegate.getAll(path);
        if (found != null) {
            for (Resource r : found) {
                if (r.exists() && changelogLike(r.getPath())) {
                    boolean first;
                    synchronized (this) {
                        first = checked.add(r.getPath());
                        opened.add(r.getPath());
                    }
                    if (first && ChangelogLimits.isYamlOrJson(r.getPath())) {
                        try (java.io.InputStream in = r.openInputStream()) {
                            ChangelogLimits.checkYaml(r.getPath(), in);
                        }
                    }
                }
            }
        }
        return found;
    }

    private static boolean changelogLike(String path) {
        String p = path.toLowerCase(Locale.ROOT);
        return p.endsWith(".xml") || p.endsWith(".yaml") || p.endsWith(".yml") || p.endsWith(".json") || p.endsWith(".sql");
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
