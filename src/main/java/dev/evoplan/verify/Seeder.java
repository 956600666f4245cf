package dev.evoplan.verify;

import dev.evoplan.model.CheckConstraint;
import dev.evoplan.model.Column;
import dev.evoplan.model.EnumType;
import dev.evoplan.model.ForeignKey;
import dev.evoplan.model.IdentityKind;
import dev.evoplan.model.IndexElement;
import dev.evoplan.model.QualifiedName;
import dev.evoplan.model.Schema;
import dev.evoplan.model.SqlType;
import dev.evoplan.model.Table;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills the tables of a schema with synthetic rows, server-side ({@code generate_series}), so that
 * a plan runs against data: values follow the column types, every generated value is distinct per
 * row (uniques hold), simple CHECKs are read for their allowed values or ranges, and foreign keys
 * take existing keys of tables seeded before them.
 */
final class Seeder {
    private static final Pattern IN_LIST =
            Pattern.compile("\"?(\\w+)\"?\\s+IN\\s*\\(([^)]*)\\)", Pattern.CASE_INSENSITIVE);
    private static final Pattern ANY_ARRAY =
            Pattern.compile(
                    "\"?(\\w+)\"?(?:\\)?::[\\w ]+)?\\s*=\\s*ANY\\s*\\(\\s*\\(?\\s*ARRAY\\s*\\[(.*?)\\]",
                    Pattern.CASE_INSENSITIVE);
    private static final Pattern BETWEEN =
            Pattern.compile(
                    "\"?(\\w+)\"?\\s+BETWEEN\\s+(-?\\d+)\\s+AND\\s+(-?\\d+)",
                    Pattern.CASE_INSENSITIVE);
    private static final Pattern AT_LEAST =
            Pattern.compile("\"?(\\w+)\"?\\s*(>=|>)\\s*(-?\\d+)(?![\\d.])");
    private static final Pattern AT_MOST =
            Pattern.compile("\"?(\\w+)\"?\\s*(<=|<)\\s*(-?\\d+)(?![\\d.])");
    private static final Pattern LITERAL =
            Pattern.compile("'((?:[^']|'')*)'(?:::[\\w ]+)?|(-?\\d+(?:\\.\\d+)?)");

    private Seeder() {}

    /**
     * Seeds every table of {@code schema}, referenced tables first; one result per table, in that
     * order.
     */
    static List<SeedResult> seed(Connection db, Schema schema, RowCounts rows) throws SQLException {
        return seed(db, schema, rows, Progress.SILENT);
    }

    /**
     * As {@link #seed(Connection, Schema, RowCounts)}, saying on {@code progress} which table it is
     * at.
     */
    static List<SeedResult> seed(Connection db, Schema schema, RowCounts rows, Progress progress)
            throws SQLException {
        return seed(db, schema, Schema.EMPTY, rows, progress);
    }

    /**
     * Seeds {@code schema} with rows that are valid under {@code target} too, where a table of the
     * same name is there: values are taken from the target's CHECKs where they can be read, and
     * rows that still break a target CHECK on columns both sides have are deleted, with the
     * constraint named in the result (a plan cannot be proven on rows its target forbids).
     */
    static List<SeedResult> seed(
            Connection db, Schema schema, Schema target, RowCounts rows, Progress progress)
            throws SQLException {
        return seed(db, null, 1, schema, target, rows, progress);
    }

