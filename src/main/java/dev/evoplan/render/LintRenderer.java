package dev.evoplan.render;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.evoplan.engine.LintReport;
import dev.evoplan.plan.FindingWithFix;
import dev.evoplan.rules.Finding;
import dev.evoplan.rules.RuleCatalogue;
import dev.evoplan.rules.RuleInfo;
import dev.evoplan.rules.Safety;
import java.util.List;

/**
 * The lint report in each format. Every finding starts with {@code file:line:column} so that
 * editors and CI annotations can jump to the statement. Text and Markdown show the findings that
 * are not safe (safe ones are counted, or listed with {@code showSafe}); JSON has all.
 */
public final class LintRenderer {
    private final Format format;
    private final boolean color;
    private final boolean showSafe;
    private final CiContext ci;
    private final int limit;

    public LintRenderer(Format format, boolean color, boolean showSafe) {
        this(format, color, CiContext.of("lint", Safety.DOWNTIME, showSafe));
    }

    /**
     * {@code ci} gives the CI formats the gate and working folder; its {@code showSafe} is the one
     * used.
     */
    public LintRenderer(Format format, boolean color, CiContext ci) {
        this(format, color, ci, CommentBudget.LIMIT);
    }

    /** {@code limit}: the most characters a markdown report may have (tests make it small). */
    LintRenderer(Format format, boolean color, CiContext ci, int limit) {
        this.limit = limit;
        this.format = format;
        this.color = color && format == Format.TEXT;
        this.showSafe = ci.showSafe();
        this.ci = ci;
    }

    /** The one line {@code --quiet} prints: {@code evoplan lint: DOWNTIME (4 downtime, ...)}. */
    public String verdictLine(LintReport report) {
        return CiReport.of(report, ci).verdictLine() + "\n";
    }

    public String render(LintReport report) {
        return switch (format) {
            case TEXT -> text(report);
            case MARKDOWN -> markdown(report);
            case JSON -> json(report);
            case SARIF, GITHUB, GITLAB, JUNIT ->
                    CiRenderers.render(format, CiReport.of(report, ci));
        };
    }

    private List<FindingWithFix> shown(LintReport report) {
        return report.verdicts().stream()
                .filter(v -> showSafe || v.finding().safety() != Safety.SAFE)
                .toList();
    }

    // ---- text -------------------------------------------------------------------------------

    private String text(LintReport report) {
        StringBuilder out = new StringBuilder();
        out.append("evoplan lint: ")
                .append(String.join(", ", report.inputs()))
                .append(" (")
                .append(count(report.files(), "file"))
                .append(", ")
                .append(count(report.statements(), "statement"))
                .append("), PostgreSQL ")
                .append(report.pgVersion())
                .append('\n');
        out.append("verdict: ").append(paint(report.worst())).append('\n');
        out.append("summary: ")
                .append(Tally.of(report.verdicts()).sentence())
                .append(
                        report.suppressed().isEmpty()
                                ? ""
                                : "; " + report.suppressed().size() + " suppressed")
                .append('\n');
        report.ruleControl().forEach(line -> out.append(line).append('\n'));
        List<FindingWithFix> shown = shown(report);
        for (FindingWithFix v : shown) {
            Finding f = v.finding();
            out.append('\n')
                    .append(place(f))
                    .append(": ")
                    .append(paint(f.safety()))
                    .append(' ')
                    .append(f.ruleId())
                    .append(" (")
                    .append(code(f.ruleId()))
                    .append("): ")
                    .append(subject(f))
                    .append('\n');
            field(out, "lock", Wording.lockAndBlocks(f.lock(), f.table()));
            field(out, "what", f.what());
            field(out, "why", f.why());
            field(out, "size", f.sizeNote());
            field(out, "fix", f.fix());
            for (Wording.SqlBlock block : Wording.sqlBlocks(v)) {
                if (block.role() == Wording.SqlBlock.Role.AS_WRITTEN) {
                    continue;
                }
                out.append("  ")
                        .append(block.role() == Wording.SqlBlock.Role.USE ? "use" : "instead of")
                        .append(":\n");
                for (String sql : block.statements()) {
                    for (String line : Wording.lines(Wording.trimmed(sql))) {
                        out.append(line.isEmpty() ? "" : "    " + line).append('\n');
                    }
                }
            }
        }
        if (shown.isEmpty()) {
            out.append('\n')
                    .append(
                            report.verdicts().isEmpty()
                                    ? "No findings."
                                    : "No findings above safe.")
                    .append('\n');
        }
        if (!report.suppressed().isEmpty()) {
            out.append('\n')
                    .append("Suppressed (")
                    .append(report.suppressed().size())
                    .append("):")
                    .append('\n');
            for (FindingWithFix v : report.suppressed()) {
                out.append("  ")
                        .append(place(v.finding()))
                        .append(": ")
                        .append(v.finding().ruleId())
                        .append('\n');
            }
        }
        if (!report.notes().isEmpty()) {
            out.append('\n').append("Notes:").append('\n');
            report.notes().forEach(n -> out.append("  ").append(n).append('\n'));
        }
        return out.toString();
    }

