package dev.evoplan.source.liquibase;

import java.io.IOException;
import java.util.List;
import liquibase.resource.CompositeResourceAccessor;
import liquibase.resource.Resource;
import liquibase.resource.ResourceAccessor;

/**
 * The folders a changelog's paths resolve against, in order: the master's folder, the folders above
 * it (searched like a classpath) and the search path. A file is looked up in each, as Liquibase's
 * composite does; an {@code includeAll} folder is listed from the first root that has it, not
 * merged over every root. The master is named relative to its own folder, so {@code path: ./}
 * beside it is "" and every root has that folder: a merge listed the files of the folders above as
 * well, and which error a stray file caused depended on the order the file system listed them in.
 */
public final class ChangelogRoots extends CompositeResourceAccessor {
    private final List<ResourceAccessor> roots;

    public ChangelogRoots(List<ResourceAccessor> roots) {
        super(roots);
        this.roots = List.copyOf(roots);
    }

    @Override
    public List<Resource> search(String path, SearchOptions options) throws IOException {
        for (ResourceAccessor root : roots) {
            List<Resource> found = root.search(path, options);
            if (found != null && !found.isEmpty()) {
                return found;
            }
        }
        return List.of();
    }

    @Override
    public List<Resource> search(String path, boolean recursive) throws IOException {
        SearchOptions options = new SearchOptions();
        options.setRecursive(recursive);
        return search(path, options);
    }
}
