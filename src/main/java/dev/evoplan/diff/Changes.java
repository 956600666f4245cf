package dev.evoplan.diff;

import dev.evoplan.model.QualifiedName;
import dev.evoplan.model.SourceChange;
import java.util.Locale;
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

    /**
     * The typed changes one source change makes: a schema change is the diff of its before and
     * after; data, maintenance and opaque changes keep their own kinds.
     */
    public static List<Change> of(SourceChange source) {
        return switch (source.kind()) {
            case SCHEMA -> SchemaDiffer.diff(source.before(), source.after(), source.renames());
            case DATA -> List.of(new Change.DataChange(source.table(), source.changeType(), source.description()));
            case MAINTENANCE -> {
                Change.Maintenance.Operation operation = Change.Maintenance.Operation.ofSql(source.changeType());
                if (operation == null) {
                    yield List.of(new Change.Opaque(source.changeType(), source.description()));
                }
                String text = String.join("\n", source.writtenSql());
                boolean concurrently = text.toUpperCase(Locale.ROOT).matches("(?s).*\\bCONCURRENTLY\\b.*");
                yield List.of(new Change.Maintenance(source.table(), operation, concurrently, text));
            }
            case OPAQUE -> List.of(new Change.Opaque(source.changeType(), source.description()));
            case NONE -> List.of();
        };
    }
}
