package dev.evoplan.verify;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;

/**
 * Pairs of PostgreSQL schemas written as SQL, from a seed: an old schema, and a new one a few edits
 * away (tables, columns of many types, defaults, NOT NULL, identity and serial keys, uniques,
 * checks, indexes of several kinds, foreign keys, enums, sequences, views, comments). Both sides
 * are valid on PostgreSQL 14+ by construction: every default, check and foreign key is written for
 * the type its column has on that side, and views name only columns that exist. The same seed
 * always gives the same pair, so a mismatch is reproduced by its seed alone.
 */
final class RandomSchemaPairs {

    /** One pair and the edits that made the new side, for the message of a failing case. */
    record Pair(long seed, String oldSql, String newSql, List<String> edits) {
        @Override
        public String toString() {
            return "seed "
                    + seed
                    + " edits "
                    + edits
                    + "\n-- old\n"
                    + oldSql
                    + "\n-- new\n"
                    + newSql;
        }
    }

    private static final List<String> TYPES =
            List.of(
                    "bigint",
                    "integer",
                    "smallint",
                    "text",
                    "varchar(20)",
                    "varchar(40)",
                    "numeric(10,2)",
                    "boolean",
                    "timestamptz",
                    "date",
                    "jsonb",
                    "uuid");

    /** Type changes a team makes; the new side's defaults and checks follow the new type. */
    private static final Map<String, List<String>> TYPE_CHANGES =
            Map.ofEntries(
                    Map.entry("smallint", List.of("integer", "bigint")),
                    Map.entry("integer", List.of("bigint", "numeric(10,2)", "smallint")),
                    Map.entry("bigint", List.of("numeric(10,2)", "integer")),
                    Map.entry("varchar(20)", List.of("varchar(40)", "text")),
                    Map.entry("varchar(40)", List.of("text", "varchar(20)")),
                    Map.entry("text", List.of("varchar(40)")),
                    Map.entry("numeric(10,2)", List.of("numeric(12,2)", "numeric(10,2)")),
                    Map.entry("numeric(12,2)", List.of("numeric(10,2)")),
                    Map.entry("timestamptz", List.of("timestamp")),
                    Map.entry("timestamp", List.of("timestamptz")),
                    Map.entry("date", List.of("timestamptz")),
                    Map.entry("boolean", List.of("boolean")),
                    Map.entry("jsonb", List.of("jsonb")),
                    Map.entry("uuid", List.of("uuid")));

    private static final List<String> LABELS =
            List.of("new", "active", "paused", "closed", "archived");

    private RandomSchemaPairs() {}

    static Pair pair(long seed) {
        Random r = new Random(seed);
        Db old = generate(r);
        Db changed = old.copy();
        List<String> edits = new ArrayList<>();
        int count = 1 + r.nextInt(4);
        for (int i = 0; i < count; i++) {
            edits.add(edit(changed, r));
        }
        changed.repairViews(r);
        return new Pair(seed, old.sql(), changed.sql(), edits);
    }

    // ---- the generator's own small model; rendered to SQL as a person would write it ----

    static final class Col {
        String name;
        String type;
        boolean notNull;
        String def;

        /** "identity", "serial" or null. */
        String key;

        String check;
        String comment;

        Col copy() {
            Col c = new Col();
            c.name = name;
            c.type = type;
            c.notNull = notNull;
            c.def = def;
            c.key = key;
            c.check = check;
            c.comment = comment;
            return c;
        }
    }

    record Idx(
            String name,
            boolean unique,
            String method,
            List<String> columns,
            boolean lower,
            String where) {}

    record Fk(String name, String column, String target, String onDelete) {}

    static final class Tbl {
        String name;
        List<Col> cols = new ArrayList<>();
        boolean pk;
        List<Idx> indexes = new ArrayList<>();
        List<Fk> fks = new ArrayList<>();

        /** Column name of a named UNIQUE constraint, or null. */
        String uniqueColumn;

        String comment;

