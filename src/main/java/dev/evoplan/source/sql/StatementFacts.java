package dev.evoplan.source.sql;

import dev.evoplan.model.WrittenFacts;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@link WrittenFacts} of a parsed statement: what its parse says, never a search of its text.
 */
public final class StatementFacts {
    private StatementFacts() {}

    /**
     * The facts of the statements a tool generates for one change (Liquibase), read by this parser:
     * any statement's fact holds for the change, and an UPDATE before another statement is an
     * update that runs first (addNotNullConstraint with a defaultNullValue). Constant rows are a
     * fact of a change that is that one INSERT alone.
     */
    public static WrittenFacts ofGenerated(List<String> sql) {
        WrittenFacts facts = WrittenFacts.NONE;
        boolean updated = false;
        int statements = 0;
        for (String text : sql) {
            for (SqlStatement s : SqlParser.parse(text, "generated.sql").statements()) {
                statements++;
                if (updated) {
                    facts = facts.and(new WrittenFacts(false, null, List.of(), null, true));
                }
                facts = facts.and(of(s));
                updated =
                        s instanceof SqlStatement.Dml d && d.verb() == SqlStatement.DmlVerb.UPDATE;
            }
        }
        return statements == 1 ? facts : facts.withoutInserted();
    }

    /**
     * Only the statements below carry facts; every other kind has none. (Tested by kind rather than
     * switched over every kind: statement kinds are being added in parallel, and a new one has
     * none.)
     */
    static WrittenFacts of(SqlStatement statement) {
        if (statement instanceof SqlStatement.CreateIndex c) {
            return concurrent(c.concurrently(), "CREATE INDEX CONCURRENTLY");
        }
        if (statement instanceof SqlStatement.Drop d) {
            WrittenFacts concurrent =
                    concurrent(
                            d.concurrently() && d.target() == SqlStatement.DropTarget.INDEX,
                            "DROP INDEX CONCURRENTLY");
            return concurrent.and(WrittenFacts.drops(dropKeys(d)));
        }
        if (statement instanceof SqlStatement.Reindex r) {
            return new WrittenFacts(
                    r.concurrently(),
                    r.concurrently() ? "REINDEX CONCURRENTLY" : null,
                    List.of(),
                    null,
                    false,
                    dev.evoplan.model.ReindexTarget.of(r.target()),
                    List.of());
        }
        if (statement instanceof SqlStatement.RefreshMaterializedView r) {
            // REFRESH ... CONCURRENTLY may run in a transaction block.
            return new WrittenFacts(r.concurrently(), null, List.of(), null, false);
        }
        if (statement instanceof SqlStatement.AlterTable a) {
            return alterTable(a);
        }
        if (statement instanceof SqlStatement.Dml d && d.inserted() != null) {
            return WrittenFacts.inserts(d.inserted());
        }
        return WrittenFacts.NONE;
    }

    /** What the DROP names, as {@link WrittenFacts#dropKey} keys. */
    private static List<String> dropKeys(SqlStatement.Drop d) {
        String kind =
                switch (d.target()) {
                    case TABLE -> "table";
                    case INDEX -> "index";
                    case VIEW, MATERIALIZED_VIEW -> "view";
                    case SEQUENCE -> "sequence";
                    case TYPE, DOMAIN -> "type";
                    case TRIGGER -> "trigger";
                    case FUNCTION, PROCEDURE -> "routine";
                    case EXTENSION -> "extension";
                    case SCHEMA -> "schema";
                    case POLICY -> "policy";
                    case STATISTICS, DATABASE -> null;
                };
        if (kind == null) {
            return List.of();
        }
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < d.names().size(); i++) {
            String arguments = i < d.arguments().size() ? d.arguments().get(i) : null;
            keys.add(WrittenFacts.dropKey(kind, d.names().get(i), d.on(), arguments));
        }
        return keys;
    }

    private static WrittenFacts concurrent(boolean concurrently, String form) {
        return concurrently
                ? new WrittenFacts(true, form, List.of(), null, false)
                : WrittenFacts.NONE;
    }

    private static WrittenFacts alterTable(SqlStatement.AlterTable a) {
        boolean concurrently = false;
        String refused = null;
        List<String> attached = new ArrayList<>();
        for (AlterAction action : a.actions()) {
            if (action instanceof AlterAction.DetachPartition d && d.concurrently()) {
                concurrently = true;
                refused = "DETACH PARTITION " + d.partition() + " CONCURRENTLY";
            } else if (action instanceof AlterAction.AddConstraint add
                    && add.constraint().usingIndex() != null) {
                attached.add(add.constraint().usingIndex());
            }
        }
        return new WrittenFacts(concurrently, refused, attached, a.table(), false);
    }
}
