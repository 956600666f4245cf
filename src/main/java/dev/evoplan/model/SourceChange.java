package dev.evoplan.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One change as a source wrote it (a Liquibase change, a SQL statement), with the schema before and
 * after it, so the differ can type it and rules can judge it as written.
 *
 * @param changeType the source's own name for it ({@code createIndex}, {@code sql}, ...)
 * @param writtenSql the SQL the source's tool would run, where it can be known; may be empty
 * @param renames renames this change states
 * @param description one line for reports, e.g. "insert into users" or the opaque SQL's start
 * @param table the table a data change touches, or null
 * @param written what the statement says about how it runs, as its parser read it
 */
public record SourceChange(
        Kind kind,
        String changeType,
        Origin origin,
        List<String> writtenSql,
        Schema before,
        Schema after,
        List<Rename> renames,
        String description,
        QualifiedName table,
        WrittenFacts written) {
    /**
     * Whether the change alters the schema, touches rows, rebuilds a table or index without
     * changing the schema (VACUUM FULL, CLUSTER, REINDEX, REFRESH MATERIALIZED VIEW, SET LOGGED:
     * {@code changeType} names which), or is something we cannot read.
     */
    public enum Kind {
        SCHEMA,
        DATA,
        MAINTENANCE,
        OPAQUE,
        NONE
    }

    public SourceChange {
        Objects.requireNonNull(kind, "kind is null");
        Objects.requireNonNull(changeType, "changeType is null");
        Objects.requireNonNull(origin, "origin is null");
        Objects.requireNonNull(before, "before is null");
        Objects.requireNonNull(after, "after is null");
        writtenSql = List.copyOf(writtenSql);
        renames = List.copyOf(renames);
        description = description == null ? changeType : description;
        written = written == null ? WrittenFacts.NONE : written;
    }

    /** A change with nothing known about how it was written. */
    public SourceChange(
            Kind kind,
            String changeType,
            Origin origin,
            List<String> writtenSql,
            Schema before,
            Schema after,
            List<Rename> renames,
            String description,
            QualifiedName table) {
        this(
                kind,
                changeType,
                origin,
                writtenSql,
                before,
                after,
                renames,
                description,
                table,
                WrittenFacts.NONE);
    }

    /**
     * This change as a history keeps it where its changeset is only compared with another side's
     * (the old side of a plan, whose changesets ran): its states cut to the objects it changed
     * ({@link Schema#changedParts}), all else as it is. What the history rules read of a changeset
     * that ran (the objects it touched, made or dropped) is the same; judging it as written, which
     * reads the whole states, is not possible.
     */
    public SourceChange withChangedPartsOnly() {
        List<Schema> cut = Schema.changedParts(before, after);
        Schema cutBefore = cut.get(0);
        Schema cutAfter = cut.get(1);
        // A data change edits no object, yet the history rules read the table whose rows it
        // writes as it was (its key and defaults tell which rows commute, its foreign keys which
        // tables it reads, its triggers what else writing them does): that table and its
        // triggers stay, in both states, so they still read as unchanged.
        if (kind == Kind.DATA
                && table != null
                && cutBefore.table(table).isEmpty()
                && cutAfter.table(table).isEmpty()) {
            Optional<Table> was = before.table(table);
            Optional<Table> now = after.table(table);
            if (was.isPresent() && now.isPresent()) {
                cutBefore = cutBefore.withTable(was.get());
                cutAfter = cutAfter.withTable(now.get());
                for (Trigger trigger : before.triggersOn(table)) {
                    cutBefore = cutBefore.withObject(trigger);
                }
                for (Trigger trigger : after.triggersOn(table)) {
                    cutAfter = cutAfter.withObject(trigger);
                }
            }
        }
        return new SourceChange(
                kind,
                changeType,
                origin,
                writtenSql,
                cutBefore,
                cutAfter,
                renames,
                description,
                table,
                written);
    }

    /** The same change placed at {@code at} (a statement's file, line and column). */
    public SourceChange at(Origin at) {
        return new SourceChange(
                kind,
                changeType,
                at,
                writtenSql,
                before,
                after,
                renames,
                description,
                table,
                written);
    }

    /** A change that touches no particular table's rows. */
    public SourceChange(
            Kind kind,
            String changeType,
            Origin origin,
            List<String> writtenSql,
            Schema before,
            Schema after,
            List<Rename> renames,
            String description) {
        this(kind, changeType, origin, writtenSql, before, after, renames, description, null);
    }
}
