package dev.evoplan.plan;

import dev.evoplan.model.QualifiedName;
import dev.evoplan.model.Table;
import dev.evoplan.rules.LockLevel;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * A batched, resumable backfill: {@code UPDATE table SET column = value} for the rows that still
 * need it, a batch at a time, each batch committed on its own so locks on rows are held for one
 * batch only and a stopped run loses at most one batch.
 *
 * <p>With a primary key the batches walk the key (keyset pagination, any key type, composite keys
 * by row comparison), so every row is read once. Without one they take the next rows still needing
 * a value by {@code ctid}, which rereads the table from the start each batch (slower, but correct).
 * PostgreSQL 11+ runs the loop server-side in a {@code DO} block that commits; before 11 a {@code
 * DO} block cannot commit, so the step is one batch to repeat.
 */
final class Backfill {
    private static final String KEY_VAR = "evoplan_key_";

    private Backfill() {}

    /**
     * Adds the backfill step to BACKFILL.
     *
     * @param assignment {@code column = expression}, the expression in terms of the row's columns
     * @param needs the condition true for rows still to fill, false once filled (e.g. {@code c IS
     *     NULL})
     */
    static void plan(
            PlanContext ctx,
            StepList steps,
            QualifiedName table,
            String assignment,
            String needs,
            String what) {
        plan(ctx, steps, table, assignment, needs, what, false);
    }

    /**
     * As above; {@code exact} when the value is a function of the row alone (a copy, a conversion),
     * so that verify can compare the filled rows with the expression.
     */
    static void plan(
            PlanContext ctx,
            StepList steps,
            QualifiedName table,
            String assignment,
            String needs,
            String what,
            boolean exact) {
        Table t = ctx.table(table);
        List<String> key = t.primaryKey() == null ? List.of() : t.primaryKey().columns();
        int batch = ctx.options().batchSize();
        String sql;
        String description;
        boolean transactional;
        if (ctx.pgVersion() < 11) {
            sql = oneBatch(table, key, assignment, needs, batch);
            description =
                    what
                            + ": one batch of "
                            + batch
                            + " rows; PostgreSQL "
                            + ctx.pgVersion()
                            + " cannot commit inside a DO block, so run it again until it reports UPDATE 0";
            transactional = true;
        } else if (key.isEmpty()) {
            sql = byCtid(table, assignment, needs, batch);
            description =
                    what
                            + ", in committed batches of "
                            + batch
                            + " rows (no primary key: batches by ctid)";
            transactional = false;
        } else {
            sql = byKey(table, key, assignment, needs, batch);
            description =
                    what + ", in committed batches of " + batch + " rows walking the primary key";
            transactional = false;
        }
        StepList.Draft d =
                steps.sql(StageKind.BACKFILL, sql, description)
                        .lock(LockLevel.ROW_EXCLUSIVE, table)
                        .onFailure("safe to run again: it only touches rows where " + needs)
                        .backfill(promise(table, assignment, needs, exact));
        if (!transactional) {
            d.nonTransactional();
        }
    }

    /** {@code "col" = expression} split at its first " = ", the column unquoted. */
    private static Step.BackfillPromise promise(
            QualifiedName table, String assignment, String needs, boolean exact) {
        int eq = assignment.indexOf(" = ");
        String column = dev.evoplan.model.Identifiers.fold(assignment.substring(0, eq).strip());
        return new Step.BackfillPromise(
                table, column, assignment.substring(eq + 3).strip(), needs, exact);
    }

    static String byKey(
            QualifiedName table, List<String> key, String assignment, String needs, int batch) {
        return keysetLoop(table, key, "UPDATE " + table.sql() + " SET " + assignment, needs, batch);
    }

