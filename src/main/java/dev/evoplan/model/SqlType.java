package dev.evoplan.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A column type in PostgreSQL's canonical spelling (as {@code format_type} prints it), with its
 * modifiers ({@code varchar(100)}, {@code numeric(12,2)}) and array dimensions kept apart so that
 * rules can compare widths.
 */
public record SqlType(String name, List<Integer> modifiers, int arrayDimensions) {

    private static final Map<String, String> ALIASES =
            Map.ofEntries(
                    Map.entry("int", "integer"),
                    Map.entry("int4", "integer"),
                    Map.entry("integer", "integer"),
                    Map.entry("serial", "integer"),
                    Map.entry("serial4", "integer"),
                    Map.entry("int8", "bigint"),
                    Map.entry("bigint", "bigint"),
                    Map.entry("bigserial", "bigint"),
                    Map.entry("serial8", "bigint"),
                    Map.entry("int2", "smallint"),
                    Map.entry("smallint", "smallint"),
                    Map.entry("smallserial", "smallint"),
                    Map.entry("serial2", "smallint"),
                    Map.entry("varchar", "character varying"),
                    Map.entry("character varying", "character varying"),
                    Map.entry("char", "character"),
                    Map.entry("character", "character"),
                    Map.entry("bpchar", "character"),
                    Map.entry("bool", "boolean"),
                    Map.entry("boolean", "boolean"),
                    Map.entry("float8", "double precision"),
                    Map.entry("double precision", "double precision"),
                    Map.entry("double", "double precision"),
                    Map.entry("float4", "real"),
                    Map.entry("real", "real"),
                    Map.entry("decimal", "numeric"),
                    Map.entry("numeric", "numeric"),
                    Map.entry("timestamp", "timestamp without time zone"),
                    Map.entry("timestamp without time zone", "timestamp without time zone"),
                    Map.entry("timestamptz", "timestamp with time zone"),
                    Map.entry("timestamp with time zone", "timestamp with time zone"),
                    Map.entry("time", "time without time zone"),
                    Map.entry("time without time zone", "time without time zone"),
                    Map.entry("timetz", "time with time zone"),
                    Map.entry("time with time zone", "time with time zone"),
                    Map.entry("varbit", "bit varying"),
                    Map.entry("bit varying", "bit varying"));

    public SqlType {
        Objects.requireNonNull(name, "name is null");
        modifiers = List.copyOf(modifiers);
    }

    public static SqlType of(String name, Integer... modifiers) {
        return new SqlType(name, List.of(modifiers), 0);
    }

    /** Reads a type as written in DDL or as {@code format_type} prints it. */
    public static SqlType parse(String written) {
        String s = oneSpaced(written.strip());
        int dims = 0;
        while (s.endsWith("[]")) {
            dims++;
            s = s.substring(0, s.length() - 2).strip();
        }
        List<Integer> mods = new ArrayList<>();
        int open = s.indexOf('(');
        String base = s;
        if (open >= 0) {
            int close = s.indexOf(')', open);
            if (close > open) {
                for (String m : s.substring(open + 1, close).split(",")) {
                    String t = m.strip();
                    if (!t.isEmpty()) {
                        try {
                            mods.add(Integer.parseInt(t));
                        } catch (NumberFormatException e) {
                            // Not a numeric modifier (e.g. an interval field list): keep it in the
                            // name.
                            return new SqlType(foldTypeName(s), List.of(), dims);
                        }
                    }
                }
                base = oneSpaced((s.substring(0, open) + s.substring(close + 1)).strip());
            }
        }
        String lowerBase = foldTypeName(base).replace("pg_catalog.", "");
        if (mods.isEmpty() && (lowerBase.equals("char") || lowerBase.equals("character"))) {
            // CHAR and CHARACTER without a length are character(1); only bpchar without one is
            // unbounded.
            mods.add(1);
        }
        return new SqlType(canonicalName(base), mods, dims);
    }

    /**
     * Each run of whitespace ({@code \\s}: space, tab, line feed, vertical tab, form feed, carriage
     * return) as one space. Without a regular expression: every column of every statement's type is
     * read here.
     */
    static String oneSpaced(String s) {
        StringBuilder out = null;
        boolean inRun = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean blank =
                    c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
            if (blank && out == null && (c != ' ' || inRun)) {
                // The first run that is not already one space: copy what came before it.
                out = new StringBuilder(s.length()).append(s, 0, i);
                if (!inRun) {
                    out.append(' ');
                }
            } else if (out != null && !(blank && inRun)) {
                out.append(blank ? ' ' : c);
            }
            inRun = blank;
        }
        return out == null ? s : out.toString();
    }

    private static String foldTypeName(String s) {
        return s.startsWith("\"") ? Identifiers.fold(s) : s.toLowerCase(Locale.ROOT);
    }

    private static String canonicalName(String base) {
        String lower = foldTypeName(base);
        if (lower.startsWith("pg_catalog.")) {
            lower = lower.substring("pg_catalog.".length());
        }
        if (lower.startsWith("public.")) {
            lower = lower.substring("public.".length());
        }
        return ALIASES.getOrDefault(lower, lower);
    }

    /** True for {@code serial}-style spellings, which also create a sequence and a default. */
    public static boolean isSerialSpelling(String written) {
        String s = written.strip().toLowerCase(Locale.ROOT);
        return s.equals("serial")
                || s.equals("bigserial")
                || s.equals("smallserial")
                || s.equals("serial4")
                || s.equals("serial8")
                || s.equals("serial2");
    }

    /**
     * The same type without modifiers ({@code varchar(50)} and {@code varchar(100)} share a base).
     */
    public SqlType base() {
        return new SqlType(name, List.of(), arrayDimensions);
    }

    public boolean sameBase(SqlType other) {
        return name.equals(other.name) && arrayDimensions == other.arrayDimensions;
    }

    /** SQL spelling, valid in DDL and equal to what {@code format_type} prints. */
    public String sql() {
        StringBuilder sb = new StringBuilder();
        String mods =
                modifiers.isEmpty()
                        ? ""
                        : "("
                                + String.join(",", modifiers.stream().map(String::valueOf).toList())
                                + ")";
        if (!mods.isEmpty() && (name.startsWith("timestamp ") || name.startsWith("time "))) {
            int space = name.indexOf(' ');
            sb.append(name, 0, space).append(mods).append(name.substring(space));
        } else {
            sb.append(
                    name.contains(" ") || !Identifiers.needsQuotes(name) || name.contains("\"")
                            ? name
                            : name.contains(".")
                                    // A type of another schema: each part quoted on its own.
                                    ? String.join(
                                            ".",
                                            java.util.Arrays.stream(name.split("\\.", -1))
                                                    .map(Identifiers::quote)
                                                    .toList())
                                    : Identifiers.quote(name));
            sb.append(mods);
        }
        sb.append("[]".repeat(arrayDimensions));
        return sb.toString();
    }

    @Override
    public String toString() {
        return sql();
    }
}
