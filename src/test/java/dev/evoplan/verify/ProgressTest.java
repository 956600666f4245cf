package dev.evoplan.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evoplan.model.Column;
import dev.evoplan.model.IdentityKind;
import dev.evoplan.model.LoadedSchema;
import dev.evoplan.model.QualifiedName;
import dev.evoplan.model.Schema;
import dev.evoplan.model.SqlType;
import dev.evoplan.model.Table;
import dev.evoplan.plan.Plan;
import dev.evoplan.plan.Stage;
import dev.evoplan.plan.StageKind;
import dev.evoplan.plan.Step;
import dev.evoplan.rules.LockLevel;
import dev.evoplan.testing.PostgresServers;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Verify reports its way through seeding and steps (the terminal line itself:
 * TerminalProgressTest).
 */
@Tag("postgres")
class ProgressTest {
    @Test
    void verifySaysWhichTableItSeedsAndWhichStepItRuns() {
        List<String> said = new ArrayList<>();
        Progress recording =
                new Progress() {
                    @Override
                    public void seeding(String table, int index, int total) {
                        said.add("seeding " + table + " " + index + "/" + total);
                    }

                    @Override
                    public void step(int index, int total, String description) {
                        said.add("step " + index + "/" + total + ": " + description);
                    }

                    @Override
                    public void finished() {
                        said.add("finished");
                    }
                };
        Schema from =
                Schema.EMPTY
                        .withTable(
                                new Table(
                                        QualifiedName.of("a"),
                                        List.of(
                                                new Column(
                                                        "id",
                                                        SqlType.of("integer"),
                                                        true,
                                                        null,
                                                        IdentityKind.NONE,
                                                        null,
                                                        null)),
                                        null,
                                        List.of(),
                                        List.of(),
                                        List.of(),
                                        List.of(),
                                        null))
                        .withTable(
                                new Table(
                                        QualifiedName.of("b"),
                                        List.of(
                                                new Column(
                                                        "id",
                                                        SqlType.of("integer"),
                                                        true,
                                                        null,
                                                        IdentityKind.NONE,
                                                        null,
                                                        null)),
                                        null,
                                        List.of(),
                                        List.of(),
                                        List.of(),
                                        List.of(),
                                        null));
        Step index =
                new Step(
                        Step.Kind.SQL,
                        "CREATE INDEX a_id ON a (id)",
                        "index a",
                        true,
                        LockLevel.SHARE,
                        QualifiedName.of("a"),
                        null,
                        null,
                        null,
                        null,
                        "index");
        Step drop =
                new Step(
                        Step.Kind.SQL,
                        "DROP INDEX a_id",
                        "drop it again",
                        true,
                        LockLevel.ACCESS_EXCLUSIVE,
                        QualifiedName.of("a"),
                        null,
                        null,
                        null,
                        null,
                        "index");
        VerifyOptions options =
                new VerifyOptions(
                        VerifierTest.options(16, RowCounts.everyTable(10)).analysis(),
                        RowCounts.everyTable(10),
                        0,
                        recording);

        VerifyReport report =
                Verifier.verify(
                        PostgresServers.server(16),
                        new LoadedSchema("a.yaml", from, List.of()),
                        new LoadedSchema("b.yaml", from, List.of()),
                        new Plan(List.of(new Stage(StageKind.EXPAND, List.of(index, drop)))),
                        options);

        assertThat(report.passed()).isTrue();
        assertThat(said)
                .containsExactly(
                        "seeding a 1/2",
                        "seeding b 2/2",
                        "step 1/2: index a",
                        "step 2/2: drop it again");
    }
}
