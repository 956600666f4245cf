package dev.evoplan.rules;

import dev.evoplan.model.SqlType;
import java.util.List;
import java.util.Set;

/**
 * Which column type changes PostgreSQL performs without touching the rows. The list is short on
 * purpose: calling a rewrite "binary-compatible" hides an outage, while the opposite mistake only
 * costs a staged plan that was not needed.
 */
public final class TypeChange {
    private static final String VARCHAR = "character varying";
    private static final String TEXT = "text";
    private static final String NUMERIC = "numeric";
    private static final String VARBIT = "bit varying";

    /**
     * Types whose typmod is a fractional-seconds precision: raising or dropping it keeps the bits.
     */
    private static final Set<String> PRECISION_TYPES =
            Set.of(
                    "timestamp without time zone", "timestamp with time zone",
                    "time without time zone", "time with time zone");

    private TypeChange() {}

    /**
     * The indexes PostgreSQL builds again when {@code column} changes its collation (measured:
     * docs/lock-facts.md): the primary key's, the unique constraints' and every index with the
     * column as a key, an INCLUDE column, or a word of an expression or predicate (counted even
     * when the word is something else: a rebuild missed would hide an outage). Sorted.
     */
    public static List<String> indexesOn(dev.evoplan.model.Table table, String column) {
        java.util.TreeSet<String> names = new java.util.TreeSet<>();
        if (table.primaryKey() != null && table.primaryKey().columns().contains(column)) {
            names.add(table.primaryKey().name());
        }
        table.uniques().stream()
                .filter(u -> u.columns().contains(column))
                .forEach(u -> names.add(u.name()));
        java.util.regex.Pattern word =
                java.util.regex.Pattern.compile(
                        "(?i)(?<![\\w$])\"?"
                                + java.util.regex.Pattern.quote(column)
                                + "\"?(?![\\w$])");
        for (dev.evoplan.model.Index i : table.indexes()) {
            boolean reads =
                    i.columnNames().contains(column)
                            || i.include().contains(column)
                            || (i.predicate() != null && word.matcher(i.predicate()).find())
                            || i.elements().stream()
                                    .anyMatch(
                                            e ->
                                                    e.expression()
                                                            && word.matcher(e.columnOrExpression())
                                                                    .find());
            if (reads) {
                names.add(i.name());
            }
        }
        return List.copyOf(names);
    }

    private static final Set<String> STRINGS = Set.of(TEXT, VARCHAR, "character", "name", "citext");
    private static final Set<String> NUMBERS =
            Set.of("smallint", "integer", "bigint", NUMERIC, "real", "double precision");

    /**
     * Built-in types whose casts {@link #hasCast} knows; any other type (an enum, a domain) is not
     * judged.
     */
    private static final Set<String> KNOWN =
            Set.of(
                    "smallint",
                    "integer",
                    "bigint",
                    NUMERIC,
                    "real",
                    "double precision",
                    "money",
                    "boolean",
                    "date",
                    "timestamp without time zone",
                    "timestamp with time zone",
                    "time without time zone",
                    "time with time zone",
                    "interval",
                    "uuid",
                    "bytea",
                    "json",
                    "jsonb",
                    "inet",
                    "cidr",
                    "macaddr",
                    "bit",
                    VARBIT,
                    TEXT,
                    VARCHAR,
                    "character",
                    "name",
                    "citext");

