package dev.evoplan.rules;

import static dev.evoplan.rules.SuppressionRulesTest.*;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** EP501 suppression-without-reason. */
class SuppressionWithoutReasonTest {
    @Test
    void aSuppressionWithoutReasonNeedsReview() {
        Finding f = SuppressionWithoutReason.of(next("EP101", ""));
        assertThat(f.ruleId()).isEqualTo("suppression-without-reason");
        assertThat(f.safety()).isEqualTo(Safety.NEEDS_REVIEW);
        assertThat(f.lock()).isEqualTo(LockLevel.NONE);
        assertThat(f.origin()).isEqualTo(AT);
        assertThat(f.what())
                .isEqualTo(
                        "The comment -- evoplan:ignore EP101 at V3__x.sql:4:1 gives no reason for"
                                + " silencing create-index-non-concurrent (EP101); it takes no lock");
        assertThat(f.fix()).contains("-- evoplan:ignore EP101 <reason>");
        assertThat(SuppressionWithoutReason.of(next("EP101", ""), "custom").what())
                .isEqualTo("custom");
    }

    @Test
    void judgeReportsOnlyASuppressionWithoutAReason() {
        assertThat(new SuppressionWithoutReason().checkSuppression(next("EP101", ""), false))
                .extracting(Finding::ruleId)
                .containsExactly("suppression-without-reason");
        assertThat(
                        new SuppressionWithoutReason()
                                .checkSuppression(next("EP101", "small table"), false))
                .isEmpty();
    }
}
