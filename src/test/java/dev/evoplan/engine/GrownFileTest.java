package dev.evoplan.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evoplan.diff.Change;
import dev.evoplan.model.LoadedSchema;
import dev.evoplan.render.Format;
import dev.evoplan.rules.Mode;
import dev.evoplan.source.sql.SqlSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plain SQL file grown by appended statements, or a migration folder grown by new files: what the
 * team appended is judged as written, so a stated rename is a rename.
 */
class GrownFileTest {
    private static final String V1 =
            """
            CREATE TABLE users (
                id bigint PRIMARY KEY,
                name text NOT NULL
            );
            CREATE INDEX users_name ON users (name);
            """;

    @TempDir Path tmp;

    private LoadedSchema file(String dir, String sql) throws Exception {
        Path file = tmp.resolve(dir).resolve("schema.sql");
        Files.createDirectories(file.getParent());
        Files.writeString(file, sql);
        return SqlSource.load(file);
    }

    private static List<String> rules(Analysis a) {
        return a.verdicts().stream().map(v -> v.finding().ruleId()).toList();
    }

    @Test
    void aStatedRenameAppendedToTheFileIsARenameJudgedAsWritten() throws Exception {
        // Reformatted trailing whitespace and a new comment do not break the continuation.
        Analysis a =
                Analyzer.analyze(
                        file("v1", V1 + "\n\n   "),
                        file(
                                "v2",
                                V1
                                        + "-- the PR's change\n"
                                        + "ALTER TABLE users RENAME COLUMN name TO full_name;\n"),
                        AnalysisOptions.defaults());
        assertThat(a.mode()).isEqualTo(Mode.AS_WRITTEN);
        assertThat(a.modeReason())
                .isEqualTo("the new side is the old side's file with 1 statement appended");
        assertThat(a.changes()).extracting(Change::kind).containsExactly(Change.Kind.RENAME_COLUMN);
        assertThat(rules(a))
                .containsExactly("rename-column-breaks-running-code")
                .doesNotContain("drop-column-breaks-running-code");
        assertThat(a.verdicts().get(0).finding().origin().file()).isEqualTo("schema.sql");
        assertThat(a.verdicts().get(0).finding().origin().line()).isEqualTo(7);
        // The mode is said in the JSON report as in the text one.
        String json = dev.evoplan.render.Renderers.of(Format.JSON, false).render(a);
        assertThat(json).contains("\"mode\": \"as-written\"").contains("with 1 statement appended");
    }

    @Test
    void anUnmodelledSettingThatGoesWithAnAppendedDropIsNotForReview() throws Exception {
        // Was needs review: the state diff's "removed table option" was judged as planned,
        // though the appended DROP TABLE that removes it is judged as written (DependencyTrack's
        // renamed partitioned table gave the same false finding).
        String v1 =
                V1
                        + "CREATE TABLE notes (id int PRIMARY KEY);\n"
                        + "ALTER TABLE notes SET (fillfactor = 70);\n";
        Analysis a =
                Analyzer.analyze(
                        file("v1", v1),
                        file("v2", v1 + "DROP TABLE notes;\n"),
                        AnalysisOptions.defaults());
        assertThat(a.mode()).isEqualTo(Mode.AS_WRITTEN);
        assertThat(rules(a)).containsExactly("drop-table-loses-data");
    }

    @Test
    void anUnmodelledSettingAppendedWithoutAPlanIsStillForReview() throws Exception {
        // The other half: a setting the plan can only hold as a checkpoint keeps the gate shut.
        Analysis a =
                Analyzer.analyze(
                        file("v1", V1),
                        file("v2", V1 + "GRANT USAGE ON SCHEMA public TO PUBLIC;\n"),
                        AnalysisOptions.defaults());
        assertThat(a.mode()).isEqualTo(Mode.AS_WRITTEN);
        assertThat(rules(a)).contains("opaque-change-needs-review");
    }

    @Test
    void aCommentAppendedIsRunAsWrittenUnderItsOwnLock() throws Exception {
        // COMMENT ON an object the model keeps no comment for: judged by its measured lock and
        // carried as written, not left to a checkpoint.
        Analysis a =
                Analyzer.analyze(
                        file("v1", V1),
                        file("v2", V1 + "COMMENT ON SCHEMA public IS 'shared objects';\n"),
                        AnalysisOptions.defaults());
        assertThat(a.mode()).isEqualTo(Mode.AS_WRITTEN);
        assertThat(rules(a)).containsExactly("known-lock-statement");
    }