    /**
     * The keyset loop around any single-table row change: {@code head} is the statement up to its
     * WHERE ({@code UPDATE t SET ...} or {@code DELETE FROM t}), run on each batch of rows where
     * {@code needs} holds, walking the primary key so that every row is visited once.
     */
    static String keysetLoop(
            QualifiedName table, List<String> key, String head, String needs, int batch) {
        String t = table.sql();
        List<String> cols = key.stream().map(SqlWriter::id).toList();
        List<String> vars =
                IntStream.range(0, key.size()).mapToObj(i -> KEY_VAR + (i + 1)).toList();
        String keyRow = row(cols);
        String varRow = row(vars);
        String order = String.join(", ", cols);
        String orderDesc = cols.stream().map(c -> c + " DESC").collect(Collectors.joining(", "));
        List<String> lines = new ArrayList<>();
        lines.add("DO $evoplan$");
        lines.add("DECLARE");
        for (int i = 0; i < key.size(); i++) {
            lines.add("  " + vars.get(i) + " " + t + "." + cols.get(i) + "%TYPE;");
        }
        lines.add("BEGIN");
        lines.add("  -- The first row, then keyset batches after it: every row is read once.");
        lines.add(
                "  SELECT "
                        + order
                        + " INTO "
                        + String.join(", ", vars)
                        + " FROM "
                        + t
                        + " ORDER BY "
                        + order
                        + " LIMIT 1;");
        lines.add("  IF NOT FOUND THEN");
        lines.add("    RETURN;");
        lines.add("  END IF;");
        lines.add("  " + head + " WHERE " + keyRow + " = " + varRow + " AND " + needs + ";");
        lines.add("  COMMIT;");
        lines.add("  LOOP");
        lines.add("    WITH evoplan_batch AS (");
        lines.add("      SELECT " + order + " FROM " + t);
        lines.add("      WHERE " + keyRow + " > " + varRow + " AND " + needs);
        lines.add("      ORDER BY " + order);
        lines.add("      LIMIT " + batch);
        lines.add("    ), evoplan_updated AS (");
        lines.add("      " + head);
        lines.add(
                "      WHERE "
                        + keyRow
                        + " IN (SELECT "
                        + order
                        + " FROM evoplan_batch) AND "
                        + needs);
        lines.add("    )");
        lines.add(
                "    SELECT "
                        + order
                        + " INTO "
                        + String.join(", ", vars)
                        + " FROM evoplan_batch ORDER BY "
                        + orderDesc
                        + " LIMIT 1;");
        lines.add("    EXIT WHEN NOT FOUND;");
        lines.add("    COMMIT;");
        lines.add("  END LOOP;");
        lines.add("END");
        lines.add("$evoplan$;");
        return String.join("\n", lines);
    }

    static String byCtid(QualifiedName table, String assignment, String needs, int batch) {
        String t = table.sql();
        String column = assignment.substring(0, assignment.indexOf('=')).strip();
        return String.join(
                "\n",
                "DO $evoplan$",
                "DECLARE",
                "  evoplan_rows bigint;",
                "  evoplan_filled bigint;",
                "BEGIN",
                "  LOOP",
                "    WITH evoplan_updated AS (",
                "      UPDATE " + t + " SET " + assignment,
                "      WHERE ctid = ANY (ARRAY(SELECT ctid FROM "
                        + t
                        + " WHERE "
                        + needs
                        + " LIMIT "
                        + batch
                        + "))",
                "      RETURNING " + column,
                "    )",
                "    SELECT count(*), count("
                        + column
                        + ") INTO evoplan_rows, evoplan_filled FROM evoplan_updated;",
                "    -- A batch that fills nothing would be picked again forever: stop there. A batch that",
                "    -- updates no row may only have lost its rows to concurrent updates (they move to a new",
                "    -- ctid): stop only when no row still needs a value.",
                "    EXIT WHEN (evoplan_rows > 0 AND evoplan_filled = 0)",
                "      OR (evoplan_rows = 0 AND NOT EXISTS (SELECT 1 FROM "
                        + t
                        + " WHERE "
                        + needs
                        + "));",
                "    COMMIT;",
                "  END LOOP;",
                "END",
                "$evoplan$;");
    }

    static String oneBatch(
            QualifiedName table, List<String> key, String assignment, String needs, int batch) {
        String t = table.sql();
        if (key.isEmpty()) {
            return "UPDATE "
                    + t
                    + " SET "
                    + assignment
                    + "\nWHERE ctid = ANY (ARRAY(SELECT ctid FROM "
                    + t
                    + " WHERE "
                    + needs
                    + " LIMIT "
                    + batch
                    + "));";
        }
        List<String> cols = key.stream().map(SqlWriter::id).toList();
        String order = String.join(", ", cols);
        return "UPDATE "
                + t
                + " SET "
                + assignment
                + "\nWHERE "
                + row(cols)
                + " IN (\n  SELECT "
                + order
                + " FROM "
                + t
                + " WHERE "
                + needs
                + " ORDER BY "
                + order
                + " LIMIT "
                + batch
                + "\n);";
    }

    private static String row(List<String> items) {
        return items.size() == 1 ? items.get(0) : "(" + String.join(", ", items) + ")";
    }
}
