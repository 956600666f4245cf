package dev.evoplan.diff;

import dev.evoplan.model.Partition;
import dev.evoplan.model.QualifiedName;

/**
 * What the differ makes of a partition that changed. PostgreSQL has no statement that changes a
 * partition's bound or moves it to another parent: the only path is to detach it and attach it
 * again, and the attach checks every row against the new bound (failing on one outside it) while
 * rows the old bound took and the new one does not would have nowhere to go. So it is a change for
 * a person to review, with the statements that would do it.
 */
final class PartitionChanges {
    private PartitionChanges() {}

    /** The change type reports give a partition whose bound or parent changed. */
    static final String BOUND_CHANGED = "partition bound";

    static Change boundChanged(Partition from, Partition to) {
        String what =
                from.parent().equals(to.parent())
                        ? "partition "
                                + to.name()
                                + " of "
                                + to.parent()
                                + " changes its bound from "
                                + from.bound()
                                + " to "
                                + to.bound()
                        : "partition "
                                + to.name()
                                + " moves from "
                                + from.parent()
                                + " to "
                                + to.parent()
                                + " "
                                + to.bound();
        return new Change.Opaque(
                BOUND_CHANGED,
                what
                        + ": PostgreSQL cannot change a partition's bound in place; detach it ("
                        + from.detachSql()
                        + ") and attach it again ("
                        + to.attachSql()
                        + "), which scans it under ACCESS EXCLUSIVE and fails on any row outside"
                        + " the new bound; rows of the old bound outside the new one must move"
                        + " first");
    }

    /** The change type reports give a table whose partitioning changed. */
    static final String PARTITIONING = "partitioning";

    /**
     * Tables on both sides whose partitioning differs: one that becomes partitioned or plain, or
     * whose partition key changes. PostgreSQL has no ALTER for either; the table must be created
     * anew and its rows moved, which the model does not plan: each is a change to review that says
     * so.
     */
    static java.util.List<Change> partitioning(
            dev.evoplan.model.Schema from, dev.evoplan.model.Schema to) {
        return partitioning(from, to, java.util.Map.of());
    }

    /**
     * The same, each saying which of the diff's other changes it takes along ({@code leftTo}, by
     * table; see {@link #withChangesOfReshapedTablesFolded}).
     */
    private static java.util.List<Change> partitioning(
            dev.evoplan.model.Schema from,
            dev.evoplan.model.Schema to,
            java.util.Map<dev.evoplan.model.QualifiedName, java.util.List<String>> leftTo) {
        java.util.List<Change> out = new java.util.ArrayList<>();
        if (from.tables() == to.tables()) {
            return out;
        }
        for (dev.evoplan.model.Table now : to.tables().values()) {
            dev.evoplan.model.Table was = from.tables().get(now.name());
            if (was == null || was == now) {
                continue;
            }
            dev.evoplan.model.Partitioning a = was.partitioning();
            dev.evoplan.model.Partitioning b = now.partitioning();
            String what;
            if (a == null && b == null) {
                continue;
            } else if (a == null) {
                what =
                        now.name()
                                + " becomes partitioned (PARTITION BY "
                                + keyOf(b)
                                + "): PostgreSQL cannot turn a table into a partitioned one in"
                                + " place";
            } else if (b == null) {
                what =
                        now.name()
                                + " stops being partitioned (was PARTITION BY "
                                + keyOf(a)
                                + "): PostgreSQL cannot turn a partitioned table into a plain one"
                                + " in place";
            } else if (!a.sameKey(b)) {
                what =
                        now.name()
                                + " changes its partition key from "
                                + keyOf(a)
                                + " to "
                                + keyOf(b)
                                + ": PostgreSQL cannot change a partition key in place";
            } else {
                continue;
            }
            java.util.List<String> taken = leftTo.getOrDefault(now.name(), java.util.List.of());
            out.add(
                    new Change.Opaque(
                            PARTITIONING,
                            what
                                    + "; the table must be created anew beside it, its rows"
                                    + " copied and the names swapped, with its partitions,"
                                    + " indexes, keys, triggers and the views that read it"
                                    + (taken.isEmpty()
                                            ? ""
                                            : "; this diff's changes of it, of tables"
                                                    + " referencing it and of tables taking its"
                                                    + " partitions' names go with that work and"
                                                    + " are not planned: "
                                                    + String.join(", ", taken))));
        }
        return out;
    }

