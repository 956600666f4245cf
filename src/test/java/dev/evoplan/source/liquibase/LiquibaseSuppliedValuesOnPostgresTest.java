package dev.evoplan.source.liquibase;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evoplan.diff.SchemaDiffer;
import dev.evoplan.engine.Analysis;
import dev.evoplan.model.Schema;
import dev.evoplan.plan.Planner;
import dev.evoplan.source.jdbc.CatalogReader;
import dev.evoplan.testing.PostgresServers;
import dev.evoplan.verify.PlanRunner;
import dev.evoplan.verify.ServerSpelling;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The plan for fixtures/liquibase-supplied-values, run on a table whose rows hold NULL in every
 * column the changelog gives a value for: the backfills use those values, so VALIDATE passes.
 */
@Tag("postgres")
class LiquibaseSuppliedValuesOnPostgresTest {

    @ParameterizedTest(name = "PostgreSQL {0}")
    @ValueSource(ints = {14, 18})
    void thePlanRunsOnATableHoldingNullRows(int major) throws Exception {
        Analysis analysis = LiquibaseSuppliedValuesTest.analysis(major);
        Schema v1 = LiquibaseSuppliedValuesTest.load("v1.xml").schema();
        Schema v2 = LiquibaseSuppliedValuesTest.load("v2.xml").schema();
        try (Connection db = PostgresServers.freshDatabase(major)) {
            PlanRunner.run(db, Planner.between(Schema.EMPTY, v1, major));
            try (Statement s = db.createStatement()) {
                s.execute(
                        "INSERT INTO account (id, name, region)"
                                + " SELECT g, 'a' || g, CASE WHEN g % 2 = 0 THEN 'south' END"
                                + " FROM generate_series(1, 25) g");
            }
            PlanRunner.run(db, analysis.plan());

            try (Statement s = db.createStatement();
                    ResultSet rs =
                            s.executeQuery(
                                    "SELECT count(*) FILTER (WHERE status = 'active'),"
                                            + " count(*) FILTER (WHERE opened_on = CURRENT_DATE),"
                                            + " count(*) FILTER (WHERE tier = 1),"
                                            + " count(*) FILTER (WHERE currency = 'EUR'),"
                                            + " count(*) FILTER (WHERE region = 'north'),"
                                            + " count(*) FILTER (WHERE region = 'south')"
                                            + " FROM account")) {
                rs.next();
                assertThat(
                                new int[] {
                                    rs.getInt(1),
                                    rs.getInt(2),
                                    rs.getInt(3),
                                    rs.getInt(4),
                                    rs.getInt(5),
                                    rs.getInt(6)
                                })
                        .containsExactly(25, 25, 25, 25, 13, 12);
            }
            Schema actual = CatalogReader.read(db, Set.of());
            Schema expected;
            try (Connection scratch = PostgresServers.freshDatabase(major)) {
                expected = ServerSpelling.spell(scratch, v2, major).withUnmodelledOf(actual);
            }
            assertThat(SchemaDiffer.diff(actual, expected)).as("catalog vs v2").isEmpty();
        }
    }
}
