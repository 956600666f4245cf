package dev.evoplan.model;

/**
 * The sequence options of an identity column ({@code GENERATED ... AS IDENTITY (START 3 INCREMENT 4
 * ...)}), normalized the way {@link Sequence#normalized()} does: a null field is PostgreSQL's
 * default for the column's type and the increment's direction, so written defaults, omitted options
 * and options read back from {@code pg_sequence} compare equal.
 */
public record IdentityOptions(
        Long start, Long increment, Long minValue, Long maxValue, Long cache, boolean cycle) {

    /** Every option at PostgreSQL's default. */
    public static final IdentityOptions DEFAULTS =
            new IdentityOptions(null, null, null, null, null, false);

    /** The options of {@code s}, normalized for its data type. */
    public static IdentityOptions of(Sequence s) {
        Sequence n = s.normalized();
        return new IdentityOptions(
                n.start(), n.increment(), n.minValue(), n.maxValue(), n.cache(), n.cycle());
    }

    /**
     * These options for a column of {@code type}: normalized again, since a default of one type
     * (the maximum of integer) is an explicit value for another (bigint).
     */
    public IdentityOptions forType(SqlType type) {
        return of(sequence(type));
    }

    /** A sequence of {@code type} with these options, every default spelled out as a value. */
    public Sequence sequence(SqlType type) {
        return new Sequence(
                new QualifiedName("", "identity"),
                SqlType.parse(type.name()).name(),
                start,
                increment,
                minValue,
                maxValue,
                cache,
                cycle,
                null);
    }

    /**
     * The {@code SET ...} clauses of {@code ALTER COLUMN} that take a column of {@code type} from
     * {@code from} to these options: every option that differs, a default written as its value
     * ({@code SET NO MINVALUE} for the bounds), in PostgreSQL's order. Empty when nothing differs.
     */
    public String setClauses(IdentityOptions from, SqlType type) {
        StringBuilder sb = new StringBuilder();
        long[] to = values(type);
        long[] was = from.values(type);
        if (to[1] != was[1]) {
            sb.append(" SET INCREMENT BY ").append(to[1]);
        }
        if (to[2] != was[2]) {
            sb.append(minValue == null ? " SET NO MINVALUE" : " SET MINVALUE " + to[2]);
        }
        if (to[3] != was[3]) {
            sb.append(maxValue == null ? " SET NO MAXVALUE" : " SET MAXVALUE " + to[3]);
        }
        if (to[0] != was[0]) {
            sb.append(" SET START WITH ").append(to[0]);
        }
        if (to[4] != was[4]) {
            sb.append(" SET CACHE ").append(to[4]);
        }
        if (cycle != from.cycle) {
            sb.append(cycle ? " SET CYCLE" : " SET NO CYCLE");
        }
        return sb.toString().strip();
    }

    /**
     * The options as written in {@code GENERATED ... AS IDENTITY (...)}, only those that are not
     * the default; empty for {@link #DEFAULTS}.
     */
    public String written() {
        StringBuilder sb = new StringBuilder();
        append(sb, "START WITH", start);
        append(sb, "INCREMENT BY", increment);
        append(sb, "MINVALUE", minValue);
        append(sb, "MAXVALUE", maxValue);
        append(sb, "CACHE", cache);
        if (cycle) {
            sb.append(" CYCLE");
        }
        return sb.toString().strip();
    }

    private static void append(StringBuilder sb, String option, Long value) {
        if (value != null) {
            sb.append(' ').append(option).append(' ').append(value);
        }
    }

    /**
     * Whether {@code to} could refuse the current value of a sequence with these options: a higher
     * minimum, a lower maximum, or a step turned around. Read for bigint, where a default bound
     * resolves to the same value on both sides.
     */
    public boolean narrowedBy(IdentityOptions to) {
        SqlType bigint = SqlType.of("bigint");
        long[] a = values(bigint);
        long[] b = to.values(bigint);
        return b[2] > a[2] || b[3] < a[3] || Long.signum(a[1]) != Long.signum(b[1]);
    }

    /** The first value for a column of {@code type}, a default START resolved. */
    public long firstValue(SqlType type) {
        return values(type)[0];
    }

    /** start, increment, min, max, cache with every default resolved for {@code type}. */
    private long[] values(SqlType type) {
        long inc = increment == null ? 1 : increment;
        long[] bounds = Sequence.typeBounds(SqlType.parse(type.name()).name());
        long min = minValue != null ? minValue : inc > 0 ? 1 : bounds[0];
        long max = maxValue != null ? maxValue : inc > 0 ? bounds[1] : -1;
        long st = start != null ? start : inc > 0 ? min : max;
        return new long[] {st, inc, min, max, cache == null ? 1 : cache};
    }
}