    /**
     * What a finding is about: a design advisory's table (its statement is already the place), else
     * as elsewhere.
     */
    private static String subject(Finding f) {
        return f.safety() == Safety.ADVICE && f.change() == null && f.table() != null
                ? "table " + f.table()
                : Wording.subject(f);
    }

    /** A field of a finding; an empty value is left out, as a missing one is. */
    private static void field(StringBuilder out, String name, String value) {
        TextRenderer.field(out, "  ", name, value == null || value.isBlank() ? null : value);
    }

    private String paint(Safety safety) {
        String label = Wording.label(safety);
        return color ? "\u001b[" + TextRenderer.colour(safety) + "m" + label + "\u001b[0m" : label;
    }

    // ---- markdown ---------------------------------------------------------------------------

    /**
     * The pull-request comment: counts first, the findings that need action as a table and in full,
     * safe ones collapsed (with --show-safe), suppressions and notes; cut to fit a comment.
     */
    private String markdown(LintReport report) {
        StringBuilder head = new StringBuilder();
        head.append("## evoplan lint: ").append(Wording.label(report.worst())).append("\n\n");
        head.append(Markdown.text(String.join(", ", report.inputs())))
                .append(" — ")
                .append(count(report.files(), "file"))
                .append(", ")
                .append(count(report.statements(), "statement"))
                .append(", PostgreSQL ")
                .append(report.pgVersion())
                .append("\n\n");
        head.append(MarkdownRenderer.summary(Tally.of(report.verdicts())));
        head.append(MarkdownRenderer.ruleControl(report.ruleControl(), report.suppressed().size()));
        List<FindingWithFix> blocking =
                report.verdicts().stream()
                        .filter(v -> v.finding().safety() != Safety.SAFE)
                        .toList();
        List<FindingWithFix> safe =
                report.verdicts().stream()
                        .filter(v -> v.finding().safety() == Safety.SAFE)
                        .toList();
        CommentBudget budget =
                new CommentBudget(limit, blocking.size() + (showSafe ? safe.size() : 0));
        budget.add(head.toString());
        if (!blocking.isEmpty()) {
            budget.add(TABLE_HEAD);
            blocking.forEach(v -> budget.add(row(v)));
            for (FindingWithFix v : blocking) {
                budget.add(detail(v), 1);
            }
        } else {
            budget.add(
                    "\nNo findings" + (report.verdicts().isEmpty() ? "." : " above safe.") + "\n");
        }
        if (!safe.isEmpty()) {
            String summary = safe.size() + (safe.size() == 1 ? " safe finding" : " safe findings");
            if (showSafe) {
                StringBuilder block =
                        new StringBuilder("\n<details><summary>")
                                .append(summary)
                                .append("</summary>\n")
                                .append(TABLE_HEAD);
                safe.forEach(v -> block.append(row(v)));
                budget.addSection(
                        block.append("\n</details>\n").toString(),
                        safe.size(),
                        "the safe findings");
            } else {
                budget.add("\n" + summary + " not listed (--show-safe lists them).\n");
            }
        }
        if (!report.suppressed().isEmpty()) {
            budget.add(
                    "\n**Suppressed:** "
                            + String.join(
                                    ", ",
                                    report.suppressed().stream()
                                            .map(
                                                    v ->
                                                            Markdown.code(place(v.finding()))
                                                                    + " "
                                                                    + Markdown.text(
                                                                            v.finding().ruleId()))
                                            .toList())
                            + "\n");
        }
        if (!report.notes().isEmpty()) {
            StringBuilder notes = new StringBuilder("\n**Notes:**\n\n");
            report.notes().forEach(n -> notes.append("- ").append(Markdown.text(n)).append('\n'));
            budget.add(notes.toString());
        }
        return budget.finish(
                ci.reportUrl(), "evoplan lint ... --format markdown --output evoplan.md");
    }

