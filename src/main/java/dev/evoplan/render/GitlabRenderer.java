package dev.evoplan.render;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * GitLab Code Quality JSON (the {@code codequality} report artifact): an array of issues with a
 * description, the rule as {@code check_name}, a fingerprint that stays the same across runs (it is
 * how GitLab tells new issues from fixed ones between the branches), a severity and the location.
 * Safe findings are listed (as info) only with {@code --show-safe}.
 */
final class GitlabRenderer {
    private GitlabRenderer() {}

    static String render(CiReport report) {
        ArrayNode issues = Json.NODES.arrayNode();
        for (CiFinding c : report.shown()) {
            ObjectNode issue = issues.addObject();
            issue.put(
                    "description",
                    Wording.label(c.safety()) + " " + c.title() + ": " + c.message());
            issue.put("check_name", c.ruleId());
            issue.put("fingerprint", c.fingerprint());
            issue.put("severity", severity(c));
            ObjectNode location = issue.putObject("location");
            // GitLab needs a path and a line for every issue: a finding without a file (two live
            // databases) is placed on the first input, line 1.
            location.put("path", c.path() != null ? c.path() : report.defaultPath());
            location.putObject("lines").put("begin", Math.max(1, c.line()));
        }
        return Json.write(issues);
    }

    /** downtime: blocker; needs review: critical; multi-step: major; safe: info. */
    static String severity(CiFinding c) {
        return switch (c.safety()) {
            case DOWNTIME -> "blocker";
            case NEEDS_REVIEW -> "critical";
            case MULTI_STEP -> "major";
            case SAFE, ADVICE -> "info";
        };
    }
}
