package dev.evoplan.model;

import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A column default: its SQL expression and how volatile it is. */
public record DefaultValue(String expression, Volatility volatility) {

    /** Functions PostgreSQL marks STABLE that migrations use as defaults. */
    private static final Set<String> STABLE_FUNCTIONS =
            Set.of(
                    "now",
                    "transaction_timestamp",
                    "statement_timestamp",
                    "current_setting",
                    "to_char",
                    "to_timestamp",
                    "current_database",
                    "current_schema");

    /** Functions known to be IMMUTABLE: a default built only from them is a constant. */
    private static final Set<String> IMMUTABLE_FUNCTIONS =
            Set.of(
                    "lower",
                    "upper",
                    "abs",
                    "coalesce",
                    "length",
                    "array",
                    "jsonb_build_object",
                    "json_build_object",
                    "make_interval",
                    "to_jsonb",
                    "jsonb_build_array");

    /** SQL-standard value functions written without parentheses; all STABLE. */
    private static final Pattern STABLE_KEYWORDS =
            Pattern.compile(
                    "\\b(current_timestamp|current_date|current_time|localtimestamp|localtime|current_user|session_user|current_role|user)\\b");

    private static final Pattern CALL = Pattern.compile("([a-z_][a-z0-9_\\.]*)\\s*\\(");

    public DefaultValue {
        Objects.requireNonNull(expression, "expression is null");
        Objects.requireNonNull(volatility, "volatility is null");
    }

    /** A default whose volatility is read off the expression. */
    public static DefaultValue of(String expression) {
        return new DefaultValue(expression.strip(), classify(expression));
    }

    /**
     * Classifies an expression conservatively: any function we do not know to be immutable or
     * stable counts as volatile, because a wrong "constant" would hide a table rewrite.
     *
     * <p>It finds calls by its own {@link #CALL} pattern and {@link #isTypeName} list, not by
     * {@link SqlText#functionsCalled} (the one reading of calls, which {@link #functionsCalled}
     * uses): the two differ on quoted names and on {@code character varying(n)}, which this reads
     * as a call of {@code varying}, volatile. Moving it over changes verdicts, so it is left as is.
     */
    public static Volatility classify(String expression) {
        String lower = stripStringLiterals(expression.toLowerCase(Locale.ROOT));
        Volatility result = Volatility.CONSTANT;
        for (String called : calls(lower)) {
            String fn = called;
            if (fn.startsWith("pg_catalog.")) {
                fn = fn.substring("pg_catalog.".length());
            }
            if (IMMUTABLE_FUNCTIONS.contains(fn)) {
                continue;
            }
            if (STABLE_FUNCTIONS.contains(fn)) {
                result = Volatility.STABLE;
            } else if (!isTypeName(fn)) {
                return Volatility.VOLATILE;
            }
        }
        if (STABLE_KEYWORDS.matcher(lower).find()) {
            result = Volatility.STABLE;
        }
        return result;
    }

    /**
     * The functions the default calls ({@link SqlText#functionsCalled}). What it gives depends on
     * their definitions when it is evaluated (a column added, a row left to it).
     */
    public java.util.List<QualifiedName> functionsCalled() {
        return SqlText.functionsCalled(expression);
    }

    /** The names written before an opening parenthesis in a lower-cased expression, in order. */
    private static java.util.List<String> calls(String lower) {
        java.util.List<String> out = new java.util.ArrayList<>();
        Matcher call = CALL.matcher(lower);
        while (call.find()) {
            out.add(call.group(1));
        }
        return out;
    }

    /** {@code numeric(10,2)}, {@code varchar(20)} in a cast look like calls but are types. */
    private static boolean isTypeName(String fn) {
        return Set.of(
                        "numeric",
                        "decimal",
                        "varchar",
                        "character",
                        "char",
                        "timestamp",
                        "time",
                        "interval",
                        "bit")
                .contains(fn);
    }

