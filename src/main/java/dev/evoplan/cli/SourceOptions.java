package dev.evoplan.cli;

import dev.evoplan.source.SourceSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** How to read the sources: Liquibase contexts, labels, properties, search path. */
public final class SourceOptions {
    @Option(
            names = "--contexts",
            split = ",",
            paramLabel = "CTX",
            description =
                    "Liquibase contexts to run (as `liquibase update --contexts`); default: all changesets.")
    List<String> contexts = new ArrayList<>();

    @Option(
            names = "--labels",
            split = ",",
            paramLabel = "LABEL",
            description = "Liquibase label expression parts; default: all changesets.")
    List<String> labels = new ArrayList<>();

    @Option(
            names = {"-D", "--property"},
            paramLabel = "NAME=VALUE",
            description = "A changelog property ($${NAME} in changelogs). Repeatable.")
    Map<String, String> properties = new LinkedHashMap<>();

    @Option(
            names = "--search-path",
            split = ",",
            paramLabel = "DIR",
            description =
                    "Folders that classpath-style includes resolve against, after the changelog's own folder.")
    List<Path> searchPath = new ArrayList<>();

    @Option(
            names = "--include-all-filter",
            paramLabel = "CLASS=GLOB",
            description =
                    "What an includeAll filter class of the project accepts: a glob over the changelog path"
                            + " (com.example.ModuleFilter='**/module-master.xml'). Repeatable.")
    Map<String, String> includeAllFilters = new LinkedHashMap<>();

    /** Takes the config file's value for each of these options the command line did not give. */
    void configure(Configuration c) {
        contexts = c.value("contexts", "--contexts", contexts, f -> f.strings("contexts"));
        labels = c.value("labels", "--labels", labels, f -> f.strings("labels"));
        Map<String, dev.evoplan.config.ProjectConfig.Value<String>> fileProperties =
                new LinkedHashMap<>();
        c.file()
                .stringMap("properties")
                .ifPresent(
                        v ->
                                v.value()
                                        .forEach(
                                                (name, value) ->
                                                        fileProperties.put(
                                                                name,
                                                                new dev.evoplan.config.ProjectConfig
                                                                        .Value<>(
                                                                        value, v.source()))));
        properties = c.entries("properties", "--property", properties, fileProperties);
        includeAllFilters.forEach(
                (className, glob) -> {
                    String problem =
                            dev.evoplan.source.liquibase.DeclaredIncludeAllFilter.problem(
                                    className, glob);
                    if (problem != null) {
                        throw c.usageError("--include-all-filter: " + problem);
                    }
                });
        includeAllFilters =
                c.entries(
                        "include-all-filters",
                        "--include-all-filter",
                        includeAllFilters,
                        c.file().includeAllFilters());
        searchPath =
                c.value(
                        "search-path",
                        "--search-path",
                        searchPath,
                        f ->
                                f.paths("search-path")
                                        .map(
                                                v ->
                                                        new dev.evoplan.config.ProjectConfig
                                                                .Value<>(
                                                                v.value().stream()
                                                                        .map(Path::of)
                                                                        .toList(),
                                                                v.source())));
    }

    SourceSettings settings() {
        return new SourceSettings(contexts, labels, properties, searchPath, includeAllFilters);
    }
}
