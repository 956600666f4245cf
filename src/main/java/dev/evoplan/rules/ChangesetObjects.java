package dev.evoplan.rules;

import dev.evoplan.model.Column;
import dev.evoplan.model.IdentityKind;
import dev.evoplan.model.InsertedRows;
import dev.evoplan.model.PreconditionRead;
import dev.evoplan.model.QualifiedName;
import dev.evoplan.model.Schema;
import dev.evoplan.model.SchemaEdits;
import dev.evoplan.model.SchemaObject;
import dev.evoplan.model.SourceChange;
import dev.evoplan.model.SourceChangeset;
import dev.evoplan.model.Table;
import dev.evoplan.model.Trigger;
import dev.evoplan.model.Volatility;
import dev.evoplan.model.WrittenFacts;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The schema objects a changeset touches, read from the schema before and after each of its
 * changes: what decides whether two changesets give the same result in either order.
 */
final class ChangesetObjects {
    /** Stands for whatever a change evoplan could not read touches: it may be anything. */
    static final String UNREAD = "objects its unread SQL may touch";

    /**
     * Begins what stands for whatever a trigger that writing rows fires may write: its function is
     * code evoplan does not read, so it may be anything another changeset touches.
     */
    private static final String TRIGGERED = "objects that ";

    /**
     * Begins what stands for whatever a precondition evoplan cannot read reads (a query it cannot
     * read, project code, whether another changeset ran): it may be anything another changeset
     * changes.
     */
    private static final String PRECONDITION = "what the precondition ";

    /**
     * Begins what stands for a function a column default calls where the change evaluates it (a
     * column added, a row left to it), or a query of its preconditions calls, by name: a routine of
     * that name changed by another changeset gives other values in the other order.
     */
    private static final String CALLED = "routines called named ";

    /**
     * Begins what stands for a relation a precondition checks by its name in any schema (a catalog
     * query that gives none), followed by its kind and name ({@code table x}): whichever schema
     * another changeset's relation of that name is in, it is the one checked.
     */
    private static final String ANY_SCHEMA = "in any schema, the ";

    private ChangesetObjects() {}

    /**
     * How one changeset touches one object: what decides whether it and another changeset touching
     * the same object give the same result in either order.
     *
     * @param way what it does to the object
     * @param keys for {@link Way#ROWS_BY_KEY}, the primary keys of the rows it adds (each as {@code
     *     column=value, ...}); empty otherwise
     * @param columns for rows it adds, the columns its INSERTs name; for {@link Way#ADDS_COLUMNS},
     *     the columns it adds; empty otherwise
     */
    record Touch(Way way, Set<String> keys, Set<String> columns) {
        static final Touch CHANGES = new Touch(Way.CHANGES, Set.of(), Set.of());
        static final Touch READS = new Touch(Way.READS, Set.of(), Set.of());

        Touch {
            keys = Set.copyOf(keys);
            columns = Set.copyOf(columns);
        }

        boolean addsRows() {
            return way == Way.ROWS_BY_KEY || way == Way.ROWS_NUMBERED;
        }

        /** Whether it only reads the object (its rows, or whether it and its parts exist). */
        boolean reads() {
            return way == Way.READS || way == Way.CHECKS || way == Way.CHECKS_ROWS;
        }

