package dev.evoplan.render;

/**
 * Where a rule's documentation lives, for reports that link to it (SARIF's helpUri). One place to
 * change when the repository moves: every link is this base plus the rule's page {@code
 * src/main/resources/rules/<id>.md}, the page {@code evoplan rules <id>} prints.
 */
final class RuleLinks {
    static final String REPOSITORY = "https://github.com/evoplan/evoplan";
    private static final String PAGES = REPOSITORY + "/blob/main/src/main/resources/rules/";

    private RuleLinks() {}

    static String help(String ruleId) {
        return PAGES + ruleId + ".md";
    }
}
