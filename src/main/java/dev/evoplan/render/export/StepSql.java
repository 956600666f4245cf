package dev.evoplan.render.export;

import dev.evoplan.model.Identifiers;
import dev.evoplan.plan.Step;
import dev.evoplan.source.sql.SqlSplitter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What every export writes about a step: its statements, its session settings, its comment lines.
 */
final class StepSql {
    private static final Pattern LINE_BREAK = Pattern.compile("\\R");

    private StepSql() {}

    /** The step's SQL as one script: trimmed, ending in a semicolon. */
    static String script(Step step) {
        String sql = step.sql().strip();
        return sql.endsWith(";") ? sql : sql + ";";
    }

    /**
     * The step's statements, each without its closing semicolon, cut as psql cuts them (never
     * inside a dollar-quoted body): for a tool that must be handed one statement at a time.
     */
    static List<String> statements(Step step) {
        return SqlSplitter.split(step.sql(), "plan step").statements().stream()
                .map(s -> s.text().strip())
                .toList();
    }

    /**
     * {@code lock_timeout} and {@code statement_timeout} as the plan sets them for the step, in
     * that order.
     */
    static Map<String, String> settings(Step step) {
        Map<String, String> settings = new LinkedHashMap<>();
        if (step.lockTimeout() != null) {
            settings.put("lock_timeout", step.lockTimeout());
        }
        if (step.statementTimeout() != null) {
            settings.put("statement_timeout", step.statementTimeout());
        }
        return settings;
    }

    /**
     * {@code SET LOCAL lock_timeout = '5s'} (inside the step's transaction) or {@code SET} (for the
     * session).
     */
    static List<String> set(Step step, boolean local) {
        List<String> out = new ArrayList<>();
        settings(step)
                .forEach(
                        (name, value) ->
                                out.add(
                                        "SET "
                                                + (local ? "LOCAL " : "")
                                                + name
                                                + " = "
                                                + Identifiers.literal(value)));
        return out;
    }

    /**
     * {@code RESET lock_timeout}: a session setting put back after a step run outside a
     * transaction.
     */
    static List<String> reset(Step step) {
        return settings(step).keySet().stream().map(name -> "RESET " + name).toList();
    }

    /** Why a step runs outside a transaction, for its comment. */
    static final String OUTSIDE =
            "outside a transaction, alone in autocommit: CONCURRENTLY refuses a transaction block"
                    + " and a batched backfill commits after each batch";

    /**
     * {@code text} as comment lines with {@code prefix} ({@code "-- "}, {@code "# "}), one per line
     * of the text.
     */
    static List<String> comment(String prefix, String text) {
        List<String> out = new ArrayList<>();
        for (String line : LINE_BREAK.split(text.strip(), -1)) {
            out.add((prefix + line).stripTrailing());
        }
        return out;
    }

    /** What a step is, in one line for a comment: number, stage and description. */
    static String title(ExportPart.PartStep s) {
        return "Step " + s.number() + " (" + s.stage().label() + "): " + s.step().description();
    }

    /** The lock, timeouts and rollback of a step, as lines for a comment. */
    static List<String> facts(Step step) {
        List<String> out = new ArrayList<>();
        if (step.lock() != dev.evoplan.rules.LockLevel.NONE || !settings(step).isEmpty()) {
            StringBuilder lock = new StringBuilder("lock: ").append(step.lock().sqlName());
            if (step.table() != null) {
                lock.append(" on ").append(step.table());
            }
            settings(step)
                    .forEach(
                            (name, value) ->
                                    lock.append("; ").append(name).append(' ').append(value));
            out.add(lock.toString());
        }
        if (step.rollback() != null) {
            out.add("rollback: " + step.rollback().strip());
        }
        if (step.onFailure() != null) {
            out.add("on failure: " + step.onFailure().strip());
        }
        return out;
    }
}
