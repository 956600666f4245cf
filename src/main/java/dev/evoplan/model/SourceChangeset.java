package dev.evoplan.model;

import java.util.List;
import java.util.Objects;

/**
 * A unit the migration tool runs as one (a Liquibase changeset, a migration file).
 *
 * @param identity what the tool identifies it by (Liquibase: {@code path::id::author})
 * @param checksum the tool's checksum of its content, or null where the tool keeps none
 * @param runInTransaction whether all its changes run in one transaction
 */
public record SourceChangeset(String identity, Origin origin, String checksum, boolean runInTransaction,
                              List<SourceChange> changes) {
    public SourceChangeset {
        Objects.requireNonNull(identity, "identity is null");
        Objects.requireNonNull(origin, "origin is null");
        changes = List.copyOf(changes);
    }
}
