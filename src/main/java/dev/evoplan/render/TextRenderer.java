package dev.evoplan.render;

import dev.evoplan.engine.Analysis;
import dev.evoplan.plan.FindingWithFix;
import dev.evoplan.plan.Stage;
import dev.evoplan.plan.Step;
import dev.evoplan.rules.Finding;
import dev.evoplan.rules.Safety;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;

/**
 * The terminal report: header, overall verdict and the one-line count, then the findings that need
 * action (downtime, needs review, multi-step, worst first) with their fixes, the safe ones (listed
 * with {@code --show-safe}, counted otherwise), and the staged plan. Plain ASCII apart from what
 * the data holds; no line is wrapped, because a wrapped SQL statement cannot be copied back out.
 */
final class TextRenderer implements Renderer {
    private static final String RESET = "\u001b[0m";

    private final boolean color;
    private final boolean showSafe;

    TextRenderer(boolean color) {
        this(color, true);
    }

    TextRenderer(boolean color, boolean showSafe) {
        this.color = color;
        this.showSafe = showSafe;
    }

    /** What is rendered is handed on in pieces of about this many characters. */
    private static final int PIECE = 1 << 16;

    @Override
    public String render(Analysis analysis) {
        StringWriter out = new StringWriter();
        try {
            render(analysis, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return out.toString();
    }

    @Override
    public void render(Analysis analysis, Writer sink) throws IOException {
        StringBuilder out = new StringBuilder();
        out.append("evoplan: ")
                .append(analysis.from())
                .append(" -> ")
                .append(analysis.to())
                .append('\n');
        out.append("mode: ").append(Wording.mode(analysis)).append('\n');
        out.append("PostgreSQL ").append(analysis.pgVersion()).append('\n');
        out.append("verdict: ").append(verdictLabel(analysis.worst())).append('\n');
        if (Wording.nothing(analysis)) {
            analysis.ruleControl().forEach(line -> out.append(line).append('\n'));
            out.append('\n').append("No changes: nothing to do.").append('\n');
            sink.append(out);
            return;
        }
        out.append("summary: ")
                .append(Tally.of(analysis).sentence())
                .append(
                        analysis.suppressed().isEmpty()
                                ? ""
                                : "; " + analysis.suppressed().size() + " suppressed")
                .append('\n');
        analysis.ruleControl().forEach(line -> out.append(line).append('\n'));
        findings(out, sink, analysis.verdicts());
        suppressed(out, analysis.suppressed());
        plan(out, sink, analysis);
        sink.append(out);
    }

    /** Hands what is rendered on once it is a piece long. */
    private static void handOn(StringBuilder out, Writer sink) throws IOException {
        if (out.length() >= PIECE) {
            sink.append(out);
            out.setLength(0);
        }
    }

    private void findings(StringBuilder out, Writer sink, List<FindingWithFix> all)
            throws IOException {
        List<FindingWithFix> verdicts = Wording.worstFirst(all, showSafe);
        int hidden = all.size() - verdicts.size();
        out.append('\n').append("Findings (").append(all.size()).append(')').append('\n');
        if (all.isEmpty()) {
            out.append('\n').append("No findings.").append('\n');
        }
        for (FindingWithFix v : verdicts) {
            Finding f = v.finding();
            out.append('\n')
                    .append('[')
                    .append(verdictLabel(f.safety()))
                    .append("] ")
                    .append(Wording.subject(f))
                    .append('\n');
            field(out, "  ", "rule", f.ruleId());
            field(out, "  ", "lock", Wording.lockAndBlocks(f.lock(), f.table()));
            field(out, "  ", "what", f.what());
            field(out, "  ", "why", f.why());
            field(out, "  ", "size", f.sizeNote());
            field(out, "  ", "where", Wording.where(f.origin()));
            field(out, "  ", "fix", f.fix());
            for (Wording.SqlBlock block : Wording.sqlBlocks(v)) {
                sqlBlock(
                        out,
                        switch (block.role()) {
                            case AS_WRITTEN -> "sql";
                            case INSTEAD_OF -> "instead of";
                            case USE -> "use";
                        },
                        block.statements());
            }
            handOn(out, sink);
        }
        if (hidden > 0) {
            out.append('\n')
                    .append(hidden)
                    .append(hidden == 1 ? " safe finding" : " safe findings")
                    .append(" not listed (--show-safe lists them).")
                    .append('\n');
        }
    }

    /** The findings an evoplan:ignore comment silenced: place and rule, as lint lists them. */
    private static void suppressed(StringBuilder out, List<FindingWithFix> suppressed) {
        if (suppressed.isEmpty()) {
            return;
        }
        out.append('\n').append("Suppressed (").append(suppressed.size()).append("):").append('\n');
        for (FindingWithFix v : suppressed) {
            String where = Wording.where(v.finding().origin());
            out.append("  ")
                    .append(where == null ? "" : where + ": ")
                    .append(v.finding().ruleId())
                    .append('\n');
        }
    }

    private static void sqlBlock(StringBuilder out, String title, List<String> statements) {
        out.append("  ").append(title).append(':').append('\n');
        for (String sql : statements) {
            indented(out, "    ", sql);
        }
    }

    private void plan(StringBuilder out, Writer sink, Analysis analysis) throws IOException {
        List<Stage> stages = Wording.stages(analysis.plan());
        if (stages.isEmpty()) {
            out.append('\n').append("Plan: nothing to run.").append('\n');
            return;
        }
        int stepCount = stages.stream().mapToInt(s -> s.steps().size()).sum();
        out.append('\n')
                .append("Plan (")
                .append(stages.size())
                .append(stages.size() == 1 ? " stage, " : " stages, ")
                .append(stepCount)
                .append(stepCount == 1 ? " step)" : " steps)")
                .append('\n');
        int stageNumber = 0;
        int stepNumber = 0;
        for (Stage stage : stages) {
            out.append('\n')
                    .append("Stage ")
                    .append(++stageNumber)
                    .append(": ")
                    .append(stage.kind().label())
                    .append('\n');
            for (Step step : stage.steps()) {
                step(out, ++stepNumber, step);
                handOn(out, sink);
            }
        }
    }

    private void step(StringBuilder out, int number, Step step) {
        String head = "  " + number + ". ";
        switch (step.kind()) {
            case CHECKPOINT ->
                    out.append(head)
                            .append(paint("== CHECKPOINT: " + step.description() + " ==", "1"))
                            .append('\n');
            case SQL -> {
                out.append(head).append(step.description());
                if (!step.transactional()) {
                    out.append(" (outside a transaction)");
                }
                out.append('\n');
                indented(out, "       ", step.sql());
                String lock = Wording.lockAndBlocks(step.lock(), step.table());
                String timeouts = Wording.timeouts(step);
                field(out, "     ", "lock", timeouts.isEmpty() ? lock : lock + "; " + timeouts);
                field(out, "     ", "rollback", step.rollback());
                field(out, "     ", "on failure", step.onFailure());
            }
        }
    }

    /** {@code name: value}; continuation lines of a multi-line value keep the indentation. */
    static void field(StringBuilder out, String indent, String name, String value) {
        if (value == null) {
            return;
        }
        String prefix = indent + name + ": ";
        String text = Wording.trimmed(value).stripLeading();
        // Wording.lines splits without a regular expression when the value is one line (the
        // usual case, in a report of a million steps).
        String[] lines = Wording.lines(text);
        out.append(prefix).append(lines[0]).append('\n');
        String more = " ".repeat(prefix.length());
        for (int i = 1; i < lines.length; i++) {
            out.append(lines[i].isEmpty() ? "" : more + lines[i]).append('\n');
        }
    }

    private static void indented(StringBuilder out, String indent, String text) {
        for (String line : Wording.lines(Wording.trimmed(text))) {
            out.append(line.isEmpty() ? "" : indent + line).append('\n');
        }
    }

    private String verdictLabel(Safety safety) {
        return paint(Wording.label(safety), colour(safety));
    }

    /** The ANSI colour of a verdict: cyan, green, yellow, magenta, bold red. */
    static String colour(Safety safety) {
        return switch (safety) {
            case ADVICE -> "36";
            case SAFE -> "32";
            case MULTI_STEP -> "33";
            case NEEDS_REVIEW -> "35";
            case DOWNTIME -> "1;31";
        };
    }

    private String paint(String text, String sgr) {
        return color ? "\u001b[" + sgr + "m" + text + RESET : text;
    }
}