    private static String keyOf(dev.evoplan.model.Partitioning p) {
        return p.key() == null ? p.strategy() + " (...)" : p.key();
    }

    /**
     * {@code objectChanges} without the partitions added to, removed from or changed on a table
     * whose partitioning itself changes ({@link #partitioning}): they go with the table's own
     * re-creation, which is for review, and creating one on a table still plain would fail.
     */
    static java.util.List<Change> withoutPartitionsOfReshapedTables(
            java.util.List<Change> objectChanges,
            dev.evoplan.model.Schema from,
            dev.evoplan.model.Schema to) {
        return objectChanges.stream()
                .filter(
                        c -> {
                            if (c.kind() == Change.Kind.OPAQUE
                                    || !(Change.objectOf(c) instanceof Partition p)) {
                                return true;
                            }
                            dev.evoplan.model.Table was = from.tables().get(p.parent());
                            dev.evoplan.model.Table now = to.tables().get(p.parent());
                            return was == null || now == null || !reshaped(was, now);
                        })
                .toList();
    }

    private static boolean reshaped(dev.evoplan.model.Table was, dev.evoplan.model.Table now) {
        dev.evoplan.model.Partitioning a = was.partitioning();
        dev.evoplan.model.Partitioning b = now.partitioning();
        return (a == null) != (b == null) || (a != null && !a.sameKey(b));
    }

    /**
     * {@code state} with the partitions of {@code partitionsFrom} in place of its own: a statement
     * is typed by diffing the states around it with the objects of the state after it on both sides
     * (their own statements judge them), but a DROP TABLE of a partition is judged by the partition
     * it removes.
     */
    static dev.evoplan.model.Schema withPartitionsOf(
            dev.evoplan.model.Schema state, dev.evoplan.model.Schema partitionsFrom) {
        dev.evoplan.model.Schema out = state;
        for (dev.evoplan.model.SchemaObject o : state.objects().values()) {
            if (o instanceof Partition && !partitionsFrom.objects().containsKey(o.key())) {
                out = out.withoutObject(o.key());
            }
        }
        for (dev.evoplan.model.SchemaObject o : partitionsFrom.objects().values()) {
            if (o instanceof Partition && !o.equals(out.objects().get(o.key()))) {
                out = out.withObject(o);
            }
        }
        return out;
    }

    /**
     * {@code changes} with each change on a partition that replaces a relation of its name (kept
     * for review: it has no in-place form) or on a foreign key referencing one, kept for review as
     * well: planned alone it would act on the old relation, which still holds the name.
     */
    static java.util.List<Change> withChangesOnReplacedPartitionsForReview(
            java.util.List<Change> changes,
            dev.evoplan.model.Schema from,
            dev.evoplan.model.Schema to) {
        java.util.Set<QualifiedName> replaced = new java.util.HashSet<>();
        for (Partition p : to.partitions()) {
            if (!from.objects().containsKey(p.key()) && from.holdsRelationNamed(p.name())) {
                replaced.add(p.name());
            }
        }
        if (replaced.isEmpty()) {
            return changes;
        }
        java.util.List<Change> out = new java.util.ArrayList<>();
        for (Change c : changes) {
            QualifiedName on =
                    c.table() != null && replaced.contains(c.table())
                            ? c.table()
                            : c instanceof Change.AddForeignKey fk
                                            && replaced.contains(fk.foreignKey().target())
                                    ? fk.foreignKey().target()
                                    : null;
            out.add(
                    on == null
                            ? c
                            : new Change.Opaque(
                                    "partition",
                                    c.summary()
                                            + ": depends on partition "
                                            + on
                                            + ", which replaces a relation of the same name;"
                                            + " for review with it"));
        }
        return out;
    }

