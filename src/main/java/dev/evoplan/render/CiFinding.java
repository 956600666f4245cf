package dev.evoplan.render;

import dev.evoplan.plan.FindingWithFix;
import dev.evoplan.rules.Finding;
import dev.evoplan.rules.RuleCatalogue;
import dev.evoplan.rules.RuleInfo;
import dev.evoplan.rules.Safety;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * A finding as the CI formats place it: a path relative to the working folder (null when the
 * finding has no file, as a diff of two live databases), a 1-based line and column (0 when not
 * known), and a fingerprint that stays the same across runs and when lines above move.
 *
 * @param input the input (as the user named it) the finding belongs to, for one JUnit suite per
 *     input
 */
record CiFinding(
        FindingWithFix verdict,
        String input,
        String path,
        int line,
        int column,
        String fingerprint) {

    /** Sorted by path, line, column, rule and subject, so the output is stable. */
    static final Comparator<CiFinding> ORDER =
            Comparator.comparing((CiFinding c) -> c.path() == null ? "" : c.path())
                    .thenComparingInt(CiFinding::line)
                    .thenComparingInt(CiFinding::column)
                    .thenComparing(CiFinding::ruleId)
                    .thenComparing(CiFinding::subject);

    Finding finding() {
        return verdict.finding();
    }

    Safety safety() {
        return finding().safety();
    }

    String ruleId() {
        return finding().ruleId();
    }

    String code() {
        return RuleCatalogue.byId(ruleId()).map(r -> r.info()).map(RuleInfo::code).orElse(ruleId());
    }

    String subject() {
        return Wording.subject(finding());
    }

    /**
     * One line naming the hazard: {@code EP101 create-index-non-concurrent: create index ... on
     * users}.
     */
    String title() {
        return code() + " " + ruleId() + ": " + subject();
    }

    /** The finding in sentences: what happens, why it matters, the fix and the table-size note. */
    String message() {
        Finding f = finding();
        StringBuilder sb = new StringBuilder(sentence(f.what()));
        append(sb, f.why());
        if (f.fix() != null && !f.fix().isBlank()) {
            append(sb, "Fix: " + f.fix().strip());
        }
        if (f.sizeNote() != null && !f.sizeNote().isBlank()) {
            append(sb, "(" + f.sizeNote().strip() + ")");
        }
        return sb.toString();
    }

    private static void append(StringBuilder sb, String text) {
        if (text != null && !text.isBlank()) {
            sb.append(' ').append(sentence(text));
        }
    }

    private static String sentence(String text) {
        String s = text.strip();
        return s.endsWith(".") || s.endsWith("!") || s.endsWith("?") ? s : s + ".";
    }

    /**
     * The findings placed and fingerprinted, in {@link #ORDER}. {@code inputs} are the files and
     * folders the user named; a finding whose file lies under none belongs to the first.
     */
    static List<CiFinding> of(
            List<FindingWithFix> verdicts, List<String> inputs, PathLocator locator) {
        List<CiFinding> placed = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (FindingWithFix v : verdicts) {
            Finding f = v.finding();
            String path = locator.locate(f.origin().file());
            String input = PathLocator.inputOf(path, inputs);
            // Line numbers are left out of the key: a finding keeps its fingerprint when lines
            // are added above it. The count tells apart two findings that agree on all the rest.
            String key =
                    f.ruleId()
                            + '\u0000'
                            + (path == null ? "" : path)
                            + '\u0000'
                            + Wording.subject(f)
                            + '\u0000'
                            + (f.table() == null ? "" : f.table().toString())
                            + '\u0000'
                            + (f.origin().changesetId() == null ? "" : f.origin().changesetId());
            int occurrence = seen.merge(key, 1, Integer::sum);
            placed.add(
                    new CiFinding(
                            v,
                            input,
                            path,
                            Math.max(0, f.origin().line()),
                            Math.max(0, f.origin().column()),
                            sha256(key + '\u0000' + occurrence)));
        }
        placed.sort(ORDER);
        return List.copyOf(placed);
    }

    static String sha256(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
