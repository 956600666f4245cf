package dev.evoplan.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evoplan.diff.Change;
import dev.evoplan.diff.Changes;
import dev.evoplan.model.MigrationStatement;
import dev.evoplan.model.Schema;
import dev.evoplan.model.SourceChange;
import dev.evoplan.source.sql.SqlParser;
import dev.evoplan.source.sql.SqlStatementApplier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One row of the lint lock proof: a statement, the rule that must (or must not) flag it, and what
 * PostgreSQL really does when it runs: the strongest lock per relation, whether the table gets a
 * new relfilenode (a rewrite) and whether it is read through (a scan).
 *
 * @param ruleId the rule the row is about
 * @param flags true: the rule must flag the statement; false: it must not (or only call it safe)
 * @param setup SQL run before, on the server and through the folder (tables {@code p} and {@code t}
 *     exist already)
 * @param statement the statement under test
 * @param inTransaction it runs inside BEGIN (observed in the open transaction); false: in
 *     autocommit, observed while it waits behind {@link #holder}
 * @param holder for autocommit rows, what a third session holds in an open transaction so the
 *     statement waits
 * @param locks relation name to the strongest lock PostgreSQL takes on it, first the judged table
 * @param rewrite the first relation's relfilenode changes, or null when not asserted
 * @param scan the first relation is read through (a sequential scan in the statement's
 *     transaction), or null
 * @param failsWith the SQLSTATE the statement fails with instead, or null
 * @param since the oldest major the row is run on
 * @param reported a known catalogue claim that differs from PostgreSQL, reported to the lead: while
 *     it stands, the evoplan half of the row is skipped with this reason (PostgreSQL's half still
 *     runs); once the rule is fixed the row simply passes
 */
record LockCase(
        String ruleId,
        boolean flags,
        String setup,
        String statement,
        boolean inTransaction,
        String holder,
        Map<String, LockLevel> locks,
        Boolean rewrite,
        Boolean scan,
        String failsWith,
        int since,
        String reported) {
    LockCase {
        Objects.requireNonNull(ruleId, "ruleId is null");
        Objects.requireNonNull(statement, "statement is null");
        setup = setup == null ? "" : setup;
        locks = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(locks));
    }

    /** A statement the rule must flag, run in a transaction, on table {@code t}. */
    static LockCase flags(String ruleId, String statement) {
        return new LockCase(
                ruleId, true, "", statement, true, null, Map.of(), null, null, null, 0, null);
    }

    /** A statement the rule must not flag (or only call safe): the negative proof. */
    static LockCase spares(String ruleId, String statement) {
        return new LockCase(
                ruleId, false, "", statement, true, null, Map.of(), null, null, null, 0, null);
    }

    LockCase setup(String sql) {
        return new LockCase(
                ruleId,
                flags,
                sql,
                statement,
                inTransaction,
                holder,
                locks,
                rewrite,
                scan,
                failsWith,
                since,
                reported);
    }

    /**
     * Runs in autocommit, observed while it waits behind a third session holding {@code holderSql}.
     */
    LockCase autocommit(String holderSql) {
        return new LockCase(
                ruleId, flags, setup, statement, false, holderSql, locks, rewrite, scan, failsWith,
                since, reported);
    }

    LockCase lock(String relation, LockLevel level) {
        Map<String, LockLevel> more = new LinkedHashMap<>(locks);
        more.put(relation, level);
        return new LockCase(
                ruleId,
                flags,
                setup,
                statement,
                inTransaction,
                holder,
                more,
                rewrite,
                scan,
                failsWith,
                since,
                reported);
    }

    LockCase rewrite(boolean yes) {
        return new LockCase(
                ruleId,
                flags,
                setup,
                statement,
                inTransaction,
                holder,
                locks,
                yes,
                scan,
                failsWith,
                since,
                reported);
    }

    LockCase scan(boolean yes) {
        return new LockCase(
                ruleId,
                flags,
                setup,
                statement,
                inTransaction,
                holder,
                locks,
                rewrite,
                yes,
                failsWith,
                since,
                reported);
    }

    LockCase fails(String sqlState) {
        return new LockCase(
                ruleId,
                flags,
                setup,
                statement,
                inTransaction,
                holder,
                locks,
                rewrite,
                scan,
                sqlState,
                since,
                reported);
    }

    LockCase since(int major) {
        return new LockCase(
                ruleId,
                flags,
                setup,
                statement,
                inTransaction,
                holder,
                locks,
                rewrite,
                scan,
                failsWith,
                major,
                reported);
    }

    LockCase reported(String why) {
        return new LockCase(
                ruleId,
                flags,
                setup,
                statement,
                inTransaction,
                holder,
                locks,
                rewrite,
                scan,
                failsWith,
                since,
                why);
    }

    /** The judged table: the first relation named. */
    String table() {
        return locks.keySet().stream().findFirst().orElse(null);
    }

    @Override
    public String toString() {
        return (flags ? "" : "not ")
                + ruleId
                + (inTransaction ? " [tx] " : " [autocommit] ")
                + statement;
    }

    /**
     * evoplan's side: fold the setup and the statement, type the statement's change, judge it as
     * written.
     */
    static List<Finding> judge(String setup, LockCase c, int major) {
        SqlStatementApplier folder = new SqlStatementApplier(Schema.EMPTY);
        folder.foldAll(SqlParser.parse(setup, "setup.sql"));
        List<SourceChange> statement =
                folder.foldAll(
                        SqlParser.parse(
                                c.statement().replaceAll(";\\s*$", "") + ";", "migration.sql"));
        assertThat(statement).as("statements in %s", c.statement()).hasSize(1);
        SourceChange source = statement.get(0);
        List<Change> changes = Changes.of(source);
        // As the lint engine does: a table the statement itself creates is new (and empty).
        JudgeContext context =
                new JudgeContext(
                        Mode.AS_WRITTEN,
                        major,
                        TableStats.UNKNOWN,
                        source.before(),
                        Changes.createdTables(changes),
                        source,
                        null,
                        new MigrationStatement(source, c.inTransaction(), 1, null));
        List<Finding> findings = new ArrayList<>();
        for (Change change : changes) {
            findings.addAll(Judge.judge(change, context));
        }
        return findings;
    }
}
