package dev.evoplan.diff;

import dev.evoplan.model.Identifiers;
import dev.evoplan.model.QualifiedName;
import dev.evoplan.model.Sequence;

/**
 * The column a sequence is owned by, read from {@link Sequence#ownedBy()} ({@code table.column} or
 * {@code schema.table.column}). PostgreSQL keeps an owned sequence in its table's schema.
 */
record OwnedBy(QualifiedName table, String column) {

    /** The owner of {@code s}, or null when it has none or the text is not a column reference. */
    static OwnedBy of(Sequence s) {
        String text = s.ownedBy();
        if (text == null || text.isBlank()) {
            return null;
        }
        String[] parts = text.strip().split("\\.");
        if (parts.length == 2) {
            return new OwnedBy(s.name().sibling(part(parts[0])), part(parts[1]));
        }
        if (parts.length == 3) {
            return new OwnedBy(new QualifiedName(part(parts[0]), part(parts[1])), part(parts[2]));
        }
        return null;
    }

    /**
     * One name of the model's {@code table.column}: names there are PostgreSQL's own already (a
     * mixed-case table stays mixed-case, as {@code PlanContext.ownedBy} and {@code
     * SqlWriter.ownedBySql} read them), so only quotes are taken off, nothing is folded.
     */
    private static String part(String name) {
        return name.startsWith("\"") ? Identifiers.fold(name) : name;
    }

    /** The same sequence owned by {@code owner}, spelled in the form the original used. */
    static Sequence withOwner(Sequence s, OwnedBy owner) {
        boolean qualified = s.ownedBy().strip().split("\\.").length == 3;
        String text =
                (qualified ? Identifiers.quote(owner.table().schema()) + "." : "")
                        + Identifiers.quote(owner.table().name())
                        + "."
                        + Identifiers.quote(owner.column());
        return new Sequence(
                s.name(),
                s.dataType(),
                s.start(),
                s.increment(),
                s.minValue(),
                s.maxValue(),
                s.cache(),
                s.cycle(),
                text);
    }
}