    /**
     * {@code changes} with every change of a table whose partitioning changes ({@link
     * #partitioning}) taken into that table's change for review, which names them: the table is
     * created anew by hand, and each of them either acts on the table that goes (its indexes, keys,
     * columns, triggers, policies, foreign keys referencing it) or on a table taking the name of
     * one of its partitions, which holds that name until the old table is dropped (creating it
     * first fails). Planned alone they would fail, or be judged as if the table stayed.
     */
    static java.util.List<Change> withChangesOfReshapedTablesFolded(
            java.util.List<Change> changes,
            dev.evoplan.model.Schema from,
            dev.evoplan.model.Schema to) {
        java.util.Set<dev.evoplan.model.QualifiedName> reshaped = new java.util.HashSet<>();
        for (dev.evoplan.model.Table now : to.tables().values()) {
            dev.evoplan.model.Table was = from.tables().get(now.name());
            if (was != null && reshaped(was, now)) {
                reshaped.add(now.name());
            }
        }
        if (reshaped.isEmpty()) {
            return changes;
        }
        // Each table the re-creation answers for, with the reshaped table it belongs to.
        java.util.Map<dev.evoplan.model.QualifiedName, dev.evoplan.model.QualifiedName> owner =
                new java.util.HashMap<>();
        reshaped.forEach(t -> owner.put(t, t));
        for (dev.evoplan.model.SchemaObject o : from.objects().values()) {
            if (o instanceof Partition p && reshaped.contains(p.parent())) {
                owner.put(p.name(), p.parent());
            }
        }
        java.util.Map<dev.evoplan.model.QualifiedName, java.util.List<String>> leftTo =
                new java.util.HashMap<>();
        java.util.List<Change> out = new java.util.ArrayList<>();
        for (Change c : changes) {
            if (c instanceof Change.Opaque o && o.changeType().equals(PARTITIONING)) {
                continue;
            }
            dev.evoplan.model.QualifiedName t = c.table() == null ? null : owner.get(c.table());
            if (t == null && c instanceof Change.AddForeignKey fk) {
                t = owner.get(fk.foreignKey().target());
            }
            if (t == null) {
                out.add(c);
            } else {
                leftTo.computeIfAbsent(t, k -> new java.util.ArrayList<>()).add(c.summary());
            }
        }
        out.addAll(partitioning(from, to, leftTo));
        return out;
    }

