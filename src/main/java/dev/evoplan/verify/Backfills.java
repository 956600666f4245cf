package dev.evoplan.verify;

import dev.evoplan.model.Column;
import dev.evoplan.model.IdentityKind;
import dev.evoplan.model.Schema;
import dev.evoplan.model.Table;
import dev.evoplan.source.jdbc.CatalogReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a checkpoint leaves to people (deploy the code that writes a new column, fill it on old rows
 * with a value only the team knows), done with synthetic values so that the steps after the
 * checkpoint (VALIDATE, SET NOT NULL) meet the data they would meet in production.
 */
final class Backfills {
    /** Bound on fill passes; each pass misses only rows a probe moved while it ran. */
    private static final int MAX_PASSES = 20;

    private Backfills() {}

    /**
     * Fills the NULLs of every column that is nullable now and NOT NULL in {@code target}, except
     * the columns in {@code filledLater} (each {@code List.of(table, column)}): a later step of the
     * plan fills those itself, and a value put there now would leave that step nothing to do and
     * hide whether it fills the right values. Returns one note per column filled.
     */
    static List<String> standIn(Connection db, Schema target, Set<List<Object>> filledLater)
            throws SQLException {
        if (!anyNullableNow(db, target, filledLater)) {
            return List.of();
        }
        Schema now = CatalogReader.read(db, Set.of());
        List<String> notes = new ArrayList<>();
        for (Table wanted : target.tables().values()) {
            Optional<Table> current = now.table(wanted.name());
            if (current.isEmpty()) {
                continue;
            }
            for (Column want : wanted.columns()) {
                Optional<Column> have = current.get().column(want.name());
                if (!toFill(wanted, want, filledLater)
                        || have.isEmpty()
                        || !have.get().nullable()) {
                    continue;
                }
                String value = Seeder.valueOf(have.get().type(), now);
                if (value == null || have.get().name().equals("g")) {
                    continue;
                }
                String column = dev.evoplan.model.Identifiers.quote(want.name());
                String table = wanted.name().sql();
                long filled = 0;
                long numbered = 0;
                // The probe workload updates rows while this runs; a row it moved after the
                // subquery read its ctid is skipped, so fill again until no NULL is left. Row
                // numbers go on past every number a pass handed out, so values stay distinct.
                for (int pass = 0; pass < MAX_PASSES; pass++) {
                    long waiting =
                            count(
                                    db,
                                    "SELECT count(*) FROM "
                                            + table
                                            + " WHERE "
                                            + column
                                            + " IS NULL");
                    if (waiting == 0) {
                        break;
                    }
                    // The value reads the row number as plain g, as when seeding; it is the
                    // subquery's column here.
                    String sql =
                            "UPDATE "
                                    + table
                                    + " AS t SET "
                                    + column
                                    + " = "
                                    + value
                                    + " FROM (SELECT ctid AS row_id, "
                                    + numbered
                                    + " + row_number() OVER () AS g FROM "
                                    + table
                                    + " WHERE "
                                    + column
                                    + " IS NULL) AS s WHERE t.ctid = s.row_id";
                    try (Statement st = db.createStatement()) {
                        st.setEscapeProcessing(false);
                        filled += st.executeLargeUpdate(sql);
                    }
                    // The pass numbered at most the rows counted: nothing adds NULLs meanwhile (the
                    // probes only read and update rows, keeping their values).
                    numbered += waiting;
                }
                if (filled > 0) {
                    notes.add(
                            "verify filled "
                                    + wanted.name()
                                    + "."
                                    + want.name()
                                    + " on "
                                    + filled
                                    + " rows with synthetic values, in place of the application and the backfill");
                }
            }
        }
        return notes;
    }

    /**
     * Whether {@link #standIn} fills {@code want} of {@code wanted} when it is nullable now: NOT
     * NULL in the target, neither identity nor generated, and not filled by a later step.
     */
    private static boolean toFill(Table wanted, Column want, Set<List<Object>> filledLater) {
        return !want.nullable()
                && want.identity() == IdentityKind.NONE
                && want.generatedExpression() == null
                && !filledLater.contains(List.of(wanted.name(), want.name()));
    }

