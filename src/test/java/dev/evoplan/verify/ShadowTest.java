package dev.evoplan.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.evoplan.model.InputException;
import dev.evoplan.model.LoadedSchema;
import dev.evoplan.source.liquibase.LiquibaseOptions;
import dev.evoplan.source.liquibase.LiquibaseSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --shadow: a source built by PostgreSQL itself, raw SQL included. */
@Tag("postgres")
class ShadowTest {
    private static final Path V1 =
            Path.of(
                    System.getProperty("evoplan.root", "."),
                    "changelogs/crawler/v1/db.changelog-master.yaml");

    @Test
    void theShadowSpellsExpressionsAsPostgresStoresThem() {
        LoadedSchema folded = new LiquibaseSource().load(V1, LiquibaseOptions.defaults());
        LoadedSchema shadowed = Shadow.shadow(List.of(folded), 16).get(0);

        var table = dev.evoplan.model.QualifiedName.of("sources");
        String folded0 = check(folded, table, "chk_sources_status");
        String shadow0 = check(shadowed, table, "chk_sources_status");
        // The fold keeps the CHECK as the formatted-SQL changelog wrote it; the shadow as
        // PostgreSQL stores it.
        assertThat(folded0).contains("IN (");
        assertThat(shadow0).contains("= ANY (ARRAY[");
        assertThat(shadowed.schema().views()).isNotEmpty();
        assertThat(shadowed.history()).isEqualTo(folded.history());
        assertThat(shadowed.schema().tables().keySet())
                .containsAll(folded.schema().tables().keySet());
    }

    private static String check(
            LoadedSchema loaded, dev.evoplan.model.QualifiedName table, String name) {
        return loaded.schema().tables().get(table).checks().stream()
                .filter(c -> c.name().equals(name))
                .findFirst()
                .orElseThrow()
                .expression();
    }

    @Test
    void aStatementPostgresRefusesIsAnInputErrorAtItsChangeset(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("db.yaml");
        Files.writeString(
                file,
                """
                databaseChangeLog:
                  - changeSet:
                      id: "1"
                      author: t
                      changes:
                        - sql: {sql: "ALTER TABLE nowhere ADD COLUMN x int"}
                """);
        LoadedSchema loaded = new LiquibaseSource().load(file, LiquibaseOptions.defaults());
        assertThatThrownBy(() -> Shadow.shadow(List.of(loaded), 16))
                .isInstanceOf(InputException.class)
                .satisfies(
                        e ->
                                assertThat(((InputException) e).oneLine())
                                        .contains("db.yaml:2", "nowhere", "shadow"));
    }
}