    /**
     * Casts between known non-string types of different families, as pg_cast has them (either
     * direction listed once per pair).
     */
    private static final Set<List<String>> OTHER_CASTS =
            Set.of(
                    List.of("integer", "boolean"),
                    List.of("boolean", "integer"),
                    List.of("date", "timestamp without time zone"),
                    List.of("date", "timestamp with time zone"),
                    List.of("timestamp without time zone", "date"),
                    List.of("timestamp with time zone", "date"),
                    List.of("timestamp without time zone", "timestamp with time zone"),
                    List.of("timestamp with time zone", "timestamp without time zone"),
                    List.of("timestamp without time zone", "time without time zone"),
                    List.of("timestamp with time zone", "time without time zone"),
                    List.of("timestamp with time zone", "time with time zone"),
                    List.of("time without time zone", "time with time zone"),
                    List.of("time with time zone", "time without time zone"),
                    List.of("time without time zone", "interval"),
                    List.of("interval", "time without time zone"),
                    List.of("json", "jsonb"),
                    List.of("jsonb", "json"),
                    List.of("inet", "cidr"),
                    List.of("cidr", "inet"),
                    List.of("bit", VARBIT),
                    List.of(VARBIT, "bit"),
                    List.of("integer", "bit"),
                    List.of("bigint", "bit"),
                    List.of("bit", "integer"),
                    List.of("bit", "bigint"),
                    List.of("money", NUMERIC),
                    List.of(NUMERIC, "money"),
                    List.of("integer", "money"),
                    List.of("bigint", "money"),
                    List.of("jsonb", "boolean"),
                    List.of("jsonb", NUMERIC),
                    List.of("jsonb", "integer"),
                    List.of("jsonb", "bigint"),
                    List.of("jsonb", "smallint"),
                    List.of("jsonb", "real"),
                    List.of("jsonb", "double precision"));

    /**
     * Whether a rewriting type change on {@code table} can be planned through a replacement column
     * (added, backfilled, swapped in). Not on a partitioned table: the replacement's indexes would
     * be built {@code CONCURRENTLY} on the parent, which PostgreSQL refuses, so the type changes in
     * place there. The planner and the verdict both ask this.
     */
    public static boolean replaceableByNewColumn(dev.evoplan.model.Table table) {
        return table == null || !table.partitioned();
    }

    /**
     * False when PostgreSQL has no cast at all from {@code from} to {@code to} ({@code bigint} to
     * {@code timestamp}, {@code integer} to {@code date}), so {@code CAST(c AS to)} and {@code
     * ALTER COLUMN c TYPE to} without {@code USING} fail: only a conversion the user writes can
     * change the column. True when a cast exists, and for any type this list does not know (an
     * enum, a domain, an extension's type): those are not judged.
     */
    public static boolean hasCast(SqlType from, SqlType to) {
        if (from.arrayDimensions() != to.arrayDimensions()) {
            // An array reads and prints as text: only a string type converts to or from it.
            return STRINGS.contains(from.name()) && from.arrayDimensions() == 0
                    || STRINGS.contains(to.name()) && to.arrayDimensions() == 0;
        }
        String a = from.name();
        String b = to.name();
        if (a.equals(b) || !KNOWN.contains(a) || !KNOWN.contains(b)) {
            return true;
        }
        // Every type converts to and from a string type through its text form.
        if (STRINGS.contains(a) || STRINGS.contains(b)) {
            return true;
        }
        if (NUMBERS.contains(a) && NUMBERS.contains(b)) {
            return true;
        }
        return OTHER_CASTS.contains(List.of(a, b));
    }

    /** True when PostgreSQL changes only the catalog: the planner alters such a column in place. */
    public static boolean isBinaryCompatible(SqlType from, SqlType to, String using) {
        return binaryCompatibleReason(from, to, using) != null;
    }