    /**
     * What partitions on both sides, with the same parent and bound, have of their own and differ
     * in: indexes, primary key, unique constraints and foreign keys, as the typed changes an
     * ordinary table's would give (PostgreSQL builds and drops them on a partition as on a table,
     * CONCURRENTLY included). A new partition carries its own with its creation; a dropped one
     * takes them with it.
     */
    static java.util.List<Change> ownChanges(
            dev.evoplan.model.Schema from, dev.evoplan.model.Schema to) {
        java.util.List<Change> out = new java.util.ArrayList<>();
        if (from.objects() == to.objects()) {
            return out;
        }
        for (Partition now : to.partitions()) {
            if (from.objects().get(now.key()) instanceof Partition was
                    && !was.equals(now)
                    && was.sameAs(now)
                    && from.tables().get(was.parent()) != null
                    && to.tables().get(now.parent()) != null
                    && !ownNamesFree(was, now, from.tables().get(was.parent()), to)) {
                out.add(
                        new Change.Opaque(
                                "partition",
                                now.describe()
                                        + " gets indexes or keys of its own while its parent"
                                        + " loses one: PostgreSQL drops a parent index's clones"
                                        + " only with it, so their names and the order are for"
                                        + " review"));
                continue;
            }
            if (!(from.objects().get(now.key()) instanceof Partition was)
                    || was.equals(now)
                    || !was.sameAs(now)) {
                continue;
            }
            dev.evoplan.model.Table parentWas = from.tables().get(was.parent());
            dev.evoplan.model.Table parentNow = to.tables().get(now.parent());
            if (parentWas == null || parentNow == null || reshaped(parentWas, parentNow)) {
                continue;
            }
            QualifiedName t = now.name();
            if (!java.util.Objects.equals(was.primaryKey(), now.primaryKey())) {
                if (was.primaryKey() != null) {
                    out.add(new Change.DropPrimaryKey(t, was.primaryKey()));
                }
                if (now.primaryKey() != null) {
                    out.add(new Change.AddPrimaryKey(t, now.primaryKey()));
                }
            }
            byName(
                    was.uniques(),
                    now.uniques(),
                    dev.evoplan.model.UniqueConstraint::name,
                    u -> out.add(new Change.DropUnique(t, u)),
                    u -> out.add(new Change.AddUnique(t, u)));
            // A key only validated is VALIDATE CONSTRAINT, as on a table; otherwise dropped and
            // added.
            java.util.Map<String, dev.evoplan.model.ForeignKey> validatedNow =
                    new java.util.TreeMap<>();
            for (dev.evoplan.model.ForeignKey a : was.foreignKeys()) {
                for (dev.evoplan.model.ForeignKey b : now.foreignKeys()) {
                    if (a.name().equals(b.name())
                            && !a.equals(b)
                            && a.sameDefinition(b)
                            && !a.validated()
                            && b.validated()) {
                        validatedNow.put(a.name(), b);
                        out.add(new Change.ValidateForeignKey(t, b));
                    }
                }
            }
            byName(
                    was.foreignKeys().stream()
                            .filter(f -> !validatedNow.containsKey(f.name()))
                            .toList(),
                    now.foreignKeys().stream()
                            .filter(f -> !validatedNow.containsKey(f.name()))
                            .toList(),
                    dev.evoplan.model.ForeignKey::name,
                    f -> out.add(new Change.DropForeignKey(t, f)),
                    f -> out.add(new Change.AddForeignKey(t, f)));
            byName(
                    was.indexes(),
                    now.indexes(),
                    dev.evoplan.model.Index::name,
                    i -> out.add(new Change.DropIndex(i)),
                    i -> out.add(new Change.CreateIndex(i)));
        }
        return out;
    }

    /**
     * Calls {@code dropped} for each item of {@code was} that {@code now} lacks or defines
     * otherwise, and {@code added} for each of {@code now} that is new or defined otherwise.
     */
    private static <T> void byName(
            java.util.List<T> was,
            java.util.List<T> now,
            java.util.function.Function<T, String> name,
            java.util.function.Consumer<T> dropped,
            java.util.function.Consumer<T> added) {
        java.util.Map<String, T> before = new java.util.TreeMap<>();
        was.forEach(x -> before.put(name.apply(x), x));
        java.util.Map<String, T> after = new java.util.TreeMap<>();
        now.forEach(x -> after.put(name.apply(x), x));
        for (T x : was) {
            if (!x.equals(after.get(name.apply(x)))) {
                dropped.accept(x);
            }
        }
        for (T x : now) {
            if (!x.equals(before.get(name.apply(x)))) {
                added.accept(x);
            }
        }
    }

