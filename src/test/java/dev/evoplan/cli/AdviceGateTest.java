package dev.evoplan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Design advisories in plan and check: quiet unless asked, failing only the advice gate. */
class AdviceGateTest {
    private static final String BEFORE =
            "CREATE TABLE users (id uuid CONSTRAINT pk_users PRIMARY KEY,"
                    + " created_at timestamptz NOT NULL, updated_at timestamptz NOT NULL);\n";
    private static final String FLAWED =
            "CREATE TABLE notes (id serial PRIMARY KEY, body json,"
                    + " user_id uuid REFERENCES users (id));\n";

    @Test
    void advisoriesAreQuietUnlessAskedAndFailOnlyTheAdviceGate(@TempDir Path dir) throws Exception {
        Path from = Files.writeString(dir.resolve("a.sql"), BEFORE);
        Path to = Files.writeString(dir.resolve("b.sql"), BEFORE + FLAWED);
        CliRun plain =
                CliRun.of("check", "--from", from.toString(), "--to", to.toString(), "--no-color");
        assertThat(plain.exitCode()).as(plain.err()).isEqualTo(0);
        assertThat(plain.out()).doesNotContain("ADVICE");

        CliRun shown =
                CliRun.of(
                        "check",
                        "--from",
                        from.toString(),
                        "--to",
                        to.toString(),
                        "--show-advice",
                        "--fail-on",
                        "multi-step",
                        "--no-color");
        assertThat(shown.exitCode()).as("advice fails no existing gate").isEqualTo(0);
        assertThat(shown.out())
                .contains("[ADVICE] integer-primary-key")
                .contains("[ADVICE] json-instead-of-jsonb")
                .contains("[ADVICE] foreign-key-without-index")
                .contains("CREATE INDEX CONCURRENTLY idx_notes_user_id")
                .doesNotContain("table users");

        CliRun gate =
                CliRun.of(
                        "check",
                        "--from",
                        from.toString(),
                        "--to",
                        to.toString(),
                        "--fail-on",
                        "advice",
                        "--no-color");
        assertThat(gate.exitCode()).isEqualTo(1);
        assertThat(gate.out()).contains("[ADVICE] table-without-timestamps");

        CliRun clean =
                CliRun.of(
                        "check",
                        "--from",
                        from.toString(),
                        "--to",
                        from.toString(),
                        "--fail-on",
                        "advice");
        assertThat(clean.exitCode()).as(clean.err()).isEqualTo(0);
    }

    @Test
    void lintServesTheAdviceGate(@TempDir Path dir) throws Exception {
        // Was a usage error (exit 2) while lint reported no advisories; LintDesignAdviceTest has
        // the rules.
        Path file =
                Files.writeString(
                        dir.resolve("V1__a.sql"), "CREATE TABLE a (id uuid PRIMARY KEY);\n");
        CliRun run = CliRun.of("lint", file.toString(), "--fail-on", "advice", "--no-color");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        assertThat(run.out()).contains("ADVICE anonymous-constraint (EP606)");
    }
}
