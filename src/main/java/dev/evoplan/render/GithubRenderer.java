package dev.evoplan.render;

/**
 * GitHub Actions workflow commands: one {@code ::error}, {@code ::warning} or {@code ::notice} line
 * per finding, which Actions shows as an annotation on the file and line of the diff, then the
 * verdict line in plain text for the log. Safe findings are notices, listed only with {@code
 * --show-safe}.
 */
final class GithubRenderer {
    private GithubRenderer() {}

    static String render(CiReport report) {
        StringBuilder out = new StringBuilder();
        for (CiFinding c : report.shown()) {
            out.append("::").append(command(c)).append(' ');
            StringBuilder properties = new StringBuilder();
            if (c.path() != null) {
                property(properties, "file", c.path());
                if (c.line() > 0) {
                    property(properties, "line", Integer.toString(c.line()));
                    if (c.column() > 0) {
                        property(properties, "col", Integer.toString(c.column()));
                    }
                }
            }
            property(properties, "title", Wording.label(c.safety()) + " " + c.title());
            out.append(properties).append("::").append(data(c.message())).append('\n');
        }
        // Rule control shows on the run's summary page, not only in the log: no gate is lowered
        // unseen.
        report.ruleControl()
                .forEach(
                        line ->
                                out.append("::notice title=evoplan rule control::")
                                        .append(data(line))
                                        .append('\n'));
        out.append(report.verdictLine()).append('\n');
        return out.toString();
    }

    /** downtime and needs review fail a gate: error; multi-step: warning; safe: notice. */
    static String command(CiFinding c) {
        return switch (c.safety()) {
            case DOWNTIME, NEEDS_REVIEW -> "error";
            case MULTI_STEP -> "warning";
            case SAFE, ADVICE -> "notice";
        };
    }

    private static void property(StringBuilder sb, String name, String value) {
        if (!sb.isEmpty()) {
            sb.append(',');
        }
        sb.append(name).append('=').append(property(value));
    }

    /**
     * The message after {@code ::}: a percent sign and line breaks would end or garble the command.
     */
    static String data(String s) {
        return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
    }

    /** A property value: as data, and the comma and colon that would end the value too. */
    static String property(String s) {
        return data(s).replace(":", "%3A").replace(",", "%2C");
    }
}
