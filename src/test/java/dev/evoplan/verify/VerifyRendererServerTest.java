package dev.evoplan.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evoplan.render.Format;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The report names the server verify ran on: the embedded one, or the user's, never mislabelled.
 */
class VerifyRendererServerTest {

    private static VerifyReport on(String server) {
        return new VerifyReport(
                "a.sql", "b.sql", 16, "16.11", server, List.of(), List.of(), null, List.of(), 0, 5);
    }

    @Test
    void theUsersServerIsNotCalledEmbedded() {
        String text =
                VerifyRenderer.render(on("at postgresql://db.example:5432/postgres"), Format.TEXT);

        assertThat(text)
                .contains("PostgreSQL 16.11 (at postgresql://db.example:5432/postgres)")
                .doesNotContain("embedded");
        assertThat(
                        VerifyRenderer.render(
                                on("at postgresql://db.example:5432/postgres"), Format.JSON))
                .contains("\"server\": \"at postgresql://db.example:5432/postgres\"");
    }

    @Test
    void theEmbeddedServerIsCalledEmbedded() {
        assertThat(VerifyRenderer.render(on("embedded"), Format.TEXT))
                .contains("PostgreSQL 16.11 (embedded)");
    }
}
