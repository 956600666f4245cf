package dev.evoplan.render;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.evoplan.engine.Timeline;
import dev.evoplan.model.Commit;
import dev.evoplan.plan.FindingWithFix;
import dev.evoplan.rules.Finding;
import dev.evoplan.rules.Safety;
import java.util.Map;
import java.util.Objects;

/** Writes a {@link Timeline} as text, markdown or JSON ({@code schemaVersion 1}). */
public final class TimelineRenderer {
    /** Raised only when a key is renamed, removed or changes meaning; new keys keep the version. */
    static final int SCHEMA_VERSION = 1;

    private TimelineRenderer() {}

    /** The timeline in the given format, ending in a newline. */
    public static String render(Timeline timeline, Format format) {
        Objects.requireNonNull(timeline, "timeline is null");
        Objects.requireNonNull(format, "format is null");
        return switch (format) {
            case TEXT -> text(timeline);
            case MARKDOWN -> markdown(timeline);
            case JSON -> json(timeline);
            case SARIF, GITHUB, GITLAB, JUNIT ->
                    throw new IllegalArgumentException(
                            format + " is only for plan, check and lint");
        };
    }

    /**
     * A finding's change in a few words: the change's summary, or what happens for a
     * whole-changeset finding.
     */
    private static String change(Finding f) {
        return f.change() == null ? f.what() : f.change().summary();
    }

    private static String counts(Map<Safety, Integer> counts) {
        StringBuilder out = new StringBuilder();
        for (Safety s : Safety.values()) {
            if (s == Safety.ADVICE) {
                continue; // history judges changes, never design advice: keep its line as it was
            }
            out.append(out.length() == 0 ? "" : ", ")
                    .append(counts.get(s))
                    .append(' ')
                    .append(s.label());
        }
        return out.toString();
    }

    private static String range(Timeline t) {
        return (t.since() == null ? "the first commit" : t.since() + " (exclusive)")
                + " to "
                + t.until();
    }

    private static String text(Timeline t) {
        StringBuilder out = new StringBuilder();
        out.append("History of ")
                .append(t.path())
                .append(", ")
                .append(range(t))
                .append(": ")
                .append(t.entries().size())
                .append(t.entries().size() == 1 ? " commit" : " commits")
                .append(" changed it\n");
        for (Timeline.Entry e : t.entries()) {
            Commit c = e.commit();
            out.append('\n')
                    .append(c.shortId())
                    .append("  ")
                    .append(c.date())
                    .append("  ")
                    .append(c.author())
                    .append("  ")
                    .append(c.subject())
                    .append('\n');
            out.append("  ").append(counts(e.counts())).append('\n');
            for (FindingWithFix v : e.analysis().verdicts()) {
                Finding f = v.finding();
                out.append("  - ")
                        .append(f.safety().label().toUpperCase(java.util.Locale.ROOT))
                        .append(' ')
                        .append(f.ruleId())
                        .append(": ")
                        .append(change(f))
                        .append('\n');
            }
        }
        out.append("\nTotal: ").append(counts(t.totals())).append('\n');
        out.append("Downtime changes merged: ").append(t.downtimeMerged());
        if (!t.downtimeByAuthor().isEmpty()) {
            StringBuilder who = new StringBuilder();
            t.downtimeByAuthor()
                    .forEach(
                            (a, n) ->
                                    who.append(who.length() == 0 ? "" : ", ")
                                            .append(a)
                                            .append(" ")
                                            .append(n));
            out.append(" (").append(who).append(')');
        }
        return out.append('\n').toString();
    }

