package dev.evoplan.source.liquibase;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evoplan.model.LoadedSchema;
import dev.evoplan.model.SourceChange;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * A createProcedure whose body is a file named by {@code path} (DependencyTrack's procedures/*.sql)
 * is read like an inline body. Fixture: fixtures/liquibase-procedure-path.
 */
class LiquibaseProcedurePathTest {

    @Test
    void aProcedureBodyInAFileIsReadAndFolded() {
        // Was: "createProcedure procedures/function_has-access.sql", opaque (needs review).
        LoadedSchema loaded =
                new LiquibaseSource()
                        .load(
                                Path.of("fixtures/liquibase-procedure-path/changelog.xml"),
                                LiquibaseOptions.defaults());

        assertThat(LiquibaseRealShapesTest.changeset(loaded, "procedure_has-access").changes())
                .isNotEmpty()
                .noneMatch(c -> c.kind() == SourceChange.Kind.OPAQUE);
        assertThat(loaded.schema().objects().toString()).contains("has_access");
    }
}
