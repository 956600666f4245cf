package dev.evoplan.rules;

import static dev.evoplan.rules.RuleFixtures.ORDERS;
import static dev.evoplan.rules.RuleFixtures.only;
import static org.assertj.core.api.Assertions.assertThat;

import dev.evoplan.diff.Change;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OpaqueChangeNeedsReviewTest {
    private final ChangeRule rule = new OpaqueChangeNeedsReview();

    @ParameterizedTest(name = "{0} change, {2} -> needs-review")
    @CsvSource({
        "sql,            'ALTER TABLE orders   ADD COLUMN x int', written",
        "sqlFile,        'db/raw/cleanup.sql',                   written",
        "customChange,   'com.example.Backfill',                 planned",
        "createProcedure, '',                                    written",
    })
    void unreadableChangesNeedReview(String type, String text, String mode) {
        Finding f =
                only(rule.check(new Change.Opaque(type, text), RuleFixtures.context(mode).build()));
        assertThat(f.ruleId()).isEqualTo("opaque-change-needs-review");
        assertThat(f.safety()).isEqualTo(Safety.NEEDS_REVIEW);
        assertThat(f.lock()).isEqualTo(LockLevel.ACCESS_EXCLUSIVE);
        assertThat(f.what()).startsWith("The " + type + " change").contains("ACCESS EXCLUSIVE");
    }

    @Test
    void quotesTheStartOfTheSqlOnOneLine() {
        Finding f =
                only(
                        rule.check(
                                new Change.Opaque("sql", "UPDATE orders\n   SET status = 'x'"),
                                RuleFixtures.written().build()));
        assertThat(f.what())
                .startsWith(
                        "The sql change \"UPDATE orders SET status = 'x'\" is not something evoplan can read");
    }

    @Test
    void doesNotJudgeReadableChanges() {
        assertThat(rule.appliesTo(Change.Kind.DATA_CHANGE)).isFalse();
        assertThat(
                        rule.check(
                                new Change.DataChange(ORDERS, "update", "x"),
                                RuleFixtures.written().build()))
                .isEmpty();
    }
}
