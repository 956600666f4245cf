package dev.evoplan.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evoplan.model.Migration;
import dev.evoplan.model.MixedTransaction;
import dev.evoplan.model.Origin;
import dev.evoplan.model.SourceChangeset;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * EP405 flyway-mixed-transaction: a file in lint, its changeset in plan/check as written (CliTest
 * runs Flyway folders).
 */
class FlywayMixedTransactionTest {
    private static final MixedTransaction MIXED =
            new MixedTransaction(
                    Origin.statement("V3__x.sql", 4, 1), "CREATE INDEX CONCURRENTLY", 2);

    private static Migration file(MixedTransaction mixed) {
        return new Migration("V3__x.sql", "flyway", List.of(), List.of(), List.of(), mixed);
    }

    private static SourceChangeset changeset(MixedTransaction mixed) {
        return new SourceChangeset(
                "V3__x.sql",
                Origin.file("V3__x.sql", 1),
                "sum",
                true,
                List.of(),
                "flyway 3",
                mixed);
    }

    @Test
    void aMixedFileIsRefusedAsWritten() {
        List<Finding> findings = new FlywayMixedTransaction().checkFile(file(MIXED));
        assertThat(findings)
                .extracting(Finding::ruleId)
                .containsExactly("flyway-mixed-transaction");
        assertThat(findings.get(0).safety()).isEqualTo(Safety.DOWNTIME);
        assertThat(findings.get(0).what())
                .contains("CREATE INDEX CONCURRENTLY", "2 statements that can");
        assertThat(
                        new FlywayMixedTransaction()
                                .checkChangeset(
                                        changeset(MIXED),
                                        List.of(),
                                        RuleFixtures.written().build()))
                .hasSize(1);
    }

    @Test
    void anUnmixedFileAndAPlanAreNotRefused() {
        assertThat(new FlywayMixedTransaction().checkFile(file(null))).isEmpty();
        // A plan runs its own steps, so the file's mix does not matter there.
        assertThat(
                        new FlywayMixedTransaction()
                                .checkChangeset(
                                        changeset(MIXED),
                                        List.of(),
                                        RuleFixtures.planned().build()))
                .isEmpty();
    }
}