        Tbl copy() {
            Tbl t = new Tbl();
            t.name = name;
            cols.forEach(c -> t.cols.add(c.copy()));
            t.pk = pk;
            t.indexes = new ArrayList<>(indexes);
            t.fks = new ArrayList<>(fks);
            t.uniqueColumn = uniqueColumn;
            t.comment = comment;
            return t;
        }

        Col col(String n) {
            return cols.stream().filter(c -> c.name.equals(n)).findFirst().orElse(null);
        }
    }

    record ViewDef(String name, String table, List<String> columns, String where) {}

    static final class Db {
        List<String> enumLabels;
        Map<String, Tbl> tables = new LinkedHashMap<>();
        List<ViewDef> views = new ArrayList<>();
        Integer sequenceIncrement;

        Db copy() {
            Db d = new Db();
            d.enumLabels = enumLabels == null ? null : new ArrayList<>(enumLabels);
            tables.forEach((k, v) -> d.tables.put(k, v.copy()));
            d.views = new ArrayList<>(views);
            d.sequenceIncrement = sequenceIncrement;
            return d;
        }

        /** Views that name a column or table the edits removed are redefined over what exists. */
        void repairViews(Random r) {
            List<ViewDef> kept = new ArrayList<>();
            for (ViewDef v : views) {
                Tbl t = tables.get(v.table());
                if (t == null) {
                    continue;
                }
                List<String> columns = v.columns().stream().filter(c -> t.col(c) != null).toList();
                if (columns.isEmpty()) {
                    continue;
                }
                String where = v.where() != null && t.col(v.where()) != null ? v.where() : null;
                kept.add(new ViewDef(v.name(), v.table(), columns, where));
            }
            views = kept;
        }

        String sql() {
            StringBuilder out = new StringBuilder();
            if (enumLabels != null) {
                out.append("CREATE TYPE mood AS ENUM (")
                        .append(
                                enumLabels.stream()
                                        .map(l -> "'" + l + "'")
                                        .collect(Collectors.joining(", ")))
                        .append(");\n");
            }
            if (sequenceIncrement != null) {
                out.append("CREATE SEQUENCE ticket_no INCREMENT BY ")
                        .append(sequenceIncrement)
                        .append(";\n");
            }
            List<Tbl> ordered = dependencyOrder();
            for (Tbl t : ordered) {
                out.append("CREATE TABLE ").append(t.name).append(" (\n");
                List<String> parts = new ArrayList<>();
                for (Col c : t.cols) {
                    StringBuilder col = new StringBuilder("    ").append(c.name).append(' ');
                    if ("serial".equals(c.key)) {
                        col.append("bigserial");
                    } else {
                        col.append(c.type);
                        if ("identity".equals(c.key)) {
                            col.append(" GENERATED BY DEFAULT AS IDENTITY");
                        }
                    }
                    if (c.notNull && c.key == null) {
                        col.append(" NOT NULL");
                    }
                    if (c.def != null && c.key == null) {
                        col.append(" DEFAULT ").append(c.def);
                    }
                    if (c.check != null) {
                        col.append(" CONSTRAINT ")
                                .append(t.name)
                                .append('_')
                                .append(c.name)
                                .append("_check CHECK (")
                                .append(c.check)
                                .append(')');
                    }
                    parts.add(col.toString());
                }
                if (t.pk) {
                    parts.add("    CONSTRAINT " + t.name + "_pkey PRIMARY KEY (id)");
                }
                if (t.uniqueColumn != null) {
                    parts.add(
                            "    CONSTRAINT "
                                    + t.name
                                    + "_"
                                    + t.uniqueColumn
                                    + "_key UNIQUE ("
                                    + t.uniqueColumn
                                    + ")");
                }
                for (Fk fk : t.fks) {
                    parts.add(
                            "    CONSTRAINT "
                                    + fk.name()
                                    + " FOREIGN KEY ("
                                    + fk.column()
                                    + ") REFERENCES "
                                    + fk.target()
                                    + " (id)"
                                    + (fk.onDelete() == null ? "" : " ON DELETE " + fk.onDelete()));
                }
                out.append(String.join(",\n", parts)).append("\n);\n");
                for (Idx i : t.indexes) {
                    out.append("CREATE ")
                            .append(i.unique() ? "UNIQUE " : "")
                            .append("INDEX ")
                            .append(i.name())
                            .append(" ON ")
                            .append(t.name)
                            .append(" USING ")
                            .append(i.method())
                            .append(" (")
                            .append(
                                    i.lower()
                                            ? "lower(" + i.columns().get(0) + ")"
                                            : String.join(", ", i.columns()))
                            .append(')')
                            .append(i.where() == null ? "" : " WHERE " + i.where())
                            .append(";\n");
                }
                if (t.comment != null) {
                    out.append("COMMENT ON TABLE ")
                            .append(t.name)
                            .append(" IS '")
                            .append(t.comment)
                            .append("';\n");
                }
                for (Col c : t.cols) {
                    if (c.comment != null) {
                        out.append("COMMENT ON COLUMN ")
                                .append(t.name)
                                .append('.')
                                .append(c.name)
                                .append(" IS '")
                                .append(c.comment)
                                .append("';\n");
                    }
                }
            }
            for (ViewDef v : views) {
                out.append("CREATE VIEW ")
                        .append(v.name())
                        .append(" AS SELECT ")
                        .append(String.join(", ", v.columns()))
                        .append(" FROM ")
                        .append(v.table())
                        .append(v.where() == null ? "" : " WHERE " + v.where() + " IS NOT NULL")
                        .append(";\n");
            }
            return out.toString();
        }

