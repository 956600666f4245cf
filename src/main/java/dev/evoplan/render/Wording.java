package dev.evoplan.render;

import dev.evoplan.engine.Analysis;
import dev.evoplan.model.Origin;
import dev.evoplan.model.QualifiedName;
import dev.evoplan.plan.FindingWithFix;
import dev.evoplan.plan.Plan;
import dev.evoplan.plan.Stage;
import dev.evoplan.plan.Step;
import dev.evoplan.rules.Finding;
import dev.evoplan.rules.LockLevel;
import dev.evoplan.rules.Mode;
import dev.evoplan.rules.RuleCatalogue;
import dev.evoplan.rules.Safety;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The phrases the text and markdown reports share, so both say the same thing the same way. */
final class Wording {
    private Wording() {}

    /** The verdict as a report shows it: {@code MULTI-STEP}, {@code NEEDS REVIEW}. */
    static String label(Safety safety) {
        return switch (safety) {
            case ADVICE -> "ADVICE";
            case SAFE -> "SAFE";
            case MULTI_STEP -> "MULTI-STEP";
            case NEEDS_REVIEW -> "NEEDS REVIEW";
            case DOWNTIME -> "DOWNTIME";
        };
    }

    /**
     * {@code as written: 2 new changesets (the new side continues the old side's history)} or
     * {@code as planned: the two sides share no changeset}; the reason is left out where the
     * analysis has none.
     */
    static String mode(Analysis analysis) {
        String why = analysis.modeReason();
        return switch (analysis.mode()) {
            case AS_WRITTEN -> {
                int n = newChangesets(analysis);
                yield "as written: "
                        + (n == 0 ? "no" : String.valueOf(n))
                        + " new changeset"
                        + (n == 1 ? "" : "s")
                        + (why == null ? "" : " (" + why + ")");
            }
            case AS_PLANNED -> "as planned" + (why == null ? "" : ": " + why);
        };
    }

    /** The JSON spelling of a mode. */
    static String modeId(Mode mode) {
        return switch (mode) {
            case AS_WRITTEN -> "as-written";
            case AS_PLANNED -> "as-planned";
        };
    }

    /**
     * The number of distinct changesets (or migration files, where a source has no changeset ids)
     * the findings come from. Analysis carries no count of its own; a new changeset that changes
     * nothing yields no finding and is not counted, which is what a reviewer cares about. A finding
     * about a changeset that already ran (edited, removed) is not about a new one.
     */
    static int newChangesets(Analysis analysis) {
        Set<String> keys = new LinkedHashSet<>();
        for (FindingWithFix v : analysis.verdicts()) {
            if (RuleCatalogue.aboutRanChangeset(v.finding())) {
                continue;
            }
            Origin o = v.finding().origin();
            if (o.changesetId() != null) {
                keys.add(
                        "changeset\u0000"
                                + o.file()
                                + "\u0000"
                                + o.changesetId()
                                + "\u0000"
                                + o.author());
            } else if (o.file() != null) {
                keys.add("file\u0000" + o.file());
            }
        }
        return keys.size();
    }

    /**
     * What the finding is about: the change's summary, or the changeset a whole-changeset finding
     * judges.
     */
    static String subject(Finding finding) {
        if (finding.change() != null) {
            return finding.change().summary();
        }
        Origin o = finding.origin();
        if (o.changesetId() != null) {
            return "changeset " + o.changesetId();
        }
        if (o.file() != null) {
            return "changes in " + o.file();
        }
        return finding.ruleId();
    }

    /** {@code ACCESS EXCLUSIVE}, or {@code none}. */
    static String lockName(LockLevel lock) {
        return lock == LockLevel.NONE ? "none" : lock.sqlName();
    }

    /** {@code ACCESS EXCLUSIVE on users}, or {@code none}. */
    static String lock(LockLevel lock, QualifiedName table) {
        if (lock == LockLevel.NONE || table == null) {
            return lockName(lock);
        }
        return lock.sqlName() + " on " + table;
    }

    /** {@code SHARE on users, blocks writes (reads go on)}, or {@code none}. */
    static String lockAndBlocks(LockLevel lock, QualifiedName table) {
        return lock == LockLevel.NONE
                ? "none"
                : lock(lock, table) + ", blocks " + lock.blocksDescription();
    }

    /**
     * The text without leading blank lines and trailing white space; the first line keeps its
     * indentation so that the lines of a multi-line statement stay aligned with each other.
     */
    static String trimmed(String text) {
        if (text.isEmpty() || !(isBlank(text.charAt(0)) || isLineBreak(text.charAt(0)))) {
            // No leading blank line to remove: the pattern needs a blank or a line break first.
            return text.stripTrailing();
        }
        return LEADING_BLANK_LINES.matcher(text).replaceFirst("").stripTrailing();
    }

