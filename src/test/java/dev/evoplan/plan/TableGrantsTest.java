package dev.evoplan.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evoplan.diff.Change;
import dev.evoplan.engine.Analysis;
import dev.evoplan.engine.AnalysisOptions;
import dev.evoplan.engine.Analyzer;
import dev.evoplan.model.LoadedSchema;
import dev.evoplan.model.QualifiedName;
import dev.evoplan.model.Schema;
import dev.evoplan.model.TableGrant;
import dev.evoplan.rules.LockLevel;
import dev.evoplan.rules.Safety;
import dev.evoplan.source.sql.SqlSource;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Table privileges (issues 9 and 11, "nothing passes unread"): GRANT / REVOKE on tables are read
 * into the model, diffed into GRANT / REVOKE steps judged by their measured lock (none), and go
 * with the table; the forms not modelled stay unmodelled objects a diff reports for review.
 */
class TableGrantsTest {
    /** A last statement both sides share, so that two states are compared as states. */
    private static final String TAIL = "COMMENT ON TABLE t IS 'shared';\n";

    private static final String BASE =
            "CREATE TABLE t (id int PRIMARY KEY);\nCREATE TABLE u (id int);\n";
    private static final QualifiedName T = QualifiedName.of("t");
    private static final QualifiedName U = QualifiedName.of("u");

    private static LoadedSchema sql(String name, String text) {
        return SqlSource.loadFile(name, name, text.getBytes(StandardCharsets.UTF_8));
    }

    private static Schema read(String text) {
        return sql("s.sql", text).schema();
    }

    private static Analysis analyze(String a, String b) {
        return Analyzer.analyze(sql("a.sql", a), sql("b.sql", b), AnalysisOptions.defaults());
    }

    private static List<String> planSql(Analysis analysis) {
        return analysis.plan().steps().stream()
                .filter(s -> s.kind() == Step.Kind.SQL)
                .map(Step::sql)
                .toList();
    }

    private static List<TableGrant> grants(Schema s) {
        return s.objects().values().stream()
                .filter(TableGrant.class::isInstance)
                .map(TableGrant.class::cast)
                .toList();
    }

    @Test
    void grantsAndRevokesAreReadPerTableGranteeAndPrivilege() {
        Schema s =
                read(
                        BASE
                                + "GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON TABLE t, public.u TO \"Mixed\", GROUP readers;\n"
                                + "REVOKE TRUNCATE, REFERENCES, TRIGGER, INSERT, UPDATE, DELETE ON t, u FROM \"Mixed\";\n"
                                + "REVOKE SELECT, INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON u FROM readers CASCADE;\n"
                                + "REVOKE insert, update, delete, truncate, references, trigger ON t FROM readers;\n"
                                + "grant select on t to readers with grant option;\n"
                                + "GRANT SELECT ON T TO PUBLIC WITH GRANT OPTION;\n"
                                + "REVOKE GRANT OPTION FOR SELECT ON t FROM public;\n"
                                + "REVOKE DELETE ON t FROM nobody;\n");

        assertThat(grants(s))
                .containsExactlyInAnyOrder(
                        new TableGrant(T, "Mixed", "SELECT", false),
                        new TableGrant(U, "Mixed", "SELECT", false),
                        new TableGrant(T, "readers", "SELECT", true),
                        new TableGrant(T, "PUBLIC", "SELECT", false));
        assertThat(s.unmodelled()).isEmpty();
    }

