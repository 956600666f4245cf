package dev.evoplan.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evoplan.diff.Change;
import dev.evoplan.engine.Analysis;
import dev.evoplan.engine.AnalysisOptions;
import dev.evoplan.engine.Analyzer;
import dev.evoplan.model.LoadedSchema;
import dev.evoplan.model.Policy;
import dev.evoplan.model.QualifiedName;
import dev.evoplan.model.Routine;
import dev.evoplan.model.RowSecurity;
import dev.evoplan.model.Schema;
import dev.evoplan.model.SchemaObject;
import dev.evoplan.model.Trigger;
import dev.evoplan.rules.Safety;
import dev.evoplan.source.sql.SqlSource;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Routines, triggers, policies and row-security switches are modelled (issue 9, items 3 and 5):
 * read from SQL, diffed as typed changes judged by their measured locks, and planned.
 */
class CodeObjectsTest {
    /** A last statement both sides share, so that two states are compared as states. */
    private static final String TAIL = "COMMENT ON TABLE t IS 'shared';\n";

    private static final String BASE = "CREATE TABLE t (id int PRIMARY KEY, owner text);\n";
    private static final String TRG =
            "CREATE FUNCTION trg() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;\n";
    private static final QualifiedName T = QualifiedName.of("t");

    private static LoadedSchema sql(String name, String text) {
        return SqlSource.loadFile(name, name, text.getBytes(StandardCharsets.UTF_8));
    }

    private static Schema read(String text) {
        return sql("s.sql", text).schema();
    }

    private static Analysis analyze(String a, String b) {
        return Analyzer.analyze(sql("a.sql", a), sql("b.sql", b), AnalysisOptions.defaults());
    }

    private static List<String> keys(Schema s) {
        return s.objects().keySet().stream().map(QualifiedName::toString).toList();
    }

    @Test
    void routinesAreKeyedByNameAndArgumentTypesWhateverTheBody() {
        Schema s =
                read(
                        BASE
                                + "CREATE FUNCTION f(a integer, OUT b text) RETURNS text LANGUAGE sql AS $$ SELECT 'x' $$;\n"
                                + "CREATE FUNCTION f(a text) RETURNS int LANGUAGE sql RETURN 1;\n"
                                + "CREATE PROCEDURE p(x int) LANGUAGE sql BEGIN ATOMIC SELECT 1; END;\n");

        assertThat(keys(s))
                .containsExactly("routine.f(integer)", "routine.f(text)", "routine.p(integer)");
        Routine returnBody = (Routine) s.objects().get(Routine.key(QualifiedName.of("f"), "text"));
        assertThat(returnBody.language()).isEqualTo("sql");
        assertThat(returnBody.createSql())
                .containsExactly(
                        "CREATE OR REPLACE FUNCTION f(a text) RETURNS int LANGUAGE sql RETURN 1");
    }

    @Test
    void dropAndAlterOfRoutinesFollowTheirSignature() {
        Schema s =
                read(
                        BASE
                                + "CREATE FUNCTION f(a integer) RETURNS int LANGUAGE sql RETURN a;\n"
                                + "CREATE FUNCTION g(a integer) RETURNS int LANGUAGE sql RETURN a;\n"
                                + "CREATE FUNCTION h() RETURNS int LANGUAGE sql RETURN 1;\n"
                                + "ALTER FUNCTION f(integer) RENAME TO f2;\n"
                                + "ALTER FUNCTION f2 OWNER TO CURRENT_USER;\n"
                                + "DROP FUNCTION g(integer);\n"
                                + "DROP FUNCTION IF EXISTS h;\n"
                                + "DROP FUNCTION IF EXISTS never_made;\n");

        assertThat(keys(s)).containsExactly("routine.f2(integer)");
        assertThat(s.unmodelled()).isEmpty();
    }

    @Test
    void triggersPoliciesAndSwitchesAreReadRenamedAndDropped() {
        Schema s =
                read(
                        BASE
                                + TRG
                                + "CREATE TRIGGER a_trg BEFORE INSERT OR UPDATE ON t FOR EACH ROW EXECUTE FUNCTION trg();\n"
                                + "ALTER TRIGGER a_trg ON t RENAME TO b_trg;\n"
                                + "CREATE TRIGGER gone BEFORE DELETE ON t FOR EACH ROW EXECUTE FUNCTION trg();\n"
                                + "DROP TRIGGER gone ON t;\n"
                                + "ALTER TABLE t ENABLE ROW LEVEL SECURITY;\n"
                                + "ALTER TABLE t FORCE ROW LEVEL SECURITY;\n"
                                + "CREATE POLICY own ON t AS RESTRICTIVE FOR SELECT TO app, admin USING (owner = current_user);\n"
                                + "ALTER POLICY own ON t USING (true);\n"
                                + "CREATE POLICY gone ON t USING (false);\n"
                                + "DROP POLICY gone ON t;\n");

        Trigger trigger = (Trigger) s.objects().get(Trigger.key(T, "b_trg"));
        assertThat(trigger.createSql())
                .containsExactly(
                        "CREATE TRIGGER b_trg BEFORE INSERT OR UPDATE ON t FOR EACH ROW EXECUTE FUNCTION trg()");
        assertThat(s.objects().get(RowSecurity.key(T))).isEqualTo(new RowSecurity(T, true, true));
        assertThat(s.objects().get(Policy.key(T, "own")))
                .isEqualTo(
                        new Policy(
                                T, "own", false, "SELECT", List.of("admin", "app"), "true", null));
        assertThat(keys(s))
                .containsExactly(
                        "policy.t own", "routine.trg()", "row security.t", "trigger.t b_trg");
    }

