package dev.evoplan.model;

import java.util.Objects;

/**
 * A sequence. Null numeric fields mean PostgreSQL's default for the data type.
 *
 * @param ownedBy {@code table.column} the sequence belongs to, or null
 */
public record Sequence(QualifiedName name, String dataType, Long start, Long increment, Long minValue,
                       Long maxValue, Long cache, boolean cycle, String ownedBy) {
    public Sequence {
        Objects.requireNonNull(name, "name is null");
        dataType = dataType == null ? "bigint" : dataType;
    }

    public static Sequence of(QualifiedName name) {
        return new Sequence(name, "bigint", null, null, null, null, null, false, null);
    }

    public Sequence withName(QualifiedName n) {
        return new Sequence(n, dataType, start, increment, minValue, maxValue, cache, cycle, ownedBy);
    }
}
