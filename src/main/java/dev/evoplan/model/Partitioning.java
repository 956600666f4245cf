package dev.evoplan.model;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * How a partitioned table ({@code PARTITION BY}) splits its rows, and the partitions attached to
 * it. The partitions themselves, their bounds and the partition key's columns are kept as
 * unmodelled objects (a state that differs in them is for review); this record is what planning an
 * index on the parent needs: which tables PostgreSQL builds it on.
 *
 * @param strategy {@code RANGE}, {@code LIST} or {@code HASH}
 * @param partitions the attached partitions, sorted by name
 */
public record Partitioning(String strategy, List<QualifiedName> partitions) {
    public Partitioning {
        Objects.requireNonNull(strategy, "strategy is null");
        strategy = strategy.toUpperCase(Locale.ROOT);
        partitions = partitions.stream().distinct().sorted().toList();
    }

    /** A partitioned table with no partition yet. */
    public static Partitioning by(String strategy) {
        return new Partitioning(strategy, List.of());
    }

    public Partitioning withPartition(QualifiedName partition) {
        List<QualifiedName> more = new java.util.ArrayList<>(partitions);
        more.add(partition);
        return new Partitioning(strategy, more);
    }

    public Partitioning withoutPartition(QualifiedName partition) {
        return new Partitioning(
                strategy, partitions.stream().filter(p -> !p.equals(partition)).toList());
    }
}