    /**
     * As {@link #seed(Connection, Schema, Schema, RowCounts, Progress)}, seeding up to {@code
     * threads} tables at a time, each on a session of its own from {@code more} (besides {@code
     * db}): a table waits only for the tables its foreign keys point at, and sees the same parents
     * as when seeding one table at a time, so every table gets the rows it would get then.
     */
    static List<SeedResult> seed(
            Connection db,
            ProbeWorkload.Connections more,
            int threads,
            Schema schema,
            Schema target,
            RowCounts rows,
            Progress progress)
            throws SQLException {
        List<Table> ordered = referencedFirst(schema);
        Timings.Phase setAsideAt = Timings.start();
        // Indexes and foreign keys are built after the data, as a bulk load does; each foreign key
        // is added back validated, so the rows are still checked against it.
        BuiltAfterSeeding later = BuiltAfterSeeding.setAside(db);
        setAsideAt.end("seed: set aside " + later.size() + " indexes and foreign keys");
        Map<QualifiedName, Relation> relations = relations(db, ordered);
        Map<QualifiedName, SeedResult> done = new HashMap<>();
        Set<Long> analyzed = java.util.concurrent.ConcurrentHashMap.newKeySet();
        Set<Long> finished = java.util.concurrent.ConcurrentHashMap.newKeySet();
        List<List<Integer>> levels = levels(ordered);
        int started = 0;
        try (SeedSessions sessions = new SeedSessions(db, more)) {
            for (List<Integer> level : levels) {
                // The tables of earlier levels: their rows are final and no session is at them.
                Set<Long> earlier = Set.copyOf(finished);
                List<java.util.concurrent.Callable<SeedResult>> tasks = new ArrayList<>();
                for (int i : level) {
                    Table table = ordered.get(i);
                    progress.seeding(table.name().toString(), ++started, ordered.size());
                    // Only the tables before this one in the order count as seeded, as when
                    // seeding one table at a time; all of them are done by now.
                    Map<QualifiedName, Long> seeded = new HashMap<>();
                    for (int j = 0; j < i; j++) {
                        QualifiedName before = ordered.get(j).name();
                        if (done.containsKey(before)) {
                            seeded.put(before, done.get(before).inserted());
                        }
                    }
                    tasks.add(
                            () -> {
                                Connection c = sessions.take();
                                try {
                                    SeedResult result =
                                            seedOne(c, schema, target, table, rows, seeded);
                                    Relation relation = relations.get(table.name());
                                    if (relation != null) {
                                        finish(c, later, table, relation, analyzed, earlier);
                                        finished.add(relation.oid());
                                    }
                                    return result;
                                } finally {
                                    sessions.give(c);
                                }
                            });
                }
                List<SeedResult> results = sessions.run(tasks, threads);
                for (int k = 0; k < level.size(); k++) {
                    done.put(ordered.get(level.get(k)).name(), results.get(k));
                }
            }
        }
        List<SeedResult> results = new ArrayList<>();
        for (Table table : ordered) {
            results.add(done.get(table.name()));
        }
        Timings.Phase restoring = Timings.start();
        later.restore(db);
        restoring.end("seed: the foreign keys and indexes left");
        Timings.Phase t = Timings.start();
        analyzeTheRest(db, analyzed);
        t.end("seed: ANALYZE the rest");
        return results;
    }

    /**
     * A table as the database holds it: its oid, and whether it is a plain table (neither
     * partitioned nor a partition), whose statistics are taken as soon as its rows are in.
     */
    record Relation(long oid, boolean plain) {}

