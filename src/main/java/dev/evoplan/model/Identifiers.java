package dev.evoplan.model;

import java.util.Set;

/** PostgreSQL identifier rules: folding of unquoted names and quoting only where needed. */
public final class Identifiers {
    private Identifiers() {}

    /**
     * Reserved key words (PostgreSQL appendix C, "reserved" and "reserved (can be function or
     * type)"): an identifier spelled like one of these must be quoted.
     */
    private static final Set<String> RESERVED =
            Set.of(
                    "all",
                    "analyse",
                    "analyze",
                    "and",
                    "any",
                    "array",
                    "as",
                    "asc",
                    "asymmetric",
                    "authorization",
                    "binary",
                    "both",
                    "case",
                    "cast",
                    "check",
                    "collate",
                    "collation",
                    "column",
                    "concurrently",
                    "constraint",
                    "create",
                    "cross",
                    "current_catalog",
                    "current_date",
                    "current_role",
                    "current_schema",
                    "current_time",
                    "current_timestamp",
                    "current_user",
                    "default",
                    "deferrable",
                    "desc",
                    "distinct",
                    "do",
                    "else",
                    "end",
                    "except",
                    "false",
                    "fetch",
                    "for",
                    "foreign",
                    "freeze",
                    "from",
                    "full",
                    "grant",
                    "group",
                    "having",
                    "ilike",
                    "in",
                    "initially",
                    "inner",
                    "intersect",
                    "into",
                    "is",
                    "isnull",
                    "join",
                    "lateral",
                    "leading",
                    "left",
                    "like",
                    "limit",
                    "localtime",
                    "localtimestamp",
                    "natural",
                    "not",
                    "notnull",
                    "null",
                    "offset",
                    "on",
                    "only",
                    "or",
                    "order",
                    "outer",
                    "overlaps",
                    "placing",
                    "primary",
                    "references",
                    "returning",
                    "right",
                    "select",
                    "session_user",
                    "similar",
                    "some",
                    "symmetric",
                    "system_user",
                    "table",
                    "tablesample",
                    "then",
                    "to",
                    "trailing",
                    "true",
                    "union",
                    "unique",
                    "user",
                    "using",
                    "variadic",
                    "verbose",
                    "when",
                    "where",
                    "window",
                    "with");

    /**
     * The name PostgreSQL stores for an identifier as written: unquoted names fold to lower case
     * (ASCII letters only, as PostgreSQL's scanner does in a UTF-8 database: {@code É} stays), and
     * every name is cut to 63 bytes on a character boundary.
     */
    public static String fold(String written) {
        if (written == null) {
            return null;
        }
        String s = written.strip();
        if (s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")) {
            return truncate(s.substring(1, s.length() - 1).replace("\"\"", "\""));
        }
        return truncate(lowerAscii(s));
    }

    /**
     * An identifier as PostgreSQL keeps it: longer than {@link PostgresNames#MAX_IDENTIFIER_BYTES}
     * bytes in UTF-8 it is cut, never inside a character (the server's truncate_identifier with
     * pg_mbcliplen). Two names that differ only after the cut are the same name to the server.
     */
    public static String truncate(String name) {
        if (name == null || name.length() <= PostgresNames.MAX_IDENTIFIER_BYTES / 4) {
            return name;
        }
        return PostgresNames.clip(name, PostgresNames.MAX_IDENTIFIER_BYTES);
    }

    private static String lowerAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                char[] chars = s.toCharArray();
                for (int j = i; j < chars.length; j++) {
                    if (chars[j] >= 'A' && chars[j] <= 'Z') {
                        chars[j] = (char) (chars[j] + ('a' - 'A'));
                    }
                }
                return new String(chars);
            }
        }
        return s;
    }

    /**
     * The identifier as it must be written in SQL: bare when that reads back the same, else quoted.
     */
    public static String quote(String name) {
        if (needsQuotes(name)) {
            return '"' + name.replace("\"", "\"\"") + '"';
        }
        return name;
    }

    public static boolean needsQuotes(String name) {
        if (name.isEmpty() || RESERVED.contains(name)) {
            return true;
        }
        char first = name.charAt(0);
        if (!(first >= 'a' && first <= 'z') && first != '_') {
            return true;
        }
        for (int i = 1; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean plain =
                    (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '$';
            if (!plain) {
                return true;
            }
        }
        return false;
    }

    /**
     * The parts of a dotted name as written ({@code a."b c".d}), split at dots outside quotes, each
     * part stripped but not folded.
     */
    public static java.util.List<String> splitQualified(String written) {
        java.util.List<String> parts = new java.util.ArrayList<>();
        StringBuilder part = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < written.length(); i++) {
            char c = written.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == '.' && !quoted) {
                parts.add(part.toString().strip());
                part.setLength(0);
            } else {
                part.append(c);
            }
        }
        parts.add(part.toString().strip());
        return parts;
    }

    /** A string literal in standard SQL quoting. */
    public static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }
}