        /**
         * Two touches of one object by one changeset: rows added by key, or columns added, add up;
         * rows added by key and others are rows numbered; anything else mixed changes it. Reads add
         * up to the widest (rows read, with the columns checked); a read beside a write is the
         * write, with the columns a precondition checks, except rows its preconditions query and it
         * writes, which change it.
         */
        Touch and(Touch other) {
            if (reads() && other.reads()) {
                Set<String> allColumns = new TreeSet<>(columns);
                allColumns.addAll(other.columns);
                boolean rows = way != Way.CHECKS || other.way != Way.CHECKS;
                if (!rows) {
                    return new Touch(Way.CHECKS, Set.of(), allColumns);
                }
                return allColumns.isEmpty() && (way == Way.READS || other.way == Way.READS)
                        ? READS
                        : new Touch(Way.CHECKS_ROWS, Set.of(), allColumns);
            }
            if (reads() || other.reads()) {
                Touch read = reads() ? this : other;
                Touch write = read == this ? other : this;
                if (read.way == Way.READS || write.way == Way.CHANGES) {
                    return write;
                }
                if (read.way == Way.CHECKS_ROWS) {
                    // Rows it queries and changes: another changeset's rows or columns change
                    // what the query finds.
                    return CHANGES;
                }
                // Its definition checked: what it adds stands, with the columns checked.
                Set<String> allColumns = new TreeSet<>(write.columns);
                allColumns.addAll(read.columns);
                return new Touch(write.way, write.keys, allColumns);
            }
            boolean same = way == other.way;
            if (way == Way.CHANGES
                    || other.way == Way.CHANGES
                    || !same && !(addsRows() && other.addsRows())) {
                return CHANGES;
            }
            Set<String> allKeys = new TreeSet<>(keys);
            allKeys.addAll(other.keys);
            Set<String> allColumns = new TreeSet<>(columns);
            allColumns.addAll(other.columns);
            return same
                    ? new Touch(way, allKeys, allColumns)
                    : new Touch(Way.ROWS_NUMBERED, Set.of(), allColumns);
        }
    }

    /** What a changeset does to an object. */
    enum Way {
        /** Only reads its rows: a foreign key of a table it writes rows of references it. */
        READS,
        /**
         * Only its preconditions read whether it and its parts exist ({@code tableExists}, {@code
         * columnExists}, {@code indexExists}, ...), which rows added to it do not change; {@code
         * columns}: the columns they check.
         */
        CHECKS,
        /**
         * Only its preconditions query its rows ({@code sqlCheck}, {@code tableIsEmpty}, {@code
         * rowCount}), which rows added to it change; {@code columns}: the columns they check.
         */
        CHECKS_ROWS,
        /**
         * Only adds rows to the table, each giving its primary key (if the table has one) as a
         * constant, with every value a constant and no column left to a default a sequence or a
         * volatile function gives.
         */
        ROWS_BY_KEY,
        /**
         * Only adds rows of constant values to the table, but leaves a column to a default a
         * sequence (serial, identity) or a volatile function gives, or a primary key column out.
         */
        ROWS_NUMBERED,
        /**
         * Only adds columns to the table, each nullable or with a default no sequence or volatile
         * function gives, and no identity or generated column.
         */
        ADDS_COLUMNS,
        /**
         * Changes its definition otherwise, updates or deletes rows, adds rows of computed values.
         */
        CHANGES
    }

