package dev.evoplan.plan;

import dev.evoplan.model.QualifiedName;
import dev.evoplan.model.SqlText;
import dev.evoplan.model.Table;
import dev.evoplan.rules.LockLevel;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An UPDATE or DELETE a changelog runs on an existing table, as one statement, holds a row lock on
 * every row it touches until it commits. The plan runs it instead in committed batches walking the
 * primary key, with the keyset loop of {@link Backfill}: the statement's own SET and WHERE, applied
 * to one batch of keys at a time, so every row is visited once.
 *
 * <p>Where batching would change what the statement does, or no key exists to walk, the step stays
 * a stop that carries the SQL and says why.
 */
final class DataChangeBatches {
    private DataChangeBatches() {}

    /** A single-table UPDATE or DELETE split at its top-level WHERE. */
    record Split(boolean delete, String head, String where) {}

    /**
     * Adds the batched step, or the stop with the SQL and the reason batching cannot be done.
     *
     * @param sql the one statement the change runs, as its source generates it for PostgreSQL
     */
    static void plan(PlanContext ctx, StepList steps, QualifiedName table, String sql) {
        String statement = withoutSemicolon(sql.strip());
        String reason = null;
        Split split = split(statement);
        Table t = ctx.schema().tables().get(table);
        List<String> missing =
                split == null || t == null
                        ? List.of()
                        : assigned(split).stream().filter(c -> t.column(c).isEmpty()).toList();
        if (split == null) {
            reason = "not one plain UPDATE ... SET ... WHERE or DELETE FROM ... WHERE";
        } else if (!missing.isEmpty()) {
            // Keycloak's changesets add VALUE_NEW, copy VALUE into it, drop VALUE and rename
            // VALUE_NEW: the plan's net change (a type change of value) never has the column.
            reason =
                    String.join(", ", missing)
                            + " exists only inside its changeset (added, then dropped or renamed"
                            + " there): check that the plan's own change of "
                            + table.name()
                            + " carries what this statement computes";
        } else if (readsItsOwnTable(split, table)) {
            reason =
                    "it reads "
                            + table.name()
                            + " in a subquery, so batches could change which rows it selects";
        } else if (t == null || t.primaryKey() == null) {
            reason = table.name() + " has no primary key to walk in batches";
        } else if (ctx.pgVersion() < 11) {
            reason =
                    "PostgreSQL "
                            + ctx.pgVersion()
                            + " cannot commit inside a DO block, so the batches cannot run as one step";
        }
        if (reason != null) {
            steps.checkpoint(
                    StageKind.BACKFILL,
                    "run in committed batches ("
                            + table.name()
                            + " is not known to be small; "
                            + reason
                            + "): "
                            + statement);
            return;
        }
        int batch = ctx.options().batchSize();
        String needs = split.where() == null ? "TRUE" : "(" + split.where() + ")";
        String loop =
                Backfill.keysetLoop(table, t.primaryKey().columns(), split.head(), needs, batch);
        steps.sql(
                        StageKind.BACKFILL,
                        loop,
                        (split.delete() ? "delete from " : "update ")
                                + table.name()
                                + " as the changelog writes it, in committed batches of "
                                + batch
                                + " rows walking the primary key: "
                                + statement)
                .lock(LockLevel.ROW_EXCLUSIVE, table)
                .onFailure(
                        split.delete()
                                ? "safe to run again: the rows of committed batches are already gone"
                                : "the committed batches stay updated and running it again updates"
                                        + " them again: safe when the new values do not depend on the"
                                        + " row's old ones, else go on from the last committed key")
                .nonTransactional();
    }

    /** [ONLY] a table name, maybe schema-qualified, maybe quoted; no alias after it. */
    private static final java.util.regex.Pattern ONE_TABLE =
            java.util.regex.Pattern.compile(
                    "(?is)(only\\s+)?(\"(?:[^\"]|\"\")*\"|[a-z_][a-z0-9_$]*)"
                            + "(\\s*\\.\\s*(\"(?:[^\"]|\"\")*\"|[a-z_][a-z0-9_$]*))*");

