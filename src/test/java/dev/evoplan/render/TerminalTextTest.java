package dev.evoplan.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class TerminalTextTest {
    /** The class of characters escaped as the regular expression first wrote it. */
    private static final Pattern AS_FIRST_WRITTEN =
            Pattern.compile(
                    "[\\x00-\\x08\\x0b-\\x1f\\x7f-\\x9f\\u061c\\u200e\\u200f\\u202a-\\u202e\\u2066-\\u2069]");

    @Test
    void escapesTheSameCharactersAsTheRegularExpressionDid() {
        for (int c = 0; c <= 0xffff; c++) {
            boolean expected = AS_FIRST_WRITTEN.matcher(String.valueOf((char) c)).matches();
            assertThat(TerminalText.unsafe((char) c)).as("U+%04x", c).isEqualTo(expected);
        }
    }

    /** escape and its first scan test printable ASCII before calling unsafe: every character. */
    @Test
    void escapesEachCharacterAsTheRegularExpressionDidInsideText() {
        for (int c = 0; c <= 0xffff; c++) {
            String text = "a" + (char) c + "b";
            String expected =
                    AS_FIRST_WRITTEN.matcher(String.valueOf((char) c)).matches()
                            ? String.format("a\\u%04x%s", c, "b")
                            : text;
            assertThat(TerminalText.escape(text)).as("U+%04x", c).isEqualTo(expected);
        }
    }

    @Test
    void escapesControlsAndKeepsTheReportsOwnColours() {
        String text = "a\r\nb\tc\u001b[2Jd\u202ee\u001b[32mSAFE\u001b[0m\u0085";
        assertThat(TerminalText.escape(text))
                .isEqualTo("a\\u000d\nb\tc\\u001b[2Jd\\u202ee\u001b[32mSAFE\u001b[0m\\u0085");
        assertThat(TerminalText.escape("plain")).isSameAs("plain");
    }
}
