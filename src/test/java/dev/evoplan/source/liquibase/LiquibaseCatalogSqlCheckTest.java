package dev.evoplan.source.liquibase;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evoplan.model.LoadedSchema;
import dev.evoplan.model.QualifiedName;
import dev.evoplan.model.Table;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * A {@code sqlCheck} that asks information_schema whether a table or column exists is answered from
 * the schema folded so far (Fineract's loan module repairs a column name that way). Fixture:
 * fixtures/liquibase-sqlcheck.
 */
class LiquibaseCatalogSqlCheckTest {

    @Test
    void aCatalogSqlCheckIsAnsweredFromTheSchemaSoFar() {
        // Was: the check was assumed to hold, and the rename of a column that is not there
        // stopped the load with "column schedule.credited_principal does not exist".
        LoadedSchema loaded =
                new LiquibaseSource()
                        .load(
                                Path.of("fixtures/liquibase-sqlcheck/changelog.xml"),
                                LiquibaseOptions.defaults());

        Table schedule =
                loaded.schema().table(QualifiedName.of("public", "schedule")).orElseThrow();
        assertThat(schedule.hasColumn("credits_amount")).isTrue();
        assertThat(schedule.hasColumn("note_id")).isTrue();
        assertThat(loaded.schema().table(QualifiedName.of("public", "schedule_note"))).isPresent();
        assertThat(LiquibaseRealShapesTest.notes(LiquibaseRealShapesTest.changeset(loaded, "2")))
                .singleElement()
                .asString()
                .contains("gives no row on the schema so far (expected 1)")
                .contains("MARK_RAN");
    }

    @Test
    void aCatalogSqlCheckReadsTheDefinitionOfTheRelationItAsksAbout() {
        LoadedSchema loaded =
                new LiquibaseSource()
                        .load(
                                Path.of("fixtures/liquibase-sqlcheck/changelog.xml"),
                                LiquibaseOptions.defaults());
        // Whatever it decided (changeset 2 was marked ran), the check read the catalog's entry
        // for schedule's column: the table's or a view's of that name.
        assertThat(LiquibaseRealShapesTest.changeset(loaded, "2").preconditionReads())
                .extracting(r -> r.kind() + " " + r.name() + "." + r.column() + " " + r.rows())
                .containsExactly(
                        "table schedule.credited_principal false",
                        "view schedule.credited_principal false");
        assertThat(LiquibaseRealShapesTest.changeset(loaded, "3").preconditionReads())
                .extracting(r -> r.kind() + " " + r.name() + " " + r.column())
                .containsExactly("table schedule_note null", "view schedule_note null");
        assertThat(LiquibaseRealShapesTest.changeset(loaded, "1").preconditionReads()).isEmpty();
    }

    @Test
    void aCatalogSqlCheckGivingNoSchemaReadsTheRelationOfThatNameInAnySchema() {
        LoadedSchema loaded =
                new LiquibaseSource()
                        .load(
                                Path.of("fixtures/liquibase-sqlcheck/changelog.xml"),
                                LiquibaseOptions.defaults());
        // Changeset 2 gives no table_schema: the catalog answers for schedule in any schema.
        assertThat(LiquibaseRealShapesTest.changeset(loaded, "2").preconditionReads())
                .extracting(r -> r.kind() + " " + r.name().name() + " " + r.anySchema())
                .containsExactly("table schedule true", "view schedule true");
        // Changeset 3 names public.
        assertThat(LiquibaseRealShapesTest.changeset(loaded, "3").preconditionReads())
                .extracting(r -> r.kind() + " " + r.name() + " " + r.anySchema())
                .containsExactly("table schedule_note false", "view schedule_note false");
    }
}
