package dev.evoplan.model;

import java.util.List;
import java.util.Objects;

/**
 * What a source yields: the final schema and, where the source is a history of migrations, the
 * changesets that built it (empty for a snapshot such as a live database).
 *
 * @param location how the user named the source
 */
public record LoadedSchema(String location, Schema schema, List<SourceChangeset> history) {
    public LoadedSchema {
        Objects.requireNonNull(location, "location is null");
        Objects.requireNonNull(schema, "schema is null");
        history = List.copyOf(history);
    }
}
