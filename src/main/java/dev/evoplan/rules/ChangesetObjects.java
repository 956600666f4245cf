package dev.evoplan.rules;

import dev.evoplan.model.QualifiedName;
import dev.evoplan.model.Schema;
import dev.evoplan.model.SourceChange;
import dev.evoplan.model.SourceChangeset;
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