    // Compiled once: defaults are normalised for every column compared, many times per statement.
    private static final Pattern STRING_LITERAL = Pattern.compile("'(?:[^']|'')*'");
    private static final Pattern INNER_CAST =
            Pattern.compile(
                    "::\\s*(\"?[a-zA-Z_][a-zA-Z0-9_ ]*\"?(\\([0-9, ]*\\))?(\\[\\])*)(\\s*(::|$|,|\\)))");
    private static final Pattern TRAILING_CAST =
            Pattern.compile("::\\s*(\"?[a-zA-Z_][a-zA-Z0-9_ ]*\"?(\\([0-9, ]*\\))?(\\[\\])*)$");
    private static final Pattern QUOTED_NUMBER = Pattern.compile("'-?[0-9]+(\\.[0-9]+)?'");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private static String stripStringLiterals(String s) {
        return STRING_LITERAL.matcher(s).replaceAll("''");
    }

    /**
     * The expression without the casts PostgreSQL adds when it stores a default ({@code 'x'::text},
     * {@code '0'::numeric}), so that a default written by hand and one read back from the catalog
     * compare equal.
     */
    public String normalized() {
        String s = SqlText.withoutRedundantParentheses(expression);
        s = standardLiteral(s);
        s = INNER_CAST.matcher(s).replaceAll("$4");
        s = TRAILING_CAST.matcher(s).replaceAll("");
        String lower = s.toLowerCase(Locale.ROOT);
        if (lower.equals("now()")) {
            return "current_timestamp";
        }
        if (QUOTED_NUMBER.matcher(lower).matches()) {
            return lower.substring(1, lower.length() - 1);
        }
        if (lower.equals("'true'") || lower.equals("'t'")) {
            return "true";
        }
        if (lower.equals("'false'") || lower.equals("'f'")) {
            return "false";
        }
        return s.startsWith("'") ? s : WHITESPACE.matcher(lower).replaceAll(" ");
    }

    private static final Pattern ESCAPE_STRING =
            Pattern.compile("^[eE]'((?:[^'\\\\]|''|\\\\.)*)'(.*)$", Pattern.DOTALL);

    /**
     * An escape string constant ({@code E'it\'s'}) as the standard literal PostgreSQL stores and
     * prints for it ({@code 'it''s'}); any other expression as it is. PostgreSQL keeps the value,
     * not the spelling, so a default written {@code E'...'} must compare equal to the catalog's.
     */
    static String standardLiteral(String expression) {
        Matcher m = ESCAPE_STRING.matcher(expression);
        if (!m.matches()) {
            return expression;
        }
        String body = m.group(1);
        StringBuilder value = new StringBuilder();
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '\'') {
                value.append('\'');
                i++; // '' is one quote
            } else if (c != '\\' || i + 1 >= body.length()) {
                value.append(c);
            } else {
                char e = body.charAt(++i);
                switch (e) {
                    case 'b' -> value.append('\b');
                    case 'f' -> value.append('\f');
                    case 'n' -> value.append('\n');
                    case 'r' -> value.append('\r');
                    case 't' -> value.append('\t');
                    case 'x' -> i = digits(body, i, 16, 2, value);
                    case 'u' -> i = digits(body, i, 16, 4, value);
                    case 'U' -> i = digits(body, i, 16, 8, value);
                    default -> {
                        if (e >= '0' && e <= '7') {
                            i = digits(body, i - 1, 8, 3, value);
                        } else {
                            value.append(e); // \\, \', and any other character stand for themselves
                        }
                    }
                }
            }
        }
        return "'" + value.toString().replace("'", "''") + "'" + m.group(2);
    }

    /**
     * Up to {@code max} digits of {@code radix} after index {@code at}, appended as one code point;
     * returns the last index read.
     */
    private static int digits(String s, int at, int radix, int max, StringBuilder out) {
        int end = at + 1;
        while (end < s.length()
                && end - at - 1 < max
                && Character.digit(s.charAt(end), radix) >= 0) {
            end++;
        }
        if (end == at + 1) {
            out.append(s.charAt(at));
            return at;
        }
        out.appendCodePoint(Integer.parseInt(s.substring(at + 1, end), radix));
        return end - 1;
    }

    /** True for {@code NULL} with or without a cast ({@code NULL::integer}): no default at all. */
    public boolean isNull() {
        return normalized().equalsIgnoreCase("null");
    }

    /** True when both defaults mean the same expression. */
    public boolean sameAs(DefaultValue other) {
        return other != null && normalized().equals(other.normalized());
    }
}
