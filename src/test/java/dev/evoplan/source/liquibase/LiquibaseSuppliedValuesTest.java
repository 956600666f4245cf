package dev.evoplan.source.liquibase;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evoplan.engine.Analysis;
import dev.evoplan.engine.AnalysisOptions;
import dev.evoplan.engine.Analyzer;
import dev.evoplan.model.LoadedSchema;
import dev.evoplan.model.SourceChange;
import dev.evoplan.model.SourceChangeset;
import dev.evoplan.plan.Step;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Values the changelog supplies for old rows (addColumn's {@code value}/{@code valueComputed}/
 * {@code valueNumeric}, addNotNullConstraint's {@code defaultNullValue}) are the plan's backfill,
 * run before the NOT NULL is validated. Fixture: fixtures/liquibase-supplied-values.
 */
class LiquibaseSuppliedValuesTest {
    static final Path VALUES = Path.of("fixtures/liquibase-supplied-values");

    static LoadedSchema load(String name) {
        return new LiquibaseSource().load(VALUES.resolve(name), LiquibaseOptions.defaults());
    }

    static Analysis analysis(int major) {
        return Analyzer.analyze(
                load("v1.xml"),
                load("v2.xml"),
                new AnalysisOptions(
                        major,
                        dev.evoplan.rules.TableStats.UNKNOWN,
                        dev.evoplan.plan.PlanOptions.DEFAULT_BATCH_SIZE,
                        dev.evoplan.plan.PlanOptions.DEFAULT_LOCK_TIMEOUT));
    }

    @Test
    void theUpdatesLiquibaseRunsForSuppliedValuesAreDataChangesOfTheirOwn() {
        LoadedSchema v2 = load("v2.xml");
        List<String> data =
                v2.history().stream()
                        .map(SourceChangeset::changes)
                        .flatMap(List::stream)
                        .filter(c -> c.kind() == SourceChange.Kind.DATA)
                        .map(c -> String.join(";", c.writtenSql()))
                        .toList();

        assertThat(data)
                .containsExactly(
                        "UPDATE account SET status = 'active'",
                        "UPDATE account SET opened_on = CURRENT_DATE",
                        "UPDATE account SET tier = 1",
                        "UPDATE account SET tier = '1' WHERE tier IS NULL",
                        "UPDATE account SET currency = 'EUR' WHERE currency IS NULL",
                        "UPDATE account SET region = 'north' WHERE region IS NULL");
    }

    @Test
    void thePlanFillsOldRowsWithTheSuppliedValuesBeforeValidating() {
        List<Step> steps = analysis(16).plan().steps();

        assertThat(steps).noneMatch(s -> s.description().contains("cannot know the value"));
        for (String column : List.of("status", "opened_on", "tier", "currency", "region")) {
            int fill = indexOf(steps, "SET " + column + " = ");
            int validate = indexOf(steps, "VALIDATE CONSTRAINT account_" + column + "_not_null");
            assertThat(fill).as("fill of " + column).isNotNegative();
            assertThat(validate).as("validate of " + column).isGreaterThan(fill);
        }
    }

    static int indexOf(List<Step> steps, String text) {
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i).sql() != null && steps.get(i).sql().contains(text)) {
                return i;
            }
        }
        return -1;
    }
}