        /** Referenced tables first: a foreign key names a table already created. */
        private List<Tbl> dependencyOrder() {
            List<Tbl> out = new ArrayList<>();
            List<Tbl> left = new ArrayList<>(tables.values());
            while (!left.isEmpty()) {
                boolean progressed = false;
                for (Tbl t : List.copyOf(left)) {
                    boolean ready =
                            t.fks.stream()
                                    .allMatch(
                                            fk ->
                                                    fk.target().equals(t.name)
                                                            || out.stream()
                                                                    .anyMatch(
                                                                            o ->
                                                                                    o.name.equals(
                                                                                            fk
                                                                                                    .target())));
                    if (ready) {
                        out.add(t);
                        left.remove(t);
                        progressed = true;
                    }
                }
                if (!progressed) {
                    throw new IllegalStateException("foreign key cycle in generated schema");
                }
            }
            return out;
        }
    }

    private static Db generate(Random r) {
        Db db = new Db();
        if (r.nextDouble() < 0.4) {
            db.enumLabels = new ArrayList<>(LABELS.subList(0, 2 + r.nextInt(2)));
        }
        if (r.nextDouble() < 0.3) {
            db.sequenceIncrement = 1 + r.nextInt(5);
        }
        int tables = 1 + r.nextInt(3);
        for (int i = 0; i < tables; i++) {
            Tbl t = table("t" + i, r, db);
            db.tables.put(t.name, t);
        }
        for (Tbl t : db.tables.values()) {
            if (r.nextDouble() < 0.4) {
                addForeignKey(t, db, r);
            }
        }
        if (r.nextDouble() < 0.4) {
            addView(db, "v0", r);
        }
        return db;
    }

    private static Tbl table(String name, Random r, Db db) {
        Tbl t = new Tbl();
        t.name = name;
        Col id = new Col();
        id.name = "id";
        id.type = "bigint";
        id.notNull = true;
        double k = r.nextDouble();
        id.key = k < 0.3 ? "identity" : k < 0.5 ? "serial" : null;
        t.cols.add(id);
        t.pk = r.nextDouble() < 0.85;
        int columns = 1 + r.nextInt(4);
        for (int i = 0; i < columns; i++) {
            t.cols.add(column("c" + i, r, db));
        }
        if (r.nextDouble() < 0.25) {
            t.uniqueColumn = t.cols.get(1).name;
        }
        int indexes = r.nextInt(3);
        for (int i = 0; i < indexes; i++) {
            addIndex(t, r);
        }
        if (r.nextDouble() < 0.2) {
            t.comment = "table " + name;
        }
        return t;
    }

