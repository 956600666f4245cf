package dev.evoplan.rules;

import java.util.List;

/** The rule catalogue as the Markdown table of docs/rules.md, between two marker comments. */
final class RulesTable {
    static final String BEGIN =
            "<!-- rules table: generated from the catalogue by RuleCatalogueTest -->";
    static final String END = "<!-- end of rules table -->";

    private RulesTable() {}

    static String markdown(List<Rule> rules) {
        StringBuilder out =
                new StringBuilder("| code | id | default verdict | summary |\n|---|---|---|---|\n");
        for (Rule r : rules) {
            RuleInfo i = r.info();
            out.append("| ")
                    .append(i.code())
                    .append(" | [")
                    .append(i.id())
                    .append("](../src/main/resources/rules/")
                    .append(i.id())
                    .append(".md) | ")
                    .append(i.defaultSafety().label())
                    .append(" | ")
                    .append(i.summary().replace("|", "\\|"))
                    .append(" |\n");
        }
        return out.toString();
    }

    /** {@code page} with the text between the markers replaced by {@code table}. */
    static String replaceTable(String page, String table) {
        int begin = page.indexOf(BEGIN);
        int end = page.indexOf(END);
        if (begin < 0 || end < begin) {
            throw new IllegalStateException("docs/rules.md has no rules-table markers");
        }
        return page.substring(0, begin + BEGIN.length()) + "\n" + table + page.substring(end);
    }
}
