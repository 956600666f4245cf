package dev.evoplan.rules;

import dev.evoplan.model.SourceChange;
import dev.evoplan.model.SourceChangeset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * EP401: a changeset (or migration file) that databases already ran was edited. Liquibase and
 * Flyway keep each run changeset's checksum and stop with a validation error when the file no
 * longer matches (Liquibase's {@code runOnChange} runs it again); the tools that keep none do not
 * run it again; either way the edit never reaches those databases as the diff shows it.
 */
public final class RanChangesetEdited extends HistoryRule {
    static final RuleInfo INFO =
            new RuleInfo(
                            "ran-changeset-edited",
                            "EP401",
                            "A changeset that already ran was edited: its checksum no longer matches",
                            Safety.NEEDS_REVIEW,
                            LockLevel.NONE)
                    .with(RuleInfo.Trait.ABOUT_RAN_CHANGESETS);

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    List<Finding> checkHistory(List<SourceChangeset> ran, List<SourceChangeset> next) {
        Map<String, SourceChangeset> before =
                ran.stream()
                        .collect(
                                Collectors.toMap(
                                        SourceChangeset::identity,
                                        Function.identity(),
                                        (a, b) -> a));
        List<Finding> findings = new ArrayList<>();
        for (SourceChangeset now : next) {
            SourceChangeset old = before.get(now.identity());
            // runOnChange / runAlways: re-running the edited content is what the changeset is for,
            // and that content is judged as written with the new changesets. The checksums are
            // computed only where their source cannot prove them equal.
            if (old == null
                    || now.reruns()
                    || now.sameChecksum(old)
                    || old.checksum() == null
                    || now.checksum() == null) {
                continue;
            }
            if (now.accepts(old.checksum())) {
                findings.add(declaredValid(old, now));
                continue;
            }
            if (keepsNoChecksum(now) && sameStatements(old, now)) {
                // A comment or the blank lines between statements: the tool never compares the
                // file, and a new database runs the same statements an old one ran.
                continue;
            }
            String changed =
                    name(now)
                            + " already ran, and its content changed since (checksum "
                            + old.checksum()
                            + " is now "
                            + now.checksum()
                            + "): ";
            findings.add(edited(now, changed));
        }
        return findings;
    }

    /** Whether the changeset's tool records no checksum: neither Liquibase nor Flyway. */
    private static boolean keepsNoChecksum(SourceChangeset now) {
        return now.origin().changesetId() == null && !flyway(now);
    }

    /** Whether the migration file is Flyway's, which keeps a checksum of each it ran. */
    private static boolean flyway(SourceChangeset changeset) {
        return "flyway".equals(versionTool(changeset));
    }

    /**
     * Whether both versions run the same statements, each as written, in the same transaction: an
     * edit of the text around them only, or of a BEGIN and COMMIT inside the transaction the tool
     * runs the file in either way.
     */
    private static boolean sameStatements(SourceChangeset old, SourceChangeset now) {
        if (old.runInTransaction() != now.runInTransaction()) {
            return false;
        }
        List<List<String>> was = statements(old);
        return was.equals(statements(now));
    }

    private static List<List<String>> statements(SourceChangeset changeset) {
        return changeset.changes().stream()
                .filter(
                        c ->
                                !(changeset.runInTransaction()
                                        && (c.changeType().equals("BEGIN")
                                                || c.changeType().equals("COMMIT"))))
                .map(SourceChange::writtenSql)
                .toList();
    }

    /**
     * The finding for an edit, worded for what the migration's tool does with it: Liquibase and
     * Flyway compare checksums and stop; the tools that keep no checksum (golang-migrate, pop,
     * diesel, Prisma's deploy, Synapse, psql) do not run the file again, so the edit reaches new
     * databases only.
     */
    private Finding edited(SourceChangeset now, String changed) {
        if (now.origin().changesetId() != null) {
            return finding(
                    now,
                    changed
                            + "Liquibase refuses to update a database that ran it,"
                            + " or runs it again where runOnChange is set",
                    "Databases that ran the old version keep the old effect, new databases get the new one, and the"
                            + " deploy stops at validation until someone clears the checksum",
                    "Leave the changeset as it ran and put the correction in a new changeset; if the edit only"
                            + " reformats it, add a validCheckSum for the old checksum");
        }
        if (flyway(now)) {
            return finding(
                    now,
                    changed
                            + "Flyway's validate fails on a database that ran it (checksum mismatch),"
                            + " so migrate stops there",
                    "Databases that ran the old version keep the old effect, new databases get the new one, and the"
                            + " deploy stops at validation until the schema history is repaired",
                    "Leave the migration as it ran and put the correction in a new migration; if the edit only"
                            + " reformats it, flyway repair records the new checksum");
        }
        return finding(
                now,
                changed
                        + "it is not run again on a database that ran it, so the edit reaches new"
                        + " databases only",
                "Databases that ran the old version keep the old effect and new databases get the new one:"
                        + " the schemas drift apart without an error",
                "Leave the migration as it ran and put the correction in a new migration");
    }

    /**
     * An edit whose changeset lists the checksum databases recorded in a {@code validCheckSum}: the
     * team declared the databases that ran the old version valid, so Liquibase lets them pass
     * without running it again. A safe note that says what follows from it.
     */
    private static Finding declaredValid(SourceChangeset old, SourceChangeset now) {
        return new Finding(
                INFO.id(),
                Safety.SAFE,
                LockLevel.NONE,
                null,
                name(now)
                        + " already ran and its content changed since, and its validCheckSum accepts the"
                        + " checksum databases recorded ("
                        + old.checksum()
                        + "): Liquibase does not run it again there",
                "Databases that ran the old version keep its effect and new databases get the new one, as the"
                        + " validCheckSum declares",
                "Nothing to do, if both versions leave databases in a state the application accepts",
                null,
                now.origin(),
                List.of(),
                null);
    }
}
