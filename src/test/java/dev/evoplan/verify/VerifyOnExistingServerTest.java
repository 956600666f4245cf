package dev.evoplan.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.evoplan.cli.Main;
import dev.evoplan.model.InputException;
import dev.evoplan.model.LoadedSchema;
import dev.evoplan.model.QualifiedName;
import dev.evoplan.plan.Plan;
import dev.evoplan.plan.Stage;
import dev.evoplan.plan.StageKind;
import dev.evoplan.plan.Step;
import dev.evoplan.rules.LockLevel;
import dev.evoplan.source.SourceSettings;
import dev.evoplan.source.Sources;
import dev.evoplan.testing.PostgresServers;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code verify --db}: the shared test server, reached by its URL only, stands in for the user's
 * own.
 */
@Tag("postgres")
class VerifyOnExistingServerTest {
    private static final Path SAMPLE =
            Path.of(System.getProperty("evoplan.root", "."), "changelogs/crawler");
    private static EmbeddedPostgres users;
    private static String url;

    @TempDir Path dir;

    @BeforeAll
    static void startTheUsersServer() throws SQLException {
        users = PostgresServers.server(16);
        url = users.getJdbcUrl("postgres", "postgres");
        try (Connection c = users.getPostgresDatabase().getConnection();
                Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE appdb");
            st.execute("CREATE ROLE plain LOGIN PASSWORD 'sekrit-pw-42' NOCREATEDB");
        }
        try (Connection c = users.getDatabase("postgres", "appdb").getConnection();
                Statement st = c.createStatement()) {
            st.execute("CREATE TABLE marker (id int PRIMARY KEY, note text)");
            st.execute("INSERT INTO marker VALUES (1, 'keep'), (2, 'me')");
        }
    }

    @AfterAll
    static void leaveTheSharedServerAsItWas() throws Exception {
        try (Connection c = users.getPostgresDatabase().getConnection();
                Statement st = c.createStatement()) {
            st.execute("DROP DATABASE appdb WITH (FORCE)");
            st.execute("DROP ROLE plain");
        }
    }

    @Test
    void theSamplePassesInAScratchDatabaseThatIsDroppedAndNothingElseIsTouched()
            throws SQLException {
        List<String> before = databases();
        String markerBefore = marker();

        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code =
                Main.run(
                        new String[] {
                            "verify",
                            "--db",
                            url,
                            "--from",
                            SAMPLE.resolve("v1/db.changelog-master.yaml").toString(),
                            "--to",
                            SAMPLE.resolve("v2/db.changelog-master.yaml").toString(),
                            "--rows",
                            "100",
                            "--format",
                            "json"
                        },
                        new PrintWriter(out),
                        new PrintWriter(err));

        assertThat(err.toString()).isEmpty();
        assertThat(code).as(out.toString()).isZero();
        assertThat(out.toString())
                .contains(
                        "\"verdict\": \"pass\"",
                        "\"serverVersion\": \"16.",
                        "\"observedLock\": \"ACCESS_EXCLUSIVE\"");
        assertThat(databases()).isEqualTo(before).noneMatch(d -> d.startsWith("evoplan_verify_"));
        assertThat(marker()).isEqualTo(markerBefore).isEqualTo("1:keep,2:me,tables=[marker]");
    }

    @Test
    void aUrlParameterThatSelectsAnotherDatabaseIsRefusedBeforeAnyDdlAndThatDatabaseIsUntouched()
            throws SQLException {
        List<String> before = databases();
        String markerBefore = marker();
        String redirected = url + (url.contains("?") ? "&" : "?") + "PGDBNAME=appdb";

        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code =
                Main.run(
                        new String[] {
                            "verify",
                            "--db",
                            redirected,
                            "--from",
                            SAMPLE.resolve("v1/db.changelog-master.yaml").toString(),
                            "--to",
                            SAMPLE.resolve("v2/db.changelog-master.yaml").toString(),
                            "--rows",
                            "100"
                        },
                        new PrintWriter(out),
                        new PrintWriter(err));

        assertThat(code).as(err.toString() + out).isEqualTo(3);
        assertThat(err.toString())
                .contains("connect to database appdb, not to the scratch database evoplan_verify_")
                .hasLineCount(1);
        assertThat(marker()).isEqualTo(markerBefore).isEqualTo("1:keep,2:me,tables=[marker]");
        assertThat(databases()).isEqualTo(before).noneMatch(d -> d.startsWith("evoplan_verify_"));
    }

