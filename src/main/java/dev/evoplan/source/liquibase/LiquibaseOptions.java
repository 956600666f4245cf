package dev.evoplan.source.liquibase;

import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What {@code liquibase update} would be told besides the changelog: contexts, labels, changelog
 * properties, and the directories that classpath-style include paths are looked up in.
 *
 * @param contexts context names or expressions; empty runs every changeset, as Liquibase does
 * @param labels label names or expressions; empty runs every changeset
 * @param properties values for {@code ${name}}; they win over the changelog's own {@code property}
 *     entries, because Liquibase keeps the first value it is given
 * @param searchPath directories searched after the changelog's own directory; empty means the
 *     current directory
 * @param includeAllFilters includeAll filter classes of the project by name, each with a glob over
 *     the changelog path saying what it accepts ({@link DeclaredIncludeAllFilter})
 */
public record LiquibaseOptions(
        List<String> contexts,
        List<String> labels,
        Map<String, String> properties,
        List<Path> searchPath,
        Map<String, String> includeAllFilters) {
    public LiquibaseOptions(
            List<String> contexts,
            List<String> labels,
            Map<String, String> properties,
            List<Path> searchPath) {
        this(contexts, labels, properties, searchPath, Map.of());
    }

    public LiquibaseOptions {
        includeAllFilters =
                Collections.unmodifiableMap(
                        new TreeMap<>(
                                Objects.requireNonNull(
                                        includeAllFilters, "includeAllFilters is null")));
        contexts = List.copyOf(Objects.requireNonNull(contexts, "contexts is null"));
        labels = List.copyOf(Objects.requireNonNull(labels, "labels is null"));
        properties =
                Collections.unmodifiableMap(
                        new TreeMap<>(Objects.requireNonNull(properties, "properties is null")));
        searchPath = List.copyOf(Objects.requireNonNull(searchPath, "searchPath is null"));
    }

    /** No contexts, no labels, no properties, the default search path. */
    public static LiquibaseOptions defaults() {
        return new LiquibaseOptions(List.of(), List.of(), Map.of(), List.of());
    }

    public LiquibaseOptions withContexts(List<String> c) {
        return new LiquibaseOptions(c, labels, properties, searchPath, includeAllFilters);
    }

    public LiquibaseOptions withLabels(List<String> l) {
        return new LiquibaseOptions(contexts, l, properties, searchPath, includeAllFilters);
    }

    public LiquibaseOptions withProperties(Map<String, String> p) {
        return new LiquibaseOptions(contexts, labels, p, searchPath, includeAllFilters);
    }

    public LiquibaseOptions withSearchPath(List<Path> s) {
        return new LiquibaseOptions(contexts, labels, properties, s, includeAllFilters);
    }

    public LiquibaseOptions withIncludeAllFilters(Map<String, String> f) {
        return new LiquibaseOptions(contexts, labels, properties, searchPath, f);
    }
}
