package dev.evoplan.source.jdbc;

import dev.evoplan.model.DefaultValue;
import dev.evoplan.model.Identifiers;
import dev.evoplan.model.Volatility;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The volatility of a stored default, taken from the functions it calls as the catalog marks them.
 * PostgreSQL records a dependency only on functions that are not built in, so those come exactly
 * from {@code pg_depend}; built-in calls are found by name in the expression text that {@code
 * pg_get_expr} printed and looked up in {@code pg_proc}.
 */
final class DefaultVolatility {
    /** A function with its {@code pg_proc.provolatile}, read as a model volatility. */
    record Function(String schema, String name, Volatility volatility) {
        static Volatility of(String provolatile) {
            return switch (provolatile) {
                case "i" -> Volatility.CONSTANT;
                case "s" -> Volatility.STABLE;
                default -> Volatility.VOLATILE;
            };
        }
    }

    private static final String IDENT = "(?:\"(?:[^\"]|\"\")+\"|[A-Za-z_][A-Za-z0-9_$]*)";
    private static final Pattern STRING_LITERAL = Pattern.compile("'(?:[^']|'')*'");
    private static final Pattern QUOTED_IDENT = Pattern.compile("\"(?:[^\"]|\"\")+\"");

    /**
     * A cast as format_type prints its type: {@code ::character varying(20)}, {@code ::timestamp(3)
     * with time zone}, {@code ::other.mood[]}. Removed first, because a type modifier's parenthesis
     * would otherwise read as a call.
     */
    private static final Pattern CAST =
            Pattern.compile(
                    "::\\s*"
                            + IDENT
                            + "(?:\\."
                            + IDENT
                            + ")?(?:\\s*\\([0-9,\\s]*\\))?"
                            + "(?:\\s+(?:varying|precision|with|without|time|zone)(?:\\s*\\([0-9,\\s]*\\))?)*"
                            + "(?:\\[[0-9]*\\])*");

    /** pg_get_expr prints a call as {@code name(} with no space, which keeps {@code ANY (} out. */
    private static final Pattern CALL =
            Pattern.compile("(?<![A-Za-z0-9_$.\"])(" + IDENT + ")(?:\\.(" + IDENT + "))?\\(");

    /** SQL value functions printed without parentheses; PostgreSQL marks them all stable. */
    private static final Pattern VALUE_KEYWORD =
            Pattern.compile(
                    "(?i)(?<![A-Za-z0-9_$.])(current_timestamp|current_date|current_time|localtimestamp|localtime"
                            + "|current_user|session_user|current_role|current_catalog|current_schema|system_user|user)"
                            + "(?![A-Za-z0-9_$])");

    /** Constructs printed like calls that are no function in pg_proc. */
    private static final Map<String, Volatility> SYNTAX =
            Map.ofEntries(
                    Map.entry("coalesce", Volatility.CONSTANT),
                    Map.entry("nullif", Volatility.CONSTANT),
                    Map.entry("greatest", Volatility.CONSTANT),
                    Map.entry("least", Volatility.CONSTANT),
                    Map.entry("row", Volatility.CONSTANT),
                    Map.entry("array", Volatility.CONSTANT),
                    Map.entry("trim", Volatility.CONSTANT),
                    Map.entry("current_timestamp", Volatility.STABLE),
                    Map.entry("current_time", Volatility.STABLE),
                    Map.entry("localtimestamp", Volatility.STABLE),
                    Map.entry("localtime", Volatility.STABLE));

    private final Map<String, List<Function>> byName;

    /**
     * @param byName every pg_proc entry, by function name, whose name some default calls
     */
    DefaultVolatility(Map<String, List<Function>> byName) {
        this.byName = Map.copyOf(byName);
    }

    /** The folded names of the functions an expression seems to call, for the pg_proc lookup. */
    static Set<String> calledNames(String expression) {
        Set<String> names = new TreeSet<>();
        Matcher m = CALL.matcher(withoutCasts(expression));
        while (m.find()) {
            names.add(Identifiers.fold(m.group(2) != null ? m.group(2) : m.group(1)));
        }
        return names;
    }

    /**
     * The volatility of a default: the most volatile of the functions it depends on and the
     * built-in functions it calls. A name found nowhere counts as volatile (via {@link
     * DefaultValue#classify}), because a wrong "constant" would hide a table rewrite.
     *
     * @param dependencies the functions pg_depend links to this default
     */
    Volatility of(String expression, Collection<Function> dependencies) {
        Volatility result = Volatility.CONSTANT;
        for (Function f : dependencies) {
            result = max(result, f.volatility());
        }
        String text = withoutCasts(expression);
        Matcher m = CALL.matcher(text);
        while (m.find()) {
            String schema = m.group(2) != null ? Identifiers.fold(m.group(1)) : null;
            String name = Identifiers.fold(m.group(2) != null ? m.group(2) : m.group(1));
            boolean known =
                    dependencies.stream()
                            .anyMatch(
                                    f ->
                                            f.name().equals(name)
                                                    && (schema == null
                                                            || f.schema().equals(schema)));
            if (!known) {
                result = max(result, byName(schema, name));
            }
        }
        if (VALUE_KEYWORD.matcher(QUOTED_IDENT.matcher(text).replaceAll("\"\"")).find()) {
            result = max(result, Volatility.STABLE);
        }
        return result;
    }

    /**
     * Resolves a name as the search path {@code pg_catalog, public} does; overloads count at their
     * worst.
     */
    private Volatility byName(String schema, String name) {
        List<Function> candidates = byName.getOrDefault(name, List.of());
        List<String> path = schema != null ? List.of(schema) : List.of("pg_catalog", "public");
        for (String s : path) {
            List<Function> inSchema = new ArrayList<>();
            for (Function f : candidates) {
                if (f.schema().equals(s)) {
                    inSchema.add(f);
                }
            }
            if (!inSchema.isEmpty()) {
                return inSchema.stream()
                        .map(Function::volatility)
                        .reduce(Volatility.CONSTANT, DefaultVolatility::max);
            }
        }
        Volatility syntax = SYNTAX.get(name.toLowerCase(Locale.ROOT));
        return syntax != null ? syntax : DefaultValue.classify(name + "()");
    }

    private static String withoutCasts(String expression) {
        String noStrings = STRING_LITERAL.matcher(expression).replaceAll("''");
        return CAST.matcher(noStrings).replaceAll("");
    }

    private static Volatility max(Volatility a, Volatility b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