    /**
     * What the changeset's changes touch, by object ("table x", "view y", {@link #UNREAD}), and
     * how.
     */
    static NavigableMap<String, Touch> touches(SourceChangeset changeset) {
        NavigableMap<String, Touch> out = new TreeMap<>();
        for (SourceChange change : changeset.changes()) {
            Map<String, Touch> one = new TreeMap<>();
            if (change.kind() == SourceChange.Kind.OPAQUE) {
                one.put(UNREAD, Touch.CHANGES);
            }
            if (change.kind() == SourceChange.Kind.DATA && change.table() != null) {
                List<Trigger> fired = fired(change);
                Touch rows = fired.isEmpty() ? addedRows(change) : null;
                one.put("table " + change.table(), rows != null ? rows : Touch.CHANGES);
                for (Trigger trigger : fired) {
                    // It may change the rows as they come, or write anywhere else.
                    one.put(TRIGGERED + trigger.describe() + " may write", Touch.CHANGES);
                }
                if (rows != null && rows.way() == Way.ROWS_NUMBERED) {
                    // A sequence another table's defaults share numbers the rows of both.
                    for (QualifiedName sequence : sequencesNumbering(change, rows.columns())) {
                        one.put("sequence " + sequence, Touch.CHANGES);
                    }
                }
                // Writing rows checks them against the tables its foreign keys reference, and
                // rows left to a column's default take what its functions give.
                Set<String> named =
                        change.written().inserted() != null
                                ? Set.copyOf(change.written().inserted().columns())
                                : Set.of();
                change.before()
                        .table(change.table())
                        .ifPresent(
                                t -> {
                                    for (var fk : t.foreignKeys()) {
                                        one.putIfAbsent("table " + fk.target(), Touch.READS);
                                    }
                                    for (Column column : t.columns()) {
                                        if (!named.contains(column.name())) {
                                            calls(column, one);
                                        }
                                    }
                                });
            }
            Schema.forEachChangedTable(
                    change.before(),
                    change.after(),
                    (was, now) -> {
                        Touch columns = addedColumns(was, now);
                        one.put(
                                "table " + (now != null ? now.name() : was.name()),
                                columns != null ? columns : Touch.CHANGES);
                        // A column added to a table fills its rows from its default.
                        if (was != null && now != null) {
                            for (Column column : now.columns()) {
                                if (was.column(column.name()).isEmpty()) {
                                    calls(column, one);
                                }
                            }
                        }
                    });
            QualifiedName altered = change.written().alteredTable();
            if (altered != null && !change.written().unshownOperations().isEmpty()) {
                one.put("table " + altered, Touch.CHANGES);
            }
            for (QualifiedName table : new QualifiedName[] {change.table(), altered}) {
                if (table != null) {
                    one.putIfAbsent("table " + table, Touch.CHANGES);
                }
            }
            changed("sequence", change.before().sequences(), change.after().sequences(), one);
            changed("type", change.before().enums(), change.after().enums(), one);
            changed("view", change.before().views(), change.after().views(), one);
            // A trigger made, changed or dropped changes what writing the table's rows does; any
            // other object (a routine, a policy, a rule evoplan keeps unmodelled, an extension)
            // ends as whichever of two changesets making it runs last.
            Schema.forEachChanged(
                    change.before().objects(),
                    change.after().objects(),
                    (was, now) -> {
                        SchemaObject object = now != null ? now : was;
                        one.put(
                                object instanceof Trigger t
                                        ? "table " + t.table()
                                        : object.describe(),
                                Touch.CHANGES);
                    });
            Schema.forEachChanged(
                    change.before().unmodelled(),
                    change.after().unmodelled(),
                    (was, now) -> one.put((now != null ? now : was).describe(), Touch.CHANGES));
            changed("extension", change.before().extensions(), change.after().extensions(), one);
            one.forEach((object, touch) -> out.merge(object, touch, Touch::and));
        }
        // What decides whether it runs: run before or after what changes it, it may not run.
        for (PreconditionRead read : changeset.preconditionReads()) {
            Touch touch =
                    new Touch(
                            read.rows() ? Way.CHECKS_ROWS : Way.CHECKS,
                            Set.of(),
                            read.column() == null ? Set.of() : Set.of(read.column()));
            String object;
            if (read.anyObject()) {
                object = PRECONDITION + read.check() + " may read";
            } else if (read.kind().equals("function")) {
                object = CALLED + read.name();
            } else if (read.anySchema()) {
                object = ANY_SCHEMA + read.kind() + " " + read.name().name();
            } else {
                object = read.kind() + " " + read.name();
            }
            out.merge(object, touch, Touch::and);
        }
        return out;
    }

    /** Reads the functions the column's default calls. */
    private static void calls(Column column, Map<String, Touch> out) {
        if (column.defaultValue() != null) {
            for (QualifiedName function : column.defaultValue().functionsCalled()) {
                out.putIfAbsent(CALLED + function, Touch.READS);
            }
        }
    }

    /**
     * The triggers on the table a data change writes that fire for it: those on INSERT for an
     * INSERT of constant rows, every one for any other data change (what it does is not read).
     */
    private static List<Trigger> fired(SourceChange change) {
        List<Trigger> out = new ArrayList<>();
        boolean insert = change.written().inserted() != null;
        for (Trigger trigger : change.before().triggersOn(change.table())) {
            if (!insert
                    || java.util.Arrays.stream(trigger.timingEvents().split("[\\s,]+"))
                            .anyMatch("INSERT"::equalsIgnoreCase)) {
                out.add(trigger);
            }
        }
        return out;
    }

