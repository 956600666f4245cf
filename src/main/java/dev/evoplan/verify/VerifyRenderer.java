package dev.evoplan.verify;

import dev.evoplan.render.Format;
import dev.evoplan.render.Json;
import dev.evoplan.verify.VerifyReport.StepCheck;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Writes a {@link VerifyReport} as text, markdown or JSON; every format holds the same facts. */
public final class VerifyRenderer {
    private VerifyRenderer() {}

    public static String render(VerifyReport report, Format format) {
        return switch (format) {
            case TEXT -> text(report);
            case MARKDOWN -> markdown(report);
            case JSON -> json(report);
            case SARIF, GITHUB, GITLAB, JUNIT ->
                    throw new IllegalArgumentException(
                            format + " is only for plan, check and lint");
        };
    }

    private static String verdict(VerifyReport r) {
        return r.passed() ? "PASS" : "FAIL";
    }

    private static String text(VerifyReport r) {
        StringBuilder sb = new StringBuilder();
        sb.append("evoplan verify: ").append(r.from()).append(" -> ").append(r.to()).append('\n');
        sb.append("PostgreSQL ")
                .append(r.serverVersion())
                .append(" (")
                .append(r.server())
                .append(")\n");
        sb.append("verdict: ").append(verdict(r)).append('\n');
        sb.append("\nSeeded\n");
        for (SeedResult s : r.seeded()) {
            sb.append("  ").append(s.table()).append(": ").append(s.inserted()).append(" rows");
            if (s.skipped() != null) {
                sb.append(" (skipped: ").append(s.skipped()).append(')');
            } else if (s.note() != null) {
                sb.append(" of ")
                        .append(s.requested())
                        .append(" asked (")
                        .append(s.note())
                        .append(')');
            } else if (s.inserted() < s.requested()) {
                sb.append(" of ")
                        .append(s.requested())
                        .append(
                                " asked (a unique key made of foreign keys ran out of combinations)");
            }
            sb.append('\n');
        }
        sb.append("\nSteps (lock: predicted / observed on the step's table)\n");
        for (StepCheck s : r.steps()) {
            sb.append(
                    String.format(
                            "  %3d. [%s] %s: %s%n",
                            s.index(), s.verdict().label(), s.stage().label(), s.description()));
            if (s.kind() == dev.evoplan.plan.Step.Kind.SQL) {
                sb.append("       lock: ")
                        .append(s.predicted().sqlName())
                        .append(" / ")
                        .append(s.observed().sqlName())
                        .append(s.table() == null ? "" : " on " + s.table())
                        .append("; rewrite: ")
                        .append(s.rewrite() ? "yes" : "no")
                        .append("; ")
                        .append(s.durationMillis())
                        .append(" ms\n");
            }
            if (s.probe() != null) {
                sb.append("       probe max wait: ").append(probeWait(s.probe())).append('\n');
            }
            s.reasons()
                    .forEach(
                            x ->
                                    sb.append("       ")
                                            .append(s.verdict().label())
                                            .append(": ")
                                            .append(x)
                                            .append('\n'));
            s.notes().forEach(x -> sb.append("       note: ").append(x).append('\n'));
        }
        sb.append('\n');
        appendOutcome(sb, r, "");
        return sb.toString();
    }

    private static void appendOutcome(StringBuilder sb, VerifyReport r, String bullet) {
        if (r.failure() != null) {
            sb.append(bullet).append("stopped: ").append(r.failure()).append('\n');
        } else {
            sb.append(bullet)
                    .append(
                            r.schemaDifferences().isEmpty()
                                    ? "schema: matches the target"
                                    : "schema: "
                                            + r.schemaDifferences().size()
                                            + " differences from the target: "
                                            + String.join("; ", r.schemaDifferences()))
                    .append('\n');
            sb.append(bullet)
                    .append("re-plan: ")
                    .append(r.replanSteps() == 0 ? "empty" : r.replanSteps() + " steps left")
                    .append('\n');
        }
        sb.append(bullet)
                .append("summary: ")
                .append(r.steps().size())
                .append(" steps, ")
                .append(r.mismatches())
                .append(" not as predicted, ")
                .append(r.totalMillis())
                .append(" ms in all\n");
    }

