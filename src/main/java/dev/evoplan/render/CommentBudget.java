package dev.evoplan.render;

/**
 * Keeps a pull-request comment under GitHub's limit (65,536 characters) with room to spare: blocks
 * are added whole, in order of importance, until the next would not fit; then a truncation line
 * says how many findings were shown and where the full report is. A block is never cut in the
 * middle, so no code fence or {@code <details>} is left open.
 */
final class CommentBudget {
    /** Below GitHub's 65,536 so a workflow can add a line or two around the report. */
    static final int LIMIT = 60_000;

    /** Room kept for the truncation line. */
    private static final int RESERVE = 1_000;

    private final StringBuilder out = new StringBuilder();
    private final int limit;
    private final int totalFindings;
    private int shownFindings;
    private boolean full;
    private final java.util.List<String> leftOut = new java.util.ArrayList<>();

    /**
     * {@code totalFindings}: how many findings the comment means to show in full (safe ones
     * unlisted are not counted).
     */
    CommentBudget(int limit, int totalFindings) {
        this.limit = limit;
        this.totalFindings = totalFindings;
    }

    /**
     * Adds {@code block}, holding {@code findings} findings, if it fits; once one does not, nothing
     * more is added.
     */
    boolean add(String block, int findings) {
        if (full || out.length() + block.length() > limit - RESERVE) {
            full = true;
            return false;
        }
        out.append(block);
        shownFindings += findings;
        return true;
    }

    boolean add(String block) {
        return add(block, 0);
    }

    /** Adds a named section ("the plan"); when it does not fit, the truncation line names it. */
    boolean addSection(String block, int findings, String name) {
        boolean added = add(block, findings);
        if (!added) {
            leftOut.add(name);
        }
        return added;
    }

    /**
     * The comment; when something was left out, a closing line with the count and a pointer: {@code
     * reportUrl} when the caller knows where the full report is (the CI run), else the command that
     * writes it to a file.
     */
    String finish(String reportUrl, String fullCommand) {
        if (!full) {
            return out.toString();
        }
        // The URL is written bare (GitHub links it); escaping would break it. Line breaks are taken
        // out.
        String where =
                reportUrl != null
                        ? "the full report: " + reportUrl.strip().replaceAll("\\s+", "%20")
                        : "for the full report run "
                                + Markdown.code(fullCommand)
                                + " and attach the file, or read the job log";
        String what =
                shownFindings
                        + " of "
                        + totalFindings
                        + " findings shown in full"
                        + (leftOut.isEmpty()
                                ? ""
                                : ", " + String.join(" and ", leftOut) + " left out");
        return out
                + "\n---\n\n**Truncated to fit a pull-request comment:** "
                + what
                + "; "
                + where
                + ".\n";
    }
}