    /**
     * How a data change that is one INSERT of constant rows touches its table, or null for any
     * other data change.
     */
    private static Touch addedRows(SourceChange change) {
        InsertedRows inserted = change.written().inserted();
        if (inserted == null || !inserted.table().equals(change.table())) {
            return null;
        }
        Table table = change.before().table(change.table()).orElse(null);
        if (table == null) {
            return null;
        }
        Set<String> named = Set.copyOf(inserted.columns());
        for (Column column : table.columns()) {
            if (!named.contains(column.name()) && numbered(column)) {
                return new Touch(Way.ROWS_NUMBERED, Set.of(), named);
            }
        }
        List<List<String>> uniqueKeys = uniqueKeys(table);
        if (uniqueKeys == null) {
            // A unique index on an expression or a part of the table: which rows collide is not
            // read here, so the second to come may fail in either order.
            return new Touch(Way.ROWS_NUMBERED, Set.of(), named);
        }
        Set<String> keys = new TreeSet<>();
        for (Map<String, String> row : inserted.rows()) {
            if (table.primaryKey() != null) {
                String key = keyOf(table.primaryKey().columns(), row);
                if (key == null) {
                    return new Touch(Way.ROWS_NUMBERED, Set.of(), named);
                }
                keys.add(key);
            }
            // Another unique key: two rows equal on it collide, whichever runs second fails.
            for (List<String> unique : uniqueKeys) {
                String key = keyOf(unique, row);
                if (key != null) {
                    keys.add("unique (" + String.join(", ", unique) + ") " + key);
                } else if (unique.stream()
                        .anyMatch(c -> !row.containsKey(c) && hasDefault(table, c))) {
                    // A column left to its default: every such row gets the same value there.
                    return new Touch(Way.ROWS_NUMBERED, Set.of(), named);
                }
                // Otherwise a column left out is NULL, which collides with nothing.
            }
        }
        // Rows no key tells apart: the same rows in either order.
        return new Touch(Way.ROWS_BY_KEY, keys, named);
    }

    /** The sequences whose nextval the defaults of the columns the rows leave out call. */
    private static Set<QualifiedName> sequencesNumbering(SourceChange change, Set<String> named) {
        Set<QualifiedName> out = new TreeSet<>();
        change.before()
                .table(change.table())
                .ifPresent(
                        t -> {
                            for (Column column : t.columns()) {
                                if (!named.contains(column.name())) {
                                    out.addAll(SchemaEdits.sequencesCalled(column.defaultValue()));
                                }
                            }
                        });
        return out;
    }

    /** {@code column=value, ...} of {@code columns} in {@code row}, or null when one is missing. */
    private static String keyOf(List<String> columns, Map<String, String> row) {
        List<String> key = new ArrayList<>();
        for (String column : columns) {
            String value = row.get(column);
            if (value == null) {
                return null;
            }
            key.add(column + "=" + value);
        }
        return String.join(", ", key);
    }

    /**
     * The columns of each unique constraint and unique index of the table besides its primary key,
     * or null when a unique index is on an expression or has a predicate.
     */
    private static List<List<String>> uniqueKeys(Table table) {
        List<List<String>> out = new ArrayList<>();
        for (var unique : table.uniques()) {
            out.add(unique.columns());
        }
        for (var index : table.indexes()) {
            if (!index.unique()) {
                continue;
            }
            if (index.predicate() != null
                    || index.elements().stream().anyMatch(e -> e.expression())) {
                return null;
            }
            out.add(index.columnNames());
        }
        return out;
    }

    private static boolean hasDefault(Table table, String column) {
        return table.column(column)
                .map(c -> c.defaultValue() != null && !c.defaultValue().isNull())
                .orElse(true);
    }

    /**
     * How a change that turned {@code was} into {@code now} touches the table when all it did was
     * add columns at its end that fill the rows there with the same value whenever they come, or
     * null.
     */
    private static Touch addedColumns(Table was, Table now) {
        if (was == null || now == null || now.columns().size() <= was.columns().size()) {
            return null;
        }
        List<Column> kept = now.columns().subList(0, was.columns().size());
        if (!kept.equals(was.columns()) || !now.withColumns(kept).equals(was)) {
            return null;
        }
        Set<String> added = new TreeSet<>();
        for (Column column : now.columns().subList(kept.size(), now.columns().size())) {
            // NOT NULL with no default fails on a table that has rows: rows added before it and
            // after it do not end the same.
            if (numbered(column)
                    || column.generatedExpression() != null
                    || !column.nullable()
                            && (column.defaultValue() == null || column.defaultValue().isNull())) {
                return null;
            }
            added.add(column.name());
        }
        return new Touch(Way.ADDS_COLUMNS, Set.of(), added);
    }

