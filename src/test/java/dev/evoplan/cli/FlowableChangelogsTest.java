package dev.evoplan.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * A second project's published changelog: Flowable's CMMN engine
 * (org.flowable:flowable-cmmn-engine,
 * org/flowable/cmmn/db/liquibase/flowable-cmmn-db-changelog.xml; Flowable 7 dropped Liquibase, so
 * the pair is 6.4.0 and 6.7.2), resolved by Maven like Keycloak's (pom.xml's published-changelogs
 * execution), loaded as published and planned between the two versions.
 */
class FlowableChangelogsTest {
    static final String OLD = "6.4.0";
    static final String NEW = "6.7.2";

    static Path master(String version) throws IOException {
        return PublishedChangelogs.master(
                "org.flowable",
                "flowable-cmmn-engine",
                version,
                "org/flowable/cmmn/db/liquibase/",
                "flowable-cmmn-db-changelog.xml");
    }

    @Test
    void aJarMavenDidNotResolveFailsInsteadOfSkipping() {
        assertThatThrownBy(
                        () ->
                                PublishedChangelogs.master(
                                        "org.flowable",
                                        "flowable-cmmn-engine",
                                        "0.0.0-not-resolved",
                                        "org/flowable/cmmn/db/liquibase/",
                                        "flowable-cmmn-db-changelog.xml"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("flowable-cmmn-engine-0.0.0-not-resolved.jar is missing")
                .hasMessageContaining("published-changelogs");
    }

    @Test
    void eachVersionLoadsAsPublished() throws IOException {
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
        CliRun run =
                CliRun.of(
                        "plan",
                        "--from",
                        master(OLD).toString(),
                        "--to",
                        master(NEW).toString(),
                        "--no-color");

        assertThat(run.err()).isEmpty();
        assertThat(run.exitCode()).isZero();
        assertThat(run.out())
                .contains("mode: as written: 10 new changesets")
                .contains("0 needs review")
                // A column rename in a changeset: staged, not a bare RENAME under a running app.
                .contains("rename column act_cmmn_ru_plan_item_inst.start_time_ to create_time_");
    }
}
