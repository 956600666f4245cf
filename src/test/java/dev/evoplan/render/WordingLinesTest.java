package dev.evoplan.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The report's text fields are trimmed and split into lines without a regular expression when they
 * hold no line break or leading blank line (a report of a million steps): the same text as the
 * expressions give.
 */
class WordingLinesTest {
    private static final Pattern LEADING_BLANK_LINES = Pattern.compile("^(?:[ \\t]*\\R)+");

    @Test
    void trimmedAgreesWithTheRegularExpressionOnRandomText() {
        char[] alphabet = {' ', '\t', '\n', '\r', '\u000B', '\f', '\u0085', '\u2028', 'x', ';'};
        Random random = new Random(5);
        for (int n = 0; n < 50_000; n++) {
            StringBuilder s = new StringBuilder();
            for (int i = random.nextInt(8); i > 0; i--) {
                s.append(alphabet[random.nextInt(alphabet.length)]);
            }
            String text = s.toString();
            assertThat(Wording.trimmed(text))
                    .as("[%s]", text)
                    .isEqualTo(LEADING_BLANK_LINES.matcher(text).replaceFirst("").stripTrailing());
            assertThat(Wording.hasLineBreak(text))
                    .as("[%s]", text)
                    .isEqualTo(text.split("\\R", -1).length > 1);
        }
    }

    /** hasLineBreak skips the characters between '\\r' and NEL untested: every character. */
    @Test
    void hasLineBreakAgreesWithTheRegularExpressionOnEachCharacter() {
        Pattern lineBreak = Pattern.compile("\\R");
        for (int c = 0; c <= 0xffff; c++) {
            String text = "a" + (char) c + "b";
            assertThat(Wording.hasLineBreak(text))
                    .as("U+%04x", c)
                    .isEqualTo(lineBreak.matcher(text).find());
        }
    }

    @Test
    void aFieldOfOneLineAndOneOfSeveral() {
        StringBuilder out = new StringBuilder();
        TextRenderer.field(out, "  ", "lock", "ACCESS EXCLUSIVE on t  ");
        TextRenderer.field(out, "  ", "why", "\n  \nfirst\r\nsecond\u2028\nthird");
        assertThat(out.toString())
                .isEqualTo(
                        "  lock: ACCESS EXCLUSIVE on t\n"
                                + "  why: first\n"
                                + "       second\n"
                                + "\n"
                                + "       third\n");
    }
}
