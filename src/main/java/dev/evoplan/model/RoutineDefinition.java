package dev.evoplan.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What a function or procedure definition means, as far as PostgreSQL stores it: the part of {@code
 * CREATE FUNCTION name ...} after the name read into arguments, result, options and body, each in
 * one canonical spelling. The text a file writes ({@code (a int DEFAULT 1) RETURNS int LANGUAGE sql
 * AS $$ ... $$}) and the text PostgreSQL prints for the routine it made ({@code
 * pg_get_functiondef}: {@code (a integer DEFAULT 1) RETURNS integer LANGUAGE sql AS $function$ ...
 * $function$}) read to the same definition: type aliases folded ({@link SqlType}), argument type
 * modifiers dropped (PostgreSQL drops them), options in any order, options at their default value
 * (VOLATILE, CALLED ON NULL INPUT, SECURITY INVOKER, PARALLEL UNSAFE, COST 100, ROWS 1000) left
 * out, the body by its content whatever its quotes, with layout and comments folded.
 *
 * @param arguments every argument but the columns of RETURNS TABLE, in order
 * @param returns the result type, {@code setof t} or {@code table(name type, ...)}; from the OUT
 *     arguments where RETURNS is not written; null for a procedure
 * @param options the options set to other than their defaults, canonical and sorted
 * @param body the body: a string's content with layout folded, or a SQL-standard body ({@code
 *     RETURN ...}, {@code BEGIN ATOMIC ... END}) loosely folded (PostgreSQL prints it back from its
 *     parse tree: parentheses and casts added)
 */