    private static final String TABLE_HEAD =
            "\n| verdict | where | rule | statement | lock |\n|---|---|---|---|---|\n";

    private static String row(FindingWithFix v) {
        Finding f = v.finding();
        return "| "
                + Wording.label(f.safety())
                + " | "
                + Markdown.codeCell(place(f))
                + " | "
                + Markdown.cell(f.ruleId())
                + " | "
                + Markdown.cell(Wording.subject(f))
                + " | "
                + Markdown.cell(Wording.lock(f.lock(), f.table()))
                + " |\n";
    }

    private static String detail(FindingWithFix v) {
        Finding f = v.finding();
        StringBuilder out = new StringBuilder();
        out.append("\n### ")
                .append(Markdown.code(place(f)))
                .append(' ')
                .append(Markdown.text(f.ruleId()))
                .append("\n\n");
        out.append("**")
                .append(Wording.label(f.safety()))
                .append("** — ")
                .append(Markdown.text(f.what()))
                .append("\n\n");
        if (f.why() != null && !f.why().isBlank()) {
            out.append("Why: ").append(Markdown.text(f.why())).append("\n\n");
        }
        if (f.fix() != null && !f.fix().isBlank()) {
            out.append("Fix: ").append(Markdown.text(f.fix())).append("\n\n");
        }
        for (Wording.SqlBlock block : Wording.sqlBlocks(v)) {
            out.append(
                            switch (block.role()) {
                                case AS_WRITTEN -> "As written:";
                                case INSTEAD_OF -> "Instead of:";
                                case USE -> "Use:";
                            })
                    .append("\n\n")
                    .append(Markdown.sqlFence(block.statements()))
                    .append('\n');
        }
        return out.toString();
    }

    // ---- json -------------------------------------------------------------------------------

    private static String json(LintReport report) {
        ObjectNode root = Json.object();
        root.put("schemaVersion", JsonRenderer.SCHEMA_VERSION);
        root.put("command", "lint");
        ArrayNode inputs = root.putArray("inputs");
        report.inputs().forEach(inputs::add);
        root.put("pgVersion", report.pgVersion());
        root.put("files", report.files());
        root.put("statements", report.statements());
        root.put("verdict", report.worst().label());
        JsonRenderer.summary(root, Tally.of(report.verdicts()))
                .put("suppressed", report.suppressed().size());
        ArrayNode findings = root.putArray("findings");
        report.verdicts().forEach(v -> findings.add(JsonRenderer.finding(v)));
        ArrayNode suppressed = root.putArray("suppressed");
        report.suppressed().forEach(v -> suppressed.add(JsonRenderer.finding(v)));
        ArrayNode notes = root.putArray("notes");
        report.notes().forEach(notes::add);
        JsonRenderer.ruleControl(root, report.ruleControl());
        return Json.write(root);
    }

    // ---- shared -----------------------------------------------------------------------------

    /** {@code file:line:column}, or what is known of it. */
    private static String place(Finding f) {
        String p = f.origin().place();
        return p == null ? "(input)" : p;
    }

    private static String code(String ruleId) {
        return RuleCatalogue.byId(ruleId).map(r -> r.info()).map(RuleInfo::code).orElse("?");
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