    private static String markdown(VerifyReport r) {
        StringBuilder sb = new StringBuilder();
        sb.append("## evoplan verify: ").append(verdict(r)).append("\n\n");
        sb.append('`')
                .append(r.from())
                .append("` -> `")
                .append(r.to())
                .append("`, PostgreSQL ")
                .append(r.serverVersion())
                .append("\n\n");
        sb.append("| table | rows | skipped |\n|---|---|---|\n");
        for (SeedResult s : r.seeded()) {
            sb.append("| ")
                    .append(s.table())
                    .append(" | ")
                    .append(s.inserted())
                    .append(" | ")
                    .append(
                            s.skipped() == null
                                    ? (s.note() == null ? "" : cell(s.note()))
                                    : cell(s.skipped()))
                    .append(" |\n");
        }
        sb.append(
                "\n| # | stage | step | predicted lock | observed lock | rewrite | ms | probe max wait | verdict |\n|---|---|---|---|---|---|---|---|---|\n");
        for (StepCheck s : r.steps()) {
            List<String> extra = new ArrayList<>(s.reasons());
            extra.addAll(s.notes());
            boolean sql = s.kind() == dev.evoplan.plan.Step.Kind.SQL;
            sb.append("| ")
                    .append(s.index())
                    .append(" | ")
                    .append(s.stage().label())
                    .append(" | ")
                    .append(
                            cell(
                                    s.description()
                                            + (extra.isEmpty()
                                                    ? ""
                                                    : " — " + String.join("; ", extra))))
                    .append(" | ")
                    .append(sql ? s.predicted().sqlName() : "")
                    .append(" | ")
                    .append(sql ? s.observed().sqlName() : "")
                    .append(" | ")
                    .append(sql ? (s.rewrite() ? "yes" : "no") : "")
                    .append(" | ")
                    .append(s.durationMillis())
                    .append(" | ")
                    .append(s.probe() == null ? "" : cell(probeWait(s.probe())))
                    .append(" | ")
                    .append(
                            s.verdict() == VerifyReport.StepVerdict.OK
                                    ? "ok"
                                    : "**" + s.verdict().label() + "**")
                    .append(" |\n");
        }
        sb.append('\n');
        appendOutcome(sb, r, "- ");
        return sb.toString();
    }

    /** "120 ms on public.items (40 statements, 2 probe errors)". */
    private static String probeWait(ProbeStat p) {
        return p.maxWaitMillis()
                + " ms"
                + (p.table() == null ? "" : " on " + p.table())
                + " ("
                + p.statements()
                + " statements"
                + (p.errors() == 0 ? "" : ", " + p.errors() + " probe errors")
                + ")";
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }

    private static String json(VerifyReport r) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("schemaVersion", 1);
        root.put("from", r.from());
        root.put("to", r.to());
        root.put("pgVersion", r.pgVersion());
        root.put("serverVersion", r.serverVersion());
        root.put("server", r.server());
        root.put("verdict", r.passed() ? "pass" : "fail");
        List<Object> seeded = new ArrayList<>();
        for (SeedResult s : r.seeded()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("table", s.table().toString());
            m.put("requested", s.requested());
            m.put("inserted", s.inserted());
            m.put("skipped", s.skipped());
            if (s.note() != null) {
                m.put("note", s.note());
            }
            seeded.add(m);
        }
        root.put("seeded", seeded);
        List<Object> steps = new ArrayList<>();
        for (StepCheck s : r.steps()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("index", s.index());
            m.put("stage", s.stage().label());
            m.put("kind", s.kind().name().toLowerCase(java.util.Locale.ROOT));
            m.put("description", s.description());
            m.put("table", s.table());
            m.put("predictedLock", s.predicted().name());
            m.put("observedLock", s.observed().name());
            m.put("rewrite", s.rewrite());
            m.put("durationMs", s.durationMillis());
            m.put("probeMaxWaitMs", s.probe() == null ? null : s.probe().maxWaitMillis());
            m.put("probeTable", s.probe() == null ? null : s.probe().table());
            m.put("probeStatements", s.probe() == null ? null : s.probe().statements());
            m.put("probeErrors", s.probe() == null ? null : s.probe().errors());
            m.put("verdict", s.verdict().label());
            m.put("reasons", s.reasons());
            m.put("notes", s.notes());
            steps.add(m);
        }
        root.put("steps", steps);
        root.put("failure", r.failure());
        root.put("schemaDifferences", r.schemaDifferences());
        root.put("replanSteps", r.replanSteps());
        root.put("totalMs", r.totalMillis());
        return Json.write(root);
    }
}