public record RoutineDefinition(
        List<Argument> arguments, String returns, List<String> options, String body) {

    /**
     * One argument.
     *
     * @param mode in, out, inout or variadic
     * @param name its name, folded, or empty
     * @param type its type as {@code format_type} prints it, without modifiers
     * @param defaultValue its default, loosely folded ({@link #loose}), or empty
     */
    public record Argument(String mode, String name, String type, String defaultValue) {}

    /** Words that start a type of more than one word: an argument starting with one is unnamed. */
    private static final Set<String> MULTI_WORD_TYPE_STARTS =
            Set.of(
                    "double",
                    "character",
                    "char",
                    "bit",
                    "timestamp",
                    "time",
                    "interval",
                    "national");

    /** Words that start an option (or the body) after the argument list. */
    private static final Set<String> CLAUSES =
            Set.of(
                    "returns",
                    "language",
                    "as",
                    "return",
                    "begin",
                    "immutable",
                    "stable",
                    "volatile",
                    "strict",
                    "called",
                    "security",
                    "external",
                    "leakproof",
                    "not",
                    "parallel",
                    "cost",
                    "rows",
                    "set",
                    "support",
                    "transform",
                    "window");

    /**
     * The definition {@code text} (what follows the routine's name) means, or null where it is not
     * read (a form this reader does not know): then the text is compared as written.
     */
    public static RoutineDefinition parse(String text) {
        try {
            return new Reader(text.strip()).read();
        } catch (RuntimeException notRead) {
            return null;
        }
    }

    /** The argument list and result: what CREATE OR REPLACE cannot change. */
    public String head() {
        return arguments + " " + returns;
    }

    /**
     * A type as PostgreSQL names it in a routine's signature: aliases folded, modifiers dropped
     * ({@code varchar(10)} is {@code character varying}).
     */
    public static String argumentType(String written) {
        return SqlType.parse(written.strip()).base().sql();
    }

    /**
     * An expression loosely folded, for texts PostgreSQL prints back from its parse tree (defaults,
     * SQL-standard bodies): lower case outside string literals, casts, parentheses and whitespace
     * dropped, {@code public.} dropped.
     */
    public static String loose(String expression) {
        String code = UnmodelledObject.normalize(expression);
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < code.length()) {
            char c = code.charAt(i);
            if (c == '\'') {
                int end = SqlText.endOfQuoted(code, i);
                out.append(code, i, end);
                i = end;
            } else if (c == ':' && i + 1 < code.length() && code.charAt(i + 1) == ':') {
                i = endOfCast(code, i + 2);
            } else if (c == '(' || c == ')' || Character.isWhitespace(c)) {
                i++;
            } else {
                out.append(Character.toLowerCase(c));
                i++;
            }
        }
        // PostgreSQL prints a negative number constant quoted ('-1'::integer): one number.
        return out.toString().replace("public.", "").replaceAll("'(-?\\d+(?:\\.\\d+)?)'", "$1");
    }

    /** The end of the type name a cast ({@code ::type}) names, from just after the colons. */
    private static int endOfCast(String s, int i) {
        java.util.regex.Matcher m =
                java.util.regex.Pattern.compile(
                                "\\s*(?:\"[^\"]*\"|[A-Za-z_][\\w.]*)"
                                        + "(?:\\s+(?:varying|precision|with|without|time|zone))*"
                                        + "(?:\\s*\\([\\d,\\s]*\\))?(?:\\[\\])*")
                        .matcher(s);
        m.region(i, s.length());
        return m.lookingAt() ? m.end() : i;
    }

    /** Reads one definition text from its start. */
    private static final class Reader {
        private final String text;
        private int at;

        Reader(String text) {
            this.text = text;
        }

        RoutineDefinition read() {
            if (!text.startsWith("(")) {
                throw new IllegalArgumentException("no argument list");
            }
            int close = SqlText.closingParenthesis(text, 0);
            if (close < 0) {
                throw new IllegalArgumentException("argument list not closed");
            }
            List<Argument> arguments = new ArrayList<>();
            for (String a : topLevelCommas(text.substring(1, close))) {
                arguments.add(argument(a));
            }
            at = close + 1;
            String returns = null;
            java.util.TreeMap<String, String> options = new java.util.TreeMap<>();
            List<String> settings = new ArrayList<>();
            String body = null;
            while (true) {
                skipSpace();
                if (at >= text.length()) {
                    break;
                }
                String word = word();
                switch (word) {
                    case "returns" -> {
                        skipSpace();
                        if (text.regionMatches(true, at, "null ", 0, 5)) {
                            expectWords("null", "on", "null", "input");
                            options.put("strict", "strict");
                        } else {
                            returns = returnType(untilClause());
                        }
                    }
                    case "language" ->
                            options.put("language", "language " + unquote(untilClause()));
                    case "immutable", "stable" -> options.put("volatility", word);
                    case "volatile" -> options.remove("volatility");
                    case "strict" -> options.put("strict", "strict");
                    case "called" -> {
                        expectWords("on", "null", "input");
                        options.remove("strict");
                    }
                    case "external" -> {}
                    case "security" -> {
                        if (word().equals("definer")) {
                            options.put("security", "security definer");
                        } else {
                            options.remove("security");
                        }
                    }
                    case "leakproof" -> options.put("leakproof", "leakproof");
                    case "not" -> {
                        expectWords("leakproof");
                        options.remove("leakproof");
                    }
                    case "parallel" -> {
                        String mode = word();
                        if (mode.equals("unsafe")) {
                            options.remove("parallel");
                        } else {
                            options.put("parallel", "parallel " + mode);
                        }
                    }
                    case "cost" -> options.put("cost", "cost " + untilClause());
                    case "rows" -> options.put("rows", "rows " + untilClause());
                    case "set" -> settings.add(setting(untilClause()));
                    case "support", "transform", "window" ->
                            options.put(word, word + " " + loose(untilClause()));
                    case "as" -> {
                        List<String> parts = new ArrayList<>();
                        parts.add(string());
                        skipSpace();
                        while (at < text.length() && text.charAt(at) == ',') {
                            at++;
                            parts.add(string());
                            skipSpace();
                        }
                        body = String.join(", ", parts);
                    }
                    case "return", "begin" -> {
                        // A SQL-standard body comes last: the rest is the body.
                        body = loose(word + " " + text.substring(at));
                        at = text.length();
                    }
                    default -> throw new IllegalArgumentException("unknown clause " + word);
                }
            }
            if (returns == null) {
                returns = fromOutArguments(arguments);
            }
            String language = options.getOrDefault("language", "");
            boolean c = language.equals("language c") || language.equals("language internal");
            if (options.containsKey("cost")
                    && options.get("cost").equals(c ? "cost 1" : "cost 100")) {
                options.remove("cost");
            }
            if ("rows 1000".equals(options.get("rows"))) {
                options.remove("rows");
            }
            List<String> all = new ArrayList<>(options.values());
            all.addAll(settings);
            java.util.Collections.sort(all);
            return new RoutineDefinition(List.copyOf(arguments), returns, List.copyOf(all), body);
        }

        private static Argument argument(String written) {
            String a = UnmodelledObject.normalize(written);
            String defaultValue = "";
            int split = defaultStart(a);
            if (split >= 0) {
                String rest = a.substring(split).strip();
                rest =
                        rest.startsWith("=")
                                ? rest.substring(1)
                                : rest.substring("default".length());
                defaultValue = loose(rest);
                a = a.substring(0, split).strip();
            }
            String mode = "in";
            String[] first = a.split(" ", 2);
            String lower = first[0].toLowerCase(Locale.ROOT);
            if (first.length == 2
                    && Set.of("in", "out", "inout", "variadic").contains(lower)
                    && !first[1].startsWith("(")) {
                mode = lower;
                a = first[1];
            }
            String name = "";
            String[] words = a.split(" ", 2);
            if (words.length == 2
                    && !MULTI_WORD_TYPE_STARTS.contains(
                            words[0].toLowerCase(Locale.ROOT).replace("\"", ""))
                    && !words[1].startsWith("(")
                    && !words[1].startsWith("[")) {
                name = Identifiers.fold(words[0]);
                a = words[1];
            }
            return new Argument(mode, name, argumentType(a), defaultValue);
        }

        /** Where {@code DEFAULT} or {@code =} starts in an argument, outside quotes; else -1. */
        private static int defaultStart(String a) {
            int depth = 0;
            for (int i = 0; i < a.length(); i++) {
                char c = a.charAt(i);
                if (c == '\'' || c == '"') {
                    i = SqlText.endOfQuoted(a, i) - 1;
                } else if (c == '(') {
                    depth++;
                } else if (c == ')') {
                    depth--;
                } else if (depth == 0 && c == '=') {
                    return i;
                } else if (depth == 0
                        && (i == 0 || a.charAt(i - 1) == ' ')
                        && a.regionMatches(true, i, "default", 0, 7)
                        && (i + 7 == a.length() || !isWordChar(a.charAt(i + 7)))) {
                    return i;
                }
            }
            return -1;
        }

        private static String returnType(String written) {
            String t = UnmodelledObject.normalize(written);
            String lower = t.toLowerCase(Locale.ROOT);
            if (lower.startsWith("setof ")) {
                return "setof " + argumentType(t.substring(6));
            }
            if (lower.startsWith("table")) {
                int open = t.indexOf('(');
                int close = SqlText.closingParenthesis(t, open);
                List<String> columns = new ArrayList<>();
                for (String c : topLevelCommas(t.substring(open + 1, close))) {
                    Argument column = argument(c);
                    columns.add(column.name() + " " + column.type());
                }
                return "table(" + String.join(", ", columns) + ")";
            }
            return argumentType(t);
        }

        /** A function without RETURNS returns its OUT arguments: the one's type, or a record. */
        private static String fromOutArguments(List<Argument> arguments) {
            List<String> out = new ArrayList<>();
            for (Argument a : arguments) {
                if (a.mode().equals("out") || a.mode().equals("inout")) {
                    out.add(a.type());
                }
            }
            if (out.isEmpty()) {
                return null;
            }
            return out.size() == 1 ? out.get(0) : "record";
        }

        /**
         * {@code SET name = value, ...}, {@code SET name TO value} or {@code SET name FROM CURRENT}
         * as {@code set name=value,...} with quotes dropped.
         */
        private static String setting(String written) {
            String s = UnmodelledObject.normalize(written);
            java.util.regex.Matcher m =
                    java.util.regex.Pattern.compile("(?is)^(\\S+?)\\s*(?:=|\\bTO\\b)\\s*(.*)$")
                            .matcher(s);
            if (!m.matches()) {
                return "set " + s.toLowerCase(Locale.ROOT);
            }
            List<String> values = new ArrayList<>();
            for (String v : topLevelCommas(m.group(2))) {
                values.add(unquote(v));
            }
            return "set " + m.group(1).toLowerCase(Locale.ROOT) + "=" + String.join(",", values);
        }

        /**
         * The string at the reading point ('...', E'...' or $tag$...$tag$), its content with layout
         * and comments folded; the reading point moves past it.
         */
        private String string() {
            skipSpace();
            String content;
            if (text.startsWith("$", at)) {
                int close = text.indexOf('$', at + 1);
                String tag = text.substring(at, close + 1);
                if (!tag.matches("\\$[A-Za-z_0-9]*\\$")) {
                    throw new IllegalArgumentException("not a dollar quote");
                }
                int end = text.indexOf(tag, close + 1);
                if (end < 0) {
                    throw new IllegalArgumentException("dollar quote not closed");
                }
                content = text.substring(close + 1, end);
                at = end + tag.length();
            } else {
                boolean escaped = text.startsWith("E'", at) || text.startsWith("e'", at);
                int open = escaped ? at + 1 : at;
                if (!text.startsWith("'", open)) {
                    throw new IllegalArgumentException("not a string");
                }
                int end = SqlText.endOfQuoted(text, open);
                content = text.substring(open + 1, end - 1).replace("''", "'");
                if (escaped) {
                    content = content.replace("\\\\", "\\").replace("\\'", "'");
                }
                at = end;
            }
            return UnmodelledObject.normalize(content);
        }

        private static String unquote(String value) {
            String v = value.strip();
            if (v.length() >= 2 && v.startsWith("'") && v.endsWith("'")) {
                return v.substring(1, v.length() - 1).replace("''", "'");
            }
            if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
                return v.substring(1, v.length() - 1);
            }
            return v.toLowerCase(Locale.ROOT);
        }

        private void skipSpace() {
            while (at < text.length()) {
                char c = text.charAt(at);
                if (Character.isWhitespace(c)) {
                    at++;
                } else if (text.startsWith("--", at)) {
                    int end = text.indexOf('\n', at);
                    at = end < 0 ? text.length() : end + 1;
                } else if (text.startsWith("/*", at)) {
                    int end = text.indexOf("*/", at + 2);
                    at = end < 0 ? text.length() : end + 2;
                } else {
                    return;
                }
            }
        }

        /** The next word, lower case. */
        private String word() {
            skipSpace();
            int start = at;
            while (at < text.length() && isWordChar(text.charAt(at))) {
                at++;
            }
            if (start == at) {
                throw new IllegalArgumentException("no word at " + start);
            }
            return text.substring(start, at).toLowerCase(Locale.ROOT);
        }

        private void expectWords(String... words) {
            for (String w : words) {
                if (!word().equals(w)) {
                    throw new IllegalArgumentException("expected " + w);
                }
            }
        }

        /** The text up to the next option's first word outside quotes and parentheses. */
        private String untilClause() {
            skipSpace();
            int start = at;
            int depth = 0;
            while (at < text.length()) {
                char c = text.charAt(at);
                if (c == '\'' || c == '"') {
                    at = SqlText.endOfQuoted(text, at);
                    continue;
                }
                if (c == '$' && depth == 0) {
                    break; // a dollar-quoted body without AS is not a form PostgreSQL accepts
                }
                if (c == '(') {
                    depth++;
                } else if (c == ')') {
                    depth--;
                } else if (depth == 0
                        && isWordChar(c)
                        && (at == 0 || !isWordChar(text.charAt(at - 1)))) {
                    int end = at;
                    while (end < text.length() && isWordChar(text.charAt(end))) {
                        end++;
                    }
                    String w = text.substring(at, end).toLowerCase(Locale.ROOT);
                    if (at > start && CLAUSES.contains(w)) {
                        break;
                    }
                    at = end;
                    continue;
                }
                at++;
            }
            return text.substring(start, at).strip();
        }
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$' || c == '.';
    }

    /**
     * {@code text} split at commas outside parentheses, quotes and dollar quotes: a routine's
     * argument list, options or defaults (the SQL reader splits written argument lists with it
     * too).
     */
    public static List<String> topLevelCommas(String text) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\'' || c == '"') {
                i = SqlText.endOfQuoted(text, i) - 1;
                continue;
            }
            if (c == '$' && (i == 0 || !isWordChar(text.charAt(i - 1)))) {
                int close = text.indexOf('$', i + 1);
                if (close > 0 && text.substring(i + 1, close).matches("[A-Za-z_0-9]*")) {
                    String tag = text.substring(i, close + 1);
                    int end = text.indexOf(tag, close + 1);
                    if (end > 0) {
                        i = end + tag.length() - 1;
                        continue;
                    }
                }
            }
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                out.add(text.substring(start, i));
                start = i + 1;
            }
        }
        if (!text.substring(start).isBlank()) {
            out.add(text.substring(start));
        }
        return out;
    }
}