    /** A column a row left out takes a value its sequence or a function gives when it runs. */
    private static boolean numbered(Column column) {
        return column.identity() != IdentityKind.NONE
                || (column.defaultValue() != null
                        && column.defaultValue().volatility() == Volatility.VOLATILE);
    }

    /**
     * Why running {@code first} and {@code second} in either order can end differently, one line
     * per object both touch such that the order matters, sorted; empty when the two orders end the
     * same. Anything at all where one has unread SQL.
     */
    static Set<String> clashes(
            NavigableMap<String, Touch> first, NavigableMap<String, Touch> second) {
        Set<String> out = new TreeSet<>();
        if (first.containsKey(UNREAD) || second.containsKey(UNREAD)) {
            out.add(UNREAD);
            return out;
        }
        NavigableMap<String, Touch> a = inAnySchema(first, second);
        NavigableMap<String, Touch> b = inAnySchema(second, first);
        if (!a.isEmpty() && !b.isEmpty()) {
            out.addAll(startingWith(a, TRIGGERED).keySet());
            out.addAll(startingWith(b, TRIGGERED).keySet());
            if (!out.isEmpty()) {
                return out;
            }
        }
        for (NavigableMap<String, Touch> touches : List.of(a, b)) {
            if (writes(touches == a ? b : a)) {
                out.addAll(startingWith(touches, PRECONDITION).keySet());
            }
        }
        if (!out.isEmpty()) {
            return out;
        }
        for (NavigableMap<String, Touch> touches : List.of(a, b)) {
            NavigableMap<String, Touch> other = touches == a ? b : a;
            for (Map.Entry<String, Touch> called : startingWith(touches, CALLED).entrySet()) {
                String function = "function " + called.getKey().substring(CALLED.length()) + "(";
                // Read by a default (READS), or by a precondition's query alone (CHECKS).
                String caller =
                        called.getValue().way() == Way.READS
                                ? " (one's column default calls it, and the other changes it)"
                                : " (one's preconditions call it, and the other changes it)";
                startingWith(other, function)
                        .forEach(
                                (object, touch) -> {
                                    if (!touch.reads() && !touches.containsKey(object)) {
                                        out.add(object + caller);
                                    }
                                });
            }
        }
        for (Map.Entry<String, Touch> e : a.entrySet()) {
            Touch theirs = b.get(e.getKey());
            if (theirs == null) {
                continue;
            }
            String clash = clash(e.getKey(), e.getValue(), theirs);
            if (clash != null) {
                out.add(clash);
            }
        }
        return out;
    }

    /**
     * {@code touches} with each relation checked by name in any schema ({@link #ANY_SCHEMA}) read
     * also as every relation of that kind and name {@code other} touches, whatever its schema, as a
     * check of it in its schema would be; {@code touches} itself when it checks none so.
     */
    private static NavigableMap<String, Touch> inAnySchema(
            NavigableMap<String, Touch> touches, NavigableMap<String, Touch> other) {
        NavigableMap<String, Touch> checked = startingWith(touches, ANY_SCHEMA);
        if (checked.isEmpty()) {
            return touches;
        }
        NavigableMap<String, Touch> out = new TreeMap<>(touches);
        checked.forEach(
                (key, read) -> {
                    String kindAndName = key.substring(ANY_SCHEMA.length());
                    String kind = kindAndName.substring(0, kindAndName.indexOf(' ') + 1);
                    String name = kindAndName.substring(kind.length());
                    // "table x" in the default schema, "table s.x" in another. A name holding a
                    // dot may match more than it is: more clashes, never fewer.
                    startingWith(other, kind)
                            .forEach(
                                    (object, touch) -> {
                                        String qualified = object.substring(kind.length());
                                        if (qualified.equals(name)
                                                || qualified.endsWith("." + name)) {
                                            out.merge(object, read, Touch::and);
                                        }
                                    });
                });
        return out;
    }

