package dev.evoplan.diff;

import dev.evoplan.model.QualifiedName;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Questions about a list of changes as a whole. */
public final class Changes {
    private Changes() {}

    /** The tables the changes create (so rules can tell a change on a brand-new table), sorted. */
    public static Set<QualifiedName> createdTables(List<Change> changes) {
        Set<QualifiedName> created = new TreeSet<>();
        for (Change c : changes) {
            if (c.kind() == Change.Kind.CREATE_TABLE) {
                created.add(c.table());
            }
        }
        return Collections.unmodifiableSet(created);
    }
}
