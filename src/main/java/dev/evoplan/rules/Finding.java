package dev.evoplan.rules;

import dev.evoplan.diff.Change;
import dev.evoplan.model.Origin;
import dev.evoplan.model.QualifiedName;
import java.util.List;
import java.util.Objects;

/**
 * One judged change.
 *
 * @param table the table whose traffic is affected, or null
 * @param what what happens: the operation, the lock, for how long, and what it blocks
 * @param why why it matters (running code breaks, writes wait for the scan, data is lost, ...)
 * @param fix the safe way, in words; the SQL comes from the planner for {@link #change()}
 * @param sizeNote how table size entered the verdict ("size unknown: assumed large"), or null
 * @param writtenSql the SQL as the source would run it (as-written findings), may be empty
 * @param change the change judged, or null for a finding about a whole changeset
 */
public record Finding(
        String ruleId,
        Safety safety,
        LockLevel lock,
        QualifiedName table,
        String what,
        String why,
        String fix,
        String sizeNote,
        Origin origin,
        List<String> writtenSql,
        Change change) {
    public Finding {
        Objects.requireNonNull(ruleId, "ruleId is null");
        Objects.requireNonNull(safety, "safety is null");
        Objects.requireNonNull(lock, "lock is null");
        Objects.requireNonNull(what, "what is null");
        origin = origin == null ? Origin.UNKNOWN : origin;
        writtenSql = List.copyOf(writtenSql);
    }

    /**
     * The finding as a report that only counts it keeps it: its rule, verdict, lock and place,
     * without its table, wording, SQL and change (which hold model objects of its statement).
     */
    public Finding counted() {
        return new Finding(
                ruleId, safety, lock, null, "", null, null, null, origin, List.of(), null);
    }

    /** The same finding from another origin (e.g. with the git commit that introduced it). */
    public Finding withOrigin(Origin other) {
        return new Finding(
                ruleId, safety, lock, table, what, why, fix, sizeNote, other, writtenSql, change);
    }
}
