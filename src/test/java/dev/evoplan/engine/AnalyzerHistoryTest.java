package dev.evoplan.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evoplan.model.LoadedSchema;
import dev.evoplan.rules.Mode;
import dev.evoplan.source.liquibase.LiquibaseOptions;
import dev.evoplan.source.liquibase.LiquibaseSource;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Edited and removed changesets on real changelogs: judged as written, with the history findings
 * first.
 */
class AnalyzerHistoryTest {
    private static final String CS1 =
            """
              - changeSet:
                  id: "1"
                  author: t
                  changes:
                    - createTable: {tableName: users, columns: [{column: {name: id, type: bigint}}]}
            """;
    private static final String CS2 =
            """
              - changeSet:
                  id: "2"
                  author: t
                  changes:
                    - addColumn: {tableName: users, columns: [{column: {name: email, type: text}}]}
            """;
    private static final String CS2_EDITED = CS2.replace("type: text", "type: varchar(100)");
    private static final String CS3 =
            """
              - changeSet:
                  id: "3"
                  author: t
                  changes:
                    - addColumn: {tableName: users, columns: [{column: {name: name, type: text}}]}
            """;

    @TempDir Path tmp;

    private LoadedSchema load(String dir, String... changesets) throws Exception {
        Path file = tmp.resolve(dir).resolve("db.yaml");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "databaseChangeLog:\n" + String.join("", changesets));
        return new LiquibaseSource().load(file, LiquibaseOptions.defaults());
    }

    private static java.util.List<String> rules(Analysis a) {
        return a.verdicts().stream().map(v -> v.finding().ruleId()).toList();
    }

    @Test
    void anEditedChangesetIsReportedAndTheNewOneIsJudgedAsWritten() throws Exception {
        Analysis a =
                Analyzer.analyze(
                        load("v1", CS1, CS2),
                        load("v2", CS1, CS2_EDITED, CS3),
                        AnalysisOptions.defaults());
        assertThat(a.mode()).isEqualTo(Mode.AS_WRITTEN);
        assertThat(rules(a)).containsExactly("ran-changeset-edited", "metadata-only-change");
        assertThat(a.trips(dev.evoplan.rules.Safety.DOWNTIME)).isTrue();
    }

    @Test
    void aRemovedChangesetKeepsTheComparisonAsWritten() throws Exception {
        Analysis a =
                Analyzer.analyze(
                        load("v1", CS1, CS2), load("v2", CS1, CS3), AnalysisOptions.defaults());
        assertThat(a.mode()).isEqualTo(Mode.AS_WRITTEN);
        assertThat(rules(a)).containsExactly("ran-changeset-removed", "metadata-only-change");
    }

    @Test
    void historiesSharingNothingAreUnrelatedStates() throws Exception {
        Analysis a =
                Analyzer.analyze(
                        load("v1", CS1),
                        load(
                                "v2",
                                CS2.replace(
                                        "addColumn: {tableName: users,",
                                        "createTable: {tableName: users,")),
                        AnalysisOptions.defaults());
        assertThat(a.mode()).isEqualTo(Mode.AS_PLANNED);
        assertThat(rules(a)).doesNotContain("ran-changeset-removed");
    }

    private static java.util.List<dev.evoplan.rules.Finding> editedFindings(Analysis a) {
        return a.verdicts().stream()
                .map(v -> v.finding())
                .filter(f -> f.ruleId().equals("ran-changeset-edited"))
                .toList();
    }

    @Test
    void anEditWhoseValidCheckSumAcceptsTheRecordedChecksumIsASafeNote() throws Exception {
        LoadedSchema v1 = load("v1", CS1, CS2);
        String recorded = v1.history().get(1).checksum();
        String declared =
                CS2_EDITED.replace(
                        "      changes:",
                        "      validCheckSum: [\"" + recorded + "\"]\n      changes:");
        Analysis a = Analyzer.analyze(v1, load("v2", CS1, declared), AnalysisOptions.defaults());
        assertThat(editedFindings(a))
                .singleElement()
                .satisfies(
                        f -> {
                            assertThat(f.safety()).isEqualTo(dev.evoplan.rules.Safety.SAFE);
                            assertThat(f.what()).contains("validCheckSum", recorded);
                        });
        assertThat(a.trips(dev.evoplan.rules.Safety.NEEDS_REVIEW)).isFalse();
    }

    @Test
    void anEditWhoseValidCheckSumNamesAnotherChecksumStaysForReview() throws Exception {
        String declared =
                CS2_EDITED.replace(
                        "      changes:",
                        "      validCheckSum: [\"9:00000000000000000000000000000000\"]\n      changes:");
        Analysis a =
                Analyzer.analyze(
                        load("v1", CS1, CS2),
                        load("v2", CS1, declared),
                        AnalysisOptions.defaults());
        assertThat(editedFindings(a))
                .singleElement()
                .satisfies(
                        f ->
                                assertThat(f.safety())
                                        .isEqualTo(dev.evoplan.rules.Safety.NEEDS_REVIEW));
    }

    private static final String CS_PROCEDURE =
            """
              - changeSet:
                  id: "p"
                  author: t
                  runOnChange: true
                  changes:
                    - createProcedure:
                        procedureText: "CREATE OR REPLACE PROCEDURE refresh_users() LANGUAGE sql AS $$ SELECT 1 $$"
            """;
    private static final String CS_DROP_PROCEDURE =
            """
              - changeSet:
                  id: "d"
                  author: t
                  changes:
                    - sql: {sql: "DROP PROCEDURE IF EXISTS refresh_users"}
            """;

    @Test
    void aRemovedChangesetWhoseObjectANewChangesetDropsIsASafeNote() throws Exception {
        // The project removed a procedure's changeset and drops the procedure in a new one:
        // upgraded databases lose it, fresh ones never get it, so both end the same.
        Analysis a =
                Analyzer.analyze(
                        load("v1", CS1, CS_PROCEDURE),
                        load("v2", CS1, CS_DROP_PROCEDURE),
                        AnalysisOptions.defaults());
        assertThat(a.mode()).isEqualTo(Mode.AS_WRITTEN);
        assertThat(a.verdicts())
                .filteredOn(v -> v.finding().ruleId().equals("ran-changeset-removed"))
                .singleElement()
                .satisfies(
                        v -> {
                            assertThat(v.finding().safety())
                                    .isEqualTo(dev.evoplan.rules.Safety.SAFE);
                            assertThat(v.finding().what()).contains("changeset d");
                        });
        assertThat(a.trips(dev.evoplan.rules.Safety.NEEDS_REVIEW)).isFalse();
    }

    @Test
    void aRemovedChangesetWhoseObjectStaysNeedsReview() throws Exception {
        Analysis a =
                Analyzer.analyze(
                        load("v1", CS1, CS_PROCEDURE),
                        load("v2", CS1, CS3),
                        AnalysisOptions.defaults());
        assertThat(a.verdicts())
                .filteredOn(v -> v.finding().ruleId().equals("ran-changeset-removed"))
                .singleElement()
                .satisfies(
                        v ->
                                assertThat(v.finding().safety())
                                        .isEqualTo(dev.evoplan.rules.Safety.NEEDS_REVIEW));
    }

    private static final String CS_INDEX =
            """
              - changeSet:
                  id: "4"
                  author: t
                  changes:
                    - createIndex: {tableName: users, indexName: users_email, columns: [{column: {name: email}}]}
            """;
    private static final String CS_RAW_SQL =
            """
              - changeSet:
                  id: "5"
                  author: t
                  changes:
                    - sql: {sql: "UPDATE users SET email = 'x'"}
            """;

    private LoadedSchema loadAs(String name, String... changesets) throws Exception {
        Path file = tmp.resolve(name);
        Files.writeString(file, "databaseChangeLog:\n" + String.join("", changesets));
        return new LiquibaseSource().load(file, LiquibaseOptions.defaults());
    }

    @Test
    void twoCopiesOfOneChangelogUnderOtherNamesAreOneHistoryContinued() throws Exception {
        // What a CI script makes with `git show main:db/changelog.yaml > base.yaml`.
        Analysis a =
                Analyzer.analyze(
                        loadAs("base.yaml", CS1, CS2),
                        loadAs("head.yaml", CS1, CS2, CS_INDEX, CS_RAW_SQL),
                        AnalysisOptions.defaults());
        assertThat(a.mode()).isEqualTo(Mode.AS_WRITTEN);
        assertThat(rules(a))
                .contains("create-index-non-concurrent")
                .doesNotContain("ran-changeset-removed");
        assertThat(a.verdicts()).anyMatch(v -> "5".equals(v.finding().origin().changesetId()));
        assertThat(a.trips(dev.evoplan.rules.Safety.DOWNTIME)).isTrue();
    }

    private static String rerunnable(String flag, String sql) {
        return """
                  - changeSet:
                      id: "6"
                      author: t
                      %s: true
                      changes:
                        - sql: {sql: "%s"}
                """
                .formatted(flag, sql);
    }

    @Test
    void anEditedRunOnChangeOrRunAlwaysChangesetIsJudgedAsTheNewBodyNotAsAnEdit() throws Exception {
        for (String flag : java.util.List.of("runOnChange", "runAlways")) {
            Analysis a =
                    Analyzer.analyze(
                            load(
                                    "v1-" + flag,
                                    CS1,
                                    CS2,
                                    rerunnable(flag, "COMMENT ON TABLE users IS 'a'")),
                            load(
                                    "v2-" + flag,
                                    CS1,
                                    CS2,
                                    rerunnable(flag, "CREATE INDEX users_email ON users (email)")),
                            AnalysisOptions.defaults());
            assertThat(a.mode()).as(flag).isEqualTo(Mode.AS_WRITTEN);
            assertThat(rules(a))
                    .as(flag)
                    .doesNotContain("ran-changeset-edited")
                    .contains("create-index-non-concurrent");
        }
    }

    @Test
    void anEditedChangesetThatRunsOnceIsStillAnEdit() throws Exception {
        Analysis a =
                Analyzer.analyze(
                        load(
                                "v1",
                                CS1,
                                CS2,
                                rerunnable("runInTransaction", "COMMENT ON TABLE users IS 'a'")),
                        load(
                                "v2",
                                CS1,
                                CS2,
                                rerunnable(
                                        "runInTransaction",
                                        "CREATE INDEX users_email ON users (email)")),
                        AnalysisOptions.defaults());
        assertThat(rules(a))
                .contains("ran-changeset-edited")
                .doesNotContain("create-index-non-concurrent");
    }

    private static final String CS_ORDERS =
            """
              - changeSet:
                  id: "o1"
                  author: t
                  changes:
                    - createTable: {tableName: orders, columns: [{column: {name: id, type: bigint}}]}
            """;

    /**
     * A master including a per-module file a.yaml and then b.yaml, as Fineract lays out its
     * modules.
     */
    private LoadedSchema modules(String dir, String a, String b) throws Exception {
        Path folder = tmp.resolve(dir);
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("a.yaml"), "databaseChangeLog:\n" + a);
        Files.writeString(folder.resolve("b.yaml"), "databaseChangeLog:\n" + b);
        Files.writeString(
                folder.resolve("master.yaml"),
                """
                databaseChangeLog:
                  - include: {file: a.yaml, relativeToChangelogFile: true}
                  - include: {file: b.yaml, relativeToChangelogFile: true}
                """);
        return new LiquibaseSource()
                .load(folder.resolve("master.yaml"), LiquibaseOptions.defaults());
    }

    private static java.util.List<dev.evoplan.rules.Safety> outOfOrder(Analysis a) {
        return a.verdicts().stream()
                .filter(v -> v.finding().ruleId().equals("changeset-out-of-order"))
                .map(v -> v.finding().safety())
                .toList();
    }

    @Test
    void aNewChangesetInAnEarlierIncludeTouchingNothingRanAfterItIsASafeNote() throws Exception {
        Analysis a =
                Analyzer.analyze(
                        modules("m1", CS1, CS_ORDERS),
                        modules("m2", CS1 + CS3, CS_ORDERS),
                        AnalysisOptions.defaults());
        assertThat(a.mode()).isEqualTo(Mode.AS_WRITTEN);
        assertThat(outOfOrder(a)).containsExactly(dev.evoplan.rules.Safety.SAFE);
        assertThat(a.trips(dev.evoplan.rules.Safety.MULTI_STEP)).isFalse();
    }

    @Test
    void aNewChangesetInAnEarlierIncludeChangingWhatRanAfterItNeedsReview() throws Exception {
        // b.yaml's ran changeset adds a column to users; the new one in a.yaml changes a column's
        // type, which evoplan does not prove gives the same table in either order.
        String retyped =
                """
                  - changeSet:
                      id: "3"
                      author: t
                      changes:
                        - modifyDataType: {tableName: users, columnName: id, newDataType: int}
                """;
        Analysis a =
                Analyzer.analyze(
                        modules("m1", CS1, CS2),
                        modules("m2", CS1 + retyped, CS2),
                        AnalysisOptions.defaults());
        assertThat(outOfOrder(a)).containsExactly(dev.evoplan.rules.Safety.NEEDS_REVIEW);
        assertThat(a.verdicts()).anyMatch(v -> v.finding().what().contains("users"));
    }

    @Test
    void aNewColumnInAnEarlierIncludeBesideOneThatRanAfterItIsASafeNote() throws Exception {
        // Both orders give users the same two columns (in another order, which only SELECT *
        // shows).
        Analysis a =
                Analyzer.analyze(
                        modules("m1", CS1, CS2),
                        modules("m2", CS1 + CS3, CS2),
                        AnalysisOptions.defaults());
        assertThat(outOfOrder(a)).containsExactly(dev.evoplan.rules.Safety.SAFE);
    }

    /** Tables the order tests write to: a natural key, a serial key, and a foreign key. */
    private static final String TABLES =
            """
              - changeSet:
                  id: "tables"
                  author: t
                  changes:
                    - createTable:
                        tableName: events
                        columns:
                          - column: {name: type, type: varchar(100), constraints: {primaryKey: true}}
                          - column: {name: enabled, type: boolean}
                    - createTable:
                        tableName: perms
                        columns:
                          - column: {name: id, type: bigint, autoIncrement: true, constraints: {primaryKey: true}}
                          - column: {name: code, type: text}
                    - createTable:
                        tableName: subscriptions
                        columns:
                          - column: {name: id, type: int, constraints: {primaryKey: true}}
                          - column: {name: event_type, type: varchar(100), constraints: {foreignKeyName: fk_sub_event, references: events(type)}}
                    - createTable:
                        tableName: labels
                        columns:
                          - column: {name: id, type: int, constraints: {primaryKey: true}}
                          - column: {name: code, type: text, constraints: {unique: true}}
                    - createSequence: {sequenceName: shared_ids}
                    - createTable:
                        tableName: invoices
                        columns:
                          - column: {name: id, type: bigint, defaultValueComputed: "nextval('shared_ids')", constraints: {primaryKey: true}}
                          - column: {name: note, type: text}
                    - createTable:
                        tableName: credits
                        columns:
                          - column: {name: id, type: bigint, defaultValueComputed: "nextval('shared_ids')", constraints: {primaryKey: true}}
                          - column: {name: note, type: text}
                    - createTable:
                        tableName: audit_log
                        columns:
                          - column: {name: id, type: bigint, autoIncrement: true, constraints: {primaryKey: true}}
                          - column: {name: audited_id, type: int}
                    - createTable:
                        tableName: audited
                        columns:
                          - column: {name: id, type: int, constraints: {primaryKey: true}}
                    - createTable:
                        tableName: touched
                        columns:
                          - column: {name: id, type: int, constraints: {primaryKey: true}}
                    - sql:
                        splitStatements: false
                        sql: "CREATE FUNCTION log_row() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN INSERT INTO audit_log (audited_id) VALUES (NEW.id); RETURN NEW; END $$"
                    - sql: "CREATE TRIGGER audited_log AFTER INSERT ON audited FOR EACH ROW EXECUTE FUNCTION log_row()"
                    - sql: "CREATE TRIGGER touched_log AFTER UPDATE OR DELETE ON touched FOR EACH ROW EXECUTE FUNCTION log_row()"
            """;

    private static String changeset(String id, String change) {
        return "  - changeSet:\n      id: \""
                + id
                + "\"\n      author: t\n      changes:\n        - "
                + change
                + "\n";
    }

    private static String event(String id, String type) {
        return changeset(
                id,
                "insert: {tableName: events, columns: [{column: {name: type, value: "
                        + type
                        + "}}, {column: {name: enabled, valueBoolean: false}}]}");
    }

    private static String perm(String id, String code) {
        return changeset(
                id,
                "insert: {tableName: perms, columns: [{column: {name: code, value: "
                        + code
                        + "}}]}");
    }

    /**
     * A master including base.yaml (the tables and {@code a}) and then more.yaml ({@code b}, which
     * ran), then the same with {@code added} appended to base.yaml: a new changeset before one that
     * ran.
     */
    private Analysis added(String a, String b, String added) throws Exception {
        java.util.Map<String, String> old = new java.util.LinkedHashMap<>();
        old.put("base.yaml", TABLES + a);
        old.put("more.yaml", b);
        java.util.Map<String, String> now = new java.util.LinkedHashMap<>(old);
        now.put("base.yaml", TABLES + a + added);
        return Analyzer.analyze(
                includes("old", old), includes("new", now), AnalysisOptions.defaults());
    }

    /** A master including each file in the map's order. */
    private LoadedSchema includes(String dir, java.util.Map<String, String> files)
            throws Exception {
        Path folder = tmp.resolve(dir);
        Files.createDirectories(folder);
        StringBuilder master = new StringBuilder("databaseChangeLog:\n");
        for (var file : files.entrySet()) {
            Files.writeString(
                    folder.resolve(file.getKey()), "databaseChangeLog:\n" + file.getValue());
        }
        for (String file : files.keySet()) {
            master.append("  - include: {file: ")
                    .append(file)
                    .append(", relativeToChangelogFile: true}\n");
        }
        Files.writeString(folder.resolve("master.yaml"), master.toString());
        return new LiquibaseSource()
                .load(folder.resolve("master.yaml"), LiquibaseOptions.defaults());
    }

    /** Asserts the analysis has one out-of-order finding, needing review, and reads its what. */
    private static org.assertj.core.api.AbstractStringAssert<?> outOfOrderReview(Analysis a) {
        assertThat(outOfOrder(a)).containsExactly(dev.evoplan.rules.Safety.NEEDS_REVIEW);
        return assertThat(outOfOrderFindings(a).get(0).what());
    }

    private static java.util.List<dev.evoplan.rules.Finding> outOfOrderFindings(Analysis a) {
        return a.verdicts().stream()
                .map(dev.evoplan.plan.FindingWithFix::finding)
                .filter(f -> f.ruleId().equals("changeset-out-of-order"))
                .toList();
    }

    @Test
    void newRowsWithOtherKeysThanRowsThatRanAfterThemAreASafeNote() throws Exception {
        Analysis a = added("", event("shipped", "Shipped"), event("created", "Created"));
        assertThat(outOfOrder(a)).containsExactly(dev.evoplan.rules.Safety.SAFE);
    }

    @Test
    void aNewRowWithTheKeyOfARowThatRanAfterItNeedsReview() throws Exception {
        Analysis a = added("", event("shipped", "Shipped"), event("again", "Shipped"));
        outOfOrderReview(a).contains("also touches table events (both add the row type=Shipped)");
    }

    @Test
    void newRowsASequenceNumbersBeforeOnesThatRanNeedReview() throws Exception {
        Analysis a = added("", perm("p1", "READ"), perm("p2", "WRITE"));
        outOfOrderReview(a).contains("table perms (both add rows, and a sequence");
    }

    private static String label(String id, int key, String code) {
        return changeset(
                id,
                "insert: {tableName: labels, columns: [{column: {name: id, valueNumeric: "
                        + key
                        + "}}, {column: {name: code, value: "
                        + code
                        + "}}]}");
    }

    @Test
    void newRowsWithOtherPrimaryKeysButTheUniqueValueOfARanRowNeedReview() throws Exception {
        // Whichever of the two rows comes second fails on labels' unique code: a fresh database
        // fails on the new changeset, an upgraded one did not.
        Analysis clash = added("", label("l1", 1, "red"), label("l2", 2, "red"));
        outOfOrderReview(clash).contains("unique (code)");
        assertThat(outOfOrder(added("", label("l1", 1, "red"), label("l2", 2, "blue"))))
                .containsExactly(dev.evoplan.rules.Safety.SAFE);
    }

    @Test
    void rowsOfTwoTablesNumberedByOneSequenceNeedReview() throws Exception {
        // Different tables, but both take their ids from shared_ids: each order gives the rows
        // other ids.
        Analysis a =
                added(
                        "",
                        changeset(
                                "invoice",
                                "insert: {tableName: invoices, columns: [{column: {name: note,"
                                        + " value: a}}]}"),
                        changeset(
                                "credit",
                                "insert: {tableName: credits, columns: [{column: {name: note,"
                                        + " value: b}}]}"));
        outOfOrderReview(a).contains("sequence shared_ids");
    }

    private static String row(String table, String id, int key) {
        return changeset(
                id,
                "insert: {tableName: "
                        + table
                        + ", columns: [{column: {name: id, valueNumeric: "
                        + key
                        + "}}]}");
    }

    @Test
    void rowsOfATableAnInsertTriggerFiresOnNeedReview() throws Exception {
        // Other keys, but each row's trigger adds a row to audit_log, numbered by its sequence:
        // each order numbers the log rows differently.
        Analysis a = added("", row("audited", "a1", 1), row("audited", "a2", 2));
        outOfOrderReview(a).contains("objects that trigger audited_log on audited may write");
        // What the trigger writes elsewhere is not read: it may be a row of audit_log. Either
        // changeset may be the one that fires it.
        String logged =
                changeset(
                        "logged",
                        "insert: {tableName: audit_log, columns: [{column: {name: id,"
                                + " valueNumeric: 7}}]}");
        assertThat(outOfOrder(added("", logged, row("audited", "a2", 2))))
                .containsExactly(dev.evoplan.rules.Safety.NEEDS_REVIEW);
        assertThat(outOfOrder(added("", row("audited", "a2", 2), logged)))
                .containsExactly(dev.evoplan.rules.Safety.NEEDS_REVIEW);
    }

    @Test
    void aNewRowBeforeARanTriggerOnItsTableNeedsReview() throws Exception {
        // A fresh database inserts the row before the trigger exists; an upgraded one fires it.
        String trigger =
                changeset(
                        "trigger",
                        "sql: \"CREATE TRIGGER touched_new AFTER INSERT ON touched FOR EACH ROW"
                                + " EXECUTE FUNCTION log_row()\"");
        assertThat(outOfOrder(added("", trigger, row("touched", "t1", 1))))
                .containsExactly(dev.evoplan.rules.Safety.NEEDS_REVIEW);
    }

    @Test
    void aNewChangesetReplacingAFunctionARanChangesetReplacesNeedsReview() throws Exception {
        // A fresh database ends with the ran body, an upgraded one with the new body: the
        // function is touched by both, though it is no table, sequence, type or view.
        String ran =
                changeset(
                        "ran",
                        "sql: \"CREATE OR REPLACE FUNCTION answer() RETURNS int LANGUAGE sql AS"
                                + " 'SELECT 2'\"");
        String added =
                changeset(
                        "added",
                        "sql: \"CREATE OR REPLACE FUNCTION answer() RETURNS int LANGUAGE sql AS"
                                + " 'SELECT 1'\"");
        Analysis a = added("", ran, added);
        outOfOrderReview(a).contains("answer()");
    }

    @Test
    void rowsOfATableWhoseTriggersFireOnNoInsertAreASafeNote() throws Exception {
        // touched's trigger fires on UPDATE and DELETE only: the rows are the same either way.
        assertThat(outOfOrder(added("", row("touched", "t1", 1), row("touched", "t2", 2))))
                .containsExactly(dev.evoplan.rules.Safety.SAFE);
    }

    @Test
    void aNewNotNullColumnWithoutADefaultBesideRowsThatRanNeedsReview() throws Exception {
        // On a fresh database the column comes first and the ran INSERT, which leaves it out,
        // fails; on an upgraded one the rows are there and the ADD COLUMN fails.
        String priority =
                changeset(
                        "priority",
                        "addColumn: {tableName: events, columns: [{column: {name: priority, type:"
                                + " int, constraints: {nullable: false}}}]}");
        assertThat(outOfOrder(added("", event("shipped", "Shipped"), priority)))
                .containsExactly(dev.evoplan.rules.Safety.NEEDS_REVIEW);
    }

    @Test
    void anUpdateOfATableARanChangesetAddsRowsToNeedsReview() throws Exception {
        Analysis a =
                added(
                        "",
                        event("shipped", "Shipped"),
                        changeset(
                                "enable",
                                "update: {tableName: events, columns: [{column: {name: enabled,"
                                        + " valueBoolean: true}}]}"));
        assertThat(outOfOrder(a)).containsExactly(dev.evoplan.rules.Safety.NEEDS_REVIEW);
    }

    @Test
    void aNewColumnBesideRowsThatRanIsASafeNoteUnlessTheRowsNameIt() throws Exception {
        String note =
                changeset(
                        "note",
                        "addColumn: {tableName: events, columns: [{column: {name: note, type: text,"
                                + " defaultValue: none}}]}");
        assertThat(outOfOrder(added("", event("shipped", "Shipped"), note)))
                .containsExactly(dev.evoplan.rules.Safety.SAFE);
        // The ran changeset adds the column; the new one inserts a row naming it, which a fresh
        // database runs before the column exists.
        String noted =
                changeset(
                        "noted",
                        "insert: {tableName: events, columns: [{column: {name: type, value: X}},"
                                + " {column: {name: note, value: x}}]}");
        Analysis a = added("", note, noted);
        outOfOrderReview(a).contains("one adds column note, which the other's rows name");
    }

    @Test
    void aNewRowReferencingRowsARanChangesetAddsNeedsReview() throws Exception {
        // Different tables, but the subscription's foreign key needs the event a fresh database
        // has not inserted yet.
        Analysis a =
                added(
                        "",
                        event("shipped", "Shipped"),
                        changeset(
                                "subscribe",
                                "insert: {tableName: subscriptions, columns: [{column: {name: id,"
                                        + " valueNumeric: 1}}, {column: {name: event_type, value:"
                                        + " Shipped}}]}"));
        outOfOrderReview(a).contains("foreign key");
    }

    @Test
    void ranChangesetsReorderedAreASafeNoteOnlyWhereBothOrdersEndTheSame() throws Exception {
        java.util.Map<String, String> before = new java.util.LinkedHashMap<>();
        before.put("base.yaml", TABLES);
        before.put("x.yaml", event("x", "Created") + perm("px", "READ"));
        before.put("y.yaml", event("y", "Shipped"));
        java.util.Map<String, String> swapped = new java.util.LinkedHashMap<>();
        swapped.put("base.yaml", TABLES);
        swapped.put("y.yaml", before.get("y.yaml"));
        swapped.put("x.yaml", before.get("x.yaml"));
        Analysis commuting =
                Analyzer.analyze(
                        includes("c1", before),
                        includes("c2", swapped),
                        AnalysisOptions.defaults());
        assertThat(outOfOrder(commuting))
                .containsExactly(dev.evoplan.rules.Safety.SAFE, dev.evoplan.rules.Safety.SAFE);

        before.put("y.yaml", event("y", "Shipped") + perm("py", "WRITE"));
        swapped.put("y.yaml", before.get("y.yaml"));
        Analysis numbered =
                Analyzer.analyze(
                        includes("n1", before),
                        includes("n2", swapped),
                        AnalysisOptions.defaults());
        assertThat(outOfOrderFindings(numbered))
                .anySatisfy(
                        f -> {
                            assertThat(f.safety()).isEqualTo(dev.evoplan.rules.Safety.NEEDS_REVIEW);
                            assertThat(f.origin().changesetId()).isEqualTo("px");
                            assertThat(f.what()).contains("table perms");
                        });
    }

    private static String stampFunction(String id, String name, int value) {
        return changeset(
                id,
                "sql: \"CREATE OR REPLACE FUNCTION "
                        + name
                        + "() RETURNS int LANGUAGE sql AS 'SELECT "
                        + value
                        + "'\"");
    }

    /** next_stamp() and other_stamp(), and a table whose stamp defaults to next_stamp(). */
    private static final String STAMPS =
            stampFunction("next", "next_stamp", 1)
                    + stampFunction("other", "other_stamp", 1)
                    + changeset(
                            "stamped",
                            "createTable: {tableName: stamped, columns: [{column: {name: id, type:"
                                    + " int, constraints: {primaryKey: true}}}, {column: {name:"
                                    + " stamp, type: int, defaultValueComputed: \"next_stamp()\"}}]}");

    @Test
    void aNewFunctionBodyBeforeARanColumnDefaultCallingItNeedsReview() throws Exception {
        // The ran changeset fills the new column of events' rows from next_stamp(): a fresh
        // database calls the new body, an upgraded one called the old.
        String stamp =
                changeset(
                        "stamp",
                        "addColumn: {tableName: events, columns: [{column: {name: stamp, type: int,"
                                + " defaultValueComputed: \"next_stamp()\"}}]}");
        Analysis a = added(STAMPS, stamp, stampFunction("replaced", "next_stamp", 2));
        outOfOrderReview(a)
                .contains(
                        "also touches function next_stamp() (one's column default calls it, and"
                                + " the other changes it)");
        // Rows the ran changeset left to the default take its value too.
        assertThat(
                        outOfOrder(
                                added(
                                        STAMPS,
                                        row("stamped", "s1", 1),
                                        stampFunction("replaced", "next_stamp", 2))))
                .containsExactly(dev.evoplan.rules.Safety.NEEDS_REVIEW);
        // A function no default calls.
        assertThat(outOfOrder(added(STAMPS, stamp, stampFunction("replaced", "other_stamp", 2))))
                .containsExactly(dev.evoplan.rules.Safety.SAFE);
        // Rows that give the column a value call nothing.
        assertThat(
                        outOfOrder(
                                added(
                                        STAMPS,
                                        changeset(
                                                "s1",
                                                "insert: {tableName: stamped, columns: [{column:"
                                                        + " {name: id, valueNumeric: 1}}, {column:"
                                                        + " {name: stamp, valueNumeric: 5}}]}"),
                                        stampFunction("replaced", "next_stamp", 2))))
                .containsExactly(dev.evoplan.rules.Safety.SAFE);
    }

    /** A changeset whose preconditions are {@code check}, marked ran where it fails. */
    private static String guarded(String id, String check, String change) {
        return "  - changeSet:\n      id: \""
                + id
                + "\"\n      author: t\n      preConditions:\n        - onFail: MARK_RAN\n        - "
                + check
                + "\n      changes:\n        - "
                + change
                + "\n";
    }

    /** A change that touches nothing a ran changeset of these tests touches. */
    private static final String UNRELATED =
            "addColumn: {tableName: touched, columns: [{column: {name: note, type: text}}]}";

    private static final String ARCHIVE =
            changeset(
                    "archive",
                    "createTable: {tableName: archive, columns: [{column: {name: id, type: int}}]}");

    @Test
    void aNewChangesetWhosePreconditionChecksWhatARanOneCreatesNeedsReview() throws Exception {
        // A fresh database checks before archive exists and marks the new changeset ran without
        // running it; an upgraded one finds archive and runs it.
        Analysis a =
                added(
                        "",
                        ARCHIVE,
                        guarded("guarded", "tableExists: {tableName: archive}", UNRELATED));
        outOfOrderReview(a)
                .contains(
                        "also touches table archive (one's preconditions check it, and the other"
                                + " changes it)");
        // The other way round: the ran changeset was marked ran where archive did not exist, a
        // fresh database now makes archive before it and runs it.
        assertThat(
                        outOfOrder(
                                added(
                                        "",
                                        guarded(
                                                "guarded",
                                                "tableExists: {tableName: archive}",
                                                UNRELATED),
                                        ARCHIVE)))
                .containsExactly(dev.evoplan.rules.Safety.NEEDS_REVIEW);
        // The same check of a table no ran changeset after it touches: both orders end the same.
        assertThat(
                        outOfOrder(
                                added(
                                        "",
                                        ARCHIVE,
                                        guarded(
                                                "guarded",
                                                "tableExists: {tableName: labels}",
                                                UNRELATED))))
                .containsExactly(dev.evoplan.rules.Safety.SAFE);
    }

    @Test
    void aPreconditionCheckingATableIsNotChangedByRowsButByTheColumnItChecks() throws Exception {
        // Rows added to events do not change whether events exists.
        assertThat(
                        outOfOrder(
                                added(
                                        "",
                                        event("shipped", "Shipped"),
                                        guarded(
                                                "guarded",
                                                "tableExists: {tableName: events}",
                                                UNRELATED))))
                .containsExactly(dev.evoplan.rules.Safety.SAFE);
        String note =
                changeset(
                        "note",
                        "addColumn: {tableName: events, columns: [{column: {name: note, type:"
                                + " text}}]}");
        Analysis a =
                added(
                        "",
                        note,
                        guarded(
                                "guarded",
                                "columnExists: {tableName: events, columnName: note}",
                                UNRELATED));
        outOfOrderReview(a)
                .contains(
                        "table events (one's preconditions check column note, which the other adds)");
        // Another column added: the one checked is there or not in either order.
        assertThat(
                        outOfOrder(
                                added(
                                        "",
                                        note,
                                        guarded(
                                                "guarded",
                                                "columnExists: {tableName: events, columnName:"
                                                        + " enabled}",
                                                UNRELATED))))
                .containsExactly(dev.evoplan.rules.Safety.SAFE);
    }

    @Test
    void aSqlCheckReadsTheRowsOfTheTablesItQueriesOrAnything() throws Exception {
        String counted =
                guarded(
                        "counted",
                        "sqlCheck: {expectedResult: \"0\", sql: \"select count(*) from events\"}",
                        UNRELATED);
        // A fresh database counts no event, an upgraded one counts the ran one.
        Analysis a = added("", event("shipped", "Shipped"), counted);
        outOfOrderReview(a)
                .contains("table events (one adds rows the other's preconditions query)");
        assertThat(outOfOrder(added("", label("l1", 1, "red"), counted)))
                .containsExactly(dev.evoplan.rules.Safety.SAFE);
        // A query evoplan does not read may read anything the ran changeset changes.
        Analysis called =
                added(
                        "",
                        label("l1", 1, "red"),
                        guarded(
                                "called",
                                "sqlCheck: {expectedResult: \"0\", sql: \"select my_check()\"}",
                                UNRELATED));
        outOfOrderReview(called)
                .contains("what the precondition sqlCheck 'select my_check()' may read");
    }

    /** A changeset guarded by a sqlCheck of {@code sql} expecting 0. */
    private static String sqlChecked(String sql) {
        return guarded(
                "checked", "sqlCheck: {expectedResult: \"0\", sql: \"" + sql + "\"}", UNRELATED);
    }

    /** A ran changeset making table archive in schema other. */
    private static final String OTHER_ARCHIVE =
            changeset("other", "sql: \"CREATE SCHEMA other; CREATE TABLE other.archive (id int)\"");

    @Test
    void aCatalogSqlCheckGivingNoSchemaReadsATableOfThatNameInAnySchema() throws Exception {
        // The catalog answers for archive in any schema: a fresh database checks before
        // other.archive exists, an upgraded one finds it.
        Analysis columns =
                added(
                        "",
                        OTHER_ARCHIVE,
                        sqlChecked(
                                "SELECT count(*) FROM information_schema.columns WHERE"
                                        + " table_name='archive' AND column_name='id'"));
        outOfOrderReview(columns)
                .contains(
                        "also touches table other.archive (one's preconditions check it, and the"
                                + " other changes it)");
        assertThat(
                        outOfOrder(
                                added(
                                        "",
                                        OTHER_ARCHIVE,
                                        sqlChecked(
                                                "select 1 from information_schema.tables where"
                                                        + " table_name = 'archive'"))))
                .containsExactly(dev.evoplan.rules.Safety.NEEDS_REVIEW);
        // The other way round: the ran changeset's check now sees archive made before it.
        assertThat(
                        outOfOrder(
                                added(
                                        "",
                                        sqlChecked(
                                                "select 1 from information_schema.tables where"
                                                        + " table_name = 'archive'"),
                                        OTHER_ARCHIVE)))
                .containsExactly(dev.evoplan.rules.Safety.NEEDS_REVIEW);
        // A check naming its schema reads that schema's archive alone.
        assertThat(
                        outOfOrder(
                                added(
                                        "",
                                        OTHER_ARCHIVE,
                                        sqlChecked(
                                                "SELECT count(*) FROM information_schema.columns"
                                                        + " WHERE table_schema='public' AND"
                                                        + " table_name='archive' AND"
                                                        + " column_name='id'"))))
                .containsExactly(dev.evoplan.rules.Safety.SAFE);
        // A table of another name, in any schema.
        assertThat(
                        outOfOrder(
                                added(
                                        "",
                                        OTHER_ARCHIVE,
                                        sqlChecked(
                                                "select 1 from information_schema.tables where"
                                                        + " table_name = 'archives'"))))
                .containsExactly(dev.evoplan.rules.Safety.SAFE);
    }

    @Test
    void aSqlCheckOfTheCatalogWrittenWithoutItsSchemaMayReadAnything() throws Exception {
        // pg_tables written bare is pg_catalog's (PostgreSQL looks there first), not a table of
        // the default schema: it lists other.archive.
        Analysis a =
                added(
                        "",
                        OTHER_ARCHIVE,
                        sqlChecked("SELECT count(*) FROM pg_tables WHERE tablename='archive'"));
        outOfOrderReview(a)
                .contains("what the precondition sqlCheck 'SELECT count(*) FROM pg_tables");
    }

    @Test
    void aSqlCheckCallingAFunctionARanChangesetReplacesNeedsReview() throws Exception {
        // The query counts events next_stamp() names: a fresh database calls the new body
        // before the ran one replaces it, an upgraded one called the old.
        String checked = sqlChecked("select count(*) from events where type = next_stamp()::text");
        Analysis a = added(STAMPS, stampFunction("replaced", "next_stamp", 2), checked);
        outOfOrderReview(a)
                .contains(
                        "also touches function next_stamp() (one's preconditions call it, and the"
                                + " other changes it)");
        // The other way round, the name quoted: the ran changeset's check now calls the new
        // body.
        Analysis reverse =
                added(
                        STAMPS,
                        sqlChecked(
                                "select count(*) from events where"
                                        + " \\\"public\\\".\\\"next_stamp\\\"() > 0"),
                        stampFunction("replaced", "next_stamp", 2));
        outOfOrderReview(reverse).contains("function next_stamp() (one's preconditions call it");
        // Another function, and built-in ones (count, coalesce), are not the one replaced.
        assertThat(
                        outOfOrder(
                                added(
                                        STAMPS,
                                        stampFunction("replaced", "other_stamp", 2),
                                        sqlChecked(
                                                "select count(*) from events where"
                                                        + " coalesce(next_stamp(), 0) > 0"))))
                .containsExactly(dev.evoplan.rules.Safety.SAFE);
    }

    @Test
    void theChangelogPreconditionsOfAFileAreReadForEachOfItsChangesets() throws Exception {
        // guarded.yaml runs only where archive does not exist when it is reached: on a fresh
        // database, not on one that ran archive.
        java.util.Map<String, String> old = new java.util.LinkedHashMap<>();
        old.put("base.yaml", TABLES);
        old.put("more.yaml", ARCHIVE);
        java.util.Map<String, String> now = new java.util.LinkedHashMap<>();
        now.put("base.yaml", TABLES);
        now.put(
                "guarded.yaml",
                """
                  - preConditions:
                      - onFail: MARK_RAN
                      - not:
                          - tableExists: {tableName: archive}
                """
                        + changeset("new", UNRELATED));
        now.put("more.yaml", ARCHIVE);
        Analysis a =
                Analyzer.analyze(
                        includes("old", old), includes("new", now), AnalysisOptions.defaults());
        outOfOrderReview(a).contains("table archive (one's preconditions check it");
    }

    @Test
    void theModeLineAndJsonSayWhyARunIsAsPlannedOrAsWritten() throws Exception {
        Analysis planned =
                Analyzer.analyze(
                        load("v1", CS1),
                        load(
                                "v2",
                                CS2.replace(
                                        "addColumn: {tableName: users,",
                                        "createTable: {tableName: users,")),
                        AnalysisOptions.defaults());
        assertThat(
                        dev.evoplan.render.Renderers.of(dev.evoplan.render.Format.TEXT, false)
                                .render(planned))
                .contains("mode: as planned: the two sides share no changeset\n");
        assertThat(
                        dev.evoplan.render.Renderers.of(dev.evoplan.render.Format.JSON, false)
                                .render(planned))
                .contains("\"mode\": \"as-planned\"")
                .contains("\"modeReason\": \"the two sides share no changeset\"");
        Analysis written =
                Analyzer.analyze(
                        loadAs("base.yaml", CS1),
                        loadAs("head.yaml", CS1, CS2),
                        AnalysisOptions.defaults());
        assertThat(
                        dev.evoplan.render.Renderers.of(dev.evoplan.render.Format.MARKDOWN, false)
                                .render(written))
                .contains(
                        "as written: 1 new changeset (the new side continues the old side's history)");
    }
}
