package dev.evoplan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A report handed on as it is rendered is made safe a whole number of lines at a time: the text
 * that comes out must be the one {@link UserText#safe} makes of the whole report (with its final
 * line break), wherever the pieces were cut.
 */
class SafeWriterTest {
    /** Pieces of reports: passwords (one quoted over lines), URLs, controls, colours, secrets. */
    private static final List<String> WORDS =
            List.of(
                    "CREATE TABLE a (id int);",
                    "\n",
                    "\n",
                    "\n",
                    "  what: takes an ACCESS EXCLUSIVE lock",
                    "postgresql://alice:pw@db/app",
                    "//bob:x",
                    "@",
                    " ",
                    "password=abc;def ",
                    "password_hash text,",
                    "password\n = x ",
                    "PGPASSWORD = 'x\n y' ",
                    "sslpassword='unclosed",
                    "'",
                    "\u001b[1;31mDOWNTIME\u001b[0m",
                    "\u001b[2J",
                    "\u0007",
                    "\u202e",
                    "\r\n",
                    "Hunter2-Secret",
                    "Hunter2%2FSecret",
                    "é→");

    @AfterEach
    void forget() {
        Secrets.forget();
    }

    private static String text(Random random, int length, boolean passwords) {
        StringBuilder out = new StringBuilder();
        while (out.length() < length) {
            String word = WORDS.get(random.nextInt(WORDS.size()));
            if (passwords || !word.toLowerCase(java.util.Locale.ROOT).contains("password")) {
                out.append(word);
            }
        }
        return out.toString();
    }

    private static String streamed(String text, Random random) throws IOException {
        StringWriter out = new StringWriter();
        UserText.SafeWriter safe = new UserText.SafeWriter(out);
        int at = 0;
        while (at < text.length()) {
            int end = Math.min(text.length(), at + 1 + random.nextInt(20_000));
            if (random.nextBoolean()) {
                safe.write(text, at, end - at);
            } else {
                safe.write(text.substring(at, end).toCharArray());
            }
            at = end;
        }
        safe.finish();
        return out.toString();
    }

    private static String whole(String text) {
        String safe = UserText.safe(text);
        return safe.endsWith("\n") ? safe : safe + "\n";
    }

    @Test
    void theTextIsTheWholeTextMadeSafeWhereverItIsCut() throws IOException {
        Random random = new Random(12);
        for (int round = 0; round < 40; round++) {
            // Mostly without passwords, so that many pieces are handed on before one comes.
            String head = text(random, random.nextInt(300_000), false);
            String text = head + text(random, random.nextInt(100_000), round % 2 == 0);
            assertThat(streamed(text, random)).as("round %d", round).isEqualTo(whole(text));
        }
    }

    @Test
    void aRememberedSecretIsHiddenInEveryPieceAndOneHoldingALineBreakAcrossThem()
            throws IOException {
        Random random = new Random(5);
        for (String secret : List.of("Hunter2-Secret", "Hunter2\nSecret", "Hunter2/Secret")) {
            Secrets.remember(new String[] {"host=h password=" + secret});
            for (int round = 0; round < 10; round++) {
                String text = text(random, 200_000, false) + secret + text(random, 200_000, false);
                String out = streamed(text, random);
                assertThat(out).isEqualTo(whole(text)).doesNotContain(secret);
            }
            Secrets.forget();
        }
    }

    /** The report's lines handed on before {@link UserText.SafeWriter#finish}, and after it. */
    private static List<String> beforeAndAfterFinish(String text) throws IOException {
        StringWriter out = new StringWriter();
        UserText.SafeWriter safe = new UserText.SafeWriter(out);
        safe.write(text);
        String before = out.toString();
        safe.finish();
        return List.of(before, out.toString());
    }

    @Test
    void aPasswordColumnIsHandedOnAsItComesAndAPasswordOverLinesWhole() throws IOException {
        String table = "CREATE TABLE users (id int, password_hash text, password text);\n";
        String report = table.repeat(5_000);
        List<String> column = beforeAndAfterFinish(report);
        assertThat(column.get(0)).isNotEmpty().startsWith(table);
        assertThat(column.get(1)).isEqualTo(report);
        // A quoted value over two lines: the rest is made safe whole, and hidden whole.
        for (String parameter : List.of("password='a\nb'", "password =\nsecret")) {
            String text = "url: " + parameter + "\n" + report;
            List<String> over = beforeAndAfterFinish(text);
            assertThat(over.get(0)).isEmpty();
            assertThat(over.get(1))
                    .isEqualTo(whole(text))
                    .contains("***\n" + table)
                    .doesNotContain("a\nb")
                    .doesNotContain("secret");
        }
    }

    @Test
    void anEmptyReportIsOneLineBreakAndAFinalOneIsNotDoubled() throws IOException {
        Random random = new Random(1);
        assertThat(streamed("", random)).isEqualTo("\n");
        assertThat(streamed("a\n", random)).isEqualTo("a\n");
        assertThat(streamed("a", random)).isEqualTo("a\n");
        // Hiding a password can move the text's last line break: the break is added after.
        assertThat(streamed("password=\n", random)).isEqualTo(whole("password=\n"));
    }
}
