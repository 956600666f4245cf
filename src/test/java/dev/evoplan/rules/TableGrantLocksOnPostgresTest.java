package dev.evoplan.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evoplan.diff.Change;
import dev.evoplan.model.QualifiedName;
import dev.evoplan.model.TableGrant;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The lock a planned GRANT / REVOKE on a table takes is PostgreSQL's, per major: none up to 17,
 * ACCESS SHARE on 18 (17 started here only: the change is between 17 and 18)
 * (LintLocksOnPostgresTest holds the 18 rows for lint; its rows cannot end at a major).
 */
@Tag("postgres")
class TableGrantLocksOnPostgresTest {
    private static final QualifiedName T = QualifiedName.of("t");

    @ParameterizedTest(name = "PostgreSQL {0}")
    @ValueSource(ints = {14, 16, 17, 18})
    void plannedGrantAndRevokeClaimTheLockPostgresTakes(int major) throws Exception {
        TableGrant select = new TableGrant(T, "PUBLIC", "SELECT", false);
        List<Change> changes =
                List.of(new Change.CreateObject(select), new Change.DropObject(select));
        try (LockProbe probe = new LockProbe(major)) {
            for (Change change : changes) {
                boolean grant = change.kind() == Change.Kind.CREATE_OBJECT;
                String statement = grant ? select.createSql().get(0) : select.dropSql();
                LockProbe.Observed seen =
                        probe.observe(
                                "CREATE TABLE t (a int);"
                                        + (grant ? "" : " GRANT SELECT ON t TO PUBLIC;"),
                                LockCase.spares("known-lock-statement", statement)
                                        .lock("t", LockLevel.NONE));

                assertThat(seen.failure()).as(statement).isNull();
                assertThat(seen.locks().get("t"))
                        .as("PostgreSQL %d running %s", major, statement)
                        .isEqualTo(Judge.plainLock(change, major));
            }
        }
    }
}
