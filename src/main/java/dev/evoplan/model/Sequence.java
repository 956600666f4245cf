package dev.evoplan.model;

import java.util.Objects;

/**
 * A sequence. Null numeric fields mean PostgreSQL's default for the data type.
 *
 * @param ownedBy {@code table.column} the sequence belongs to, or null
 */
public record Sequence(
        QualifiedName name,
        String dataType,
        Long start,
        Long increment,
        Long minValue,
        Long maxValue,
        Long cache,
        boolean cycle,
        String ownedBy) {
    public Sequence {
        Objects.requireNonNull(name, "name is null");
        dataType = dataType == null ? "bigint" : dataType;
    }

    public static Sequence of(QualifiedName name) {
        return new Sequence(name, "bigint", null, null, null, null, null, false, null);
    }

    public Sequence withName(QualifiedName n) {
        return new Sequence(
                n, dataType, start, increment, minValue, maxValue, cache, cycle, ownedBy);
    }

    /**
     * The same sequence with every numeric field that equals PostgreSQL's default for its data type
     * and direction set to null, so that a sequence written with explicit defaults, one written
     * without them and one read back from the catalog compare equal. The defaults: increment 1;
     * ascending min 1 and max the type's maximum; descending min the type's minimum and max -1;
     * start at the min (ascending) or max (descending) in effect; cache 1.
     */
    public Sequence normalized() {
        long inc = increment == null ? 1 : increment;
        String type = SqlType.parse(dataType).name();
        long[] bounds = typeBounds(type);
        long defaultMin = inc > 0 ? 1 : bounds[0];
        long defaultMax = inc > 0 ? bounds[1] : -1;
        long min = minValue == null ? defaultMin : minValue;
        long max = maxValue == null ? defaultMax : maxValue;
        long defaultStart = inc > 0 ? min : max;
        return new Sequence(
                name,
                type,
                start == null || start == defaultStart ? null : start,
                inc == 1 ? null : inc,
                min == defaultMin ? null : min,
                max == defaultMax ? null : max,
                cache == null || cache == 1 ? null : cache,
                cycle,
                ownedBy);
    }

    /** Minimum and maximum of a sequence data type; anything unknown is treated as bigint. */
    static long[] typeBounds(String type) {
        return switch (type) {
            case "smallint" -> new long[] {Short.MIN_VALUE, Short.MAX_VALUE};
            case "integer" -> new long[] {Integer.MIN_VALUE, Integer.MAX_VALUE};
            default -> new long[] {Long.MIN_VALUE, Long.MAX_VALUE};
        };
    }
}
