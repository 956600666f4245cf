package dev.evoplan.render;

import dev.evoplan.engine.Analysis;
import dev.evoplan.plan.FindingWithFix;
import dev.evoplan.plan.Stage;
import dev.evoplan.plan.Step;
import dev.evoplan.rules.Finding;
import dev.evoplan.rules.Safety;
import java.util.List;

/**
 * The pull-request comment (GitHub-flavoured markdown), built to fit one: the title with the
 * verdict, a summary table of counts, then the findings that need action (all but safe) as a table
 * and in full with "Instead of" / "Use" SQL, the safe ones collapsed in {@code <details>} (listed
 * only with {@code --show-safe}, counted otherwise), and the plan collapsed. Whatever would take it
 * past {@link CommentBudget#LIMIT} characters is left out, with a line saying so.
 */
final class MarkdownRenderer implements Renderer {
    private final CiContext context;
    private final int limit;

    MarkdownRenderer() {
        this(CiContext.of("plan", dev.evoplan.rules.Safety.DOWNTIME, true), CommentBudget.LIMIT);
    }

    MarkdownRenderer(CiContext context, int limit) {
        this.context = context;
        this.limit = limit;
    }

    @Override
    public String render(Analysis analysis) {
        StringBuilder head = new StringBuilder();
        head.append("## evoplan: ").append(Wording.label(analysis.worst())).append("\n\n");
        head.append(Markdown.code(analysis.from()))
                .append(" -> ")
                .append(Markdown.code(analysis.to()))
                .append(", ")
                .append(Markdown.text(Wording.mode(analysis)))
                .append(", PostgreSQL ")
                .append(analysis.pgVersion())
                .append("\n\n");
        if (Wording.nothing(analysis)) {
            head.append("No changes: nothing to do.\n");
            return head.toString();
        }
        List<FindingWithFix> blocking = Wording.worstFirst(analysis.verdicts(), false);
        List<FindingWithFix> safe =
                analysis.verdicts().stream()
                        .filter(v -> v.finding().safety() == Safety.SAFE)
                        .toList();
        CommentBudget budget =
                new CommentBudget(limit, blocking.size() + (context.showSafe() ? safe.size() : 0));
        head.append(summary(Tally.of(analysis)));
        head.append(ruleControl(analysis.ruleControl(), analysis.suppressed().size()));
        budget.add(head.toString());
        if (analysis.verdicts().isEmpty()) {
            budget.add("\nNo findings.\n");
        }
        if (!blocking.isEmpty()) {
            budget.add(tableHead());
            blocking.forEach(v -> budget.add(row(v)));
            budget.add("\n## Findings\n");
            int n = 0;
            for (FindingWithFix v : blocking) {
                budget.add(detail(++n, v), 1);
            }
        }
        if (!safe.isEmpty()) {
            budget.addSection(
                    safe(safe), context.showSafe() ? safe.size() : 0, "the safe findings");
        }
        budget.addSection(plan(analysis), 0, "the plan");
        return budget.finish(
                context.reportUrl(),
                "evoplan " + context.command() + " ... --format markdown --output evoplan.md");
    }

    /** The counts, worst first, as a table that reads at a glance. */
    static String summary(Tally tally) {
        return "| verdict | findings |\n|---|---|\n"
                + "| **DOWNTIME** | "
                + tally.downtime()
                + " |\n"
                + "| **NEEDS REVIEW** | "
                + tally.needsReview()
                + " |\n"
                + "| **MULTI-STEP** | "
                + tally.multiStep()
                + " |\n"
                + "| **SAFE** | "
                + tally.safe()
                + " |\n";
    }

    /**
     * The suppressed count and the rule-control lines under the summary table; empty when there are
     * none.
     */
    static String ruleControl(List<String> lines, int suppressed) {
        StringBuilder out = new StringBuilder();
        if (suppressed > 0) {
            out.append("\n").append(suppressed).append(" suppressed.\n");
        }
        if (!lines.isEmpty()) {
            out.append("\n**Rule control:**\n\n");
            lines.forEach(line -> out.append("- ").append(Markdown.text(line)).append('\n'));
        }
        return out.toString();
    }

    private static String tableHead() {
        return "\n| verdict | change | lock | blocks | where |\n|---|---|---|---|---|\n";
    }

    private static String row(FindingWithFix v) {
        Finding f = v.finding();
        String where = Wording.where(f.origin());
        return "| **"
                + Wording.label(f.safety())
                + "** | "
                + Markdown.cell(Wording.subject(f))
                + " | "
                + Markdown.cell(Wording.lock(f.lock(), f.table()))
                + " | "
                + Markdown.cell(f.lock().blocksDescription())
                + " | "
                + (where == null ? "" : Markdown.cell(where))
                + " |\n";
    }

