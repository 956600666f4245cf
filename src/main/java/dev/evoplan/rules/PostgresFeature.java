package dev.evoplan.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Statement forms PostgreSQL accepted only from some major on: the one home for "which major
 * introduced it" (checked against each release's notes, and on the embedded 14/16/18 where they
 * differ). An older server refuses the statement outright (a syntax error or an unknown function),
 * so a migration holding one stops there.
 */
public enum PostgresFeature {
    REINDEX_CONCURRENTLY(
            12,
            "REINDEX CONCURRENTLY",
            "(?is)^\\s*REINDEX\\b.*\\bCONCURRENTLY\\b",
            "reindex",
            "concurrently"),
    GENERATED_STORED(
            12,
            "stored generated columns (GENERATED ALWAYS AS (...) STORED)",
            null,
            "generated",
            "stored"),
    GEN_RANDOM_UUID(
            13,
            "gen_random_uuid() without the pgcrypto extension",
            "(?i)\\bgen_random_uuid\\s*\\(",
            "gen_random_uuid"),
    DETACH_PARTITION_CONCURRENTLY(
            14,
            "DETACH PARTITION ... CONCURRENTLY",
            "(?is)\\bDETACH\\s+PARTITION\\s+\\S+\\s+CONCURRENTLY\\b",
            "detach",
            "concurrently"),
    SET_COMPRESSION(
            14, "ALTER COLUMN ... SET COMPRESSION", "(?is)\\bSET\\s+COMPRESSION\\b", "compression"),
    SET_ACCESS_METHOD(
            15,
            "ALTER TABLE ... SET ACCESS METHOD",
            "(?is)\\bSET\\s+ACCESS\\s+METHOD\\b",
            "access",
            "method"),
    NULLS_NOT_DISTINCT(
            15, "NULLS NOT DISTINCT", "(?i)\\bNULLS\\s+NOT\\s+DISTINCT\\b", "nulls", "distinct"),
    MERGE(15, "MERGE", "(?is)^\\s*MERGE\\s+INTO\\b", "merge"),
    GENERATED_VIRTUAL(
            18,
            "virtual generated columns (GENERATED ALWAYS AS (...) [VIRTUAL])",
            null,
            "generated"),
    NOT_NULL_CONSTRAINT(
            18,
            "named NOT NULL constraints (ADD [CONSTRAINT c] NOT NULL col [NOT VALID])",
            "(?is)\\bADD\\s+(CONSTRAINT\\s+(\"(?:[^\"]|\"\")+\"|\\S+)\\s+)?NOT\\s+NULL\\s+[\"a-z_]",
            "add",
            "null");

    private static final Pattern GENERATED =
            Pattern.compile("(?i)\\bGENERATED\\s+ALWAYS\\s+AS\\s*\\(");
    private static final Pattern STORED = Pattern.compile("(?i)^\\s*STORED\\b");
    private static final Pattern PGCRYPTO =
            Pattern.compile("(?i)\\bCREATE\\s+EXTENSION\\b[^;]*\\bpgcrypto\\b");

    private final int since;
    private final String label;
    private final Pattern pattern;
    private final String[] words;

    /**
     * {@code words}: lower-case words every use of the feature spells (the patterns match ASCII
     * letters in any case), so a statement without one of them is not read further.
     */
    PostgresFeature(int since, String label, String pattern, String... words) {
        this.since = since;
        this.label = label;
        this.pattern = pattern == null ? null : Pattern.compile(pattern);
        this.words = words;
    }

    /** The first major that accepts it. */
    public int since() {
        return since;
    }

    /** How the release notes name it. */
    public String label() {
        return label;
    }

    /**
     * The features a statement uses that PostgreSQL {@code major} refuses, in declaration order.
     * {@code sql} is one statement as written; strings, comments and dollar-quoted bodies are left
     * out first, so a word inside them is not read as the feature.
     */
    public static List<PostgresFeature> refusedBy(int major, String sql) {
        String lower = null;
        String text = null;
        List<PostgresFeature> out = new ArrayList<>();
        for (PostgresFeature f : VALUES) {
            if (major < f.since) {
                // Read only when some feature is newer than the major and the statement spells its
                // words: lint asks every statement. Leaving out strings and comments only replaces
                // them with blanks and quotes, so a word of the code is a word of the statement.
                lower = lower == null ? sql.toLowerCase(java.util.Locale.ROOT) : lower;
                if (!f.spelledIn(lower)) {
                    continue;
                }
                text = text == null ? code(sql) : text;
                if (f.usedIn(text)) {
                    out.add(f);
                }
            }
        }
        return out;
    }

    private static final PostgresFeature[] VALUES = values();

    private boolean spelledIn(String lower) {
        for (String word : words) {
            if (!lower.contains(word)) {
                return false;
            }
        }
        return true;
    }

    private boolean usedIn(String text) {
        return switch (this) {
            case GENERATED_STORED -> generatedKinds(text)[0];
            case GENERATED_VIRTUAL -> generatedKinds(text)[1];
            // pgcrypto has provided gen_random_uuid() on every version; a statement that creates it
            // is not refused.
            case GEN_RANDOM_UUID -> pattern.matcher(text).find() && !PGCRYPTO.matcher(text).find();
            case REINDEX_CONCURRENTLY,
                    DETACH_PARTITION_CONCURRENTLY,
                    SET_COMPRESSION,
                    SET_ACCESS_METHOD,
                    NULLS_NOT_DISTINCT,
                    MERGE,
                    NOT_NULL_CONSTRAINT ->
                    pattern.matcher(text).find();
        };
    }

    /**
     * {stored, virtual}: whether some GENERATED ALWAYS AS (expr) is followed by STORED, and whether
     * one is not (VIRTUAL written, or nothing: VIRTUAL is 18's default, and before 18 a generated
     * column without STORED is refused).
     */
    private static boolean[] generatedKinds(String text) {
        boolean[] kinds = new boolean[2];
        java.util.regex.Matcher m = GENERATED.matcher(text);
        while (m.find()) {
            int close = dev.evoplan.model.SqlText.closingParenthesis(text, m.end() - 1);
            if (close < 0) {
                continue;
            }
            boolean stored = STORED.matcher(text.substring(close + 1)).find();
            kinds[stored ? 0 : 1] = true;
        }
        return kinds;
    }

    /** The statement without comments, quoted strings and dollar-quoted bodies. */
    static String code(String sql) {
        // Compiled once: lint asks this of every statement. A pattern whose first character the
        // text does not hold cannot match: most statements have no body, string or comment.
        String text = sql;
        if (text.indexOf('$') >= 0) {
            text = DOLLAR_QUOTED.matcher(text).replaceAll(" ");
        }
        if (text.indexOf('\'') >= 0) {
            text = QUOTED.matcher(text).replaceAll("''");
        }
        if (text.contains("--")) {
            text = LINE_COMMENT.matcher(text).replaceAll(" ");
        }
        if (text.contains("/*")) {
            text = BLOCK_COMMENT.matcher(text).replaceAll(" ");
        }
        return text;
    }

    private static final Pattern DOLLAR_QUOTED =
            Pattern.compile("(?s)\\$([A-Za-z_]*)\\$.*?\\$\\1\\$");
    private static final Pattern QUOTED = Pattern.compile("'[^']*(?:''[^']*)*'");
    private static final Pattern LINE_COMMENT = Pattern.compile("--[^\\n]*");
    private static final Pattern BLOCK_COMMENT = Pattern.compile("(?s)/\\*.*?\\*/");
}