    @Test
    void aStateThatGrantsOtherwiseIsPlannedAsGrantAndRevokeJudgedSafe() {
        Analysis analysis =
                analyze(
                        BASE + "GRANT SELECT, UPDATE ON t TO app_user;\n" + TAIL,
                        BASE
                                + "GRANT SELECT ON t TO app_user WITH GRANT OPTION;\n"
                                + "GRANT INSERT ON t TO PUBLIC;\n"
                                + TAIL);

        assertThat(analysis.changes())
                .extracting(Change::summary)
                .containsExactlyInAnyOrder(
                        "replace grant SELECT on t to app_user with grant option",
                        "drop grant UPDATE on t to app_user",
                        "create grant INSERT on t to PUBLIC");
        assertThat(planSql(analysis))
                .containsExactlyInAnyOrder(
                        "GRANT SELECT ON t TO app_user WITH GRANT OPTION;",
                        "REVOKE UPDATE ON t FROM app_user;",
                        "GRANT INSERT ON t TO PUBLIC;");
        assertThat(analysis.worst()).isEqualTo(Safety.SAFE);
        assertThat(analysis.verdicts())
                .allSatisfy(v -> assertThat(v.finding().lock()).isEqualTo(LockLevel.NONE));
    }

    @Test
    void aGrantOptionTakenBackIsRevokedAlone() {
        Analysis analysis =
                analyze(
                        BASE + "GRANT SELECT ON t TO app_user WITH GRANT OPTION;\n" + TAIL,
                        BASE + "GRANT SELECT ON t TO app_user;\n" + TAIL);

        assertThat(planSql(analysis))
                .containsExactly("REVOKE GRANT OPTION FOR SELECT ON t FROM app_user;");
    }

    @Test
    void theSameGrantsWrittenDifferentlyAreNoChange() {
        Analysis analysis =
                analyze(
                        BASE + "GRANT SELECT, INSERT ON public.t TO APP_USER;\n" + TAIL,
                        BASE
                                + "GRANT insert ON TABLE t TO app_user;\n"
                                + "GRANT select ON t TO app_user;\n"
                                + TAIL);

        assertThat(analysis.changes()).isEmpty();
    }

    @Test
    void grantsGoWithTheirTable() {
        Analysis analysis =
                analyze(
                        BASE + "GRANT SELECT ON u TO app_user;\n" + TAIL,
                        "CREATE TABLE t (id int PRIMARY KEY);\n" + TAIL);

        assertThat(analysis.changes())
                .extracting(Change::kind)
                .containsExactly(Change.Kind.DROP_TABLE);
    }

    @Test
    void grantsNotModelledStayUnmodelledAndADifferenceNeedsReview() {
        for (String grant :
                List.of(
                        "GRANT SELECT (id) ON t TO app_user;",
                        "GRANT ALL ON t TO app_user;",
                        "GRANT USAGE ON SCHEMA public TO app_user;",
                        "GRANT SELECT ON ALL TABLES IN SCHEMA public TO app_user;",
                        "GRANT SELECT ON t TO CURRENT_USER;",
                        "GRANT SELECT ON v TO app_user;",
                        "GRANT app_role TO app_user;")) {
            String base = BASE + "CREATE VIEW v AS SELECT id FROM t;\n";
            Analysis analysis = analyze(base + TAIL, base + grant + "\n" + TAIL);

            assertThat(read(base + grant).unmodelled()).as(grant).hasSize(1);
            assertThat(analysis.worst()).as(grant).isEqualTo(Safety.NEEDS_REVIEW);
        }
    }

    @Test
    void aLiveDatabaseKeepsItsOwnGrantsButWhereTheFileGrantsInAnUnmodelledForm() {
        // The catalog reader reads table ACLs (CatalogGrantsTest): the database's grants stand,
        // so a grant only the file holds is planned. Where the file grants in a form the model
        // does not hold (ALL), the catalog shows that form's result: the file's grants stand.
        Schema live = read(BASE);
        Schema file = read(BASE + "GRANT SELECT ON t TO app_user;\n");
        assertThat(Planner.between(live.withUnreadOf(file), file, 16).isEmpty()).isFalse();

        Schema all = read(BASE + "GRANT ALL ON t TO app_user;\n");
        Schema liveAll =
                live.withObject(new TableGrant(QualifiedName.of("t"), "app_user", "SELECT", false));
        assertThat(Planner.between(liveAll.withUnreadOf(all), all, 16).isEmpty()).isTrue();
        assertThat(Planner.between(all, liveAll.withUnreadOf(all), 16).isEmpty()).isTrue();
    }
}
