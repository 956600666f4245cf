package dev.evoplan.rules;

import static dev.evoplan.rules.RuleFixtures.only;
import static org.assertj.core.api.Assertions.assertThat;

import dev.evoplan.diff.Change;
import dev.evoplan.model.QualifiedName;
import dev.evoplan.model.Routine;
import dev.evoplan.model.Trigger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DropRoutineBreaksRunningCodeTest {
    private final ChangeRule rule = new DropRoutineBreaksRunningCode();
    private final Routine total =
            new Routine(
                    QualifiedName.of("order_total"),
                    "bigint",
                    false,
                    "(id bigint) RETURNS numeric LANGUAGE sql AS $$ SELECT 1 $$",
                    "sql");

    @ParameterizedTest(name = "{0} on PG {1} -> multi-step")
    @CsvSource({"written, 14", "written, 18", "planned, 16"})
    void droppingARoutineIsMultiStep(String mode, int pg) {
        Finding f =
                only(
                        rule.check(
                                new Change.DropObject(total),
                                RuleFixtures.context(mode).pg(pg).build()));
        assertThat(f.ruleId()).isEqualTo("drop-routine-breaks-running-code");
        assertThat(f.safety()).isEqualTo(Safety.MULTI_STEP);
        assertThat(f.lock()).isEqualTo(LockLevel.NONE);
        assertThat(f.what()).contains("order_total(bigint)");
    }

    @Test
    void asPlannedTheCallsGoFirst() {
        assertThat(
                        only(rule.check(
                                        new Change.DropObject(total),
                                        RuleFixtures.planned().build()))
                                .what())
                .startsWith(
                        "As planned, a deploy checkpoint first removes every call of order_total(bigint)");
    }

    /** As lint reads it: the statement, judged with every rule. */
    private static List<String> lint(String sql) {
        return LintedSqlTest.findings(sql, true, "5s", Map.of()).stream()
                .filter(f -> !f.ruleId().equals("strong-lock-without-lock-timeout"))
                .map(f -> f.ruleId() + " " + f.safety())
                .toList();
    }

    @Test
    void asWrittenADropIsMultiStepAndACascadeStaysForReview() {
        String function = "CREATE FUNCTION f(a int) RETURNS int LANGUAGE sql AS $$ SELECT a $$; ";
        assertThat(lint(function + "DROP FUNCTION f(int)"))
                .last()
                .isEqualTo("drop-routine-breaks-running-code MULTI_STEP");
        assertThat(lint("CREATE PROCEDURE p() LANGUAGE sql AS $$ SELECT 1 $$; DROP PROCEDURE p()"))
                .last()
                .isEqualTo("drop-routine-breaks-running-code MULTI_STEP");
        assertThat(lint(function + "DROP FUNCTION f(int) CASCADE"))
                .last()
                .isEqualTo("opaque-change-needs-review NEEDS_REVIEW");
    }

    @Test
    void creatingOrReplacingARoutineAndDroppingATriggerAreNotJudgedHere() {
        String function = "CREATE FUNCTION f(a int) RETURNS int LANGUAGE sql AS $$ SELECT a $$; ";
        assertThat(lint(function)).containsExactly("known-lock-statement SAFE");
        assertThat(
                        lint(
                                function
                                        + "CREATE OR REPLACE FUNCTION f(a int) RETURNS int LANGUAGE sql"
                                        + " AS $$ SELECT a + 1 $$"))
                .doesNotContain("drop-routine-breaks-running-code MULTI_STEP");
        Trigger trigger =
                new Trigger(
                        QualifiedName.of("orders"),
                        "orders_trg",
                        false,
                        "BEFORE INSERT",
                        "FOR EACH ROW EXECUTE FUNCTION trg()");
        assertThat(rule.check(new Change.DropObject(trigger), RuleFixtures.written().build()))
                .isEmpty();
        assertThat(rule.check(new Change.CreateObject(total), RuleFixtures.written().build()))
                .isEmpty();
    }
}