    private static String markdown(Timeline t) {
        StringBuilder out = new StringBuilder();
        out.append("## History of ").append(Markdown.code(t.path())).append('\n').append('\n');
        out.append(Markdown.text(range(t)))
                .append(": ")
                .append(t.entries().size())
                .append(" commits changed it.\n\n");
        out.append(
                "| Commit | Date (UTC) | Author | Subject | Safe | Multi-step | Needs review | Downtime |\n");
        out.append("|---|---|---|---|---|---|---|---|\n");
        for (Timeline.Entry e : t.entries()) {
            Commit c = e.commit();
            Map<Safety, Integer> n = e.counts();
            out.append("| ")
                    .append(Markdown.codeCell(c.shortId()))
                    .append(" | ")
                    .append(c.date())
                    .append(" | ")
                    .append(Markdown.cell(c.author()))
                    .append(" | ")
                    .append(Markdown.cell(c.subject()))
                    .append(" | ")
                    .append(n.get(Safety.SAFE))
                    .append(" | ")
                    .append(n.get(Safety.MULTI_STEP))
                    .append(" | ")
                    .append(n.get(Safety.NEEDS_REVIEW))
                    .append(" | ")
                    .append(n.get(Safety.DOWNTIME))
                    .append(" |\n");
        }
        for (Timeline.Entry e : t.entries()) {
            if (e.analysis().verdicts().isEmpty()) {
                continue;
            }
            out.append("\n### ")
                    .append(Markdown.code(e.commit().shortId()))
                    .append(' ')
                    .append(Markdown.text(e.commit().subject()))
                    .append("\n\n");
            for (FindingWithFix v : e.analysis().verdicts()) {
                Finding f = v.finding();
                out.append("- **")
                        .append(f.safety().label())
                        .append("** ")
                        .append(Markdown.code(f.ruleId()))
                        .append(": ")
                        .append(Markdown.text(change(f)))
                        .append('\n');
            }
        }
        out.append("\n### Summary\n\n")
                .append(Markdown.text(counts(t.totals())))
                .append(".\n\n")
                .append("Downtime changes merged: ")
                .append(t.downtimeMerged())
                .append(".\n");
        if (!t.downtimeByAuthor().isEmpty()) {
            out.append('\n');
            t.downtimeByAuthor()
                    .forEach(
                            (a, n) ->
                                    out.append("- ")
                                            .append(Markdown.text(a))
                                            .append(": ")
                                            .append(n)
                                            .append('\n'));
        }
        return out.toString();
    }

    private static String json(Timeline t) {
        ObjectNode root = Json.object();
        root.put("schemaVersion", SCHEMA_VERSION);
        root.put("path", t.path());
        root.put("since", t.since());
        root.put("until", t.until());
        ArrayNode commits = root.putArray("commits");
        for (Timeline.Entry e : t.entries()) {
            Commit c = e.commit();
            ObjectNode n = commits.addObject();
            n.put("id", c.id());
            n.put("shortId", c.shortId());
            n.put("author", c.author());
            n.put("email", c.email());
            n.put("date", c.date().toString());
            n.put("subject", c.subject());
            putCounts(n.putObject("counts"), e.counts());
            ArrayNode findings = n.putArray("findings");
            for (FindingWithFix v : e.analysis().verdicts()) {
                Finding f = v.finding();
                ObjectNode fn = findings.addObject();
                fn.put("rule", f.ruleId());
                fn.put("safety", f.safety().label());
                fn.put("change", change(f));
            }
        }
        ObjectNode summary = root.putObject("summary");
        putCounts(summary.putObject("totals"), t.totals());
        summary.put("downtimeMerged", t.downtimeMerged());
        ObjectNode byAuthor = summary.putObject("downtimeByAuthor");
        t.downtimeByAuthor().forEach(byAuthor::put);
        return Json.write(root);
    }

    private static void putCounts(ObjectNode n, Map<Safety, Integer> counts) {
        n.put("safe", counts.get(Safety.SAFE));
        n.put("multiStep", counts.get(Safety.MULTI_STEP));
        n.put("needsReview", counts.get(Safety.NEEDS_REVIEW));
        n.put("downtime", counts.get(Safety.DOWNTIME));
    }
}
