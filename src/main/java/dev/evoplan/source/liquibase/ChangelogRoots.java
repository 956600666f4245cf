package dev.evoplan.source.liquibase;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
 *
 * <p>A path none of these holds is then looked up in the resources folders of the build's modules
 * ({@link ModuleResources}), the rest of a running application's classpath. There the order of the
 * jars decides which of two copies loads, so a path two modules hold is an error naming both. A
 * folder none of the roots holds is listed over every module that holds it, as a classpath lists
 * it; only a file two modules hold is that error.
 */
public final class ChangelogRoots extends CompositeResourceAccessor {
    private final List<ResourceAccessor> roots;
    private final List<ModuleRoot> modules;

    /** A module's resources folder, with how messages name it. */
    public record ModuleRoot(String shown, ResourceAccessor accessor) {
        public ModuleRoot {
            Objects.requireNonNull(shown, "shown is null");
            Objects.requireNonNull(accessor, "accessor is null");
        }
    }

    public ChangelogRoots(List<ResourceAccessor> roots) {
        this(roots, List.of());
    }

    public ChangelogRoots(List<ResourceAccessor> roots, List<ModuleRoot> modules) {
        super(roots);
        this.roots = List.copyOf(roots);
        this.modules = List.copyOf(modules);
    }

    @Override
    public List<Resource> getAll(String path) throws IOException {
        List<Resource> found = super.getAll(path);
        if ((found != null && !found.isEmpty()) || modules.isEmpty()) {
            return found;
        }
        return inModules(path, module -> module.getAll(path));
    }

    @Override
    public List<Resource> search(String path, SearchOptions options) throws IOException {
        for (ResourceAccessor root : roots) {
            List<Resource> found = root.search(path, options);
            if (found != null && !found.isEmpty()) {
                return found;
            }
        }
        return listedInModules(path, options);
    }

    @Override
    public List<Resource> search(String path, boolean recursive) throws IOException {
        SearchOptions options = new SearchOptions();
        options.setRecursive(recursive);
        return search(path, options);
    }

    private interface Lookup {
        List<Resource> in(ResourceAccessor module) throws IOException;
    }

    /** What the one module holding the path has; empty when none does. */
    private List<Resource> inModules(String path, Lookup lookup) throws IOException {
        List<Resource> found = List.of();
        List<String> holders = new ArrayList<>();
        for (ModuleRoot module : modules) {
            List<Resource> here = lookup.in(module.accessor());
            if (here != null && !here.isEmpty()) {
                holders.add(module.shown());
                found = here;
            }
        }
        if (holders.size() > 1) {
            throw new AmbiguousResource(path, holders);
        }
        return found;
    }

    /**
     * A folder as a classpath lists it: the files of every module's copy of it (a folder in two
     * jars is normal). Only a file path two modules hold is ambiguous; that is thrown unchecked,
     * because Liquibase drops an IOException from an includeAll with {@code
     * errorIfMissingOrEmpty="false"} and would read the folder as empty.
     */
    private List<Resource> listedInModules(String folder, SearchOptions options)
            throws IOException {
        Map<String, Resource> files = new LinkedHashMap<>();
        Map<String, String> holders = new LinkedHashMap<>();
        for (ModuleRoot module : modules) {
            List<Resource> here = module.accessor().search(folder, options);
            for (Resource r : here == null ? List.<Resource>of() : here) {
                String before = holders.putIfAbsent(r.getPath(), module.shown());
                if (before != null) {
                    throw new UncheckedIOException(
                            new AmbiguousResource(
                                    r.getPath(),
                                    folder.replaceFirst("/+$", ""),
                                    List.of(before, module.shown())));
                }
                files.put(r.getPath(), r);
            }
        }
        return new ArrayList<>(files.values());
    }

    @Override
    public void close() throws Exception {
        super.close();
        for (ModuleRoot module : modules) {
            module.accessor().close();
        }
    }

    /** A path no root holds that more than one module's resources folder does. */
    static final class AmbiguousResource extends IOException {
        private static final long serialVersionUID = 1L;
        final String path;
        final List<String> holders;

        /** The includeAll folder whose listing met the path; null for an include. */
        final String folder;

        AmbiguousResource(String path, List<String> holders) {
            this(path, null, holders);
        }

        AmbiguousResource(String path, String folder, List<String> holders) {
            super(path + " is in more than one module's resources: " + String.join(", ", holders));
            this.path = path;
            this.folder = folder;
            this.holders = List.copyOf(holders);
        }
    }
}