    /**
     * The relations of {@code tables}, by name, in one catalog query; a table the database does not
     * hold has none.
     */
    static Map<QualifiedName, Relation> relations(Connection db, List<Table> tables)
            throws SQLException {
        String[] names = tables.stream().map(t -> t.name().sql()).toArray(String[]::new);
        Map<QualifiedName, Relation> out = new HashMap<>();
        try (var ps =
                db.prepareStatement(
                        "SELECT n.i::int, c.oid::bigint, c.relkind = 'r' AND NOT c.relispartition"
                                + " FROM unnest(?::text[]) WITH ORDINALITY AS n(name, i)"
                                + " JOIN pg_class c ON c.oid = to_regclass(n.name)")) {
            ps.setArray(1, db.createArrayOf("text", names));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(
                            tables.get(rs.getInt(1) - 1).name(),
                            new Relation(rs.getLong(2), rs.getBoolean(3)));
                }
            }
        }
        return out;
    }

    /**
     * Once a table's rows are in (other tables may be seeding on other sessions meanwhile): builds
     * its plain indexes again, adds back its foreign keys when they all point at tables of {@code
     * finished}, and takes its statistics, fresh as a database in service has them, so that the
     * plan runs against a realistic planner. Partitions and partitioned tables are left to {@link
     * #analyzeTheRest}, since rows can still go into them through another table.
     */
    private static void finish(
            Connection db,
            BuiltAfterSeeding later,
            Table table,
            Relation relation,
            Set<Long> analyzed,
            Set<Long> finished)
            throws SQLException {
        Timings.Phase t = Timings.start();
        later.restoreIndexesOf(db, relation.oid());
        later.restoreForeignKeysOf(db, relation.oid(), finished);
        if (relation.plain()) {
            execute(db, "ANALYZE " + table.name().sql());
            analyzed.add(relation.oid());
        }
        t.end("seed " + table.name() + ": indexes, foreign keys and ANALYZE");
    }

    /**
     * ANALYZE of every table, partitioned table and materialized view not analyzed when its table
     * was finished (the system catalogs among them): with the tables finished one by one, the
     * database ends with the statistics one ANALYZE of the whole database takes after seeding.
     */
    private static void analyzeTheRest(Connection db, Set<Long> analyzed) throws SQLException {
        List<String> rest = new ArrayList<>();
        try (var ps =
                db.prepareStatement(
                        "SELECT c.oid::bigint, c.oid::regclass::text FROM pg_class c"
                                + " WHERE c.relkind IN ('r', 'm', 'p') AND c.relpersistence <> 't'"
                                + " ORDER BY c.oid")) {
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (!analyzed.contains(rs.getLong(1))) {
                        rest.add(rs.getString(2));
                    }
                }
            }
        }
        if (!rest.isEmpty()) {
            execute(db, "ANALYZE " + String.join(", ", rest));
        }
    }

    /**
     * Deletes the rows of {@code table} that break a CHECK of {@code wanted} (the target's table of
     * that name, or null): such rows make a plan fail that is right for every row the target
     * allows. A CHECK on a column only the target has is the plan's to satisfy and is skipped.
     */
    private static SeedResult keepValidUnder(
            Connection db, Table wanted, Table table, SeedResult result) throws SQLException {
        if (wanted == null || result.inserted() == 0) {
            return result;
        }
        long left = result.inserted();
        List<String> broken = new ArrayList<>();
        for (CheckConstraint check : wanted.checks()) {
            if (table.checks().stream().anyMatch(c -> c.expression().equals(check.expression()))) {
                continue;
            }
            long deleted;
            try (Statement st = db.createStatement()) {
                st.setEscapeProcessing(false);
                // NOT (expr) is NULL where the CHECK holds by NULL: those rows pass, as PostgreSQL
                // lets them.
                deleted =
                        st.executeLargeUpdate(
                                "DELETE FROM "
                                        + table.name().sql()
                                        + " WHERE NOT ("
                                        + check.expression()
                                        + ")");
            } catch (SQLException otherColumns) {
                continue; // it reads a column or object the old schema does not have
            }
            if (deleted > 0) {
                left -= deleted;
                broken.add(check.name());
            }
        }
        if (broken.isEmpty()) {
            return result;
        }
        String why = "rows breaking the target's CHECK " + String.join(", ", broken) + " deleted";
        return left > 0
                ? new SeedResult(table.name(), result.requested(), left, null, why)
                : new SeedResult(
                        table.name(),
                        result.requested(),
                        0,
                        "no seeded row satisfies the target's CHECK " + String.join(", ", broken));
    }

    private static SeedResult seedTable(
            Connection db,
            Schema schema,
            Table wanted,
            Table table,
            long requested,
            Map<QualifiedName, Long> seeded)
            throws SQLException {
        Map<String, String> values = new LinkedHashMap<>();
        List<String> joins = new ArrayList<>();
        Set<String> fkColumns = new HashSet<>();
        Map<ForeignKey, Long> parents = new LinkedHashMap<>();
        int alias = 0;
        for (ForeignKey fk : table.foreignKeys()) {
            long parentRows =
                    fk.target().equals(table.name()) ? 0 : seeded.getOrDefault(fk.target(), 0L);
            fkColumns.addAll(fk.columns());
            if (parentRows == 0) {
                // No keys to point at: NULL is the only value that satisfies the foreign key.
                for (String c : fk.columns()) {
                    Column col = table.column(c).orElse(null);
                    if (col != null && !col.nullable()) {
                        return skipped(
                                table,
                                requested,
                                "NOT NULL column "
                                        + c
                                        + " references "
                                        + fk.target()
                                        + ", which has no rows to reference");
                    }
                }
                continue;
            }
            String p = "p" + alias++;
            List<String> targetCols = fk.targetColumns().stream().map(Seeder::quote).toList();
            String notNull =
                    String.join(" AND ", targetCols.stream().map(c -> c + " IS NOT NULL").toList());
            joins.add(
                    "JOIN (SELECT "
                            + String.join(", ", targetCols)
                            + ", row_number() OVER (ORDER BY "
                            + String.join(", ", targetCols)
                            + ") AS rn FROM "
                            + fk.target().sql()
                            + " WHERE "
                            + notNull
                            + ") "
                            + p
                            + " ON "
                            + p
                            + ".rn = 1 + (g - 1) % "
                            + parentRows);
            for (int i = 0; i < fk.columns().size(); i++) {
                values.put(fk.columns().get(i), p + "." + targetCols.get(i));
            }
            parents.put(fk, parentRows);
        }
        long cap = capForUniqueKeys(table, parents, requested);
        Map<String, String> fromChecks = checkValues(table, schema);
        if (wanted != null) {
            // The target's allowed values, where it states them; the old CHECKs are tried with them
            // below.
            fromChecks.putAll(checkValues(wanted, schema));
        }
        for (Column c : table.columns()) {
            if (fkColumns.contains(c.name()) || filledByServer(c)) {
                continue;
            }
            String value =
                    fromChecks.containsKey(c.name())
                            ? fromChecks.get(c.name()) + "::" + c.type().sql()
                            : valueReadableAsTarget(c, wanted, schema);
            if (value == null) {
                if (!c.nullable() && c.defaultValue() == null) {
                    return skipped(
                            table,
                            requested,
                            "no synthetic value for NOT NULL column "
                                    + c.name()
                                    + " of type "
                                    + c.type().sql());
                }
                continue;
            }
            values.put(c.name(), value);
        }
        String insert = insert(table, values, joins, cap);
        try {
            return new SeedResult(table.name(), requested, execute(db, insert), null);
        } catch (SQLException first) {
            if (!"23514".equals(first.getSQLState())) {
                return skipped(table, requested, firstLine(first));
            }
            // A CHECK we could not read: leave its nullable columns NULL, which every CHECK
            // accepts.
            Map<String, String> fewer = new LinkedHashMap<>(values);
            for (CheckConstraint check : table.checks()) {
                for (Column c : table.columns()) {
                    if (c.nullable()
                            && !fkColumns.contains(c.name())
                            && mentions(check.expression(), c.name())) {
                        fewer.remove(c.name());
                    }
                }
            }
            try {
                return new SeedResult(
                        table.name(),
                        requested,
                        execute(db, insert(table, fewer, joins, cap)),
                        null);
            } catch (SQLException second) {
                return skipped(
                        table, requested, "a CHECK could not be satisfied: " + firstLine(second));
            }
        }
    }

    /**
     * Rows that keep a unique key made only of foreign-key columns unique: child row g points at
     * parent row (g mod parentRows) of each key, so the combination repeats after the least common
     * multiple of the periods, which is at least the longest period.
     */
    private static long capForUniqueKeys(
            Table table, Map<ForeignKey, Long> parents, long requested) {
        Set<String> allFk = new HashSet<>();
        parents.keySet().forEach(f -> allFk.addAll(f.columns()));
        List<List<String>> keys = new ArrayList<>();
        if (table.primaryKey() != null) {
            keys.add(table.primaryKey().columns());
        }
        table.uniques().forEach(u -> keys.add(u.columns()));
        table.indexes().stream()
                .filter(i -> i.unique() && i.predicate() == null)
                .forEach(
                        i ->
                                keys.add(
                                        i.elements().stream()
                                                .map(IndexElement::columnOrExpression)
                                                .toList()));
        long cap = requested;
        for (List<String> key : keys) {
            if (!key.isEmpty() && allFk.containsAll(key)) {
                long longest =
                        parents.entrySet().stream()
                                .filter(e -> e.getKey().columns().stream().anyMatch(key::contains))
                                .mapToLong(Map.Entry::getValue)
                                .max()
                                .orElse(requested);
                cap = Math.min(cap, longest);
            }
        }
        return cap;
    }

    private static boolean filledByServer(Column c) {
        return c.identity() != IdentityKind.NONE
                || c.generatedExpression() != null
                || (c.defaultValue() != null
                        && c.defaultValue()
                                .expression()
                                .toLowerCase(Locale.ROOT)
                                .contains("nextval("));
    }

    private static String insert(
            Table table, Map<String, String> values, List<String> joins, long rows) {
        if (values.isEmpty()) {
            return "INSERT INTO "
                    + table.name().sql()
                    + " SELECT FROM generate_series(1, "
                    + rows
                    + ") AS g";
        }
        return "INSERT INTO "
                + table.name().sql()
                + " ("
                + String.join(", ", values.keySet().stream().map(Seeder::quote).toList())
                + ") SELECT "
                + String.join(", ", values.values())
                + " FROM generate_series(1::bigint, "
                + rows
                + ") AS g "
                + String.join(" ", joins);
    }

    private static long execute(Connection db, String sql) throws SQLException {
        try (Statement st = db.createStatement()) {
            st.setEscapeProcessing(false);
            return st.executeLargeUpdate(sql);
        }
    }

    /**
     * Values the table's CHECKs allow, for the simple forms: IN lists, = ANY(ARRAY[...]), BETWEEN,
     * and integer bounds (>, >=, <, <=), combined per column.
     */
    private static Map<String, String> checkValues(Table table, Schema schema) {
        Map<String, String> values = new HashMap<>();
        Map<String, Long> lowest = new HashMap<>();
        Map<String, Long> highest = new HashMap<>();
        for (CheckConstraint check : table.checks()) {
            String e = check.expression();
            Matcher m = IN_LIST.matcher(e);
            while (m.find()) {
                putCycle(values, fold(m.group(1)), m.group(2));
            }
            m = ANY_ARRAY.matcher(e);
            while (m.find()) {
                putCycle(values, fold(m.group(1)), m.group(2));
            }
            m = BETWEEN.matcher(e);
            while (m.find()) {
                bound(lowest, m.group(1), m.group(2), 0, Math::max);
                bound(highest, m.group(1), m.group(3), 0, Math::min);
            }
            m = AT_LEAST.matcher(e);
            while (m.find()) {
                bound(lowest, m.group(1), m.group(3), m.group(2).equals(">") ? 1 : 0, Math::max);
            }
            m = AT_MOST.matcher(e);
            while (m.find()) {
                bound(highest, m.group(1), m.group(3), m.group(2).equals("<") ? -1 : 0, Math::min);
            }
        }
        // PostgreSQL stores BETWEEN as (c >= lo) AND (c <= hi), so a catalog's range is its two
        // bounds, which may come from different CHECKs: cycle through the range where both are
        // known, count away from the one bound otherwise (g starts at 1).
        for (Map.Entry<String, Long> low : lowest.entrySet()) {
            Long high = highest.get(low.getKey());
            if (high == null) {
                values.putIfAbsent(low.getKey(), "(" + (low.getValue() - 1) + " + g)");
            } else if (high >= low.getValue()) {
                values.put(
                        low.getKey(),
                        "(" + low.getValue() + " + g % " + (high - low.getValue() + 1) + ")");
            }
        }
        for (Map.Entry<String, Long> high : highest.entrySet()) {
            if (!lowest.containsKey(high.getKey())) {
                values.putIfAbsent(high.getKey(), "(" + (high.getValue() + 1) + " - g)");
            }
        }
        return values;
    }

    /**
     * Merges one bound of a column, made inclusive by {@code step}; a literal too long for a {@code
     * long} (far outside any range a generated row reaches) is left out.
     */
    private static void bound(
            Map<String, Long> bounds,
            String column,
            String literal,
            int step,
            java.util.function.BinaryOperator<Long> tighter) {
        if (literal.replace("-", "").length() <= 15) {
            bounds.merge(fold(column), Long.parseLong(literal) + step, tighter);
        }
    }

    private static void putCycle(Map<String, String> values, String column, String list) {
        List<String> literals = new ArrayList<>();
        Matcher lit = LITERAL.matcher(list);
        while (lit.find()) {
            literals.add(lit.group(1) != null ? "'" + lit.group(1) + "'" : lit.group(2));
        }
        if (!literals.isEmpty()) {
            values.put(
                    column,
                    "(ARRAY["
                            + String.join(", ", literals)
                            + "])[1 + g % "
                            + literals.size()
                            + "]");
        }
    }

    /**
     * A value for a text column that the target turns into another type (Keycloak's varchar
     * POLICY_ENFORCE_MODE becoming a smallint by a CAST): the target type's value written as text,
     * as the application stored it, so that the conversion the plan runs is tried on rows it can
     * convert. Any other column: {@link #valueOf}.
     */
    private static String valueReadableAsTarget(Column c, Table wanted, Schema schema) {
        Column later = wanted == null ? null : wanted.column(c.name()).orElse(null);
        boolean textNow =
                switch (c.type().name()) {
                    case "text", "character varying", "character" ->
                            c.type().arrayDimensions() == 0;
                    default -> false;
                };
        if (later == null || !textNow || later.type().name().equals(c.type().name())) {
            return valueOf(c.type(), schema);
        }
        String asTarget = valueOf(later.type(), schema);
        return asTarget == null
                ? valueOf(c.type(), schema)
                : "(" + asTarget + ")::text::" + c.type().sql();
    }

    /** A distinct value per row {@code g} of that type, or null when we know no way to make one. */
    static String valueOf(SqlType type, Schema schema) {
        if (type.arrayDimensions() > 0) {
            String element = valueOf(new SqlType(type.name(), type.modifiers(), 0), schema);
            return element == null ? null : "ARRAY[" + element + "]::" + type.sql();
        }
        List<Integer> mods = type.modifiers();
        String v =
                switch (type.name()) {
                    case "smallint" -> "(g % 32767)";
                    case "integer" -> "g::integer";
                    case "bigint" -> "g";
                    case "numeric" -> numeric(mods);
                    case "real", "double precision" -> "g::double precision";
                    case "text", "character varying", "character", "name", "citext" ->
                            mods.isEmpty()
                                    ? "('v' || g || '@x.io')"
                                    : "left('v' || g || '@x.io', " + mods.get(0) + ")";
                    case "boolean" -> "(g % 2 = 0)";
                    case "date" -> "(date '2000-01-01' + (g % 36500)::integer)";
                    case "timestamp without time zone", "timestamp with time zone" ->
                            "(timestamp '2000-01-01' + g * interval '1 second')";
                    case "time without time zone", "time with time zone" ->
                            "(time '00:00' + (g % 86400) * interval '1 second')";
                    case "interval" -> "(g * interval '1 second')";
                    case "uuid" -> "md5(g::text)::uuid";
                    case "json", "jsonb" -> "json_build_object('n', g)";
                    case "bytea" -> "decode(md5(g::text), 'hex')";
                    case "inet" -> "('10.0.0.0'::inet + g)";
                    default -> enumValue(type, schema);
                };
        return v == null ? null : v + "::" + type.sql();
    }

    private static String numeric(List<Integer> mods) {
        if (mods.isEmpty()) {
            return "g::numeric";
        }
        int digits = mods.get(0) - (mods.size() > 1 ? mods.get(1) : 0);
        if (digits <= 0) {
            return "0";
        }
        return "(g % " + "1" + "0".repeat(Math.min(digits, 18)) + ")";
    }

    private static String enumValue(SqlType type, Schema schema) {
        for (EnumType e : schema.enums().values()) {
            if (e.name().name().equals(type.name()) || e.name().toString().equals(type.name())) {
                return e.values().isEmpty()
                        ? null
                        : "(enum_range(NULL::"
                                + e.name().sql()
                                + "))[1 + g % "
                                + e.values().size()
                                + "]";
            }
        }
        return null;
    }

    /** Seeds one table on {@code db}, with the parents seeded before it in {@code seeded}. */
    private static SeedResult seedOne(
            Connection db,
            Schema schema,
            Schema target,
            Table table,
            RowCounts rows,
            Map<QualifiedName, Long> seeded)
            throws SQLException {
        long requested = rows.forTable(table.name());
        Timings.Phase t = Timings.start();
        SeedResult result =
                requested == 0
                        ? new SeedResult(table.name(), 0, 0, null)
                        : keepValidUnder(
                                db,
                                target.tables().get(table.name()),
                                table,
                                seedTable(
                                        db,
                                        schema,
                                        target.tables().get(table.name()),
                                        table,
                                        requested,
                                        seeded));
        t.end("seed " + table.name());
        return result;
    }

    /**
     * The positions of {@code ordered} in groups that can be seeded together: each table comes one
     * group after the latest of the tables before it that its foreign keys point at.
     */
    static List<List<Integer>> levels(List<Table> ordered) {
        Map<QualifiedName, Integer> levelOf = new HashMap<>();
        List<List<Integer>> levels = new ArrayList<>();
        for (int i = 0; i < ordered.size(); i++) {
            Table table = ordered.get(i);
            int level = 0;
            for (ForeignKey fk : table.foreignKeys()) {
                Integer parent = levelOf.get(fk.target());
                if (parent != null && !fk.target().equals(table.name())) {
                    level = Math.max(level, parent + 1);
                }
            }
            levelOf.put(table.name(), level);
            while (levels.size() <= level) {
                levels.add(new ArrayList<>());
            }
            levels.get(level).add(i);
        }
        return levels;
    }

    /** The seeding sessions: verify's own, and more opened on first need, closed at the end. */
    private static final class SeedSessions implements AutoCloseable {
        private final ProbeWorkload.Connections more;
        private final java.util.concurrent.BlockingDeque<Connection> idle =
                new java.util.concurrent.LinkedBlockingDeque<>();
        private final List<Connection> opened = new ArrayList<>();

        SeedSessions(Connection db, ProbeWorkload.Connections more) {
            this.more = more;
            idle.add(db);
        }

        Connection take() throws InterruptedException {
            return idle.takeFirst();
        }

        void give(Connection c) {
            idle.addFirst(c);
        }

        /** Runs the tasks on up to {@code threads} sessions at once; their results in order. */
        List<SeedResult> run(List<java.util.concurrent.Callable<SeedResult>> tasks, int threads)
                throws SQLException {
            int parallel = more == null ? 1 : Math.max(1, Math.min(threads, tasks.size()));
            List<SeedResult> results = new ArrayList<>();
            if (parallel == 1) {
                for (var task : tasks) {
                    results.add(call(task));
                }
                return results;
            }
            while (opened.size() + 1 < parallel) {
                // Closed by close(), with every session this opened.
                opened.add(more.open());
                idle.addLast(opened.get(opened.size() - 1));
            }
            java.util.concurrent.ExecutorService pool =
                    java.util.concurrent.Executors.newFixedThreadPool(
                            parallel,
                            r -> {
                                Thread thread = new Thread(r, "evoplan-seed");
                                thread.setDaemon(true);
                                return thread;
                            });
            try {
                List<java.util.concurrent.Future<SeedResult>> futures = new ArrayList<>();
                for (var task : tasks) {
                    futures.add(pool.submit(task));
                }
                for (var future : futures) {
                    try {
                        results.add(future.get());
                    } catch (java.util.concurrent.ExecutionException e) {
                        if (e.getCause() instanceof SQLException sql) {
                            throw sql;
                        }
                        if (e.getCause() instanceof RuntimeException unchecked) {
                            throw unchecked;
                        }
                        throw new IllegalStateException(e.getCause());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new SQLException("interrupted while seeding", e);
                    }
                }
                return results;
            } finally {
                pool.shutdownNow();
            }
        }

        private static SeedResult call(java.util.concurrent.Callable<SeedResult> task)
                throws SQLException {
            try {
                return task.call();
            } catch (SQLException | RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void close() throws SQLException {
            // Every session is closed even when one fails to close; the first failure is thrown.
            SQLException first = null;
            for (int i = 0; i < opened.size(); i++) {
                try {
                    opened.get(i).close();
                } catch (SQLException e) {
                    if (first == null) {
                        first = e;
                    } else {
                        first.addSuppressed(e);
                    }
                }
            }
            if (first != null) {
                throw first;
            }
        }
    }

    /**
     * Tables in an order where each comes after the tables its foreign keys reference (cycles
     * broken arbitrarily).
     */
    private static List<Table> referencedFirst(Schema schema) {
        Set<QualifiedName> done = new LinkedHashSet<>();
        for (QualifiedName name : schema.tables().keySet()) {
            visit(schema, name, done, new HashSet<>());
        }
        return done.stream().map(schema.tables()::get).toList();
    }

    private static void visit(
            Schema schema, QualifiedName name, Set<QualifiedName> done, Set<QualifiedName> path) {
        Table t = schema.tables().get(name);
        if (t == null || done.contains(name) || !path.add(name)) {
            return;
        }
        for (ForeignKey fk : t.foreignKeys()) {
            visit(schema, fk.target(), done, path);
        }
        done.add(name);
    }

    private static boolean mentions(String expression, String column) {
        return Pattern.compile("\\b" + Pattern.quote(column) + "\\b", Pattern.CASE_INSENSITIVE)
                .matcher(expression)
                .find();
    }

    private static SeedResult skipped(Table table, long requested, String why) {
        return new SeedResult(table.name(), requested, 0, why);
    }

    private static String quote(String column) {
        return dev.evoplan.model.Identifiers.quote(column);
    }

    private static String fold(String written) {
        return written.toLowerCase(Locale.ROOT);
    }

    private static String firstLine(SQLException e) {
        String m = e.getMessage() == null ? e.toString() : e.getMessage().strip();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    /** Counts the rows of a table, for tests and the report. */
    static long count(Connection db, QualifiedName table) throws SQLException {
        try (Statement st = db.createStatement();
                ResultSet rs = st.executeQuery("SELECT count(*) FROM " + table.sql())) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
