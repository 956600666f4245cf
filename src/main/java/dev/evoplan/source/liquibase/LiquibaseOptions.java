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
 */
public record LiquibaseOptions(
        List<String> contexts,
        List<String> labels,
        Map<String, String> properties,
        List<Path> searchPath) {
    public LiquibaseOptions {
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
        return new LiquibaseOptions(c, labels, properties, searchPath);
    }

    public LiquibaseOptions withLabels(List<String> l) {
        return new LiquibaseOptions(contexts, l, properties, searchPath);
    }

    public LiquibaseOptions withProperties(Map<String, String> p) {
        return new LiquibaseOptions(contexts, labels, p, searchPath);
    }

    public LiquibaseOptions withSearchPath(List<Path> s) {
        return new LiquibaseOptions(contexts, labels, properties, s);
    }
}
