package dev.evoplan.render;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Text from inputs (a comment, a string, a name, a file name) made harmless for a terminal: a
 * crafted migration must not move the cursor, clear the screen, retitle the window or reorder
 * what a reviewer reads. Every control character but newline and tab, the C1 controls, and the
 * bidirectional overrides become {@code \}{@code uXXXX} (also a valid escape inside a JSON string,
 * so the same text stays valid JSON). The report's own verdict colours (see
 * {@link TextRenderer#colour}) are the only escape sequences kept.
 */
public final class TerminalText {
    private static final Pattern OWN_COLOUR = Pattern.compile("\u001b\\[(?:0|32|33|35|1;31)m");
    private static final Pattern UNSAFE = Pattern.compile("[\\x00-\\x08\\x0b-\\x1f\\x7f-\\x9f\\u061c\\u200e\\u200f\\u202a-\\u202e\\u2066-\\u2069]");

    private TerminalText() {}

    /** {@code text} with every unsafe character escaped, the report's own colours kept. */
    public static String escape(String text) {
        if (text == null || !UNSAFE.matcher(text).find()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        Matcher colour = OWN_COLOUR.matcher(text);
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\u001b' && colour.find(i) && colour.start() == i) {
                out.append(text, i, colour.end());
                i = colour.end();
                continue;
            }
            if (UNSAFE.matcher(String.valueOf(c)).matches()) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
            i++;
        }
        return out.toString();
    }
}
