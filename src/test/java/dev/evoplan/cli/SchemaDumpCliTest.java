package dev.evoplan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Schema files written by {@code pg_dump --schema-only}, diffed and linted as projects keep them:
 * Synapse's {@code full.sql.postgres}, Rails' {@code structure.sql} across pg_dump versions.
 */
class SchemaDumpCliTest {
    @TempDir Path dir;

    private Path file(String name, String text) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    @Test
    void aPostgresOnlyDumpIsLintedAndPlannedAsSql() throws Exception {
        Path old = file("old.sql.postgres", "CREATE TABLE rooms (room_id text NOT NULL);\n");
        Path now =
                file(
                        "new.sql.postgres",
                        "CREATE TABLE rooms (room_id text NOT NULL);\n"
                                + "CREATE SEQUENCE events_stream_seq START WITH 1;\n");
        CliRun lint = CliRun.of("lint", now.toString());
        assertThat(lint.exitCode()).as(lint.err()).isZero();
        assertThat(lint.out()).contains("(1 file, 2 statements)");
        CliRun plan = CliRun.of("plan", "--from", old.toString(), "--to", now.toString());
        assertThat(plan.exitCode()).as(plan.err()).isZero();
        assertThat(plan.out()).contains("CREATE SEQUENCE events_stream_seq");
    }

    @Test
    void plpgsqlsOwnCommentThatOlderDumpsWroteIsNoChangeButAnyOtherCommentStaysForReview()
            throws Exception {
        // pg_dump before PostgreSQL 11 wrote the built-in extension and its comment; newer ones
        // leave both out.
        Path old =
                file(
                        "old.sql",
                        "CREATE EXTENSION IF NOT EXISTS plpgsql WITH SCHEMA pg_catalog;\n"
                                + "COMMENT ON EXTENSION plpgsql IS 'PL/pgSQL procedural language';\n"
                                + "CREATE TABLE notes (id bigint NOT NULL);\n");
        Path now = file("new.sql", "CREATE TABLE notes (id bigint NOT NULL);\n");
        CliRun plan = CliRun.of("plan", "--from", old.toString(), "--to", now.toString());
        assertThat(plan.exitCode()).as(plan.err()).isZero();
        assertThat(plan.out()).doesNotContain("NEEDS REVIEW").doesNotContain("comment");

        Path own =
                file(
                        "own.sql",
                        "COMMENT ON EXTENSION plpgsql IS 'ours';\n"
                                + "CREATE TABLE notes (id bigint NOT NULL);\n");
        CliRun changed = CliRun.of("plan", "--from", now.toString(), "--to", own.toString());
        assertThat(changed.out())
                .contains("NEEDS REVIEW", "COMMENT ON EXTENSION plpgsql IS 'ours'");
    }

    @Test
    void aCommentOnAnObjectTheModelKeepsNoCommentForStatesCommentsOwnLock() throws Exception {
        Path old =
                file(
                        "old.sql",
                        "CREATE TABLE notes (id bigint NOT NULL);\n"
                                + "CREATE INDEX notes_id ON notes USING btree (id);\n"
                                + "COMMENT ON INDEX notes_id IS 'by id';\n");
        // Compared as states (the comment changed in place): for review, with COMMENT ON's lock.
        Path now = file("new.sql", Files.readString(old).replace("'by id'", "'the id'"));
        CliRun plan = CliRun.of("plan", "--from", old.toString(), "--to", now.toString());
        assertThat(plan.exitCode()).as(plan.err()).isZero();
        String review = plan.out().substring(plan.out().indexOf("[NEEDS REVIEW]"));
        review = review.substring(0, review.indexOf("\n\n"));
        assertThat(review)
                .contains("COMMENT ON INDEX notes_id IS 'the id'", "lock: SHARE UPDATE EXCLUSIVE")
                .doesNotContain("ACCESS EXCLUSIVE");
    }

    @Test
    void anAppendedCommentIsRunAsWrittenUnderItsOwnLock() throws Exception {
        Path old = file("old.sql", "CREATE TABLE notes (id bigint NOT NULL);\n");
        Path now =
                file(
                        "new.sql",
                        "CREATE TABLE notes (id bigint NOT NULL);\n"
                                + "CREATE INDEX notes_id ON notes USING btree (id);\n"
                                + "COMMENT ON INDEX notes_id IS 'by id';\n");
        CliRun plan = CliRun.of("plan", "--from", old.toString(), "--to", now.toString());
        assertThat(plan.exitCode()).as(plan.err()).isZero();
        assertThat(plan.out())
                .contains("as written")
                .doesNotContain("NEEDS REVIEW", "CHECKPOINT")
                .contains(
                        "COMMENT ON INDEX notes_id IS 'by id';",
                        "lock: SHARE UPDATE EXCLUSIVE on notes_id");
        assertThat(plan.out().indexOf("COMMENT ON INDEX notes_id IS"))
                .isGreaterThan(plan.out().indexOf("CREATE INDEX"));
    }
}
