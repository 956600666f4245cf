package dev.evoplan.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A table's storage parameters ({@code CREATE TABLE ... WITH (...)}, {@code ALTER TABLE ... SET /
 * RESET (...)}, pg_class.reloptions): fillfactor, autovacuum_*, toast.*, ... Held only when one is
 * set. Per relation: a partition has its own. A view's and a materialized view's options are part
 * of the {@link View}, since they are written in the CREATE that makes it anew.
 *
 * @param table the table or partition
 * @param parameters each parameter's name (lower case, {@code toast.} prefix kept) and value as
 *     PostgreSQL prints it in reloptions (unquoted, booleans lower case)
 */
public record StorageParameters(QualifiedName table, SortedMap<String, String> parameters)
        implements SchemaObject {
    public StorageParameters {
        Objects.requireNonNull(table, "table is null");
        parameters = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(parameters));
    }

    /**
     * Parameters PostgreSQL changes under SHARE UPDATE EXCLUSIVE (reloptions.c; measured in
     * LintLocksOnPostgresTest): every autovacuum_* and these. Any other (user_catalog_table, a
     * view's check_option or security_barrier) takes ACCESS EXCLUSIVE.
     */
    private static final Set<String> WEAK =
            Set.of(
                    "fillfactor",
                    "parallel_workers",
                    "toast_tuple_target",
                    "vacuum_index_cleanup",
                    "vacuum_truncate",
                    "log_autovacuum_min_duration",
                    "vacuum_max_eager_freeze_failure_rate");

    /** Whether setting or resetting {@code name} takes only SHARE UPDATE EXCLUSIVE. */
    public static boolean takesWeakLock(String name) {
        String bare = name.toLowerCase(Locale.ROOT);
        bare = bare.startsWith("toast.") ? bare.substring("toast.".length()) : bare;
        return WEAK.contains(bare) || bare.startsWith("autovacuum_");
    }

    /**
     * Options written {@code (a = 1, b, c = 'x')} (the parentheses optional) as PostgreSQL keeps
     * them: names lower case, a bare name is {@code true}, quotes dropped, booleans lower case.
     */
    public static SortedMap<String, String> parse(String written) {
        SortedMap<String, String> out = new TreeMap<>();
        if (written == null) {
            return out;
        }
        for (String option : SqlText.withoutOuterParentheses(written.strip()).split(",")) {
            String[] kv = option.split("=", 2);
            String name = kv[0].strip().toLowerCase(Locale.ROOT);
            if (!name.isEmpty()) {
                out.put(name, kv.length > 1 ? value(kv[1]) : "true");
            }
        }
        return out;
    }

    /** The names of {@code RESET (a, b)}, lower case. */
    public static List<String> names(String written) {
        return List.copyOf(parse(written).keySet());
    }

    /**
     * A value as reloptions keeps it: PostgreSQL stores the text written, an unquoted word folded
     * to lower case, a quoted one without its quotes.
     */
    static String value(String written) {
        String v = UnmodelledObject.normalize(written).strip();
        if (v.length() >= 2 && v.startsWith("'") && v.endsWith("'")) {
            return v.substring(1, v.length() - 1).replace("''", "'");
        }
        return v.toLowerCase(Locale.ROOT);
    }

    /** {@code (a=1, b=x)}, as WITH, SET and RESET take them; empty for none. */
    public static String optionList(Map<String, String> parameters) {
        List<String> out = new ArrayList<>();
        parameters.forEach((k, v) -> out.add(k + "=" + literal(v)));
        return "(" + String.join(", ", out) + ")";
    }

    private static String literal(String v) {
        return v.matches("-?[0-9]+(\\.[0-9]+)?|[a-z_]+") ? v : Identifiers.literal(v);
    }

    /**
     * The action list ({@code RESET (a), SET (b=1)}) that turns {@code from}'s parameters into
     * {@code to}'s, for {@code ALTER TABLE|VIEW|MATERIALIZED VIEW name ...}; empty when equal.
     */
    public static String actions(Map<String, String> from, Map<String, String> to) {
        return String.join(", ", actionList(from, to));
    }

    /** The actions of {@link #actions}, one by one: a RESET, then a SET. */
    public static List<String> actionList(Map<String, String> from, Map<String, String> to) {
        List<String> gone = new ArrayList<>();
        from.keySet().stream().filter(k -> !to.containsKey(k)).sorted().forEach(gone::add);
        SortedMap<String, String> set = new TreeMap<>();
        to.forEach(
                (k, v) -> {
                    if (!v.equals(from.get(k))) {
                        set.put(k, v);
                    }
                });
        List<String> out = new ArrayList<>();
        if (!gone.isEmpty()) {
            out.add("RESET (" + String.join(", ", gone) + ")");
        }
        if (!set.isEmpty()) {
            out.add("SET " + optionList(set));
        }
        return out;
    }

    /** Whether every parameter changed between {@code from} and {@code to} takes the weak lock. */
    public static boolean weakChange(Map<String, String> from, Map<String, String> to) {
        Set<String> names = new java.util.HashSet<>(from.keySet());
        names.addAll(to.keySet());
        return names.stream()
                .filter(n -> !Objects.equals(from.get(n), to.get(n)))
                .allMatch(StorageParameters::takesWeakLock);
    }

    @Override
    public Kind kind() {
        return Kind.STORAGE_PARAMETERS;
    }

    @Override
    public QualifiedName key() {
        return key(table);
    }

    /** The key of {@code table}'s storage parameters. */
    public static QualifiedName key(QualifiedName table) {
        return new QualifiedName("storage parameters", table.toString());
    }

    @Override
    public String describe() {
        return "storage parameters of " + table;
    }

    /** Sets them on a table that has none. */
    @Override
    public List<String> createSql() {
        return List.of(setSql(Map.of()));
    }

    /** The statement that sets these on a table whose parameters are {@code from}. */
    public String setSql(Map<String, String> from) {
        return "ALTER TABLE " + table.sql() + " " + actions(from, parameters);
    }

    /** Resets every one. */
    @Override
    public String dropSql() {
        return "ALTER TABLE " + table.sql() + " " + actions(parameters, Map.of());
    }

    @Override
    public SchemaObject onTable(QualifiedName newTable) {
        return new StorageParameters(newTable, parameters);
    }
}
