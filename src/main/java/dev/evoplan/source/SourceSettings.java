package dev.evoplan.source;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How to read a source: Liquibase contexts, labels, changelog properties and the search path for
 * classpath-style includes.
 */
public record SourceSettings(
        List<String> contexts,
        List<String> labels,
        Map<String, String> properties,
        List<Path> searchPath) {
    public SourceSettings {
        contexts = List.copyOf(contexts);
        labels = List.copyOf(labels);
        properties = Map.copyOf(Objects.requireNonNull(properties, "properties is null"));
        searchPath = List.copyOf(searchPath);
    }

    public static SourceSettings defaults() {
        return new SourceSettings(List.of(), List.of(), Map.of(), List.of());
    }
}