    @Test
    void aDroppedTableTakesItsTriggersPoliciesAndSwitchesAndARenamedOneKeepsThem() {
        String objects =
                TRG
                        + "CREATE TABLE u (id int);\n"
                        + "CREATE TRIGGER u_trg BEFORE INSERT ON u FOR EACH ROW EXECUTE FUNCTION trg();\n"
                        + "CREATE POLICY u_own ON u USING (true);\n"
                        + "ALTER TABLE u ENABLE ROW LEVEL SECURITY;\n";
        Schema dropped = read(BASE + objects + "DROP TABLE u;\n");
        Schema renamed = read(BASE + objects + "ALTER TABLE u RENAME TO v;\n");

        assertThat(keys(dropped)).containsExactly("routine.trg()");
        assertThat(keys(renamed))
                .containsExactly(
                        "policy.v u_own", "routine.trg()", "row security.v", "trigger.v u_trg");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            function | CREATE FUNCTION f(a integer) RETURNS int LANGUAGE sql AS $$ SELECT a $$; | create function f(integer)
            trigger  | CREATE TRIGGER tr BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION trg(); | create trigger tr on t
            policy   | CREATE POLICY own ON t USING (true);                                       | create policy own on t
            rls      | ALTER TABLE t ENABLE ROW LEVEL SECURITY;                                   | create row level security of t
            """)
    void aStateThatAddsOneIsATypedChangeJudgedByItsLock(
            String what, String added, String expected) {
        // A statement both sides end with: the new side is a second state, not the old file grown.
        Analysis analysis = analyze(BASE + TRG + TAIL, BASE + TRG + added + "\n" + TAIL);

        assertThat(analysis.changes())
                .as(what)
                .singleElement()
                .satisfies(
                        c -> {
                            assertThat(c.kind()).isEqualTo(Change.Kind.CREATE_OBJECT);
                            assertThat(c.summary()).isEqualTo(expected);
                        });
        assertThat(analysis.worst()).isEqualTo(Safety.SAFE);
        assertThat(analysis.plan().steps()).isNotEmpty();
    }

    @Test
    void aBodyChangedIsReplacedInPlaceAndASignatureChangeIsADropAndCreate() {
        Analysis body =
                analyze(
                        BASE + "CREATE FUNCTION f(a integer) RETURNS int LANGUAGE sql RETURN a;",
                        BASE
                                + "CREATE FUNCTION f(a integer) RETURNS int LANGUAGE sql RETURN a + 1;");
        Analysis result =
                analyze(
                        BASE + "CREATE FUNCTION f(a integer) RETURNS int LANGUAGE sql RETURN a;",
                        BASE
                                + "CREATE FUNCTION f(a integer) RETURNS bigint LANGUAGE sql RETURN a;");

        assertThat(body.changes())
                .singleElement()
                .satisfies(c -> assertThat(c.kind()).isEqualTo(Change.Kind.ALTER_OBJECT));
        assertThat(sqlOf(body))
                .isEqualTo(
                        "CREATE OR REPLACE FUNCTION f(a integer) RETURNS int LANGUAGE sql RETURN a + 1;");
        assertThat(sqlOf(result))
                .isEqualTo(
                        "DROP FUNCTION f(integer);\n"
                                + "CREATE OR REPLACE FUNCTION f(a integer) RETURNS bigint LANGUAGE sql RETURN a;");
        assertThat(body.worst()).isEqualTo(Safety.SAFE);
    }

    @Test
    void aResultTypeSpelledOtherwiseIsTheSameSignatureReplacedInPlace() {
        // Dropping it would be refused while another routine depends on it.
        Analysis respelled =
                analyze(
                        BASE
                                + "CREATE FUNCTION f(a integer) RETURNS integer LANGUAGE sql"
                                + " RETURN a;",
                        BASE
                                + "CREATE FUNCTION f(a integer) RETURNS int4 LANGUAGE sql RETURN a + 1;");

        assertThat(sqlOf(respelled))
                .isEqualTo(
                        "CREATE OR REPLACE FUNCTION f(a integer) RETURNS int4 LANGUAGE sql RETURN a"
                                + " + 1;");
    }

    @Test
    void theSameObjectsWrittenDifferentlyAreNoChange() {
        String a =
                BASE
                        + TRG
                        + "CREATE TRIGGER tr BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION trg();\n"
                        + "CREATE POLICY own ON t FOR ALL TO PUBLIC USING (owner = current_user);\n";
        String b =
                BASE
                        + TRG
                        + "CREATE TRIGGER tr\n  BEFORE INSERT ON t\n  FOR EACH ROW EXECUTE FUNCTION trg();\n"
                        + "CREATE POLICY own ON t USING (owner   =  current_user);\n";

        assertThat(analyze(a, b).changes()).isEmpty();
    }

    @Test
    void triggersAndPoliciesOfADroppedTableAreNotDroppedOnTheirOwn() {
        String a =
                BASE
                        + TRG
                        + "CREATE TABLE u (id int);\n"
                        + "CREATE TRIGGER u_trg BEFORE INSERT ON u FOR EACH ROW EXECUTE FUNCTION trg();\n"
                        + "CREATE POLICY u_own ON u USING (true);\n";

        Analysis analysis = analyze(a, BASE + TRG);

        assertThat(analysis.changes())
                .extracting(Change::kind)
                .containsExactly(Change.Kind.DROP_TABLE);
    }

    @Test
    void aFunctionIsCreatedBeforeTheTriggerThatCallsItAndDroppedAfter() {
        String trigger =
                TRG + "CREATE TRIGGER tr BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION trg();\n";

        List<String> up = sqlSteps(analyze(BASE + TAIL, BASE + trigger + TAIL));
        List<String> down = sqlSteps(analyze(BASE + trigger + TAIL, BASE + TAIL));

        assertThat(up).hasSize(2);
        assertThat(up.get(0)).startsWith("CREATE OR REPLACE FUNCTION trg()");
        assertThat(up.get(1)).startsWith("CREATE TRIGGER tr");
        assertThat(down).containsExactly("DROP TRIGGER tr ON t;", "DROP FUNCTION trg();");
    }

    @Test
    void aDroppedRoutineWaitsForTheDeployThatStopsCallingIt() {
        Analysis dropped = analyze(BASE + TRG + TAIL, BASE + TAIL);

        assertThat(dropped.worst()).isEqualTo(Safety.MULTI_STEP);
        List<Step> steps = dropped.plan().steps();
        int checkpoint =
                steps.indexOf(
                        steps.stream()
                                .filter(s -> s.kind() == Step.Kind.CHECKPOINT)
                                .findFirst()
                                .orElseThrow());
        assertThat(steps.get(checkpoint).description()).contains("no longer calls trg()");
        assertThat(steps.subList(checkpoint, steps.size()))
                .extracting(Step::sql)
                .contains("DROP FUNCTION trg();");
        // A dropped trigger is not code the application calls: no checkpoint.
        String trigger =
                TRG + "CREATE TRIGGER tr BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION trg();\n";
        assertThat(analyze(BASE + trigger + TAIL, BASE + TRG + TAIL).plan().steps())
                .noneMatch(s -> s.kind() == Step.Kind.CHECKPOINT);
    }

    private static List<String> sqlSteps(Analysis analysis) {
        return analysis.plan().steps().stream()
                .filter(s -> s.kind() == Step.Kind.SQL)
                .map(Step::sql)
                .toList();
    }

    private static String sqlOf(Analysis analysis) {
        return String.join("\n", sqlSteps(analysis));
    }

    @Test
    void aRoutineIsCreatedWithItsBodyAsWrittenSoPostgresStoresTheSameSource() {
        String body = "$$\n    BEGIN\n        RETURN i + 1;\n    END;\n$$";

        List<String> steps =
                sqlSteps(
                        analyze(
                                BASE,
                                BASE
                                        + "CREATE FUNCTION g(i integer) RETURNS integer AS "
                                        + body
                                        + " LANGUAGE plpgsql;\n"));

        assertThat(steps).singleElement().asString().contains(body);
    }

    @Test
    void everyObjectKindHasCreateAndDropSql() {
        for (SchemaObject o :
                List.<SchemaObject>of(
                        new Routine(
                                QualifiedName.of("f"),
                                "integer",
                                false,
                                "(a integer) RETURNS int LANGUAGE sql RETURN a",
                                "sql"),
                        new Trigger(
                                T,
                                "tr",
                                false,
                                "BEFORE INSERT",
                                "FOR EACH ROW EXECUTE FUNCTION trg()"),
                        new Policy(T, "own", true, null, List.of(), "true", null),
                        new RowSecurity(T, true, false))) {
            assertThat(o.createSql()).as(o.describe()).isNotEmpty();
            assertThat(o.dropSql()).as(o.describe()).isNotBlank();
        }
    }
}
