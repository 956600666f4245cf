package dev.evoplan.rules;

import dev.evoplan.model.Suppression;

/**
 * How suppression findings quote the comment and name its rule: one wording for EP501 and EP502.
 */
final class Suppressions {
    private Suppressions() {}

    /** "The comment -- evoplan:ignore EP101 at V3__x.sql:4". */
    static String written(Suppression s) {
        String form =
                s.scope() == Suppression.Scope.FILE ? "evoplan:ignore-file" : "evoplan:ignore";
        String place = s.origin().place();
        return "The comment -- "
                + form
                + (s.rule().isBlank() ? "" : " " + s.rule())
                + (place == null ? "" : " at " + place);
    }

    /** "create-index-non-concurrent (EP101)" for a known rule, else the rule as written. */
    static String ruleName(Suppression s) {
        return RuleCatalogue.byIdOrCode(s.rule())
                .map(r -> r.info().id() + " (" + r.info().code() + ")")
                .orElse(s.rule().isBlank() ? "no rule" : s.rule());
    }

    /** The rule as written, or a placeholder when the comment names none. */
    static String ruleOr(Suppression s) {
        return s.rule().isBlank() ? "<rule-id>" : s.rule();
    }
}
