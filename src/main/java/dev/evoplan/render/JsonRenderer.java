package dev.evoplan.render;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.evoplan.engine.Analysis;
import dev.evoplan.model.Origin;
import dev.evoplan.model.QualifiedName;
import dev.evoplan.plan.FindingWithFix;
import dev.evoplan.plan.Stage;
import dev.evoplan.plan.Step;
import dev.evoplan.rules.Finding;

/**
 * The machine-readable report, shape {@code schemaVersion 1} as docs/json-format.md describes.
 * Every documented key is always present, in the documented order, with {@code null} where a value
 * is unknown: a consumer never has to tell "absent" from "null".
 */
final class JsonRenderer implements Renderer {
    /** Raised only when a key is renamed, removed or changes meaning; new keys keep the version. */
    static final int SCHEMA_VERSION = 1;

    @Override
    public String render(Analysis analysis) {
        ObjectNode root = Json.object();
        root.put("schemaVersion", SCHEMA_VERSION);
        root.put("from", analysis.from());
        root.put("to", analysis.to());
        root.put("mode", Wording.modeId(analysis.mode()));
        if (analysis.modeReason() != null) {
            root.put("modeReason", analysis.modeReason());
        }
        root.put("pgVersion", analysis.pgVersion());
        root.put("verdict", analysis.worst().label());
        summary(root, Tally.of(analysis));
        ArrayNode findings = root.putArray("findings");
        for (FindingWithFix v : analysis.verdicts()) {
            findings.add(finding(v));
        }
        if (!analysis.suppressed().isEmpty()) {
            ArrayNode suppressed = root.putArray("suppressed");
            analysis.suppressed().forEach(v -> suppressed.add(finding(v)));
        }
        ruleControl(root, analysis.ruleControl());
        ArrayNode stages = root.putObject("plan").putArray("stages");
        for (Stage stage : Wording.stages(analysis.plan())) {
            ObjectNode s = stages.addObject();
            s.put("stage", stage.kind().label());
            ArrayNode steps = s.putArray("steps");
            stage.steps().forEach(step -> steps.add(step(step)));
        }
        return Json.write(root);
    }

    /** The {@code ruleControl} lines, present only when rule control changed something. */
    static void ruleControl(ObjectNode root, java.util.List<String> lines) {
        if (!lines.isEmpty()) {
            ArrayNode out = root.putArray("ruleControl");
            lines.forEach(out::add);
        }
    }

    /** The {@code summary} object: how many findings of each safety. */
    static ObjectNode summary(ObjectNode root, Tally tally) {
        ObjectNode summary = root.putObject("summary");
        summary.put("safe", tally.safe());
        summary.put("multiStep", tally.multiStep());
        summary.put("needsReview", tally.needsReview());
        summary.put("downtime", tally.downtime());
        return summary;
    }

    static ObjectNode finding(FindingWithFix v) {
        Finding f = v.finding();
        ObjectNode n = Json.object();
        n.put("rule", f.ruleId());
        n.put("safety", f.safety().label());
        n.put("lock", f.lock().name());
        n.put("blocks", f.lock().blocksDescription());
        n.put("table", name(f.table()));
        n.put("change", f.change() == null ? null : f.change().summary());
        n.put("what", f.what());
        n.put("why", f.why());
        n.put("fix", f.fix());
        n.put("sizeNote", f.sizeNote());
        n.set("origin", origin(f.origin()));
        ArrayNode written = n.putArray("writtenSql");
        f.writtenSql().forEach(written::add);
        ArrayNode fix = n.putArray("fixSql");
        Wording.fixSql(v).forEach(fix::add);
        return n;
    }

    private static ObjectNode origin(Origin o) {
        ObjectNode n = Json.object();
        n.put("file", o.file());
        if (o.line() > 0) {
            n.put("line", o.line());
        } else {
            n.putNull("line");
        }
        if (o.column() > 0) {
            n.put("column", o.column());
        } else {
            n.putNull("column");
        }
        n.put("changeset", o.changesetId());
        n.put("author", o.author());
        n.put("commit", o.commit());
        return n;
    }

    private static ObjectNode step(Step step) {
        ObjectNode n = Json.object();
        n.put(
                "kind",
                switch (step.kind()) {
                    case SQL -> "sql";
                    case CHECKPOINT -> "checkpoint";
                });
        n.put("sql", step.sql());
        n.put("description", step.description());
        n.put("transactional", step.transactional());
        n.put("lock", step.lock().name());
        n.put("table", name(step.table()));
        n.put("lockTimeout", step.lockTimeout());
        n.put("statementTimeout", step.statementTimeout());
        n.put("rollback", step.rollback());
        n.put("onFailure", step.onFailure());
        n.put("forChange", step.forChange());
        return n;
    }

    private static String name(QualifiedName table) {
        return table == null ? null : table.toString();
    }
}