    /**
     * Whether a column {@link #standIn} could fill is nullable in the database now: one catalog
     * query instead of reading the whole catalog at every checkpoint, most of which have nothing to
     * fill. Nullable as {@link CatalogReader} reads it (a NOT VALID not-null constraint of
     * PostgreSQL 18 leaves the column nullable), so it never says no where the full read would find
     * a column.
     */
    private static boolean anyNullableNow(
            Connection db, Schema target, Set<List<Object>> filledLater) throws SQLException {
        List<String> schemas = new ArrayList<>();
        List<String> tables = new ArrayList<>();
        List<String> columns = new ArrayList<>();
        for (Table wanted : target.tables().values()) {
            for (Column want : wanted.columns()) {
                if (toFill(wanted, want, filledLater)) {
                    schemas.add(wanted.name().schema());
                    tables.add(wanted.name().name());
                    columns.add(want.name());
                }
            }
        }
        if (columns.isEmpty()) {
            return false;
        }
        try (PreparedStatement ps =
                db.prepareStatement(
                        "SELECT 1 FROM unnest(?::text[], ?::text[], ?::text[]) AS w(s, t, c)"
                                + " JOIN pg_namespace n ON n.nspname = w.s"
                                + " JOIN pg_class k ON k.relnamespace = n.oid AND k.relname = w.t"
                                + "   AND k.relkind IN ('r', 'p')"
                                + " JOIN pg_attribute a ON a.attrelid = k.oid AND a.attname = w.c"
                                + "   AND a.attnum > 0 AND NOT a.attisdropped"
                                + " WHERE NOT ("
                                + CatalogReader.ATTRIBUTE_NOT_NULL
                                + ")"
                                + " LIMIT 1")) {
            ps.setArray(1, db.createArrayOf("text", schemas.toArray()));
            ps.setArray(2, db.createArrayOf("text", tables.toArray()));
            ps.setArray(3, db.createArrayOf("text", columns.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** As {@link #standIn(Connection, Schema, Set)} with no later backfill. */
    static List<String> standIn(Connection db, Schema target) throws SQLException {
        return standIn(db, target, Set.of());
    }

    /**
     * The columns the backfill steps after {@code index} (1-based, in plan order) fill, as {@code
     * List.of(table, column)}.
     */
    static Set<List<Object>> filledAfter(List<dev.evoplan.plan.Step> steps, int index) {
        Set<List<Object>> out = new java.util.HashSet<>();
        for (int i = index; i < steps.size(); i++) {
            dev.evoplan.plan.Step.BackfillPromise p = steps.get(i).backfill();
            if (p != null) {
                out.add(List.of(p.table(), p.column()));
            }
        }
        return out;
    }

    /**
     * Rows compared with an exact promise after its step: enough to see a wrong expression, cheap
     * on any table.
     */
    static final int SAMPLE = 1000;

    /**
     * What is wrong with the rows a backfill step left, or null when it kept its promise: an exact
     * promise is compared with its expression on up to {@link #SAMPLE} rows; any promise must leave
     * no row still needing a value.
     */
    static String broken(Connection db, dev.evoplan.plan.Step.BackfillPromise p)
            throws SQLException {
        String table = p.table().sql();
        String column = dev.evoplan.model.Identifiers.quote(p.column());
        long waiting = count(db, "SELECT count(*) FROM " + table + " WHERE " + p.needs());
        if (waiting > 0) {
            return "the backfill left " + waiting + " rows of " + p.table() + " where " + p.needs();
        }
        if (!p.exact()) {
            return null;
        }
        long sampled =
                count(
                        db,
                        "SELECT count(*) FROM (SELECT 1 FROM "
                                + table
                                + " LIMIT "
                                + SAMPLE
                                + ") AS s");
        long wrong =
                count(
                        db,
                        "SELECT count(*) FROM (SELECT "
                                + column
                                + " AS evoplan_actual, "
                                + p.expression()
                                + " AS evoplan_expected FROM "
                                + table
                                + " LIMIT "
                                + SAMPLE
                                + ") AS s"
                                + " WHERE evoplan_actual IS DISTINCT FROM evoplan_expected");
        return wrong == 0
                ? null
                : wrong
                        + " of "
                        + sampled
                        + " sampled rows of "
                        + p.table()
                        + " hold a "
                        + p.column()
                        + " other than the backfill's "
                        + p.expression();
    }

    private static long count(Connection db, String sql) throws SQLException {
        try (Statement st = db.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