    /**
     * The touches whose object begins with {@code prefix} (its last character not the greatest
     * one): a range of the sorted keys, not a walk of them all on every pair compared.
     */
    private static NavigableMap<String, Touch> startingWith(
            NavigableMap<String, Touch> touches, String prefix) {
        char last = prefix.charAt(prefix.length() - 1);
        return touches.subMap(
                prefix, true, prefix.substring(0, prefix.length() - 1) + (char) (last + 1), false);
    }

    /** Whether the changeset touches something other than by reading it. */
    private static boolean writes(Map<String, Touch> touches) {
        return touches.values().stream().anyMatch(t -> !t.reads());
    }

    private static String clash(String object, Touch mine, Touch theirs) {
        if (mine.reads() && theirs.reads()) {
            return null;
        }
        if (mine.reads() || theirs.reads()) {
            Touch read = mine.reads() ? mine : theirs;
            return readClash(object, read, read == mine ? theirs : mine);
        }
        if (mine.way() == Way.CHANGES || theirs.way() == Way.CHANGES) {
            return object;
        }
        if (mine.way() == Way.ADDS_COLUMNS || theirs.way() == Way.ADDS_COLUMNS) {
            // Rows added before or after a column with a constant default end the same, as do
            // two different columns (only their order differs).
            Set<String> both = new TreeSet<>(mine.columns());
            both.retainAll(theirs.columns());
            if (both.isEmpty()) {
                return null;
            }
            String column = both.iterator().next();
            return mine.way() == theirs.way()
                    ? object + " (both add column " + column + ")"
                    : object + " (one adds column " + column + ", which the other's rows name)";
        }
        if (mine.way() == Way.ROWS_BY_KEY && theirs.way() == Way.ROWS_BY_KEY) {
            Set<String> both = new TreeSet<>(mine.keys());
            both.retainAll(theirs.keys());
            return both.isEmpty()
                    ? null
                    : object + " (both add the row " + both.iterator().next() + ")";
        }
        return object
                + " (both add rows, and a sequence or a default gives some of their values:"
                + " each order numbers them differently)";
    }

    /**
     * Why reading an object ({@code read}) and touching it otherwise ({@code write}) can end
     * differently in either order, or null. Rows read change with rows added; whether the object
     * and its parts exist, only with a change of its definition (or a column added that a
     * precondition checks); columns added change neither.
     */
    private static String readClash(String object, Touch read, Touch write) {
        if (write.way() == Way.ADDS_COLUMNS) {
            Set<String> both = new TreeSet<>(read.columns());
            both.retainAll(write.columns());
            return both.isEmpty()
                    ? null
                    : object
                            + " (one's preconditions check column "
                            + both.iterator().next()
                            + ", which the other adds)";
        }
        return switch (read.way()) {
            case READS ->
                    write.way() == Way.CHANGES
                            ? object
                            : object + " (one adds rows the other's foreign key checks)";
            case CHECKS ->
                    write.way() == Way.CHANGES
                            ? object + " (one's preconditions check it, and the other changes it)"
                            : null;
            default ->
                    write.way() == Way.CHANGES
                            ? object + " (one's preconditions query it, and the other changes it)"
                            : object + " (one adds rows the other's preconditions query)";
        };
    }

