package dev.evoplan.source.liquibase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.evoplan.model.Column;
import dev.evoplan.model.InputException;
import dev.evoplan.model.LoadedSchema;
import dev.evoplan.model.QualifiedName;
import dev.evoplan.model.SourceChangeset;
import dev.evoplan.model.Table;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Shapes met in published changelogs (Fineract, DependencyTrack, Keycloak), each reproduced in
 * a small fixture of our own under fixtures/liquibase/real.
 */
class LiquibaseRealShapesTest {
    static final Path REAL = Path.of("fixtures/liquibase/real");

    static LoadedSchema load(Path changelog) {
        return new LiquibaseSource().load(changelog, LiquibaseOptions.defaults());
    }

    static Table table(LoadedSchema loaded, String name) {
        return loaded.schema().table(QualifiedName.of("public", name)).orElseThrow();
    }

    static Column column(LoadedSchema loaded, String table, String column) {
        return table(loaded, table).column(column).orElseThrow();
    }

    @Test
    void defaultValueComputedNullIsNoDefault() {
        // Was exit 3 with a Java NPE message (String.strip() on null).
        LoadedSchema loaded = load(REAL.resolve("computed-null.xml"));

        assertThat(column(loaded, "account", "closed_on").defaultValue()).isNull();
        assertThat(column(loaded, "account", "note").defaultValue()).isNull();
        assertThat(column(loaded, "account", "closed_by").defaultValue()).isNull();
    }

    @Test
    void otherDefaultSpellingsKeepTheirValue() {
        LoadedSchema loaded = load(REAL.resolve("computed-null.xml"));

        assertThat(column(loaded, "account", "flag").defaultValue().expression()).isEqualToIgnoringCase("false");
        assertThat(column(loaded, "account", "amount").defaultValue().expression()).isEqualTo("0");
        assertThat(column(loaded, "account", "opened_on").defaultValue().expression()).contains("2020-01-01");
    }

    @Test
    void includeAllWithAProjectFilterClassNamesFileLineAndWhatToDo() {
        Throwable thrown = catchThrowable(() -> load(REAL.resolve("filtered/master.xml")));

        assertThat(thrown).isInstanceOf(InputException.class);
        InputException e = (InputException) thrown;
        assertThat(e.file()).isEqualTo(REAL.resolve("filtered/master.xml").toString());
        assertThat(e.line()).isEqualTo(11);
        assertThat(e.getMessage()).isEqualTo("includeAll filter com.example.migration.ModuleRootFilter is a class of the"
                + " project, which evoplan does not load or run; replace this includeAll with include elements naming the"
                + " files the filter selects");
        assertThat(e.oneLine()).doesNotContain("Exception");
    }

    @Test
    void includeAllWithoutAFilterLoadsTheFolder() {
        LoadedSchema loaded = load(REAL.resolve("unfiltered/master.xml"));

        assertThat(loaded.schema().table(QualifiedName.of("public", "loan"))).isPresent();
    }

    @Test
    void aClasspathIncludeResolvesAgainstTheFoldersAboveTheMasterWithoutFlags() {
        // A jar's layout: META-INF/master.xml includes "META-INF/jpa-1.0.xml" from the jar root.
        // Was "included file META-INF/jpa-1.0.xml does not exist" unless --search-path named the root.
        LoadedSchema v1 = load(REAL.resolve("jar-v1/META-INF/jpa-master.xml"));

        assertThat(v1.history()).extracting(SourceChangeset::identity).containsExactly("META-INF/jpa-1.0.xml::1.0::kc");
    }

    @Test
    void eachSideResolvesInItsOwnTree() {
        // Two unpacked versions side by side: each master's includes come from its own root.
        LoadedSchema v1 = load(REAL.resolve("jar-v1/META-INF/jpa-master.xml"));
        LoadedSchema v2 = load(REAL.resolve("jar-v2/META-INF/jpa-master.xml"));

        assertThat(table(v1, "realm").hasColumn("enabled")).isFalse();
        assertThat(table(v2, "realm").hasColumn("enabled")).isTrue();
        assertThat(v2.history()).extracting(SourceChangeset::identity)
                .containsExactly("META-INF/jpa-1.0.xml::1.0::kc", "META-INF/jpa-2.0.xml::2.0::kc");
    }
}
