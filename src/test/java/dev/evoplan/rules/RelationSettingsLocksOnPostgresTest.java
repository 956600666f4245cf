package dev.evoplan.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evoplan.diff.Change;
import dev.evoplan.model.QualifiedName;
import dev.evoplan.model.ReplicaIdentity;
import dev.evoplan.model.StorageParameters;
import dev.evoplan.model.View;
import dev.evoplan.plan.SqlWriter;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The lock each planned replica identity, storage parameter and view option statement claims is the
 * one PostgreSQL takes (measured on 14, 16 and 18): ACCESS EXCLUSIVE for REPLICA IDENTITY and a
 * view's options, SHARE UPDATE EXCLUSIVE for fillfactor, autovacuum_* and toast.* parameters of a
 * table or materialized view, ACCESS EXCLUSIVE for user_catalog_table.
 */
@Tag("postgres")
class RelationSettingsLocksOnPostgresTest {
    private static final QualifiedName T = QualifiedName.of("t");
    private static final String TABLE = "CREATE TABLE t (id int PRIMARY KEY, ref text NOT NULL);";

    private record Planned(String setup, String relation, String statement, Change change) {}

    private static StorageParameters parameters(String... kv) {
        TreeMap<String, String> m = new TreeMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return new StorageParameters(T, m);
    }

    private static Planned object(String setup, Change change) {
        String sql;
        if (change instanceof Change.CreateObject c) {
            sql = c.object().createSql().get(0);
        } else if (change instanceof Change.DropObject d) {
            sql = d.object().dropSql();
        } else {
            Change.AlterObject a = (Change.AlterObject) change;
            sql = ((StorageParameters) a.to()).setSql(((StorageParameters) a.from()).parameters());
        }
        return new Planned(TABLE + setup, "t", sql, change);
    }

    private static Planned view(
            boolean materialized, Map<String, String> from, Map<String, String> to) {
        QualifiedName name = QualifiedName.of("v");
        View before = new View(name, "SELECT id FROM t", materialized, new TreeMap<>(from));
        View after = before.withOptions(to);
        return new Planned(
                TABLE + SqlWriter.createView(before, false),
                "v",
                SqlWriter.alterViewOptions(before, after),
                new Change.ReplaceView(before, after));
    }

    @ParameterizedTest(name = "PostgreSQL {0}")
    @ValueSource(ints = {14, 16, 18})
    void eachPlannedSettingClaimsTheLockPostgresTakes(int major) throws Exception {
        ReplicaIdentity full = new ReplicaIdentity(T, ReplicaIdentity.Mode.FULL, null);
        var planned =
                java.util.List.of(
                        object("", new Change.CreateObject(full)),
                        object(
                                " CREATE UNIQUE INDEX t_ref_idx ON t (ref);",
                                new Change.CreateObject(
                                        new ReplicaIdentity(
                                                T, ReplicaIdentity.Mode.INDEX, "t_ref_idx"))),
                        object(
                                " ALTER TABLE t REPLICA IDENTITY FULL;",
                                new Change.DropObject(full)),
                        object(
                                "",
                                new Change.CreateObject(
                                        parameters(
                                                "fillfactor",
                                                "70",
                                                "toast.autovacuum_enabled",
                                                "false"))),
                        object(
                                " ALTER TABLE t SET (fillfactor = 70);",
                                new Change.AlterObject(
                                        parameters("fillfactor", "70"),
                                        parameters("autovacuum_vacuum_scale_factor", "0.01"))),
                        object(
                                "",
                                new Change.AlterObject(
                                        parameters("fillfactor", "70"),
                                        parameters(
                                                "fillfactor", "70", "user_catalog_table", "true"))),
                        view(false, Map.of(), Map.of("security_barrier", "true")),
                        view(false, Map.of("check_option", "local"), Map.of()),
                        view(true, Map.of(), Map.of("fillfactor", "60")),
                        view(true, Map.of("toast_tuple_target", "2048"), Map.of()));
        try (LockProbe probe = new LockProbe(major)) {
            for (Planned p : planned) {
                LockProbe.Observed seen =
                        probe.observe(
                                p.setup(),
                                LockCase.spares("known-lock-statement", p.statement())
                                        .lock(p.relation(), LockLevel.NONE));

                assertThat(seen.failure()).as(p.statement()).isNull();
                assertThat(seen.locks().get(p.relation()))
                        .as("PostgreSQL %d running %s", major, p.statement())
                        .isEqualTo(Judge.plainLock(p.change(), major));
            }
        }
    }
}