    /** The statement split at its top-level WHERE, or null when it is not a plain one. */
    static Split split(String statement) {
        if (statement.indexOf('$') >= 0 || statement.indexOf(';') >= 0) {
            return null;
        }
        List<int[]> words = topLevelWords(statement);
        if (words.size() < 2) {
            return null;
        }
        String first = word(statement, words.get(0));
        String second = word(statement, words.get(1));
        boolean delete = first.equals("delete") && second.equals("from");
        if (!delete && !first.equals("update")) {
            return null;
        }
        int where = -1;
        int set = -1;
        for (int i = 2; i < words.size(); i++) {
            int[] w = words.get(i);
            String name = word(statement, w);
            if (name.equals("current")
                    && i + 1 < words.size()
                    && word(statement, words.get(i + 1)).equals("of")) {
                return null;
            }
            switch (name) {
                case "set" -> {
                    if (set < 0) {
                        set = w[0];
                    }
                }
                case "where" -> {
                    if (where < 0) {
                        where = w[0];
                    }
                }
                // UPDATE ... FROM / DELETE ... USING join other tables, RETURNING hands rows
                // back, WHERE CURRENT OF names a cursor: none of them runs batch by batch.
                case "from", "using", "returning" -> {
                    return null;
                }
                default -> {}
            }
        }
        if (!delete && set < 0) {
            return null;
        }
        // The loop selects keys FROM the table by its own name: a statement that names the table
        // by an alias (UPDATE job j SET ... WHERE j.id > 5) would not run inside it.
        int targetStart = words.get(delete ? 1 : 0)[1];
        int targetEnd = delete ? (where < 0 ? statement.length() : where) : set;
        if (!ONE_TABLE.matcher(statement.substring(targetStart, targetEnd).strip()).matches()) {
            return null;
        }
        String head = (where < 0 ? statement : statement.substring(0, where)).strip();
        String condition = where < 0 ? null : statement.substring(where + "where".length()).strip();
        return new Split(delete, head, condition == null || condition.isEmpty() ? null : condition);
    }

    /**
     * True when a later data change of the plan is an UPDATE of {@code table} that sets {@code
     * column} (Keycloak adds MEMBERSHIP_TYPE, then updates it to 'UNMANAGED', then makes it NOT
     * NULL): the changelog gives the value, and that step fills the old rows.
     */
    static boolean filledLater(PlanContext ctx, QualifiedName table, String column) {
        for (dev.evoplan.diff.Change later : ctx.later()) {
            if (later instanceof dev.evoplan.diff.Change.DataChange data
                    && table.equals(data.table())
                    && data.sql().size() == 1) {
                Split split = split(withoutSemicolon(data.sql().get(0).strip()));
                if (split != null && assigned(split).contains(column)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The columns an UPDATE's SET assigns (folded), empty for a DELETE or a row assignment. */
    static List<String> assigned(Split split) {
        if (split.delete()) {
            return List.of();
        }
        String head = split.head();
        int set = -1;
        for (int[] w : topLevelWords(head)) {
            if (word(head, w).equals("set")) {
                set = w[1];
                break;
            }
        }
        List<String> columns = new ArrayList<>();
        int depth = 0;
        int start = set;
        for (int i = set; i <= head.length(); i++) {
            char c = i < head.length() ? head.charAt(i) : ',';
            if (c == '\'' || c == '"') {
                i = SqlText.endOfQuoted(head, i) - 1;
                continue;
            }
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                String item = head.substring(start, i);
                int eq = item.indexOf('=');
                String target = eq < 0 ? "" : item.substring(0, eq).strip();
                if (target.isEmpty() || target.startsWith("(")) {
                    return List.of();
                }
                columns.add(dev.evoplan.model.Identifiers.fold(target));
                start = i + 1;
            }
        }
        return columns;
    }

    private static boolean readsItsOwnTable(Split split, QualifiedName table) {
        String after = split.head().substring(split.head().toLowerCase(Locale.ROOT).indexOf(' '));
        String text = after + " " + (split.where() == null ? "" : split.where());
        if (!text.toLowerCase(Locale.ROOT).contains("select")) {
            return false;
        }
        // The head names the table once; a second mention is a subquery reading it.
        String lower = text.toLowerCase(Locale.ROOT);
        String name = table.name().toLowerCase(Locale.ROOT);
        int first = lower.indexOf(name);
        return first >= 0 && lower.indexOf(name, first + name.length()) >= 0;
    }

    /** Start and end of each word outside quotes and parentheses, in order. */
    private static List<int[]> topLevelWords(String s) {
        List<int[]> words = new ArrayList<>();
        int depth = 0;
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '\'' || c == '"') {
                i = SqlText.endOfQuoted(s, i);
                continue;
            }
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (Character.isLetter(c) || c == '_') {
                int start = i;
                while (i < s.length()
                        && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_')) {
                    i++;
                }
                boolean qualified = start > 0 && s.charAt(start - 1) == '.';
                if (depth == 0 && !qualified) {
                    words.add(new int[] {start, i});
                }
                continue;
            }
            i++;
        }
        return words;
    }

    private static String word(String s, int[] at) {
        return s.substring(at[0], at[1]).toLowerCase(Locale.ROOT);
    }

    private static String withoutSemicolon(String s) {
        return s.endsWith(";") ? s.substring(0, s.length() - 1).strip() : s;
    }
}
