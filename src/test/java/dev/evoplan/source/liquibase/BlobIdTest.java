package dev.evoplan.source.liquibase;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@link BlobIdentified#of}: the id git itself gives the same bytes. */
class BlobIdTest {

    @Test
    void isWhatGitHashObjectNamesTheBytes() throws Exception {
        byte[] binary = new byte[70_000];
        for (int i = 0; i < binary.length; i++) {
            binary[i] = (byte) (i * 31 + i / 256);
        }
        List<byte[]> samples =
                List.of(
                        new byte[0],
                        "one\n".getBytes(StandardCharsets.US_ASCII),
                        "no newline at the end".getBytes(StandardCharsets.US_ASCII),
                        "CREATE TABLE café (id int);\r\n\0after a NUL\n"
                                .getBytes(StandardCharsets.UTF_8),
                        binary);
        for (byte[] bytes : samples) {
            assertThat(BlobIdentified.of(bytes)).isEqualTo(gitHashObject(bytes));
        }
        // The empty blob, as every git knows it.
        assertThat(BlobIdentified.of(new byte[0]))
                .isEqualTo("e69de29bb2d1d6434b8b29ae775ad8c2e48c5391");
    }

    /** Runs {@code git hash-object --stdin} on the bytes. */
    private static String gitHashObject(byte[] bytes) throws Exception {
        Process p =
                new ProcessBuilder("git", "hash-object", "--stdin")
                        .redirectError(ProcessBuilder.Redirect.DISCARD)
                        .start();
        try (OutputStream in = p.getOutputStream()) {
            in.write(bytes);
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
        return out.strip();
    }
}
