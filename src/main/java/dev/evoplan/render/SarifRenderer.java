package dev.evoplan.render;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.evoplan.rules.Rule;
import dev.evoplan.rules.RuleCatalogue;
import dev.evoplan.rules.RuleInfo;
import dev.evoplan.rules.Safety;
import java.util.HashMap;
import java.util.Map;

/**
 * SARIF 2.1.0, as GitHub code scanning (github/codeql-action/upload-sarif) and other SARIF viewers
 * read it: one run, the catalogue's rules that have results as {@code tool.driver.rules} (so a
 * report does not change when a rule is added that it does not use), one result per finding (safe
 * ones as notes), suppressed lint findings as results with an in-source suppression, and a partial
 * fingerprint per result that stays the same across runs.
 */
final class SarifRenderer {
    static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";

    /**
     * The key of the fingerprint: its name says what computed it, its version when the recipe
     * changes.
     */
    static final String FINGERPRINT = "evoplan/v1";

    private SarifRenderer() {}

    static String render(CiReport report) {
        ObjectNode root = Json.object();
        root.put("$schema", SCHEMA);
        root.put("version", "2.1.0");
        ObjectNode run = root.putArray("runs").addObject();
        ObjectNode driver = run.putObject("tool").putObject("driver");
        driver.put("name", "evoplan");
        driver.put("informationUri", RuleLinks.REPOSITORY);
        ArrayNode rules = driver.putArray("rules");
        Map<String, Integer> index = new HashMap<>();
        java.util.Set<String> used = new java.util.HashSet<>();
        report.findings().forEach(c -> used.add(c.ruleId()));
        report.suppressed().forEach(c -> used.add(c.ruleId()));
        for (Rule rule : RuleCatalogue.all()) {
            RuleInfo info = rule.info();
            if (!used.contains(info.id())) {
                continue;
            }
            index.put(info.id(), index.size());
            ObjectNode r = rules.addObject();
            r.put("id", info.id());
            r.put("name", info.code());
            r.putObject("shortDescription").put("text", info.summary());
            r.put("helpUri", RuleLinks.help(info.id()));
            r.putObject("defaultConfiguration").put("level", level(info.defaultSafety()));
            ObjectNode properties = r.putObject("properties");
            properties.put("code", info.code());
            properties.put("defaultVerdict", info.defaultSafety().label());
            properties.put("lock", info.lock().name());
        }
        run.putObject("automationDetails").put("id", "evoplan/" + report.context().command() + "/");
        run.put("columnKind", "unicodeCodePoints");
        ArrayNode results = run.putArray("results");
        for (CiFinding c : report.findings()) {
            result(results.addObject(), c, index);
        }
        for (CiFinding c : report.suppressed()) {
            result(results.addObject(), c, index)
                    .putArray("suppressions")
                    .addObject()
                    .put("kind", "inSource");
        }
        return Json.write(root);
    }

    private static ObjectNode result(ObjectNode r, CiFinding c, Map<String, Integer> index) {
        r.put("ruleId", c.ruleId());
        Integer ruleIndex = index.get(c.ruleId());
        if (ruleIndex != null) {
            r.put("ruleIndex", ruleIndex);
        }
        r.put("level", level(c.safety()));
        r.putObject("message").put("text", c.subject() + ": " + c.message());
        if (c.path() != null) {
            ObjectNode physical = r.putArray("locations").addObject().putObject("physicalLocation");
            physical.putObject("artifactLocation").put("uri", uri(c.path()));
            if (c.line() > 0) {
                ObjectNode region = physical.putObject("region");
                region.put("startLine", c.line());
                if (c.column() > 0) {
                    region.put("startColumn", c.column());
                }
            }
        }
        r.putObject("partialFingerprints").put(FINGERPRINT, c.fingerprint());
        ObjectNode properties = r.putObject("properties");
        properties.put("verdict", c.safety().label());
        properties.put("lock", c.finding().lock().name());
        properties.put(
                "table", c.finding().table() == null ? null : c.finding().table().toString());
        if (c.finding().origin().changesetId() != null) {
            properties.put("changeset", c.finding().origin().changesetId());
        }
        return r;
    }

    /** downtime and needs review fail a gate: error; multi-step: warning; safe: note. */
    static String level(Safety safety) {
        return switch (safety) {
            case DOWNTIME, NEEDS_REVIEW -> "error";
            case MULTI_STEP -> "warning";
            case SAFE, ADVICE -> "note";
        };
    }

    /** A relative URI reference: each path segment percent-encoded where a URI needs it. */
    static String uri(String path) {
        // A path outside the working folder stays absolute: a file URI, which a viewer can open.
        StringBuilder sb = new StringBuilder(path.startsWith("/") ? "file://" : "");
        // A colon before the first slash would read as a scheme, so it is encoded there.
        for (byte b : path.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            int ch = b & 0xff;
            if ((ch >= 'a' && ch <= 'z')
                    || (ch >= 'A' && ch <= 'Z')
                    || (ch >= '0' && ch <= '9')
                    || "-._~/!$&'()*+,;=@".indexOf(ch) >= 0
                    || (ch == ':' && sb.indexOf("/") >= 0)) {
                sb.append((char) ch);
            } else {
                sb.append('%').append(String.format("%02X", ch));
            }
        }
        return sb.toString();
    }
}
