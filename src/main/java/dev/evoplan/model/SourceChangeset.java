package dev.evoplan.model;

import java.util.List;
import java.util.Objects;

/**
 * A unit the migration tool runs as one (a Liquibase changeset, a migration file).
 *
 * @param identity what the tool identifies it by (Liquibase: {@code path::id::author})
 * @param sum the tool's checksum of its content ({@link #checksum()}), computed when first read
 * @param runInTransaction whether all its changes run in one transaction
 * @param version for a migration file whose tool identifies it by version rather than by name
 *     (Flyway {@code V2__x.sql}, golang-migrate {@code 2_x.up.sql}, diesel): the tool and the
 *     version ({@code flyway 2}); null otherwise
 * @param mixedTransaction a migration file its tool refuses for mixing statements that can and
 *     cannot run in a transaction (Flyway); null otherwise
 * @param reruns whether its tool runs it again once it has run: Liquibase {@code runOnChange} (when
 *     its content changes) or {@code runAlways}; an edit of such a changeset is expected, and its
 *     new content is what will run
 * @param suppressions the {@code evoplan:ignore} comments written for it (in its SQL, in its {@code
 *     comment}, or in an XML comment right above it)
 * @param validChecksums other checksums its tool accepts for it as recorded by a database that ran
 *     an older version (Liquibase {@code validCheckSum}), as written ({@code 9:abc...})
 * @param preconditionReads what the preconditions deciding whether it runs read (Liquibase {@code
 *     preConditions} of the changeset and of its changelog file), sorted; empty where it has none
 *     or its tool has no such thing
 */
public record SourceChangeset(
        String identity,
        Origin origin,
        Checksum sum,
        boolean runInTransaction,
        List<SourceChange> changes,
        String version,
        MixedTransaction mixedTransaction,
        boolean reruns,
        List<Suppression> suppressions,
        List<String> validChecksums,
        List<PreconditionRead> preconditionReads) {
    /**
     * The file part of the identity of a Liquibase changeset written in the master changelog
     * itself, whatever the master is called, so two copies of one changelog share their history.
     */
    public static final String MASTER = "<master>";

    public SourceChangeset {
        Objects.requireNonNull(identity, "identity is null");
        Objects.requireNonNull(origin, "origin is null");
        Objects.requireNonNull(sum, "sum is null");
        // Made again when walked, never copied: copying would keep every statement's states.
        changes = changes instanceof ReplayedChanges ? changes : List.copyOf(changes);
        suppressions = List.copyOf(suppressions);
        validChecksums = List.copyOf(validChecksums);
        preconditionReads = List.copyOf(preconditionReads);
    }

    /** A changeset that declares no other valid checksum. */
    public SourceChangeset(
            String identity,
            Origin origin,
            String checksum,
            boolean runInTransaction,
            List<SourceChange> changes,
            String version,
            MixedTransaction mixedTransaction,
            boolean reruns,
            List<Suppression> suppressions) {
        this(
                identity,
                origin,
                Checksum.of(checksum),
                runInTransaction,
                changes,
                version,
                mixedTransaction,
                reruns,
                suppressions,
                List.of(),
                List.of());
    }

    /** A changeset with no suppression comment. */
    public SourceChangeset(
            String identity,
            Origin origin,
            String checksum,
            boolean runInTransaction,
            List<SourceChange> changes,
            String version,
            MixedTransaction mixedTransaction,
            boolean reruns) {
        this(
                identity,
                origin,
                checksum,
                runInTransaction,
                changes,
                version,
                mixedTransaction,
                reruns,
                List.of());
    }

    /** A changeset its tool runs once. */
    public SourceChangeset(
            String identity,
            Origin origin,
            String checksum,
            boolean runInTransaction,
            List<SourceChange> changes,
            String version,
            MixedTransaction mixedTransaction) {
        this(
                identity,
                origin,
                checksum,
                runInTransaction,
                changes,
                version,
                mixedTransaction,
                false);
    }

    /** A changeset its tool runs as it is. */
    public SourceChangeset(
            String identity,
            Origin origin,
            String checksum,
            boolean runInTransaction,
            List<SourceChange> changes,
            String version) {
        this(identity, origin, checksum, runInTransaction, changes, version, null);
    }

    /** A changeset its tool knows by its identity alone (Liquibase, a lone SQL file). */
    public SourceChangeset(
            String identity,
            Origin origin,
            String checksum,
            boolean runInTransaction,
            List<SourceChange> changes) {
        this(identity, origin, checksum, runInTransaction, changes, null);
    }

    /**
     * A changeset its tool knows by its identity alone, whose checksum may be computed when read.
     */
    public static SourceChangeset of(
            String identity,
            Origin origin,
            Checksum sum,
            boolean runInTransaction,
            List<SourceChange> changes) {
        return new SourceChangeset(
                identity,
                origin,
                sum,
                runInTransaction,
                changes,
                null,
                null,
                false,
                List.of(),
                List.of(),
                List.of());
    }

    /** The same changeset, run again by its tool when its content changes or every time. */
    public SourceChangeset rerunning() {
        return new SourceChangeset(
                identity,
                origin,
                sum,
                runInTransaction,
                changes,
                version,
                mixedTransaction,
                true,
                suppressions,
                validChecksums,
                preconditionReads);
    }

    /**
     * The same changeset with each change's states cut to what it changed ({@link
     * SourceChange#withChangedPartsOnly}): what a side that is only compared keeps.
     */
    public SourceChangeset withChangedPartsOnly() {
        if (changes instanceof ReplayedChanges) {
            return this;
        }
        return new SourceChangeset(
                identity,
                origin,
                sum,
                runInTransaction,
                changes.stream().map(SourceChange::withChangedPartsOnly).toList(),
                version,
                mixedTransaction,
                reruns,
                suppressions,
                validChecksums,
                preconditionReads);
    }

    /** The same changeset with these suppression comments. */
    public SourceChangeset withSuppressions(List<Suppression> written) {
        return withLists(written, validChecksums, preconditionReads);
    }

    /** The same changeset, accepted also where a database recorded one of {@code checksums}. */
    public SourceChangeset withValidChecksums(List<String> checksums) {
        return withLists(suppressions, checksums, preconditionReads);
    }

    /** The same changeset, whose preconditions read {@code reads}. */
    public SourceChangeset withPreconditionReads(List<PreconditionRead> reads) {
        return withLists(suppressions, validChecksums, reads);
    }

    /** The one copy the list withers share: the same changeset with these three lists. */
    private SourceChangeset withLists(
            List<Suppression> written, List<String> checksums, List<PreconditionRead> reads) {
        return new SourceChangeset(
                identity,
                origin,
                sum,
                runInTransaction,
                changes,
                version,
                mixedTransaction,
                reruns,
                written,
                checksums,
                reads);
    }

    /** The tool's checksum of its content, or null where the tool keeps none. */
    public String checksum() {
        return sum.value();
    }

    /**
     * Whether {@code other}'s checksum is this one's, computing them only where the source cannot
     * prove it ({@link Checksum#sameAs}).
     */
    public boolean sameChecksum(SourceChangeset other) {
        return sum.sameAs(other.sum);
    }

    /** Whether its tool accepts {@code recorded} as this changeset's checksum. */
    public boolean accepts(String recorded) {
        return recorded != null
                && (recorded.equals(checksum())
                        || validChecksums.stream().anyMatch(recorded::equalsIgnoreCase));
    }

    /** The identity as a reader finds it: a master changeset names the master's file. */
    public String shownIdentity() {
        return identity.startsWith(MASTER + "::")
                ? origin.file() + identity.substring(MASTER.length())
                : identity;
    }
}