    /** Whether {@code text} holds a character that {@code \\R} matches. */
    static boolean hasLineBreak(String text) {
        for (int i = 0, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            // Most characters lie between '\r' and NEL, where no line break is: two comparisons
            // instead of the switch's search (every field of a report passes here: 20 to 11 cpu ms
            // over the 4 MB report of Lemmy's migrations).
            if ((c <= '\r' || c >= '\u0085') && isLineBreak(c)) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@code text.split("\\R", -1)}, without a regular expression when the text has no line break
     * (most SQL blocks of a report are one line).
     */
    static String[] lines(String text) {
        return hasLineBreak(text) ? LINE_BREAK.split(text, -1) : new String[] {text};
    }

    private static final java.util.regex.Pattern LINE_BREAK =
            java.util.regex.Pattern.compile("\\R");

    /** The characters of {@code \\R}: a line break in a regular expression's sense. */
    private static boolean isLineBreak(char c) {
        return switch (c) {
            case '\n', '\u000B', '\f', '\r', '\u0085', '\u2028', '\u2029' -> true;
            default -> false;
        };
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }

    // Compiled once: every field of every finding goes through trimmed (a report on 25,000
    // statements compiled it some 100,000 times).
    private static final java.util.regex.Pattern LEADING_BLANK_LINES =
            java.util.regex.Pattern.compile("^(?:[ \\t]*\\R)+");

    /** Where it came from, or null when the source said nothing. */
    static String where(Origin origin) {
        String d = origin.describe();
        return d.isEmpty() ? null : d;
    }

    /**
     * The line that stands for a deploy checkpoint inside SQL: a comment, so the SQL still runs.
     */
    static String checkpointComment(Step step) {
        return "-- CHECKPOINT: " + step.description();
    }

    /** The fix's statements in order, deploy checkpoints as SQL comments in their place. */
    static List<String> fixSql(FindingWithFix verdict) {
        List<String> lines = new ArrayList<>();
        for (Step step : verdict.fix()) {
            lines.add(
                    switch (step.kind()) {
                        case SQL -> step.sql();
                        case CHECKPOINT -> checkpointComment(step);
                    });
        }
        return lines;
    }

    /**
     * The SQL blocks of a finding as (title, statements) pairs: "instead of" the written SQL "use"
     * the fix; only the written SQL when the fix is the same statements or there is none (a safe
     * change, something nobody can rewrite); only the fix when nothing was written (as planned).
     */
    static List<SqlBlock> sqlBlocks(FindingWithFix verdict) {
        List<String> written =
                verdict.finding().writtenSql().stream().map(Wording::trimmed).toList();
        List<String> fix = fixSql(verdict).stream().map(Wording::trimmed).toList();
        if (written.isEmpty()) {
            return fix.isEmpty() ? List.of() : List.of(new SqlBlock(SqlBlock.Role.USE, fix));
        }
        if (fix.isEmpty() || fix.equals(written)) {
            return List.of(new SqlBlock(SqlBlock.Role.AS_WRITTEN, written));
        }
        return List.of(
                new SqlBlock(SqlBlock.Role.INSTEAD_OF, written),
                new SqlBlock(SqlBlock.Role.USE, fix));
    }

    /** A run of statements shown under one title. */
    record SqlBlock(Role role, List<String> statements) {
        /** What the statements are to the reader. */
        enum Role {
            AS_WRITTEN,
            INSTEAD_OF,
            USE
        }
    }

    /** Stages that have steps: an empty stage has nothing to run or read. */
    static List<Stage> stages(Plan plan) {
        return plan.stages().stream().filter(s -> !s.steps().isEmpty()).toList();
    }

    /**
     * {@code lock_timeout 5s, statement_timeout 0}, leaving out what is not set; empty when none.
     */
    static String timeouts(Step step) {
        List<String> parts = new ArrayList<>();
        if (step.lockTimeout() != null) {
            parts.add("lock_timeout " + step.lockTimeout());
        }
        if (step.statementTimeout() != null) {
            parts.add("statement_timeout " + step.statementTimeout());
        }
        return String.join(", ", parts);
    }

    /** True when the analysis found nothing at all to change. */
    static boolean nothing(Analysis analysis) {
        return analysis.changes().isEmpty()
                && analysis.verdicts().isEmpty()
                && analysis.plan().isEmpty();
    }

    /**
     * The findings worst first (downtime, needs review, multi-step, then safe when asked for), each
     * safety in the report's own order: what blocks a merge is read first.
     */
    static List<FindingWithFix> worstFirst(List<FindingWithFix> verdicts, boolean withSafe) {
        List<FindingWithFix> sorted = new java.util.ArrayList<>();
        // Design advice comes last and is always listed: it is only in an analysis when asked for
        // (--show-advice, --fail-on advice).
        for (dev.evoplan.rules.Safety s :
                List.of(
                        dev.evoplan.rules.Safety.DOWNTIME,
                        dev.evoplan.rules.Safety.NEEDS_REVIEW,
                        dev.evoplan.rules.Safety.MULTI_STEP,
                        dev.evoplan.rules.Safety.SAFE,
                        dev.evoplan.rules.Safety.ADVICE)) {
            if (withSafe || s != dev.evoplan.rules.Safety.SAFE) {
                verdicts.stream().filter(v -> v.finding().safety() == s).forEach(sorted::add);
            }
        }
        return sorted;
    }
}
