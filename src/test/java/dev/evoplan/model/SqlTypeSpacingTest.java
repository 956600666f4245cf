package dev.evoplan.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A type's spelling is read with each run of whitespace as one space, without a regular expression
 * per column: the same spelling as {@code replaceAll("\\s+", " ")} gave.
 */
class SqlTypeSpacingTest {

    @Test
    void eachRunOfWhitespaceIsOneSpace() {
        assertThat(SqlType.oneSpaced("character  varying")).isEqualTo("character varying");
        assertThat(SqlType.oneSpaced("double\tprecision")).isEqualTo("double precision");
        assertThat(SqlType.oneSpaced("timestamp \n\r with time zone"))
                .isEqualTo("timestamp with time zone");
        assertThat(SqlType.parse("character \t varying ( 20 )"))
                .isEqualTo(SqlType.parse("varchar(20)"));
    }

    @Test
    void spellingsAlreadyOneSpacedAreKeptAsTheyAre() {
        String written = "timestamp with time zone";
        assertThat(SqlType.oneSpaced(written)).isSameAs(written);
    }

    @Test
    void agreesWithTheRegularExpressionOnRandomSpellings() {
        char[] alphabet = {' ', '\t', '\n', '\u000B', '\f', '\r', 'a', '(', '\u00a0', '\u2028'};
        Random random = new Random(12);
        for (int n = 0; n < 50_000; n++) {
            StringBuilder s = new StringBuilder();
            for (int i = random.nextInt(9); i > 0; i--) {
                s.append(alphabet[random.nextInt(alphabet.length)]);
            }
            assertThat(SqlType.oneSpaced(s.toString()))
                    .as("[%s]", s)
                    .isEqualTo(s.toString().replaceAll("\\s+", " "));
        }
    }
}
