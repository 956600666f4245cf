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
    @Option(names = "--contexts", split = ",", paramLabel = "CTX",
            description = "Liquibase contexts to run (as `liquibase update --contexts`); default: all changesets.")
    List<String> contexts = new ArrayList<>();

    @Option(names = "--labels", split = ",", paramLabel = "LABEL",
            description = "Liquibase label expression parts; default: all changesets.")
    List<String> labels = new ArrayList<>();

    @Option(names = {"-D", "--property"}, paramLabel = "NAME=VALUE",
            description = "A changelog property ($${NAME} in changelogs). Repeatable.")
    Map<String, String> properties = new LinkedHashMap<>();

    @Option(names = "--search-path", split = ",", paramLabel = "DIR",
            description = "Folders that classpath-style includes resolve against, after the changelog's own folder.")
    List<Path> searchPath = new ArrayList<>();

    SourceSettings settings() {
        return new SourceSettings(contexts, labels, properties, searchPath);
    }
}