    /**
     * Why the change needs no rewrite, or null when it rewrites (or might). A {@code USING}
     * expression always counts as a rewrite.
     */
    static String binaryCompatibleReason(SqlType from, SqlType to, String using) {
        if (using != null && !using.isBlank()) {
            return null;
        }
        if (from.equals(to)) {
            return "the type does not change";
        }
        // Element coercion of arrays goes through a per-element cast PostgreSQL does not elide.
        if (from.arrayDimensions() != 0 || to.arrayDimensions() != 0) {
            return null;
        }
        String f = from.name();
        String t = to.name();
        if (f.equals(VARCHAR) && t.equals(TEXT)) {
            return "varchar and text share one representation";
        }
        if (f.equals(TEXT) && t.equals(VARCHAR) && to.modifiers().isEmpty()) {
            return "text and varchar without a length share one representation";
        }
        if (f.equals(VARCHAR) && t.equals(VARCHAR)) {
            return widens(from.modifiers(), to.modifiers()) ? "the length limit only grows" : null;
        }
        if (f.equals(VARBIT) && t.equals(VARBIT)) {
            return widens(from.modifiers(), to.modifiers()) ? "the length limit only grows" : null;
        }
        if (f.equals(NUMERIC) && t.equals(NUMERIC)) {
            return numericWidens(from.modifiers(), to.modifiers())
                    ? "the precision only grows and the scale stays"
                    : null;
        }
        if (f.equals(t) && PRECISION_TYPES.contains(f)) {
            return widens(from.modifiers(), to.modifiers())
                    ? "the fractional-second precision only grows"
                    : null;
        }
        return null;
    }

    /** A single length/precision typmod that grows or is dropped. */
    private static boolean widens(List<Integer> from, List<Integer> to) {
        if (to.isEmpty()) {
            return true;
        }
        if (from.isEmpty() || from.size() != 1 || to.size() != 1) {
            return false;
        }
        return to.get(0) >= from.get(0);
    }

    /** numeric(p,s) to numeric(p2 >= p, s), or to unconstrained numeric. */
    private static boolean numericWidens(List<Integer> from, List<Integer> to) {
        if (to.isEmpty()) {
            return true;
        }
        if (from.isEmpty()) {
            return false;
        }
        int fromScale = from.size() > 1 ? from.get(1) : 0;
        int toScale = to.size() > 1 ? to.get(1) : 0;
        return to.get(0) >= from.get(0) && toScale == fromScale;
    }

    /**
     * Why a timestamp &lt;-&gt; timestamptz change rewrites nothing here, or null: PostgreSQL 12+
     * keeps the stored values when the session TimeZone the migration set is UTC, and no index on
     * the column must be rebuilt (measured: same relfilenode, no scan; an index on it is rebuilt).
     */
    static String utcReason(dev.evoplan.diff.Change.AlterColumnType alter, JudgeContext context) {
        if (!timeZoneDependent(alter.from(), alter.to())
                || alter.using() != null
                || context.pgVersion() < 12
                || context.statement() == null
                || !context.statement().timeZoneUtc()) {
            return null;
        }
        boolean indexed =
                context.before()
                        .table(alter.table())
                        .map(
                                t ->
                                        t.indexes().stream()
                                                .anyMatch(
                                                        i ->
                                                                i.elements().stream()
                                                                        .anyMatch(
                                                                                e ->
                                                                                        dev.evoplan
                                                                                                .model
                                                                                                .SqlText
                                                                                                .identifiers(
                                                                                                        e
                                                                                                                .columnOrExpression())
                                                                                                .contains(
                                                                                                        alter
                                                                                                                .column()))))
                        .orElse(false);
        return indexed
                ? null
                : "the session TimeZone is UTC, so PostgreSQL 12+ keeps the stored values";
    }

    /**
     * The column has an index and the session TimeZone is UTC on 12+: only that index is rebuilt.
     */
    static boolean onlyIndexRebuiltUnderUtc(
            dev.evoplan.diff.Change.AlterColumnType alter, JudgeContext context) {
        return timeZoneDependent(alter.from(), alter.to())
                && alter.using() == null
                && context.pgVersion() >= 12
                && context.statement() != null
                && context.statement().timeZoneUtc()
                && utcReason(alter, context) == null;
    }

    /**
     * timestamp to timestamptz or back: PostgreSQL 12+ skips the rewrite only when TimeZone is UTC.
     */
    static boolean timeZoneDependent(SqlType from, SqlType to) {
        String plain = "timestamp without time zone";
        String zoned = "timestamp with time zone";
        return from.arrayDimensions() == 0
                && to.arrayDimensions() == 0
                && (from.name().equals(plain) && to.name().equals(zoned)
                        || from.name().equals(zoned) && to.name().equals(plain));
    }
}
