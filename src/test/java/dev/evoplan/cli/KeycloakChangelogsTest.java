package dev.evoplan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Keycloak's published changelogs (org.keycloak:keycloak-model-jpa,
 * META-INF/jpa-changelog-master.xml and its includes), loaded as published and planned between two
 * versions with no flag beyond the masters. The jars come from the local Maven repository at test
 * time and are unpacked into target/, never into the repository; where they are absent (offline,
 * never fetched) the test is skipped and says how to fetch them: {@code mvn dependency:get
 * -Dartifact=org.keycloak:keycloak-model-jpa:18.0.0} (and 26.5.0).
 */
class KeycloakChangelogsTest {
    static final String OLD = "18.0.0";
    static final String NEW = "26.5.0";

    /**
     * The version's unpacked META-INF folder's master, or the test is skipped with the reason
     * printed.
     */
    static Path master(String version) throws IOException {
        Path repository =
                Path.of(
                        System.getProperty(
                                "maven.repo.local",
                                Path.of(System.getProperty("user.home"), ".m2", "repository")
                                        .toString()));
        Path jar =
                repository.resolve(
                        "org/keycloak/keycloak-model-jpa/"
                                + version
                                + "/keycloak-model-jpa-"
                                + version
                                + ".jar");
        if (!Files.isRegularFile(jar)) {
            String reason =
                    "skipped: "
                            + jar
                            + " is not in the local Maven repository (fetch it with"
                            + " mvn dependency:get -Dartifact=org.keycloak:keycloak-model-jpa:"
                            + version
                            + ")";
            System.out.println(reason);
            Assumptions.abort(reason);
        }
        Path root = Path.of("target", "keycloak-model-jpa", version);
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            for (ZipEntry e : java.util.Collections.list(zip.entries())) {
                if (!e.isDirectory()
                        && e.getName().startsWith("META-INF/")
                        && e.getName().endsWith(".xml")) {
                    Path out = root.resolve(e.getName()).normalize();
                    Files.createDirectories(out.getParent());
                    try (InputStream in = zip.getInputStream(e)) {
                        Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
        }
        return root.resolve("META-INF/jpa-changelog-master.xml");
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
                .contains("mode: as written: 59 new changesets")
                // The index Keycloak writes as name="VALUE(255)" and rewrites with modifySql for
                // PostgreSQL.
                .contains(
                        "CREATE INDEX CONCURRENTLY idx_client_att_by_name_value ON client_attributes (name, (substr(VALUE,1,255)));");
    }
}
