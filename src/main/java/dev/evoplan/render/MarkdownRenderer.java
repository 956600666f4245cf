package dev.evoplan.render;

import dev.evoplan.plan.Analysis;
import dev.evoplan.plan.Stage;
import dev.evoplan.plan.Step;
import dev.evoplan.plan.Verdict;
import dev.evoplan.rules.Finding;
import java.util.List;

/**
 * The pull-request comment (GitHub-flavoured markdown): a title with the verdict, one table row
 * per finding, the details with "Instead of" / "Use" SQL, then the plan stage by stage.
 */
final class MarkdownRenderer implements Renderer {

    @Override
    public String render(Analysis analysis) {
        StringBuilder out = new StringBuilder();
        out.append("## evoplan: ").append(Wording.label(analysis.worst())).append("\n\n");
        out.append(Markdown.code(analysis.from())).append(" -> ").append(Markdown.code(analysis.to()))
                .append(", ").append(Markdown.text(Wording.mode(analysis)))
                .append(", PostgreSQL ").append(analysis.pgVersion()).append("\n\n");
        if (Wording.nothing(analysis)) {
            out.append("No changes: nothing to do.\n");
            return out.toString();
        }
        out.append("**").append(Tally.of(analysis).sentence()).append("**\n");
        table(out, analysis.verdicts());
        details(out, analysis.verdicts());
        plan(out, analysis);
        return out.toString();
    }

    private static void table(StringBuilder out, List<Verdict> verdicts) {
        if (verdicts.isEmpty()) {
            out.append("\nNo findings.\n");
            return;
        }
        out.append("\n| verdict | change | lock | blocks | where |\n");
        out.append("|---|---|---|---|---|\n");
        for (Verdict v : verdicts) {
            Finding f = v.finding();
            String where = Wording.where(f.origin());
            out.append("| **").append(Wording.label(f.safety())).append("** | ")
                    .append(Markdown.cell(Wording.subject(f))).append(" | ")
                    .append(Markdown.cell(Wording.lock(f.lock(), f.table()))).append(" | ")
                    .append(Markdown.cell(f.lock().blocksDescription())).append(" | ")
                    .append(where == null ? "" : Markdown.cell(where)).append(" |\n");
        }
    }

    private static void details(StringBuilder out, List<Verdict> verdicts) {
        if (verdicts.isEmpty()) {
            return;
        }
        out.append("\n## Findings\n");
        int n = 0;
        for (Verdict v : verdicts) {
            Finding f = v.finding();
            out.append("\n### ").append(++n).append(". ").append(Wording.label(f.safety())).append(": ")
                    .append(Markdown.text(Wording.subject(f))).append("\n\n");
            item(out, "Rule", Markdown.code(f.ruleId()));
            item(out, "Lock", Markdown.text(Wording.lockAndBlocks(f.lock(), f.table())));
            item(out, "What", Markdown.text(f.what()));
            item(out, "Why", f.why() == null ? null : Markdown.text(f.why()));
            item(out, "Size", f.sizeNote() == null ? null : Markdown.text(f.sizeNote()));
            String where = Wording.where(f.origin());
            item(out, "Where", where == null ? null : Markdown.text(where));
            item(out, "Fix", f.fix() == null ? null : Markdown.text(f.fix()));
            for (Wording.SqlBlock block : Wording.sqlBlocks(v)) {
                sqlBlock(out, switch (block.role()) {
                    case AS_WRITTEN -> "SQL";
                    case INSTEAD_OF -> "Instead of";
                    case USE -> "Use";
                }, block.statements());
            }
        }
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

    private static void plan(StringBuilder out, Analysis analysis) {
        List<Stage> stages = Wording.stages(analysis.plan());
        out.append("\n## Plan\n");
        if (stages.isEmpty()) {
            out.append("\nNothing to run.\n");
            return;
        }
        int stageNumber = 0;
        int stepNumber = 0;
        for (Stage stage : stages) {
            out.append("\n### Stage ").append(++stageNumber).append(": ").append(stage.kind().label()).append('\n');
            for (Step step : stage.steps()) {
                step(out, ++stepNumber, step);
            }
        }
    }

    private static void step(StringBuilder out, int number, Step step) {
        switch (step.kind()) {
            case CHECKPOINT -> out.append("\n> **").append(number).append(". CHECKPOINT:** ")
                    .append(Markdown.text(step.description())).append('\n');
            case SQL -> {
                out.append("\n**").append(number).append(".** ").append(Markdown.text(step.description()));
                if (!step.transactional()) {
                    out.append(" *(outside a transaction)*");
                }
                out.append("\n\n");
                out.append(Markdown.sqlFence(List.of(Wording.trimmed(step.sql()))));
                String timeouts = Wording.timeouts(step);
                String lock = Wording.lockAndBlocks(step.lock(), step.table());
                out.append('\n');
                item(out, "Lock", Markdown.text(timeouts.isEmpty() ? lock : lock + "; " + timeouts));
                item(out, "Rollback", step.rollback() == null ? null : Markdown.code(step.rollback()));
                item(out, "On failure", step.onFailure() == null ? null : Markdown.text(step.onFailure()));
            }
        }
    }
}