    private static Col column(String name, Random r, Db db) {
        Col c = new Col();
        c.name = name;
        List<String> types = new ArrayList<>(TYPES);
        if (db.enumLabels != null) {
            types.add("mood");
        }
        c.type = types.get(r.nextInt(types.size()));
        c.notNull = r.nextDouble() < 0.4;
        if (r.nextDouble() < 0.35) {
            c.def = defaultFor(c.type, db, r);
        }
        if (r.nextDouble() < 0.2) {
            c.check = checkFor(c.name, c.type);
        }
        if (r.nextDouble() < 0.15) {
            c.comment = "column " + name;
        }
        return c;
    }

    /** A default valid for {@code type}; null where the type has none in the pool. */
    static String defaultFor(String type, Db db, Random r) {
        return switch (family(type)) {
            case "int" -> List.of("0", "42").get(r.nextInt(2));
            case "num" -> "0";
            case "text" -> List.of("'x'", "''").get(r.nextInt(2));
            case "bool" -> List.of("false", "true").get(r.nextInt(2));
            case "time" -> "now()";
            case "date" -> "CURRENT_DATE";
            case "json" -> "'{}'::jsonb";
            case "uuid" -> "gen_random_uuid()";
            case "enum" -> db.enumLabels == null ? null : "'" + db.enumLabels.get(0) + "'";
            default -> null;
        };
    }

    /** A check valid for {@code type}; null where none is written. */
    static String checkFor(String column, String type) {
        return switch (family(type)) {
            case "int", "num" -> column + " >= 0";
            case "text" -> "char_length(" + column + ") < 1000";
            default -> null;
        };
    }

    private static String family(String type) {
        if (type.equals("bigint") || type.equals("integer") || type.equals("smallint")) {
            return "int";
        }
        if (type.startsWith("numeric")) {
            return "num";
        }
        if (type.equals("text") || type.startsWith("varchar")) {
            return "text";
        }
        return switch (type) {
            case "boolean" -> "bool";
            case "timestamptz", "timestamp" -> "time";
            case "date" -> "date";
            case "jsonb" -> "json";
            case "uuid" -> "uuid";
            case "mood" -> "enum";
            default -> "other";
        };
    }

    private static void addIndex(Tbl t, Random r) {
        List<Col> candidates =
                t.cols.stream()
                        .filter(c -> !c.name.equals("id") && !c.type.equals("jsonb"))
                        .toList();
        if (candidates.isEmpty()) {
            return;
        }
        Col c = candidates.get(r.nextInt(candidates.size()));
        String name =
                t.name + "_" + c.name + "_idx" + (t.indexes.size() == 0 ? "" : t.indexes.size());
        if (t.indexes.stream().anyMatch(i -> i.name().equals(name))) {
            return;
        }
        double k = r.nextDouble();
        Idx idx;
        if (k < 0.15 && family(c.type).equals("text")) {
            idx = new Idx(name, false, "btree", List.of(c.name), true, null);
        } else if (k < 0.3) {
            idx = new Idx(name, false, "hash", List.of(c.name), false, null);
        } else if (k < 0.45) {
            idx = new Idx(name, true, "btree", List.of(c.name), false, null);
        } else if (k < 0.6) {
            idx = new Idx(name, false, "btree", List.of(c.name), false, c.name + " IS NOT NULL");
        } else if (k < 0.75) {
            idx = new Idx(name, false, "btree", List.of(c.name, "id"), false, null);
        } else {
            idx = new Idx(name, false, "btree", List.of(c.name), false, null);
        }
        t.indexes.add(idx);
    }