    /**
     * Why a new partition's own foreign keys cannot come with its creation, or null when they can:
     * one referencing a relation the old side lacks would run before that relation exists.
     */
    static String ownKeysWaitForNew(Partition p, dev.evoplan.model.Schema from) {
        dev.evoplan.model.Table parent = from.tables().get(p.parent());
        java.util.List<java.util.List<String>> keys = new java.util.ArrayList<>();
        if (p.primaryKey() != null) {
            keys.add(p.primaryKey().columns());
        }
        p.uniques().forEach(u -> keys.add(u.columns()));
        if (parent != null
                && (keys.stream()
                                .anyMatch(
                                        k ->
                                                parent.indexes().stream()
                                                        .anyMatch(i -> i.columnNames().equals(k)))
                        || (parent.primaryKey() != null
                                && keys.contains(parent.primaryKey().columns()))
                        || parent.uniques().stream().anyMatch(u -> keys.contains(u.columns())))) {
            // PostgreSQL adopts a partition's key index into a matching parent index only when
            // the parent's comes later; created under an existing one it gets a clone beside it.
            return "new partition "
                    + p.name()
                    + " has keys of its own on the columns of an existing index of its parent:"
                    + " PostgreSQL would build that index's clone beside them, not adopt them";
        }
        for (dev.evoplan.model.ForeignKey fk : p.foreignKeys()) {
            if (!from.holdsRelationNamed(fk.target())) {
                return "foreign key "
                        + fk.name()
                        + " of new partition "
                        + p.name()
                        + " references "
                        + fk.target()
                        + ", which the plan also creates";
            }
        }
        return null;
    }

    /**
     * Whether the partition's new own indexes and keys cannot collide with clones of a parent index
     * or key that goes in the same change (the model does not hold clones' names).
     */
    private static boolean ownNamesFree(
            Partition was,
            Partition now,
            dev.evoplan.model.Table parentWas,
            dev.evoplan.model.Schema to) {
        boolean gains = !was.ownIndexNames().containsAll(now.ownIndexNames());
        dev.evoplan.model.Table parentNow = to.tables().get(now.parent());
        boolean parentLoses =
                !parentNow.indexRelationNames().containsAll(parentWas.indexRelationNames());
        return !(gains && parentLoses);
    }

    /**
     * {@code changes} with a key or index added to a partitioned table kept for review when one of
     * its partitions has a key or index of its own on the same columns: PostgreSQL would attach or
     * clash with that one, which the per-partition plan does not follow.
     */
    static java.util.List<Change> withParentKeysOverOwnForReview(
            java.util.List<Change> changes,
            dev.evoplan.model.Schema from,
            dev.evoplan.model.Schema to) {
        java.util.List<Change> out = new java.util.ArrayList<>();
        for (Change c : changes) {
            java.util.List<String> columns =
                    switch (c.kind()) {
                        case ADD_PRIMARY_KEY -> ((Change.AddPrimaryKey) c).primaryKey().columns();
                        case ADD_UNIQUE -> ((Change.AddUnique) c).constraint().columns();
                        case CREATE_INDEX -> ((Change.CreateIndex) c).index().columnNames();
                        default -> null;
                    };
            dev.evoplan.model.Table t = columns == null ? null : to.tables().get(c.table());
            boolean keysOnly = c.kind() != Change.Kind.CREATE_INDEX;
            if (t != null
                    && t.partitioned()
                    && (ownOnColumns(from, t, columns, keysOnly)
                            || ownOnColumns(to, t, columns, keysOnly))) {
                out.add(
                        new Change.Opaque(
                                "partition",
                                c.summary()
                                        + ": a partition of "
                                        + t.name()
                                        + " has a key or index of its own on the same columns,"
                                        + " which PostgreSQL would attach or refuse; for review"));
            } else {
                out.add(c);
            }
        }
        return out;
    }

    /**
     * Whether a partition of {@code parent} has a key (or, unless {@code keysOnly}, an index) of
     * its own on {@code cols}. A parent key does not adopt a partition's plain unique index (it
     * builds its own clone; measured on PostgreSQL 16), a parent index adopts either.
     */
    private static boolean ownOnColumns(
            dev.evoplan.model.Schema s,
            dev.evoplan.model.Table parent,
            java.util.List<String> cols,
            boolean keysOnly) {
        for (Partition p : s.partitions()) {
            if (!p.parent().equals(parent.name())) {
                continue;
            }
            if ((p.primaryKey() != null && p.primaryKey().columns().equals(cols))
                    || p.uniques().stream().anyMatch(u -> u.columns().equals(cols))
                    || (!keysOnly
                            && p.indexes().stream().anyMatch(i -> i.columnNames().equals(cols)))) {
                return true;
            }
        }
        return false;
    }
}
