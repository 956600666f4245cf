package dev.evoplan.diff;

import dev.evoplan.model.QualifiedName;
import dev.evoplan.model.SchemaEdits;
import dev.evoplan.model.Sequence;

/**
 * The column a sequence is owned by, read from {@link Sequence#ownedBy()} ({@code table.column} or
 * {@code schema.table.column}). PostgreSQL keeps an owned sequence in its table's schema.
 */
record OwnedBy(QualifiedName table, String column) {

    /** The owner of {@code s}, or null when it has none: {@link SchemaEdits.Owner} reads it. */
    static OwnedBy of(Sequence s) {
        SchemaEdits.Owner owner = SchemaEdits.Owner.of(s);
        return owner == null ? null : new OwnedBy(owner.table(), owner.column());
    }

    /** The same sequence owned by {@code owner}, spelled in the form the original used. */
    static Sequence withOwner(Sequence s, OwnedBy owner) {
        return new SchemaEdits.Owner(owner.table(), owner.column())
                .moved(s, owner.table(), owner.column());
    }
}
