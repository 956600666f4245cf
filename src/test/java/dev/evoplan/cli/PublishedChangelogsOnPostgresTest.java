package dev.evoplan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The acceptance tier on real projects: the staged plan between two published versions runs on
 * embedded PostgreSQL through {@code evoplan verify} (the old schema built as Liquibase runs it,
 * seeded, every step run with its locks watched; the catalog must equal the new version's and the
 * re-plan be empty). The jars are resolved by Maven (pom.xml's published-changelogs execution); a
 * missing one fails the test.
 */
@Tag("postgres")
class PublishedChangelogsOnPostgresTest {
    private static CliRun verify(Path from, Path to) {
        return CliRun.of(
                "verify",
                "--from",
                from.toString(),
                "--to",
                to.toString(),
                "--rows",
                "50",
                "--no-color");
    }

    @Test
    void keycloak18To265PlanPassesVerify() throws IOException {
        // Failed before: a varchar column cast to smallint was seeded with text no cast reads,
        // and a changeset's copy into a column it adds and renames ran against the net schema.
        CliRun run =
                verify(
                        KeycloakChangelogsTest.master(KeycloakChangelogsTest.OLD),
                        KeycloakChangelogsTest.master(KeycloakChangelogsTest.NEW));

        assertThat(run.err()).isEmpty();
        assertThat(run.out())
                .contains("verdict: PASS")
                .contains("schema: matches the target")
                .contains("re-plan: empty")
                .contains(", 0 not as predicted");
        assertThat(run.exitCode()).isZero();
    }

    @Test
    void flowableCmmn640To672PlanPassesVerify() throws IOException {
        CliRun run =
                verify(
                        FlowableChangelogsTest.master(FlowableChangelogsTest.OLD),
                        FlowableChangelogsTest.master(FlowableChangelogsTest.NEW));

        assertThat(run.err()).isEmpty();
        assertThat(run.out())
                .contains("verdict: PASS")
                .contains("schema: matches the target")
                .contains("re-plan: empty");
        assertThat(run.exitCode()).isZero();
    }
}
