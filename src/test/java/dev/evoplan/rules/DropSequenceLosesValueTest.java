package dev.evoplan.rules;

import static dev.evoplan.rules.RuleFixtures.only;
import static org.assertj.core.api.Assertions.assertThat;

import dev.evoplan.diff.Change;
import dev.evoplan.model.QualifiedName;
import dev.evoplan.model.Sequence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DropSequenceLosesValueTest {
    private final ChangeRule rule = new DropSequenceLosesValue();
    private final QualifiedName invoiceNo = QualifiedName.of("invoice_no");
    private final Change drop =
            new Change.DropSequence(
                    new Sequence(invoiceNo, "bigint", 1L, 1L, null, null, 1L, false, null));

    @ParameterizedTest(name = "{0} on PG {1} -> multi-step")
    @CsvSource({"written, 10", "written, 18", "planned, 14", "planned, 16"})
    void alwaysMultiStep(String mode, int pg) {
        Finding f = only(rule.check(drop, RuleFixtures.context(mode).pg(pg).build()));
        assertThat(f.ruleId()).isEqualTo("drop-sequence-loses-value");
        assertThat(f.safety()).isEqualTo(Safety.MULTI_STEP);
        assertThat(f.lock()).isEqualTo(LockLevel.ACCESS_EXCLUSIVE);
        assertThat(f.why()).contains("nextval('invoice_no')").contains("starts over");
    }

    @Test
    void saysWhatThePlanDoesAsPlanned() {
        assertThat(only(rule.check(drop, RuleFixtures.planned().build())).what())
                .startsWith(
                        "As planned, a deploy checkpoint first removes every use of invoice_no");
        assertThat(only(rule.check(drop, RuleFixtures.written().build())).what())
                .isEqualTo(
                        "DROP SEQUENCE invoice_no takes an ACCESS EXCLUSIVE lock on invoice_no only"
                                + " for a catalog update, which blocks all reads and writes;"
                                + " its current value is gone when it commits");
    }

    @Test
    void sequenceCreatedEarlierInTheSameMigrationIsNotJudgedHere() {
        assertThat(rule.check(drop, RuleFixtures.written().fresh(invoiceNo).build())).isEmpty();
    }

    @Test
    void doesNotJudgeOtherChanges() {
        assertThat(rule.appliesTo(Change.Kind.DROP_TABLE)).isFalse();
        assertThat(rule.appliesTo(Change.Kind.ALTER_SEQUENCE)).isFalse();
        assertThat(
                        rule.check(
                                new Change.DropTable(
                                        dev.evoplan.model.Table.empty(QualifiedName.of("t"))),
                                RuleFixtures.written().build()))
                .isEmpty();
    }
}
