package dev.evoplan.model;

import java.util.List;

/**
 * What a statement as written says about how it runs, read by the source's parser (or from the
 * Liquibase change's own attributes), so that rules never search SQL text for a word: a {@code
 * CONCURRENTLY} inside a comment, a string or a predicate is not one.
 *
 * @param concurrently the statement is written {@code CONCURRENTLY} (CREATE / DROP INDEX, REINDEX,
 *     REFRESH MATERIALIZED VIEW, DETACH PARTITION)
 * @param refusedInTransaction the statement's name when, written CONCURRENTLY, PostgreSQL refuses
 *     it inside a transaction block ({@code CREATE INDEX CONCURRENTLY}, {@code DETACH PARTITION p
 *     CONCURRENTLY}), or null
 * @param attachedIndexes indexes an {@code ADD CONSTRAINT ... USING INDEX} attaches (folded names)
 * @param alteredTable the table of an {@code ALTER TABLE}, or null
 * @param updatesFirst an UPDATE runs before the change (Liquibase addNotNullConstraint with a
 *     defaultNullValue)
 * @param reindexTarget what a REINDEX names (INDEX, TABLE, SCHEMA, DATABASE, SYSTEM), or null
 * @param unshownOperations maintenance operations (as {@code Change.Maintenance.Operation.sql()}
 *     spells them) the statement also runs beside changes the model shows, which the model does not
 *     show: an ALTER CONSTRAINT of a constraint not seen, a row-security switch already so, a SET
 *     STORAGE beside an ADD COLUMN. Each is judged by its own lock, so none passes unread.
 * @param dropped what a DROP statement names, as {@link #dropKey} keys, whether or not the object
 *     exists where it runs: a {@code DROP ... IF EXISTS} of a fresh database still drops the object
 *     on an upgraded one
 * @param inserted the rows of an INSERT whose values are all constants written out, or null (any
 *     other statement, or an INSERT of computed values, of a query, or with ON CONFLICT)
 */
public record WrittenFacts(
        boolean concurrently,
        String refusedInTransaction,
        List<String> attachedIndexes,
        QualifiedName alteredTable,
        boolean updatesFirst,
        ReindexTarget reindexTarget,
        List<String> unshownOperations,
        List<String> dropped,
        InsertedRows inserted) {
    /** Nothing known about how it was written (a planned step, a change the differ found). */
    public static final WrittenFacts NONE = new WrittenFacts(false, null, List.of(), null, false);

    /** Only the operations the model does not show, on {@code table}. */
    public static WrittenFacts unshown(QualifiedName table, List<String> operations) {
        return new WrittenFacts(false, null, List.of(), table, false, null, operations);
    }

    /** Only what a DROP names ({@link #dropKey} keys). */
    public static WrittenFacts drops(List<String> keys) {
        return new WrittenFacts(false, null, List.of(), null, false, null, List.of(), keys);
    }

    /** Only the constant rows an INSERT writes. */
    public static WrittenFacts inserts(InsertedRows rows) {
        return new WrittenFacts(
                false, null, List.of(), null, false, null, List.of(), List.of(), rows);
    }

    public WrittenFacts {
        attachedIndexes = List.copyOf(attachedIndexes);
        unshownOperations = List.copyOf(unshownOperations);
        dropped = List.copyOf(dropped);
    }

    /** Facts of a statement that inserts no constant rows. */
    public WrittenFacts(
            boolean concurrently,
            String refusedInTransaction,
            List<String> attachedIndexes,
            QualifiedName alteredTable,
            boolean updatesFirst,
            ReindexTarget reindexTarget,
            List<String> unshownOperations,
            List<String> dropped) {
        this(
                concurrently,
                refusedInTransaction,
                attachedIndexes,
                alteredTable,
                updatesFirst,
                reindexTarget,
                unshownOperations,
                dropped,
                null);
    }

    /** The same facts without the inserted rows: they hold only for a change of one statement. */
    public WrittenFacts withoutInserted() {
        return inserted == null
                ? this
                : new WrittenFacts(
                        concurrently,
                        refusedInTransaction,
                        attachedIndexes,
                        alteredTable,
                        updatesFirst,
                        reindexTarget,
                        unshownOperations,
                        dropped,
                        null);
    }

    /** Facts of a statement that drops nothing. */
    public WrittenFacts(
            boolean concurrently,
            String refusedInTransaction,
            List<String> attachedIndexes,
            QualifiedName alteredTable,
            boolean updatesFirst,
            ReindexTarget reindexTarget,
            List<String> unshownOperations) {
        this(
                concurrently,
                refusedInTransaction,
                attachedIndexes,
                alteredTable,
                updatesFirst,
                reindexTarget,
                unshownOperations,
                List.of());
    }

    /** Facts of a statement that is no REINDEX and drops nothing. */
    public WrittenFacts(
            boolean concurrently,
            String refusedInTransaction,
            List<String> attachedIndexes,
            QualifiedName alteredTable,
            boolean updatesFirst) {
        this(
                concurrently,
                refusedInTransaction,
                attachedIndexes,
                alteredTable,
                updatesFirst,
                null,
                List.of(),
                List.of());
    }

    /**
     * The key of a dropped object: its kind ({@code table}, {@code view}, {@code sequence}, {@code
     * type}, {@code extension}, {@code routine}, {@code trigger}, {@code policy}, {@code index},
     * {@code schema}) and name; a trigger or policy adds {@code on} its table, a routine the
     * argument list when one is written ({@code routine f} drops the only {@code f}).
     */
    public static String dropKey(
            String kind, QualifiedName name, QualifiedName on, String arguments) {
        String key = kind + " " + name;
        if (arguments != null) {
            key += "(" + arguments.replaceAll("\\s+", "").toLowerCase(java.util.Locale.ROOT) + ")";
        }
        return on == null ? key : key + " on " + on;
    }

    /**
     * The facts of several statements run as one change (a Liquibase sql change): any one says it.
     * The inserted rows are the first statement's that has some; {@link #withoutInserted} drops
     * them where the change is more than that one INSERT.
     */
    public WrittenFacts and(WrittenFacts other) {
        List<String> indexes = new java.util.ArrayList<>(attachedIndexes);
        indexes.addAll(other.attachedIndexes);
        List<String> unshown = new java.util.ArrayList<>(unshownOperations);
        unshown.addAll(other.unshownOperations);
        List<String> drops = new java.util.ArrayList<>(dropped);
        drops.addAll(other.dropped);
        return new WrittenFacts(
                concurrently || other.concurrently,
                refusedInTransaction != null ? refusedInTransaction : other.refusedInTransaction,
                indexes,
                alteredTable != null ? alteredTable : other.alteredTable,
                updatesFirst || other.updatesFirst,
                reindexTarget != null ? reindexTarget : other.reindexTarget,
                unshown,
                drops,
                inserted != null ? inserted : other.inserted);
    }
}
