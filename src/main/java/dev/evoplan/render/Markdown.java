package dev.evoplan.render;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Escaping for GitHub-flavoured markdown, so data (SQL, names, file paths) reads as written. */
final class Markdown {
    private static final Pattern BACKTICKS = Pattern.compile("`+");

    /**
     * What would start emphasis, a link, HTML, code or a cell border inside running text. An
     * underscore inside a word ({@code users_email_idx}) is left alone: GitHub does not read it as
     * emphasis, and escaping it would make every identifier ugly in the raw comment.
     */
    private static final Pattern INLINE_SPECIAL =
            Pattern.compile("([\\\\`*\\[\\]<|#]|(?<![\\p{Alnum}])_|_(?![\\p{Alnum}]))");

    private Markdown() {}

    /** Running text on one line: markdown punctuation is escaped, line breaks become spaces. */
    static String text(String s) {
        return INLINE_SPECIAL.matcher(oneLine(s)).replaceAll("\\\\$1");
    }

    /**
     * A table cell. The pipe must be escaped even in code spans: GitHub splits the row on it before
     * it reads anything else.
     */
    static String cell(String s) {
        return text(s);
    }

    /**
     * A code span that holds {@code s} whatever backticks it contains: the fence is one backtick
     * longer than the longest run inside, padded with spaces when the content touches a backtick.
     * Outside a table nothing inside a code span is an escape, so nothing is escaped.
     */
    static String code(String s) {
        String one = oneLine(s);
        String fence = "`".repeat(longestRun(one) + 1);
        String pad = one.startsWith("`") || one.endsWith("`") ? " " : "";
        return fence + pad + one + pad + fence;
    }

    /**
     * A code span in a table cell: GitHub splits the row on a pipe before it sees the span, so the
     * pipe is escaped.
     */
    static String codeCell(String s) {
        return code(s).replace("|", "\\|");
    }

    /**
     * A fenced sql block with one statement after another; the fence outlasts any backtick run
     * inside.
     */
    static String sqlFence(List<String> statements) {
        String body = String.join("\n", statements);
        String fence = "`".repeat(Math.max(3, longestRun(body) + 1));
        return fence + "sql\n" + body + "\n" + fence + "\n";
    }

    private static int longestRun(String s) {
        int longest = 0;
        Matcher m = BACKTICKS.matcher(s);
        while (m.find()) {
            longest = Math.max(longest, m.group().length());
        }
        return longest;
    }

    private static String oneLine(String s) {
        return s.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
