package dev.evoplan.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * EP227 rename-routine-breaks-running-code: a routine's rename is judged like the other renames
 * (multi-step, no table lock); its other ALTERs stay brief catalog updates.
 */
class RenameRoutineBreaksRunningCodeTest {
    private static final String ROUTINES =
            "CREATE FUNCTION order_total(o bigint) RETURNS bigint LANGUAGE sql AS $$ SELECT o $$;"
                    + " CREATE PROCEDURE close_orders(o bigint) LANGUAGE sql AS $$ SELECT o $$; ";

    private static List<Finding> lint(String sql) {
        List<Finding> all = LintedSqlTest.findings(ROUTINES + sql, true, "5s", Map.of());
        return all.subList(
                LintedSqlTest.findings(ROUTINES, true, "5s", Map.of()).size(), all.size());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "ALTER FUNCTION order_total(bigint) RENAME TO order_sum",
                "ALTER FUNCTION order_total RENAME TO order_sum",
                "ALTER PROCEDURE close_orders(bigint) RENAME TO close_all",
                "ALTER ROUTINE order_total(bigint) RENAME TO order_sum",
                // A routine lint has not seen (made outside these migrations) is renamed all the
                // same.
                "ALTER FUNCTION elsewhere(int) RENAME TO somewhere",
            })
    void aRenameIsMultiStepWithExpandContractAdvice(String sql) {
        Finding f = RuleFixtures.only(lint(sql));
        assertThat(f.ruleId()).isEqualTo("rename-routine-breaks-running-code");
        assertThat(f.safety()).isEqualTo(Safety.MULTI_STEP);
        assertThat(f.lock()).isEqualTo(LockLevel.NONE);
        assertThat(f.what()).contains("locks no table").contains("old name fails");
        assertThat(f.fix()).contains("wrapper").contains("drop the old name");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "ALTER FUNCTION order_total(bigint) SET search_path = public",
                "ALTER FUNCTION order_total(bigint) OWNER TO app",
                "ALTER PROCEDURE close_orders(bigint) SECURITY DEFINER",
            })
    void otherAltersOfARoutineAreNotRenames(String sql) {
        assertThat(lint(sql))
                .isNotEmpty()
                .noneMatch(f -> f.ruleId().equals("rename-routine-breaks-running-code"))
                .allMatch(f -> f.safety() == Safety.SAFE);
    }
}
