package dev.evoplan.model;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * How a partitioned table ({@code PARTITION BY}) splits its rows, and the partitions attached to
 * it. Partitions written the plain way are {@link Partition} objects of the schema; this record is
 * what planning an index on the parent needs (which tables PostgreSQL builds it on) and what
 * judging a new partition needs (the DEFAULT partition PostgreSQL scans).
 *
 * @param strategy {@code RANGE}, {@code LIST} or {@code HASH}
 * @param partitions the attached partitions, sorted by name
 * @param defaultPartition the DEFAULT partition (one of {@code partitions}), or null: PostgreSQL
 *     scans it under ACCESS EXCLUSIVE whenever a new partition is created or attached
 * @param key what follows {@code PARTITION BY} ({@code LIST (region)}), whitespace folded, or null
 *     where the source did not say
 */
public record Partitioning(
        String strategy,
        List<QualifiedName> partitions,
        QualifiedName defaultPartition,
        String key) {
    public Partitioning {
        Objects.requireNonNull(strategy, "strategy is null");
        strategy = strategy.toUpperCase(Locale.ROOT);
        partitions = partitions.stream().distinct().sorted().toList();
        if (defaultPartition != null && !partitions.contains(defaultPartition)) {
            defaultPartition = null;
        }
        key = key == null ? null : UnmodelledObject.normalize(key);
    }

    /** Partitions of which none is the DEFAULT one, by a key the source did not give. */
    public Partitioning(String strategy, List<QualifiedName> partitions) {
        this(strategy, partitions, null, null);
    }

    /** A partitioned table with no partition yet, split by {@code key} ({@code LIST (region)}). */
    public static Partitioning byKey(String key) {
        return new Partitioning(key.strip().split("[\\s(]", 2)[0], List.of(), null, key);
    }

    /**
     * Whether both split rows by the same key: case and spaces outside quotes aside, so that a
     * file's {@code list (region)} and PostgreSQL's {@code LIST (region)} are one key. An unknown
     * key is the same as any.
     */
    public boolean sameKey(Partitioning other) {
        if (key == null || other.key == null) {
            return strategy.equals(other.strategy);
        }
        return Partition.foldedOutsideQuotes(key).equals(Partition.foldedOutsideQuotes(other.key));
    }

    /** A partitioned table with no partition yet. */
    public static Partitioning by(String strategy) {
        return new Partitioning(strategy, List.of());
    }

    public Partitioning withPartition(QualifiedName partition) {
        List<QualifiedName> more = new java.util.ArrayList<>(partitions);
        more.add(partition);
        return new Partitioning(strategy, more, defaultPartition, key);
    }

    /** With {@code partition} attached as the DEFAULT partition. */
    public Partitioning withDefaultPartition(QualifiedName partition) {
        List<QualifiedName> more = new java.util.ArrayList<>(partitions);
        more.add(partition);
        return new Partitioning(strategy, more, partition, key);
    }

    public Partitioning withoutPartition(QualifiedName partition) {
        return new Partitioning(
                strategy,
                partitions.stream().filter(p -> !p.equals(partition)).toList(),
                defaultPartition,
                key);
    }
}