    @Test
    void aMismatchingPlanAndAFailingStepLeaveNoScratchDatabase() throws Exception {
        LoadedSchema from =
                sql("from.sql", "CREATE TABLE items (id int PRIMARY KEY, name text NOT NULL);");
        LoadedSchema to =
                sql(
                        "to.sql",
                        "CREATE TABLE items (id int PRIMARY KEY, name text NOT NULL);\n"
                                + "CREATE INDEX idx_items_name ON items (name);");
        Step wrongLock =
                new Step(
                        Step.Kind.SQL,
                        "CREATE INDEX idx_items_name ON items (name)",
                        "create index idx_items_name on items",
                        true,
                        LockLevel.SHARE_UPDATE_EXCLUSIVE,
                        QualifiedName.of("items"),
                        null,
                        null,
                        null,
                        null,
                        "create index idx_items_name");
        Step broken =
                new Step(
                        Step.Kind.SQL,
                        "ALTER TABLE no_such_table ADD COLUMN x int",
                        "add x to no_such_table",
                        true,
                        LockLevel.ACCESS_EXCLUSIVE,
                        QualifiedName.of("items"),
                        null,
                        null,
                        null,
                        null,
                        "add x");
        List<String> before = databases();

        try (VerifyServer server = VerifyServer.existing(url)) {
            VerifyReport mismatch =
                    Verifier.verify(
                            server,
                            from,
                            to,
                            new Plan(List.of(new Stage(StageKind.EXPAND, List.of(wrongLock)))),
                            VerifierTest.options(16, RowCounts.everyTable(50)));
            assertThat(mismatch.passed()).isFalse();
            assertThat(mismatch.steps())
                    .singleElement()
                    .extracting(VerifyReport.StepCheck::verdict)
                    .isEqualTo(VerifyReport.StepVerdict.MISMATCH);
            assertThat(databases()).isEqualTo(before);

            VerifyReport failed =
                    Verifier.verify(
                            server,
                            from,
                            to,
                            new Plan(List.of(new Stage(StageKind.EXPAND, List.of(broken)))),
                            VerifierTest.options(16, RowCounts.everyTable(50)));
            assertThat(failed.failure()).contains("step 1 failed", "no_such_table");
            assertThat(databases()).isEqualTo(before);
        }
        assertThat(databases()).noneMatch(d -> d.startsWith("evoplan_verify_"));
    }

    @Test
    void anAbandonedSessionDoesNotKeepTheScratchDatabaseAlive() throws SQLException {
        List<String> before = databases();
        VerifyServer server = VerifyServer.existing(url);
        String name = server.createDatabase("");
        assertThat(name).matches("evoplan_verify_[0-9a-f]{16}");
        Connection leftOver = server.connect(name);
        try (Statement st = leftOver.createStatement()) {
            st.execute("BEGIN; CREATE TABLE t (id int); LOCK TABLE t IN ACCESS EXCLUSIVE MODE");
        }
        assertThat(databases()).contains(name);

        server.close();

        assertThat(databases()).isEqualTo(before);
        assertThat(leftOver.isValid(2)).isFalse();
        leftOver.close();
    }

    @Test
    void itNeverConnectsToADatabaseItDidNotCreate() {
        try (VerifyServer server = VerifyServer.existing(url)) {
            assertThatThrownBy(() -> server.connect("appdb"))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void aRoleWithoutCreatedbIsAnInputErrorWithoutThePassword() throws SQLException {
        List<String> before = databases();
        String plain = url.replace("user=postgres", "user=plain&password=sekrit-pw-42");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code =
                Main.run(
                        new String[] {
                            "verify",
                            "--db",
                            plain,
                            "--from",
                            SAMPLE.resolve("v1/db.changelog-master.yaml").toString(),
                            "--to",
                            SAMPLE.resolve("v2/db.changelog-master.yaml").toString(),
                            "--rows",
                            "10"
                        },
                        new PrintWriter(out),
                        new PrintWriter(err));

        assertThat(code).isEqualTo(3);
        assertThat(err.toString()).contains("CREATEDB").doesNotContain("sekrit-pw-42");
        assertThat(err.toString().strip()).doesNotContain("\n");
        assertThat(out.toString()).isEmpty();
        assertThat(databases()).isEqualTo(before);
    }

    @Test
    void anUnreachableServerIsAnInputErrorWithoutThePassword() {
        assertThatThrownBy(
                        () ->
                                VerifyServer.existing(
                                        "jdbc:postgresql://127.0.0.1:1/x?user=u&password=sekrit-pw-42&connectTimeout=2"))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("cannot connect")
                .hasMessageNotContaining("sekrit-pw-42");
    }

    @Test
    void theUrlKeepsEverythingButTheDatabase() {
        ExistingServer server = ExistingServer.open(url);
        assertThat(server.withDatabase("evoplan_verify_ab"))
                .isEqualTo(url.replace("/postgres?", "/evoplan_verify_ab?"))
                .isNotEqualTo(url);
        server.close();
    }

    private LoadedSchema sql(String name, String text) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return Sources.load(file.toString(), SourceSettings.defaults());
    }

    private static List<String> databases() throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection c = users.getPostgresDatabase().getConnection();
                Statement st = c.createStatement();
                ResultSet rs =
                        st.executeQuery("SELECT datname FROM pg_database ORDER BY datname")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }

    private static String marker() throws SQLException {
        StringBuilder s = new StringBuilder();
        try (Connection c = users.getDatabase("postgres", "appdb").getConnection();
                Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT id, note FROM marker ORDER BY id")) {
                while (rs.next()) {
                    s.append(s.length() == 0 ? "" : ",")
                            .append(rs.getInt(1))
                            .append(':')
                            .append(rs.getString(2));
                }
            }
            try (ResultSet rs =
                    st.executeQuery(
                            "SELECT array_agg(relname ORDER BY relname)::text FROM pg_class c "
                                    + "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind = 'r'")) {
                rs.next();
                s.append(",tables=").append(rs.getString(1).replace('{', '[').replace('}', ']'));
            }
        }
        return s.toString();
    }
}
