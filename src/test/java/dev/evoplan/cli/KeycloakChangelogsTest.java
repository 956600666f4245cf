package dev.evoplan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Keycloak's published changelogs (org.keycloak:keycloak-model-jpa,
 * META-INF/jpa-changelog-master.xml and its includes), loaded as published and planned between two
 * versions with no flag beyond the masters. Maven resolves the jars (pom.xml's published-changelogs
 * execution) and the test unpacks them into target/, never into the repository; a jar that is not
 * there fails the test.
 */
class KeycloakChangelogsTest {
    static final String OLD = "18.0.0";
    static final String NEW = "26.5.0";

    /**
     * The version's unpacked META-INF folder's master; fails when Maven did not resolve the jar.
     */
    static Path master(String version) throws IOException {
        return PublishedChangelogs.master(
                "org.keycloak",
                "keycloak-model-jpa",
                version,
                "META-INF/",
                "jpa-changelog-master.xml");
    }

    @Test
    void eachVersionLoadsAsPublished() throws IOException {
        // Was exit 3: preConditions ignored (a DB2-only changeset applied, "relation ... already
        // exists"), includes written META-INF/... unresolved without --search-path, createIndex
        // expressions read as column names, modifySql ignored.
        for (String version : new String[] {OLD, NEW}) {
            Path master = master(version);
            CliRun run =
                    CliRun.of(
                            "plan",
                            "--from",
                            master.toString(),
                            "--to",
                            master.toString(),
                            "--no-color");

            assertThat(run.err()).as(version).isEmpty();
            assertThat(run.exitCode()).as(version).isZero();
            assertThat(run.out()).as(version).contains("No changes: nothing to do.");
        }
    }

    @Test
    void planBetweenTwoVersionsJudgesTheNewChangesetsAsWritten() throws IOException {
        Path from = master(OLD);
        Path to = master(NEW);

        CliRun run =
                CliRun.of("plan", "--from", from.toString(), "--to", to.toString(), "--no-color");

        assertThat(run.err()).isEmpty();
        assertThat(run.exitCode()).isZero();
        assertThat(run.out())
                // 58: 2.5.0-unicode-oracle was edited but declares validCheckSum ANY, so
                // Liquibase does not run it again and it is not counted as new.
                .contains("mode: as written: 58 new changesets")
                // The index Keycloak writes as name="VALUE(255)" and rewrites with modifySql for
                // PostgreSQL.
                .contains(
                        "CREATE INDEX CONCURRENTLY idx_client_att_by_name_value ON client_attributes (name, (substr(VALUE,1,255)));");
    }
}