    /** A {@code <target>_id bigint} column referencing a table with a primary key on id. */
    private static void addForeignKey(Tbl t, Db db, Random r) {
        List<Tbl> targets =
                db.tables.values().stream()
                        .filter(
                                x ->
                                        x.pk
                                                && !x.name.equals(t.name)
                                                && !references(db, x.name, t.name))
                        .toList();
        if (targets.isEmpty()) {
            return;
        }
        Tbl target = targets.get(r.nextInt(targets.size()));
        String column = target.name + "_id";
        if (t.col(column) != null) {
            return;
        }
        Col c = new Col();
        c.name = column;
        c.type = "bigint";
        c.notNull = r.nextDouble() < 0.3;
        t.cols.add(c);
        String onDelete = List.of("", "CASCADE", "SET NULL").get(r.nextInt(3));
        if (onDelete.equals("SET NULL") && c.notNull) {
            onDelete = "CASCADE";
        }
        t.fks.add(
                new Fk(
                        t.name + "_" + column + "_fkey",
                        column,
                        target.name,
                        onDelete.isEmpty() ? null : onDelete));
    }

    /**
     * Whether {@code from} reaches {@code to} through foreign keys (no cycles: tables are created
     * in order).
     */
    private static boolean references(Db db, String from, String to) {
        Tbl t = db.tables.get(from);
        if (t == null) {
            return false;
        }
        for (Fk fk : t.fks) {
            if (fk.target().equals(to) || references(db, fk.target(), to)) {
                return true;
            }
        }
        return false;
    }

    private static void addView(Db db, String name, Random r) {
        if (db.tables.isEmpty() || db.views.stream().anyMatch(v -> v.name().equals(name))) {
            return;
        }
        List<Tbl> tables = List.copyOf(db.tables.values());
        Tbl t = tables.get(r.nextInt(tables.size()));
        List<String> columns = new ArrayList<>();
        columns.add("id");
        Col other = t.cols.get(r.nextInt(t.cols.size()));
        if (!other.name.equals("id")) {
            columns.add(other.name);
        }
        db.views.add(new ViewDef(name, t.name, columns, r.nextBoolean() ? other.name : null));
    }

