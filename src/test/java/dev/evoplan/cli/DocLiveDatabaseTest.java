package dev.evoplan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evoplan.testing.PostgresServers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** {@code evoplan doc} on a live database: the catalog's spelling of the sample reads as the file's does. */
@Tag("postgres")
class DocLiveDatabaseTest {

    @Test
    void theGuideSampleDocumentedFromALiveDatabase() throws Exception {
        try (Connection db = PostgresServers.freshDatabase(16)) {
            try (Statement st = db.createStatement()) {
                st.execute(Files.readString(Path.of(DocCommandTest.V1)));
                st.execute("ALTER USER postgres PASSWORD 'hunter2'");
            }
            String url = "jdbc:postgresql://localhost:" + PostgresServers.server(16).getPort() + "/" + db.getCatalog()
                    + "?user=postgres&password=hunter2";
            CliRun run = CliRun.of("doc", url, "--name", "guide (live)");
            assertThat(run.exitCode()).as(run.err()).isEqualTo(0);
            String out = run.out();
            assertThat(out).startsWith("# Data Model: guide (live)\n").doesNotContain("hunter2");
            for (String table : List.of("users", "sources", "crawls", "pages", "source_events", "audit_log")) {
                assertThat(out).contains("\n### " + table + "\n");
            }
            // The catalog prints IN lists as = ANY (ARRAY[...]): still read as the enum-like list.
            assertThat(out).contains("status is one of active, paused, archived (enum-like CHECK list)")
                    .contains("| `users.email` | email address | account lifetime + 30 days | anonymise to hash |")
                    .contains("| sources (owner_id) | users | one-to-many | RESTRICT | `fk_sources_owner` |")
                    .contains("sort: ORDER BY created_at DESC");
            String open = out.substring(out.indexOf("## Open Questions"));
            assertThat(open).as("the sample is written the guide's way").doesNotContain("**EP6");
        }
    }
}
