package dev.evoplan.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link PostgresNames#clip} cuts at a UTF-8 byte budget, never inside a character: checked here
 * against a reference that encodes each code point to count its bytes, for names of one, two, three
 * and four byte characters, lone surrogates (Java encodes them as one '?' byte) and every budget
 * around the cut.
 */
class PostgresNamesClipTest {

    /**
     * The byte count of each code point as Java's UTF-8 encoder gives it, cut where it overflows.
     */
    private static String reference(String s, int maxBytes) {
        StringBuilder sb = new StringBuilder();
        int used = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            int len = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            if (used + len > maxBytes) {
                break;
            }
            sb.appendCodePoint(cp);
            used += len;
            i += Character.charCount(cp);
        }
        return sb.toString();
    }

    @Test
    void cutsWhereTheEncoderWouldAtEveryBudget() {
        List<String> names =
                List.of(
                        "",
                        "orders",
                        "a_very_long_table_name_that_goes_past_sixty_three_bytes_of_utf8_text",
                        "täglich_ümsätze_für_öffentliche_größen_und_maße_überall_äöü_ÄÖÜ",
                        "注文テーブルの名前はとても長いので六十三バイトを超えてしまいます",
                        "emoji_😀_😃_😄_😁_😆_😅_🤣_😂_🙂_🙃_😉_😊_😇_🥰_😍",
                        "lone_\uD800_high_and_\uDC00_low_surrogates_\uD83D",
                        "mixed_ä_注_😀_a_ß_€_𐍈_end");
        for (String name : names) {
            for (int budget = 0; budget <= 80; budget++) {
                assertThat(PostgresNames.clip(name, budget))
                        .as("%s at %d bytes", name, budget)
                        .isEqualTo(reference(name, budget));
            }
        }
    }

    @Test
    void aNameThatFitsIsReturnedAsItIs() {
        String name = "fits_in_sixty_three_bytes";
        assertThat(PostgresNames.clip(name, 63)).isSameAs(name);
    }
}
