package dev.evoplan.rules;

import dev.evoplan.model.QualifiedName;
import dev.evoplan.model.Schema;
import dev.evoplan.model.SourceChange;
import dev.evoplan.model.SourceChangeset;
import dev.evoplan.model.WrittenFacts;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The schema objects a changeset touches, read from the schema before and after each of its
 * changes: what decides whether two changesets give the same result in either order.
 */
final class ChangesetObjects {
    /** Stands for whatever a change evoplan could not read touches: it may be anything. */
    static final String UNREAD = "objects its unread SQL may touch";

    private ChangesetObjects() {}

    /**
     * The objects the changeset's changes create, alter, drop or write rows of, as "table x", "view
     * y".
     */
    static Set<String> touched(SourceChangeset changeset) {
        Set<String> out = new TreeSet<>();
        for (SourceChange change : changeset.changes()) {
            if (change.kind() == SourceChange.Kind.OPAQUE) {
                out.add(UNREAD);
            }
            if (change.table() != null) {
                out.add("table " + change.table());
            }
            if (change.written().alteredTable() != null) {
                out.add("table " + change.written().alteredTable());
            }
            Schema.forEachChangedTable(
                    change.before(),
                    change.after(),
                    (was, now) -> out.add("table " + (now != null ? now.name() : was.name())));
            changed("sequence", change.before().sequences(), change.after().sequences(), out);
            changed("type", change.before().enums(), change.after().enums(), out);
            changed("view", change.before().views(), change.after().views(), out);
        }
        return out;
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

    /** What two changesets both touch, sorted; anything at all where one has unread SQL. */
    static Set<String> shared(Set<String> a, Set<String> b) {
        Set<String> out = new TreeSet<>();
        if (a.contains(UNREAD) || b.contains(UNREAD)) {
            out.add(UNREAD);
            return out;
        }
        for (String name : a) {
            if (b.contains(name)) {
                out.add(name);
            }
        }
        return out;
    }

    private static <V> void changed(
            String kind,
            Map<QualifiedName, V> before,
            Map<QualifiedName, V> after,
            Set<String> out) {
        if (before == after) {
            return;
        }
        for (Map.Entry<QualifiedName, V> e : before.entrySet()) {
            if (!Objects.equals(e.getValue(), after.get(e.getKey()))) {
                out.add(kind + " " + e.getKey());
            }
        }
        for (QualifiedName name : after.keySet()) {
            if (!before.containsKey(name)) {
                out.add(kind + " " + name);
            }
        }
    }
}
