package dev.evoplan.render;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Text from inputs (a comment, a string, a name, a file name) made harmless for a terminal: a
 * crafted migration must not move the cursor, clear the screen, retitle the window or reorder what
 * a reviewer reads. Every control character but newline and tab, the C1 controls, and the
 * bidirectional overrides become {@code \}{@code uXXXX} (also a valid escape inside a JSON string,
 * so the same text stays valid JSON). The report's own verdict colours (see {@link
 * TextRenderer#colour}) are the only escape sequences kept.
 */
public final class TerminalText {
    private static final Pattern OWN_COLOUR = Pattern.compile("\u001b\\[(?:0|32|33|35|1;31)m");

    private TerminalText() {}

    /** {@code text} with every unsafe character escaped, the report's own colours kept. */
    public static String escape(String text) {
        if (text == null || firstUnsafe(text) < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        Matcher colour = OWN_COLOUR.matcher(text);
        // Runs of safe characters are copied whole (a report of megabytes with one carriage return
        // per line is mostly such runs); ESC is unsafe, so a colour starts where a run ends.
        int safeFrom = 0;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if ((c >= ' ' && c < 0x7f) || c == '\n' || !unsafe(c)) {
                i++;
                continue;
            }
            out.append(text, safeFrom, i);
            // lookingAt, not find: a stray escape must not scan the rest of a long report.
            if (c == '\u001b' && colour.region(i, text.length()).lookingAt()) {
                out.append(text, i, colour.end());
                i = colour.end();
            } else {
                String hex = Integer.toHexString(c);
                out.append("\\u").append("0000", hex.length(), 4).append(hex);
                i++;
            }
            safeFrom = i;
        }
        out.append(text, safeFrom, text.length());
        return out.toString();
    }

    private static int firstUnsafe(String text) {
        for (int i = 0, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            // Printable ASCII and newline, nearly every character of a report, are never unsafe:
            // tested here, where unsafe is a call per character too large for the JIT to inline.
            // It halved the scan of a 4 MB report (20 to 11 cpu ms, lint of Lemmy's migrations).
            if ((c < ' ' || c >= 0x7f) && c != '\n' && unsafe(c)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The characters escaped: C0 controls but newline and tab, DEL and the C1 controls, the
     * bidirectional marks and overrides. A test per character, not a regular expression: reports of
     * megabytes are escaped whole, and a matcher per character cost a quarter of a lint run.
     */
    static boolean unsafe(char c) {
        return c <= 0x08
                || (c >= 0x0b && c <= 0x1f)
                || (c >= 0x7f && c <= 0x9f)
                || c == '\u061c'
                || c == '\u200e'
                || c == '\u200f'
                || (c >= '\u202a' && c <= '\u202e')
                || (c >= '\u2066' && c <= '\u2069');
    }
}
