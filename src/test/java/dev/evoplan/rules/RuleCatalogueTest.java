package dev.evoplan.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class RuleCatalogueTest {
    private static final Pattern KEBAB = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");
    private static final Pattern CODE = Pattern.compile("EP\\d{3}");

    @Test
    void catalogueIsWellFormed() {
        assertThat(problems(RuleCatalogue.all())).isEmpty();
    }

    /**
     * docs/rules.md holds the catalogue's table as reviewed: a rule's code, id or default verdict
     * changes only with that page, which {@code -Devoplan.updateDocs=true} rewrites (read the
     * diff).
     */
    @Test
    void catalogueMatchesTheReviewedTableInDocs() throws java.io.IOException {
        java.nio.file.Path page = java.nio.file.Path.of("docs/rules.md");
        String text = java.nio.file.Files.readString(page);
        String table = RulesTable.markdown(RuleCatalogue.all());
        String updated = RulesTable.replaceTable(text, table);
        if (Boolean.getBoolean("evoplan.updateDocs")) {
            java.nio.file.Files.writeString(page, updated);
        }
        assertThat(text)
                .as("docs/rules.md's table (regenerate with -Devoplan.updateDocs=true)")
                .isEqualTo(updated);
    }

    @Test
    void theTableCheckSeesAChangedVerdict() {
        String page = "intro\n" + RulesTable.BEGIN + "\n| old |\n" + RulesTable.END + "\nafter\n";
        assertThat(RulesTable.replaceTable(page, "| new |\n"))
                .isEqualTo(
                        "intro\n"
                                + RulesTable.BEGIN
                                + "\n| new |\n"
                                + RulesTable.END
                                + "\nafter\n");
        assertThatThrownBy(() -> RulesTable.replaceTable("no markers", "| new |\n"))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void ruleClassesAreNamedAfterTheHazard() {
        for (Rule r : RuleCatalogue.all()) {
            String expected = toPascal(r.info().id());
            assertThat(r.getClass().getSimpleName()).as(r.info().id()).isEqualTo(expected);
        }
    }

    @Test
    void byIdFindsEveryRuleAndNothingElse() {
        for (Rule r : RuleCatalogue.all()) {
            assertThat(RuleCatalogue.byId(r.info().id())).containsSame(r);
        }
        assertThat(RuleCatalogue.byId("no-such-rule")).isEmpty();
    }

    @Test
    void docOfAnUnknownRuleIsRefused() {
        assertThatThrownBy(() -> RuleCatalogue.doc("no-such-rule"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no-such-rule");
    }

    @Test
    void docStartsWithTheRulesTitle() {
        assertThat(RuleCatalogue.doc("set-not-null-scans-table"))
                .startsWith("# set-not-null-scans-table (EP209)\n");
    }

    // The checker itself must catch each kind of mistake, or a green run proves nothing.

    @Test
    void checkerCatchesDuplicateIdsAndCodes() {
        Rule a = fake("same-id", "EP900", "One");
        Rule b = fake("same-id", "EP900", "Two");
        assertThat(problems(List.of(a, b)))
                .anyMatch(p -> p.contains("duplicate id same-id"))
                .anyMatch(p -> p.contains("duplicate code EP900"));
    }

    @Test
    void checkerCatchesNonKebabIdsPeriodsUnsortedAndMissingDocs() {
        Rule camel = fake("CreateIndex", "EP902", "Summary.");
        Rule earlier = fake("create-index-non-concurrent", "EP901", "Fine");
        List<String> found = problems(List.of(camel, earlier));
        assertThat(found)
                .anyMatch(p -> p.contains("not kebab-case: CreateIndex"))
                .anyMatch(p -> p.contains("summary ends with a period: CreateIndex"))
                .anyMatch(p -> p.contains("not sorted by code"))
                .anyMatch(p -> p.contains("no doc page for CreateIndex"));
    }

    @Test
    void checkerCatchesADocWithoutItsSections() {
        assertThat(docProblems("x (EP1)", "# x (EP1)\n\n## Problem\ntext\n"))
                .anyMatch(p -> p.contains("## Solution"))
                .anyMatch(p -> p.contains("## Verdict"));
        assertThat(
                        docProblems(
                                "x (EP1)",
                                "# x (EP1)\n## Problem\n## Solution\nno blocks\n## Verdict\n"))
                .anyMatch(p -> p.contains("Instead of:"));
        assertThat(
                        docProblems(
                                "x (EP1)",
                                "# wrong\n## Problem\n## Solution\nInstead of:\n```sql\na\n```\nUse:\n```sql\nb\n```\n## Verdict\n"))
                .anyMatch(p -> p.contains("title"));
        assertThat(
                        docProblems(
                                "x (EP1)",
                                "# x (EP1)\n## Problem\n## Solution\nInstead of:\n```sql\na\n```\nUse:\n```sql\nb\n```\n## Verdict\n"))
                .isEmpty();
    }

    /** Everything wrong with a list of rules as a catalogue. */
    static List<String> problems(List<Rule> rules) {
        List<String> problems = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        Set<String> codes = new HashSet<>();
        for (Rule r : rules) {
            RuleInfo info = r.info();
            if (!ids.add(info.id())) {
                problems.add("duplicate id " + info.id());
            }
            if (!codes.add(info.code())) {
                problems.add("duplicate code " + info.code());
            }
            if (!KEBAB.matcher(info.id()).matches()) {
                problems.add("not kebab-case: " + info.id());
            }
            if (!CODE.matcher(info.code()).matches()) {
                problems.add("not a code: " + info.code());
            }
            if (info.summary().isBlank() || info.summary().endsWith(".")) {
                problems.add("summary ends with a period: " + info.id());
            }
            String doc;
            try {
                doc =
                        RuleCatalogue.byId(info.id()).isPresent()
                                ? RuleCatalogue.doc(info.id())
                                : null;
            } catch (IllegalStateException e) {
                doc = null;
            }
            if (doc == null) {
                problems.add("no doc page for " + info.id());
            } else {
                problems.addAll(docProblems(info.id() + " (" + info.code() + ")", doc));
            }
        }
        List<Rule> sorted = new ArrayList<>(rules);
        sorted.sort(Comparator.comparing(r -> r.info().code()));
        if (!sorted.equals(rules)) {
            problems.add("catalogue is not sorted by code");
        }
        return problems;
    }

    /** Title line, the three sections in order, and both SQL blocks of the solution. */
    static List<String> docProblems(String title, String doc) {
        List<String> problems = new ArrayList<>();
        if (!doc.startsWith("# " + title + "\n")) {
            problems.add(title + ": first line is not the title # " + title);
        }
        int problem = doc.indexOf("\n## Problem\n");
        int solution = doc.indexOf("\n## Solution\n");
        int verdict = doc.indexOf("\n## Verdict\n");
        for (Map.Entry<String, Integer> section :
                Map.of("## Problem", problem, "## Solution", solution, "## Verdict", verdict)
                        .entrySet()) {
            if (section.getValue() < 0) {
                problems.add(title + ": missing section " + section.getKey());
            }
        }
        if (problem >= 0 && solution > problem && verdict > solution) {
            String body = doc.substring(solution, verdict);
            Matcher m =
                    Pattern.compile(
                                    "Instead of[^\\n]*:\\s*\\n\\s*```sql\\n[^`]+```[\\s\\S]*Use[^\\n]*:\\s*\\n\\s*```sql\\n[^`]+```")
                            .matcher(body);
            if (!m.find()) {
                problems.add(
                        title + ": ## Solution lacks an \"Instead of:\" and a \"Use:\" SQL block");
            }
        } else if (problem >= 0 && solution >= 0 && verdict >= 0) {
            problems.add(title + ": sections out of order");
        }
        return problems;
    }

    private static String toPascal(String kebab) {
        StringBuilder sb = new StringBuilder();
        for (String part : kebab.split("-")) {
            sb.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
        }
        return sb.toString();
    }

    private static Rule fake(String id, String code, String summary) {
        RuleInfo info = new RuleInfo(id, code, summary, Safety.SAFE, LockLevel.NONE);
        return new ChangeRule() {
            @Override
            public RuleInfo info() {
                return info;
            }

            @Override
            public boolean appliesTo(dev.evoplan.diff.Change.Kind kind) {
                return false;
            }

            @Override
            public List<Finding> check(dev.evoplan.diff.Change change, JudgeContext context) {
                return List.of();
            }
        };
    }
}
