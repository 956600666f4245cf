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
 * @param defaultPartition the DEFAULT partition (one of {@code partitions}), or null: PostgreSQL
 *     scans it under ACCESS EXCLUSIVE whenever a new partition is created or attached
 */
public record Partitioning(
        String strategy, List<QualifiedName> partitions, QualifiedName defaultPartition) {
    public Partitioning {
        Objects.requireNonNull(strategy, "strategy is null");
        strategy = strategy.toUpperCase(Locale.ROOT);
        partitions = partitions.stream().distinct().sorted().toList();
        if (defaultPartition != null && !partitions.contains(defaultPartition)) {
            defaultPartition = null;
        }
    }

    /** Partitions of which none is the DEFAULT one. */
    public Partitioning(String strategy, List<QualifiedName> partitions) {
        this(strategy, partitions, null);
    }

    /** A partitioned table with no partition yet. */
    public static Partitioning by(String strategy) {
        return new Partitioning(strategy, List.of());
    }

    public Partitioning withPartition(QualifiedName partition) {
        List<QualifiedName> more = new java.util.ArrayList<>(partitions);
        more.add(partition);
        return new Partitioning(strategy, more, defaultPartition);
    }

    /** With {@code partition} attached as the DEFAULT partition. */
    public Partitioning withDefaultPartition(QualifiedName partition) {
        List<QualifiedName> more = new java.util.ArrayList<>(partitions);
        more.add(partition);
        return new Partitioning(strategy, more, partition);
    }

    public Partitioning withoutPartition(QualifiedName partition) {
        return new Partitioning(
                strategy,
                partitions.stream().filter(p -> !p.equals(partition)).toList(),
                defaultPartition);
    }
}
