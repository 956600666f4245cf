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

/**
 * {@code evoplan doc} on a live database: the catalog's spelling of the sample reads as the file's
 * does.
 */
@Tag("postgres")
class DocLiveDatabaseTest {

    @Test
    void theGuideSampleDocumentedFromALiveDatabase() throws Exception {
        try (Connection db = PostgresServers.freshDatabase(16)) {
            try (Statement st = db.createStatement()) {
                st.execute(Files.readString(Path.of(DocCommandTest.V1)));
                st.execute("ALTER USER postgres PASSWORD 'hunter2'");
            }
            String url =
                    "jdbc:postgresql://localhost:"
                            + PostgresServers.server(16).getPort()
                            + "/"
                            + db.getCatalog()
                            + "?user=postgres&password=hunter2";
            CliRun run = CliRun.of("doc", url, "--name", "guide (live)");
            assertThat(run.exitCode()).as(run.err()).isEqualTo(0);
            String out = run.out();
            assertThat(out).startsWith("# Data Model: guide (live)\n").doesNotContain("hunter2");
            for (String table :
                    List.of("users", "sources", "crawls", "pages", "source_events", "audit_log")) {
                assertThat(out).contains("\n### " + table + "\n");
            }
            // The catalog prints IN lists as = ANY (ARRAY[...]): still read as the enum-like list.
            assertThat(out)
                    .contains("status is one of active, paused, archived (enum-like CHECK list)")
                    .contains(
                            "| `users.email` | email address | account lifetime + 30 days | anonymise to hash |")
                    .contains(
                            "| sources (owner_id) | users | one-to-many | RESTRICT | `fk_sources_owner` |")
                    .contains("sort: ORDER BY created_at DESC");
            String open = out.substring(out.indexOf("## Open Questions"));
            assertThat(open).as("the sample is written the guide's way").doesNotContain("**EP6");
        }
    }

    @Test
    void aLargeLiveSchemaIsDocumentedWithItsDiagramSplit() throws Exception {
        // 150 tables in a chain of foreign keys: about 65,000 characters of diagram, over the
        // 40,000 default, so the document must split it, each table drawn once with its columns.
        try (Connection db = PostgresServers.freshDatabase(16)) {
            try (Statement st = db.createStatement()) {
                st.execute(
                        """
                        DO $$
                        BEGIN
                          FOR i IN 1..150 LOOP
                            EXECUTE format('CREATE TABLE t%s (id uuid CONSTRAINT pk_t%s PRIMARY KEY, parent_id uuid %s,
                              name text NOT NULL, status text NOT NULL, amount numeric(12,2), note text,
                              created_at timestamptz NOT NULL, updated_at timestamptz NOT NULL)',
                              i, i, CASE WHEN i > 1 THEN format('CONSTRAINT fk_t%s_parent REFERENCES t%s', i, i - 1) ELSE '' END);
                          END LOOP;
                        END $$""");
            }
            String url =
                    "jdbc:postgresql://localhost:"
                            + PostgresServers.server(16).getPort()
                            + "/"
                            + db.getCatalog()
                            + "?user=postgres";
            CliRun run = CliRun.of("doc", url);
            assertThat(run.exitCode()).as(run.err()).isEqualTo(0);
            List<String> parts = DocKeycloakTest.blocks(run.out());
            assertThat(parts)
                    .hasSizeGreaterThan(1)
                    .allSatisfy(b -> assertThat(b.length()).isLessThanOrEqualTo(40_000));
            assertThat(run.out()).contains("The diagram is split in " + parts.size() + " parts");
            List<String> drawn =
                    parts.stream()
                            .flatMap(
                                    b ->
                                            java.util.regex.Pattern.compile(
                                                            "(?m)^    (t\\d+) \\{\n        ")
                                                    .matcher(b)
                                                    .results()
                                                    .map(m -> m.group(1)))
                            .toList();
            assertThat(drawn).hasSize(150).doesNotHaveDuplicates();
        }
    }
}
