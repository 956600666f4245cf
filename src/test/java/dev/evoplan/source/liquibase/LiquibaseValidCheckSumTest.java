package dev.evoplan.source.liquibase;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evoplan.engine.Analysis;
import dev.evoplan.engine.AnalysisOptions;
import dev.evoplan.engine.Analyzer;
import dev.evoplan.model.LoadedSchema;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * A ran changeset edited under {@code <validCheckSum>1:ANY</validCheckSum>} (Keycloak's
 * 2.5.0-unicode-oracle): Liquibase accepts any stored checksum for it, so the edit stops no deploy.
 * Fixture: fixtures/liquibase-validchecksum.
 */
class LiquibaseValidCheckSumTest {
    static final Path DIR = Path.of("fixtures/liquibase-validchecksum");

    static Analysis analysis(String to) {
        LiquibaseSource source = new LiquibaseSource();
        LoadedSchema from = source.load(DIR.resolve("v1.xml"), LiquibaseOptions.defaults());
        LoadedSchema next = source.load(DIR.resolve(to), LiquibaseOptions.defaults());
        return Analyzer.analyze(from, next, AnalysisOptions.defaults());
    }

    @Test
    void anEditUnderValidCheckSumAnyIsNotARanChangesetEdited() {
        // Was EP401 (needs review): "Liquibase refuses to update a database that ran it".
        assertThat(analysis("v2.xml").verdicts())
                .noneMatch(v -> v.finding().ruleId().equals("ran-changeset-edited"));
    }

    @Test
    void anEditWithoutItStillIs() {
        assertThat(analysis("v3.xml").verdicts())
                .anyMatch(v -> v.finding().ruleId().equals("ran-changeset-edited"));
    }
}
