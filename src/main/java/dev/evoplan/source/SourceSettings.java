package dev.evoplan.source;

import dev.evoplan.source.liquibase.LiquibaseOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How to read a source: Liquibase contexts, labels, changelog properties, the search path for
 * classpath-style includes and what the project's includeAll filter classes accept.
 */
public record SourceSettings(
        List<String> contexts,
        List<String> labels,
        Map<String, String> properties,
        List<Path> searchPath,
        Map<String, String> includeAllFilters) {
    public SourceSettings(
            List<String> contexts,
            List<String> labels,
            Map<String, String> properties,
            List<Path> searchPath) {
        this(contexts, labels, properties, searchPath, Map.of());
    }

    public SourceSettings {
        includeAllFilters =
                Map.copyOf(Objects.requireNonNull(includeAllFilters, "includeAllFilters is null"));
        contexts = List.copyOf(contexts);
        labels = List.copyOf(labels);
        properties = Map.copyOf(Objects.requireNonNull(properties, "properties is null"));
        searchPath = List.copyOf(searchPath);
    }

    public static SourceSettings defaults() {
        return new SourceSettings(List.of(), List.of(), Map.of(), List.of());
    }

    /** These settings as a Liquibase load takes them. */
    public LiquibaseOptions liquibaseOptions() {
        return new LiquibaseOptions(contexts, labels, properties, searchPath, includeAllFilters);
    }
}