    private static String detail(int n, FindingWithFix v) {
        StringBuilder out = new StringBuilder();
        Finding f = v.finding();
        out.append("\n### ")
                .append(n)
                .append(". ")
                .append(Wording.label(f.safety()))
                .append(": ")
                .append(Markdown.text(Wording.subject(f)))
                .append("\n\n");
        item(out, "Rule", Markdown.code(f.ruleId()));
        item(out, "Lock", Markdown.text(Wording.lockAndBlocks(f.lock(), f.table())));
        item(out, "What", Markdown.text(f.what()));
        item(out, "Why", f.why() == null ? null : Markdown.text(f.why()));
        item(out, "Size", f.sizeNote() == null ? null : Markdown.text(f.sizeNote()));
        String where = Wording.where(f.origin());
        item(out, "Where", where == null ? null : Markdown.text(where));
        item(out, "Fix", f.fix() == null ? null : Markdown.text(f.fix()));
        for (Wording.SqlBlock block : Wording.sqlBlocks(v)) {
            sqlBlock(
                    out,
                    switch (block.role()) {
                        case AS_WRITTEN -> "SQL";
                        case INSTEAD_OF -> "Instead of";
                        case USE -> "Use";
                    },
                    block.statements());
        }
        return out.toString();
    }

    /**
     * The safe findings, collapsed: a table when --show-safe asks for them, else only their count.
     */
    private String safe(List<FindingWithFix> safe) {
        String summary = safe.size() + (safe.size() == 1 ? " safe finding" : " safe findings");
        if (!context.showSafe()) {
            return "\n" + summary + " not listed (--show-safe lists them).\n";
        }
        StringBuilder out =
                new StringBuilder("\n<details><summary>").append(summary).append("</summary>\n");
        out.append(tableHead());
        safe.forEach(v -> out.append(row(v)));
        return out.append("\n</details>\n").toString();
    }

    private static void item(StringBuilder out, String name, String value) {
        if (value != null) {
            out.append("- **").append(name).append(":** ").append(value).append('\n');
        }
    }

    private static void sqlBlock(StringBuilder out, String title, List<String> statements) {
        out.append('\n').append(title).append(":\n\n");
        out.append(Markdown.sqlFence(statements));
    }

    /** The plan stage by stage, collapsed: the findings above are what a reviewer reads first. */
    private static String plan(Analysis analysis) {
        StringBuilder out = new StringBuilder();
        List<Stage> stages = Wording.stages(analysis.plan());
        out.append("\n## Plan\n");
        if (stages.isEmpty()) {
            out.append("\nNothing to run.\n");
            return out.toString();
        }
        int stepCount = stages.stream().mapToInt(s -> s.steps().size()).sum();
        out.append("\n<details><summary>")
                .append(stages.size())
                .append(stages.size() == 1 ? " stage, " : " stages, ")
                .append(stepCount)
                .append(stepCount == 1 ? " step" : " steps")
                .append("</summary>\n");
        int stageNumber = 0;
        int stepNumber = 0;
        for (Stage stage : stages) {
            out.append("\n### Stage ")
                    .append(++stageNumber)
                    .append(": ")
                    .append(stage.kind().label())
                    .append('\n');
            for (Step step : stage.steps()) {
                step(out, ++stepNumber, step);
            }
        }
        return out.append("\n</details>\n").toString();
    }

    private static void step(StringBuilder out, int number, Step step) {
        switch (step.kind()) {
            case CHECKPOINT ->
                    out.append("\n> **")
                            .append(number)
                            .append(". CHECKPOINT:** ")
                            .append(Markdown.text(step.description()))
                            .append('\n');
            case SQL -> {
                out.append("\n**")
                        .append(number)
                        .append(".** ")
                        .append(Markdown.text(step.description()));
                if (!step.transactional()) {
                    out.append(" *(outside a transaction)*");
                }
                out.append("\n\n");
                out.append(Markdown.sqlFence(List.of(Wording.trimmed(step.sql()))));
                String timeouts = Wording.timeouts(step);
                String lock = Wording.lockAndBlocks(step.lock(), step.table());
                out.append('\n');
                item(
                        out,
                        "Lock",
                        Markdown.text(timeouts.isEmpty() ? lock : lock + "; " + timeouts));
                item(
                        out,
                        "Rollback",
                        step.rollback() == null ? null : Markdown.code(step.rollback()));
                item(
                        out,
                        "On failure",
                        step.onFailure() == null ? null : Markdown.text(step.onFailure()));
            }
        }
    }
}