    /** One edit of the new side; returns what it did. */
    private static String edit(Db db, Random r) {
        List<Tbl> tables = List.copyOf(db.tables.values());
        int kind = r.nextInt(17);
        if (tables.isEmpty() || kind == 0) {
            String name = "t" + (db.tables.size() + 10);
            Tbl t = table(name, r, db);
            db.tables.put(name, t);
            if (r.nextBoolean()) {
                addForeignKey(t, db, r);
            }
            return "add table " + name;
        }
        Tbl t = tables.get(r.nextInt(tables.size()));
        List<Col> plain = t.cols.stream().filter(c -> !c.name.equals("id")).toList();
        Col c = plain.isEmpty() ? null : plain.get(r.nextInt(plain.size()));
        switch (kind) {
            case 1 -> {
                boolean referenced =
                        db.tables.values().stream()
                                .anyMatch(
                                        o ->
                                                o != t
                                                        && o.fks.stream()
                                                                .anyMatch(
                                                                        fk ->
                                                                                fk.target()
                                                                                        .equals(
                                                                                                t.name)));
                if (referenced) {
                    return "keep referenced table " + t.name;
                }
                db.tables.remove(t.name);
                return "drop table " + t.name;
            }
            case 2 -> {
                String name = "n" + t.cols.size();
                while (t.col(name) != null) {
                    name += "x";
                }
                Col n = column(name, r, db);
                t.cols.add(n);
                return "add column "
                        + t.name
                        + "."
                        + n.name
                        + " "
                        + n.type
                        + (n.notNull ? " not null" : "")
                        + (n.def != null ? " default " + n.def : "");
            }
            case 3 -> {
                if (c == null || isKeyed(t, c)) {
                    return "keep column";
                }
                t.cols.remove(c);
                t.indexes.removeIf(
                        i ->
                                i.columns().contains(c.name)
                                        || c.name.equals(
                                                i.where() == null
                                                        ? null
                                                        : i.where().split(" ")[0]));
                return "drop column " + t.name + "." + c.name;
            }
            case 4 -> {
                if (c == null || isKeyed(t, c) || c.type.equals("mood")) {
                    return "keep type";
                }
                List<String> next = TYPE_CHANGES.get(c.type);
                String type = next.get(r.nextInt(next.size()));
                if (type.equals(c.type)) {
                    return "keep type " + type;
                }
                String was = c.type;
                c.type = type;
                // A default or check written for the old type is rewritten for the new one.
                if (c.def != null) {
                    c.def = defaultFor(type, db, r);
                }
                if (c.check != null) {
                    c.check = checkFor(c.name, type);
                }
                if (!family(was).equals("text") && family(type).equals("text")) {
                    t.indexes.removeIf(i -> i.lower() && i.columns().contains(c.name));
                }
                return "type " + t.name + "." + c.name + " " + was + " -> " + type;
            }
            case 5 -> {
                if (c == null || c.key != null) {
                    return "keep null";
                }
                c.notNull = !c.notNull;
                return (c.notNull ? "set" : "drop") + " not null " + t.name + "." + c.name;
            }
            case 6 -> {
                if (c == null) {
                    return "keep default";
                }
                c.def = c.def == null ? defaultFor(c.type, db, r) : null;
                return "default " + t.name + "." + c.name + " " + c.def;
            }
            case 7 -> {
                addIndex(t, r);
                return "add index on " + t.name;
            }
            case 8 -> {
                if (t.indexes.isEmpty()) {
                    return "keep indexes";
                }
                Idx gone = t.indexes.remove(r.nextInt(t.indexes.size()));
                return "drop index " + gone.name();
            }
            case 9 -> {
                if (c == null) {
                    return "keep check";
                }
                c.check = c.check == null ? checkFor(c.name, c.type) : null;
                return "check " + t.name + "." + c.name + " " + c.check;
            }
            case 10 -> {
                if (t.uniqueColumn != null) {
                    t.uniqueColumn = null;
                    return "drop unique on " + t.name;
                }
                if (c == null || c.type.equals("jsonb")) {
                    return "keep unique";
                }
                t.uniqueColumn = c.name;
                return "add unique " + t.name + "." + c.name;
            }
            case 11 -> {
                if (!t.fks.isEmpty()) {
                    Fk gone = t.fks.remove(0);
                    return "drop foreign key " + gone.name();
                }
                addForeignKey(t, db, r);
                return "add foreign key on " + t.name;
            }
            case 12 -> {
                if (db.enumLabels == null) {
                    db.enumLabels = new ArrayList<>(LABELS.subList(0, 2));
                    return "create enum";
                }
                if (db.enumLabels.size() < LABELS.size()) {
                    db.enumLabels.add(LABELS.get(db.enumLabels.size()));
                    return "add enum label";
                }
                return "keep enum";
            }
            case 13 -> {
                // Boxed on purpose: a conditional mixing null and int would unbox the null.
                Integer next =
                        db.sequenceIncrement == null
                                ? Integer.valueOf(1 + r.nextInt(5))
                                : r.nextBoolean()
                                        ? null
                                        : Integer.valueOf(db.sequenceIncrement % 5 + 1);
                db.sequenceIncrement = next;
                return "sequence " + db.sequenceIncrement;
            }
            case 14 -> {
                if (db.views.isEmpty() || r.nextBoolean()) {
                    addView(db, "v" + (db.views.size() + 1), r);
                    return "add view";
                }
                ViewDef v = db.views.remove(r.nextInt(db.views.size()));
                return "drop view " + v.name();
            }
            case 15 -> {
                t.comment = t.comment == null ? "table " + t.name + " v2" : null;
                return "comment on " + t.name;
            }
            default -> {
                if (c == null) {
                    return "keep comment";
                }
                c.comment = c.comment == null ? "now described" : null;
                return "comment on " + t.name + "." + c.name;
            }
        }
    }

    /**
     * A column that a foreign key or the unique constraint uses is left as it is by type and drop
     * edits.
     */
    private static boolean isKeyed(Tbl t, Col c) {
        return c.name.equals(t.uniqueColumn)
                || t.fks.stream().anyMatch(fk -> fk.column().equals(c.name));
    }
}