    /**
     * What the changeset made or changed, each as the {@link WrittenFacts#dropKey} keys a DROP
     * naming it would carry (a routine under its name alone and with its arguments; a trigger or
     * policy also under its table, which takes it along), or null when evoplan could not read one
     * of its changes or it removed something (a drop is not undone by another drop).
     */
    static java.util.List<Set<String>> made(SourceChangeset changeset) {
        java.util.Map<String, Set<String>> made = new java.util.TreeMap<>();
        for (SourceChange change : changeset.changes()) {
            if (change.kind() == SourceChange.Kind.OPAQUE) {
                return null;
            }
            Schema before = change.before();
            Schema after = change.after();
            boolean[] removed = {false};
            Schema.forEachChangedTable(
                    before,
                    after,
                    (was, now) -> {
                        if (now == null) {
                            removed[0] = true;
                        } else {
                            made.put(
                                    "table " + now.name(),
                                    Set.of(WrittenFacts.dropKey("table", now.name(), null, null)));
                        }
                    });
            if (change.kind() == SourceChange.Kind.DATA && change.table() != null) {
                made.put(
                        "table " + change.table(),
                        Set.of(WrittenFacts.dropKey("table", change.table(), null, null)));
            }
            if (removed[0]
                    || !madeOf("sequence", before.sequences(), after.sequences(), made)
                    || !madeOf("type", before.enums(), after.enums(), made)
                    || !madeOf("view", before.views(), after.views(), made)
                    || !madeObjects(before, after, made)) {
                return null;
            }
            if (!after.extensions().keySet().containsAll(before.extensions().keySet())) {
                return null;
            }
            after.extensions()
                    .forEach(
                            (key, extension) -> {
                                if (!extension.equals(before.extensions().get(key))) {
                                    made.put(
                                            "extension " + extension.name(),
                                            Set.of(
                                                    WrittenFacts.dropKey(
                                                            "extension",
                                                            QualifiedName.of(extension.name()),
                                                            null,
                                                            null)));
                                }
                            });
        }
        return java.util.List.copyOf(made.values());
    }

    /** The {@link WrittenFacts#dropKey} keys the changeset's DROP statements name. */
    static Set<String> droppedAsWritten(SourceChangeset changeset) {
        Set<String> out = new TreeSet<>();
        changeset.changes().forEach(c -> out.addAll(c.written().dropped()));
        return out;
    }

    /** Adds what {@code after} holds anew or changed; false when something was removed. */
    private static <V> boolean madeOf(
            String kind,
            Map<QualifiedName, V> before,
            Map<QualifiedName, V> after,
            java.util.Map<String, Set<String>> made) {
        if (before == after) {
            return true;
        }
        if (!after.keySet().containsAll(before.keySet())) {
            return false;
        }
        after.forEach(
                (name, value) -> {
                    if (!value.equals(before.get(name))) {
                        made.put(
                                kind + " " + name,
                                Set.of(WrittenFacts.dropKey(kind, name, null, null)));
                    }
                });
        return true;
    }

    private static boolean madeObjects(
            Schema before, Schema after, java.util.Map<String, Set<String>> made) {
        if (before.objects() == after.objects()) {
            return true;
        }
        if (!after.objects().keySet().containsAll(before.objects().keySet())) {
            return false;
        }
        for (var object : after.objects().values()) {
            if (object.equals(before.objects().get(object.key()))) {
                continue;
            }
            Set<String> keys = new TreeSet<>();
            QualifiedName table = object.table();
            if (table != null) {
                keys.add(WrittenFacts.dropKey("table", table, null, null));
            }
            if (object instanceof dev.evoplan.model.Routine r) {
                keys.add(WrittenFacts.dropKey("routine", r.name(), null, null));
                keys.add(WrittenFacts.dropKey("routine", r.name(), null, r.arguments()));
            } else if (object instanceof dev.evoplan.model.Trigger t) {
                keys.add(WrittenFacts.dropKey("trigger", QualifiedName.of(t.name()), table, null));
            } else if (object instanceof dev.evoplan.model.Policy p) {
                keys.add(WrittenFacts.dropKey("policy", QualifiedName.of(p.name()), table, null));
            }
            made.put(object.describe(), keys);
        }
        return true;
    }

    private static <V> void changed(
            String kind,
            Map<QualifiedName, V> before,
            Map<QualifiedName, V> after,
            Map<String, Touch> out) {
        if (before == after) {
            return;
        }
        Touch changes = Touch.CHANGES;
        for (Map.Entry<QualifiedName, V> e : before.entrySet()) {
            if (!Objects.equals(e.getValue(), after.get(e.getKey()))) {
                out.put(kind + " " + e.getKey(), changes);
            }
        }
        for (QualifiedName name : after.keySet()) {
            if (!before.containsKey(name)) {
                out.put(kind + " " + name, changes);
            }
        }
    }
}