    @Test
    void aFileEditedInTheMiddleIsTwoStatesDiffedAsPlanned() throws Exception {
        Analysis a =
                Analyzer.analyze(
                        file("v1", V1),
                        file(
                                "v2",
                                V1.replace("name text NOT NULL", "full_name text NOT NULL")
                                                .replace("(name)", "(full_name)")
                                        + "ALTER TABLE users ADD COLUMN email text;\n"),
                        AnalysisOptions.defaults());
        assertThat(a.mode()).isEqualTo(Mode.AS_PLANNED);
        assertThat(a.modeReason()).isEqualTo("the two sides share no changeset");
        assertThat(a.changes())
                .extracting(Change::kind)
                .contains(Change.Kind.DROP_COLUMN, Change.Kind.ADD_COLUMN)
                .doesNotContain(Change.Kind.RENAME_COLUMN);
        assertThat(rules(a)).doesNotContain("rename-column-breaks-running-code");
    }

    @Test
    void anUnchangedFileIsNoContinuationAndAShorterOneIsNone() throws Exception {
        Analysis same =
                Analyzer.analyze(file("v1", V1), file("v2", V1), AnalysisOptions.defaults());
        assertThat(same.mode()).isEqualTo(Mode.AS_PLANNED);
        assertThat(same.changes()).isEmpty();
        Analysis shrunk =
                Analyzer.analyze(
                        file("v1", V1 + "ALTER TABLE users ADD COLUMN email text;\n"),
                        file("v2", V1),
                        AnalysisOptions.defaults());
        assertThat(shrunk.mode()).isEqualTo(Mode.AS_PLANNED);
        assertThat(shrunk.changes())
                .extracting(Change::kind)
                .containsExactly(Change.Kind.DROP_COLUMN);
    }

    @Test
    void anEvoplanIgnoreCommentInTheAppendedStatementsIsHonoured() throws Exception {
        Analysis a =
                Analyzer.analyze(
                        file("v1", V1),
                        file(
                                "v2",
                                V1
                                        + "-- evoplan:ignore rename-column-breaks-running-code"
                                        + " -- no reader of name is deployed yet\n"
                                        + "ALTER TABLE users RENAME COLUMN name TO full_name;\n"),
                        AnalysisOptions.defaults());
        assertThat(a.mode()).isEqualTo(Mode.AS_WRITTEN);
        assertThat(rules(a)).isEmpty();
        assertThat(a.suppressed())
                .extracting(v -> v.finding().ruleId())
                .containsExactly("rename-column-breaks-running-code");
    }

    @Test
    void aMigrationFolderGrownByNewFilesJudgesTheNewFilesAsWritten() throws Exception {
        Path v1 = Files.createDirectories(tmp.resolve("m1"));
        Files.writeString(v1.resolve("V1__users.sql"), V1);
        Path v2 = Files.createDirectories(tmp.resolve("m2"));
        Files.writeString(v2.resolve("V1__users.sql"), V1);
        Files.writeString(
                v2.resolve("V2__rename.sql"),
                "ALTER TABLE users RENAME COLUMN name TO full_name;\n");
        Analysis a =
                Analyzer.analyze(
                        SqlSource.load(v1), SqlSource.load(v2), AnalysisOptions.defaults());
        assertThat(a.mode()).isEqualTo(Mode.AS_WRITTEN);
        assertThat(a.modeReason()).isEqualTo("the new side continues the old side's history");
        assertThat(rules(a)).containsExactly("rename-column-breaks-running-code");
        assertThat(a.verdicts().get(0).finding().origin().file()).isEqualTo("V2__rename.sql");
    }

    @Test
    void appendedStatementsTheModelDoesNotHoldAreJudgedAsLintJudgesThem() throws Exception {
        Analysis a =
                Analyzer.analyze(
                        file("v1", V1),
                        file(
                                "v2",
                                V1
                                        + "CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$ SELECT 1"
                                        + " $$;\n"
                                        + "FROBNICATE TABLE users;\n"),
                        AnalysisOptions.defaults());
        assertThat(a.mode()).isEqualTo(Mode.AS_WRITTEN);
        // Nothing passes unread: the statement evoplan cannot read is needs review, and the
        // function (which locks no table) is a step of the plan rather than dropped.
        assertThat(a.worst()).isEqualTo(dev.evoplan.rules.Safety.NEEDS_REVIEW);
        assertThat(a.verdicts())
                .extracting(v -> v.finding().origin().line())
                .containsExactlyInAnyOrder(6, 7);
        assertThat(a.plan().steps())
                .anySatisfy(s -> assertThat(s.toString()).contains("CREATE FUNCTION f()"));
    }
}
