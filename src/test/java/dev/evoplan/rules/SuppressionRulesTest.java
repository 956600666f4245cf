package dev.evoplan.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evoplan.model.Origin;
import dev.evoplan.model.Suppression;
import org.junit.jupiter.api.Test;

/** EP501 suppression-without-reason and EP502 suppression-unused: findings built for the linter. */
class SuppressionRulesTest {
    static final Origin AT = Origin.statement("V3__x.sql", 4, 1);

    static Suppression next(String rule, String reason) {
        return new Suppression(AT, Suppression.Scope.NEXT_STATEMENT, rule, reason, 5);
    }

    @Test
    void theyExplainThemselvesButJudgeNoChange() {
        for (Rule rule : new Rule[] {new SuppressionWithoutReason(), new SuppressionUnused()}) {
            assertThat(RuleCatalogue.byId(rule.info().id())).isPresent();
            assertThat(rule).isInstanceOf(SuppressionRule.class).isNotInstanceOf(ChangeRule.class);
        }
        assertThat(RuleCatalogue.byIdOrCode("ep502"))
                .map(r -> r.info().id())
                .contains("suppression-unused");
        assertThat(RuleCatalogue.byIdOrCode("EP999")).isEmpty();
    }
}
