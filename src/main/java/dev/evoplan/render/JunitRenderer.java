package dev.evoplan.render;

import java.util.List;

/**
 * JUnit XML, as Jenkins, GitLab's test report and the test-report actions read it: one {@code
 * testsuite} per input, one {@code testcase} per finding named by where it is and what it changes,
 * and a {@code failure} for each finding at or above the gate ({@code --fail-on}), so the test
 * report fails exactly when the command's exit code does. A suite without findings holds one
 * passing case, so a clean run reads as a pass rather than as no tests.
 */
final class JunitRenderer {
    private JunitRenderer() {}

    static String render(CiReport report) {
        StringBuilder out = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        int tests = 0;
        int failures = 0;
        StringBuilder suites = new StringBuilder();
        for (String suite : report.suites()) {
            List<CiFinding> cases =
                    report.findings().stream().filter(c -> suite.equals(c.input())).toList();
            int failed = (int) cases.stream().filter(report::fails).count();
            int count = Math.max(1, cases.size());
            tests += count;
            failures += failed;
            suites.append("  <testsuite name=\"")
                    .append(attribute(suite))
                    .append("\" tests=\"")
                    .append(count)
                    .append("\" failures=\"")
                    .append(failed)
                    .append("\" errors=\"0\" skipped=\"0\">\n");
            if (cases.isEmpty()) {
                suites.append("    <testcase classname=\"evoplan.")
                        .append(attribute(report.context().command()))
                        .append("\" name=\"no findings\"/>\n");
            }
            for (CiFinding c : cases) {
                testcase(suites, report, c);
            }
            suites.append("  </testsuite>\n");
        }
        out.append("<testsuites name=\"")
                .append(attribute("evoplan " + report.context().command()))
                .append("\" tests=\"")
                .append(tests)
                .append("\" failures=\"")
                .append(failures)
                .append("\">\n");
        out.append(suites).append("</testsuites>\n");
        return out.toString();
    }

    private static void testcase(StringBuilder out, CiReport report, CiFinding c) {
        String place =
                c.path() == null
                        ? ""
                        : c.path()
                                + (c.line() > 0 ? ":" + c.line() : "")
                                + (c.line() > 0 && c.column() > 0 ? ":" + c.column() : "")
                                + " ";
        out.append("    <testcase classname=\"")
                .append(attribute(c.code() + "." + c.ruleId()))
                .append("\" name=\"")
                .append(attribute(place + c.subject()))
                .append('"');
        if (c.path() != null) {
            out.append(" file=\"").append(attribute(c.path())).append('"');
            if (c.line() > 0) {
                out.append(" line=\"").append(c.line()).append('"');
            }
        }
        if (!report.fails(c)) {
            out.append("/>\n");
            return;
        }
        out.append(">\n      <failure type=\"")
                .append(attribute(c.safety().label()))
                .append("\" message=\"")
                .append(attribute(Wording.label(c.safety()) + " " + c.title()))
                .append("\">")
                .append(
                        text(
                                c.message()
                                        + "\nlock: "
                                        + Wording.lockAndBlocks(
                                                c.finding().lock(), c.finding().table())
                                        + (c.finding().origin().describe().isEmpty()
                                                ? ""
                                                : "\nwhere: " + c.finding().origin().describe())))
                .append("</failure>\n    </testcase>\n");
    }

    /**
     * An attribute value in double quotes: markup and line breaks escaped, characters XML cannot
     * hold dropped.
     */
    static String attribute(String s) {
        return escape(s, true);
    }

    /** Element text. */
    static String text(String s) {
        return escape(s, false);
    }

    private static String escape(String s, boolean attribute) {
        StringBuilder sb = new StringBuilder(s.length());
        s.codePoints()
                .forEach(
                        cp -> {
                            switch (cp) {
                                case '&' -> sb.append("&amp;");
                                case '<' -> sb.append("&lt;");
                                case '>' -> sb.append("&gt;");
                                case '"' -> sb.append(attribute ? "&quot;" : "\"");
                                case '\n' -> sb.append(attribute ? "&#10;" : "\n");
                                case '\r' -> sb.append("&#13;");
                                case '\t' -> sb.append(attribute ? "&#9;" : "\t");
                                default -> {
                                    // XML 1.0 has no way to write other control characters or
                                    // unpaired surrogates.
                                    boolean allowed =
                                            (cp >= 0x20 && cp <= 0xD7FF)
                                                    || (cp >= 0xE000 && cp <= 0xFFFD)
                                                    || (cp >= 0x10000 && cp <= 0x10FFFF);
                                    if (allowed) {
                                        sb.appendCodePoint(cp);
                                    }
                                }
                            }
                        });
        return sb.toString();
    }
}
