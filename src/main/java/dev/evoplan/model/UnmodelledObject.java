package dev.evoplan.model;

import java.util.Objects;

/**
 * Something a schema source holds that the model has no record for (a table setting, a policy, a
 * grant, a DO block, a statement evoplan does not recognise), kept so that a state diff never
 * passes it by: two states that differ in one are never "no changes".
 *
 * @param kind what it is, lower case ({@code table option}, {@code trigger}, {@code statement})
 * @param identity what makes it this object and not another of its kind: a qualified name and what
 *     is set on it where the statement names one ({@code public.t fillfactor}), else the
 *     statement's normalised text, so that two writings of the same statement are one object
 * @param text the statement that made it, normalised ({@link #normalize}); what is compared
 * @param origin where the statement was read, for reports; not compared
 * @param table the table it belongs to (dropped with the table), or null
 */
public record UnmodelledObject(
        String kind, String identity, String text, Origin origin, QualifiedName table) {
    public UnmodelledObject {
        Objects.requireNonNull(kind, "kind is null");
        Objects.requireNonNull(identity, "identity is null");
        Objects.requireNonNull(text, "text is null");
        origin = origin == null ? Origin.UNKNOWN : origin;
    }

    /**
     * The key a schema holds it by: kind, then identity. A {@link QualifiedName} so that states
     * share the persistent map every other object kind lives in; it names no database object.
     */
    public QualifiedName key() {
        return key(kind, identity);
    }

    /** The key of the object of {@code kind} and {@code identity}. */
    public static QualifiedName key(String kind, String identity) {
        return new QualifiedName(kind, identity);
    }

    /**
     * The identity of a setting of one column ({@code t.name}): dropped with the column ({@link
     * SchemaEdits#dropColumn}).
     */
    public static String columnIdentity(QualifiedName table, String column) {
        return table + "." + column;
    }

    /** The kind of {@link #identitySequenceType}. */
    public static final String IDENTITY_OPTIONS = "identity options";

    /**
     * An identity column whose own sequence has another data type than the column (only {@code
     * ALTER SEQUENCE ... AS} of that sequence makes one: PostgreSQL creates it with the column's
     * type and changes it with the column's). The model holds the column's type, so this is kept
     * for review; its text names the sequence as PostgreSQL names it.
     */
    public static UnmodelledObject identitySequenceType(
            QualifiedName table, String column, String type, Origin origin) {
        return new UnmodelledObject(
                IDENTITY_OPTIONS,
                columnIdentity(table, column),
                "ALTER SEQUENCE "
                        + table.sibling(table.name() + "_" + column + "_seq").sql()
                        + " AS "
                        + type,
                origin,
                table);
    }

    /** The key of the {@link #identitySequenceType} object of that column. */
    public static QualifiedName identitySequenceTypeKey(QualifiedName table, String column) {
        return key(IDENTITY_OPTIONS, columnIdentity(table, column));
    }

    /** The same object, read at {@code place}. */
    public UnmodelledObject withOrigin(Origin place) {
        return new UnmodelledObject(kind, identity, text, place, table);
    }

    /** {@code kind identity}, as reports name it. */
    public String describe() {
        return kind + " " + identity;
    }

    /**
     * Whether both are the same statement (origin aside: two files write the same object in two
     * places).
     */
    public boolean sameAs(UnmodelledObject other) {
        return other != null
                && kind.equals(other.kind)
                && identity.equals(other.identity)
                && text.equals(other.text);
    }

    /**
     * A statement's text with comments dropped, whitespace outside quotes folded to one space and
     * no trailing semicolon: the same statement written on other lines or with other comments is
     * the same object.
     */
    public static String normalize(String sql) {
        String s = code(sql);
        while (s.endsWith(";")) {
            s = s.substring(0, s.length() - 1).strip();
        }
        return s;
    }

    /**
     * Comments dropped and whitespace folded outside string literals; a dollar-quoted body is code
     * too.
     */
    private static String code(String sql) {
        StringBuilder out = new StringBuilder(sql.length());
        int i = 0;
        int n = sql.length();
        boolean space = false;
        while (i < n) {
            char c = sql.charAt(i);
            if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                while (i < n && sql.charAt(i) != '\n') {
                    i++;
                }
                space = true;
                continue;
            }
            if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int end = sql.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
                space = true;
                continue;
            }
            if (Character.isWhitespace(c)) {
                space = true;
                i++;
                continue;
            }
            if (space && !out.isEmpty()) {
                out.append(' ');
            }
            space = false;
            int end = quotedEnd(sql, i);
            String tag = dollarTag(sql, i);
            if (tag != null && end - i >= 2 * tag.length()) {
                // A function or DO body: its layout and comments are not what it does.
                String body = code(sql.substring(i + tag.length(), end - tag.length()));
                out.append(tag).append(body.isEmpty() ? "" : " " + body + " ").append(tag);
            } else {
                out.append(sql, i, end);
            }
            i = end;
        }
        return out.toString().strip();
    }

    /** The {@code $tag$} opening a dollar-quoted string at {@code i}, or null. */
    private static String dollarTag(String s, int i) {
        if (s.charAt(i) != '$') {
            return null;
        }
        int close = s.indexOf('$', i + 1);
        if (close > 0
                && s.substring(i + 1, close).matches("[A-Za-z_0-9]*")
                && (close == i + 1 || !Character.isDigit(s.charAt(i + 1)))) {
            return s.substring(i, close + 1);
        }
        return null;
    }

    /**
     * The end (exclusive) of the quoted run starting at {@code i} ('...', "...", $tag$...$tag$),
     * else i + 1.
     */
    private static int quotedEnd(String s, int i) {
        char c = s.charAt(i);
        if (c == '\'' || c == '"') {
            int j = i + 1;
            while (j < s.length()) {
                if (s.charAt(j) == c) {
                    if (j + 1 < s.length() && s.charAt(j + 1) == c) {
                        j += 2;
                        continue;
                    }
                    return j + 1;
                }
                j++;
            }
            return s.length();
        }
        String tag = dollarTag(s, i);
        if (tag != null) {
            int end = s.indexOf(tag, i + tag.length());
            return end < 0 ? s.length() : end + tag.length();
        }
        return i + 1;
    }
}
