package dev.evoplan.render;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.evoplan.rules.RuleInfo;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The rule catalogue ({@code evoplan rules}) and one rule explained ({@code evoplan rules ID}). */
public final class CatalogueRenderer {
    private static final List<String> HEADINGS = List.of("CODE", "ID", "SAFETY", "LOCK", "SUMMARY");

    private CatalogueRenderer() {}

    /** One line (row, object) per rule, sorted by code whatever order the caller holds them in. */
    public static String list(List<RuleInfo> rules, Format format) {
        List<RuleInfo> sorted = new ArrayList<>(rules);
        sorted.sort(Comparator.comparing(RuleInfo::code).thenComparing(RuleInfo::id));
        return switch (format) {
            case TEXT -> listText(sorted);
            case MARKDOWN -> listMarkdown(sorted);
            case JSON -> {
                ArrayNode array = Json.NODES.arrayNode();
                sorted.forEach(r -> array.add(fields(r)));
                yield Json.write(array);
            }
            case SARIF, GITHUB, GITLAB, JUNIT ->
                    throw new IllegalArgumentException(
                            format + " is only for plan, check and lint");
        };
    }

    /**
     * One rule: its metadata, then its doc page. {@code docMarkdown} may be null when the rule has
     * no page (the catalogue test forbids that, but a report must not fail over it).
     */
    public static String explain(RuleInfo rule, String docMarkdown, Format format) {
        String doc =
                docMarkdown == null || docMarkdown.isBlank() ? null : docMarkdown.strip() + "\n";
        return switch (format) {
            case TEXT -> {
                String head =
                        rule.code()
                                + " "
                                + rule.id()
                                + "\n"
                                + "summary: "
                                + rule.summary()
                                + "\n"
                                + "default safety: "
                                + rule.defaultSafety().label()
                                + "\n"
                                + "lock: "
                                + Wording.lockAndBlocks(rule.lock(), null)
                                + "\n";
                yield doc == null ? head : head + "\n" + doc;
            }
            case MARKDOWN -> {
                String head =
                        "## "
                                + rule.code()
                                + " "
                                + Markdown.code(rule.id())
                                + "\n\n"
                                + "- **Summary:** "
                                + Markdown.text(rule.summary())
                                + "\n"
                                + "- **Default safety:** "
                                + rule.defaultSafety().label()
                                + "\n"
                                + "- **Lock:** "
                                + Markdown.text(Wording.lockAndBlocks(rule.lock(), null))
                                + "\n";
                yield doc == null ? head : head + "\n" + doc;
            }
            case JSON -> {
                ObjectNode n = fields(rule);
                n.put("blocks", rule.lock().blocksDescription());
                n.put("doc", doc);
                yield Json.write(n);
            }
            case SARIF, GITHUB, GITLAB, JUNIT ->
                    throw new IllegalArgumentException(
                            format + " is only for plan, check and lint");
        };
    }

    private static ObjectNode fields(RuleInfo rule) {
        ObjectNode n = Json.object();
        n.put("code", rule.code());
        n.put("id", rule.id());
        n.put("defaultSafety", rule.defaultSafety().label());
        n.put("lock", rule.lock().name());
        n.put("summary", rule.summary());
        return n;
    }

    private static String listText(List<RuleInfo> rules) {
        if (rules.isEmpty()) {
            return "No rules.\n";
        }
        List<List<String>> rows = new ArrayList<>();
        rows.add(HEADINGS);
        for (RuleInfo r : rules) {
            rows.add(
                    List.of(
                            r.code(),
                            r.id(),
                            r.defaultSafety().label(),
                            Wording.lockName(r.lock()),
                            r.summary()));
        }
        int[] widths = new int[HEADINGS.size()];
        for (List<String> row : rows) {
            for (int i = 0; i < widths.length; i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < widths.length; i++) {
                line.append(row.get(i));
                // The last column is not padded: trailing blanks would only trip diffs.
                if (i < widths.length - 1) {
                    line.append(" ".repeat(widths[i] - row.get(i).length() + 2));
                }
            }
            out.append(line).append('\n');
        }
        return out.toString();
    }

    private static String listMarkdown(List<RuleInfo> rules) {
        StringBuilder out =
                new StringBuilder(
                        "| code | id | default safety | lock | summary |\n|---|---|---|---|---|\n");
        for (RuleInfo r : rules) {
            out.append("| ")
                    .append(r.code())
                    .append(" | ")
                    .append(Markdown.codeCell(r.id()))
                    .append(" | ")
                    .append(r.defaultSafety().label())
                    .append(" | ")
                    .append(Wording.lockName(r.lock()))
                    .append(" | ")
                    .append(Markdown.cell(r.summary()))
                    .append(" |\n");
        }
        return out.toString();
    }
}
