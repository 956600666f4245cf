package dev.evoplan.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evoplan.model.LoadedSchema;
import dev.evoplan.plan.FindingWithFix;
import dev.evoplan.rules.Finding;
import dev.evoplan.rules.Mode;
import dev.evoplan.rules.Safety;
import dev.evoplan.source.sql.SqlSource;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An analysis for a report that only counts some findings (a text report counts the safe ones)
 * keeps those as rule, verdict and place, without wording, change or fix, and plans no fix for
 * them; everything else is as the whole analysis has it.
 */
class AnalyzerListedTest {
    private static final String V1 = "CREATE TABLE users (id bigint PRIMARY KEY, name text);\n";

    @TempDir Path tmp;

    private LoadedSchema file(String dir, String sql) throws Exception {
        Path file = tmp.resolve(dir).resolve("schema.sql");
        Files.createDirectories(file.getParent());
        Files.writeString(file, sql);
        return SqlSource.load(file);
    }

    private void sameButCounted(String v2, Mode mode) throws Exception {
        Analysis whole =
                Analyzer.analyze(file("a1", V1), file("a2", v2), AnalysisOptions.defaults());
        Analysis counted =
                Analyzer.analyze(
                        file("b1", V1),
                        file("b2", v2),
                        AnalysisOptions.defaults(),
                        f -> f.safety() != Safety.SAFE);
        assertThat(whole.mode()).isEqualTo(mode);
        assertThat(counted.mode()).isEqualTo(mode);
        assertThat(counted.plan()).isEqualTo(whole.plan());
        assertThat(counted.changes()).isEqualTo(whole.changes());
        assertThat(counted.verdicts()).hasSameSizeAs(whole.verdicts());
        for (int i = 0; i < whole.verdicts().size(); i++) {
            FindingWithFix w = whole.verdicts().get(i);
            FindingWithFix c = counted.verdicts().get(i);
            if (w.finding().safety() == Safety.SAFE) {
                assertThat(c).isEqualTo(FindingWithFix.counted(w.finding()));
            } else {
                assertThat(c).isEqualTo(w);
            }
        }
        // What is let go of: a safe finding's change, wording and planned fix.
        assertThat(whole.verdicts())
                .anyMatch(
                        v ->
                                v.finding().safety() == Safety.SAFE
                                        && v.finding().change() != null
                                        && !v.fix().isEmpty());
        assertThat(whole.verdicts()).anyMatch(v -> v.finding().safety() != Safety.SAFE);
        assertThat(counted.worst()).isEqualTo(whole.worst());
        assertThat(counted.verdicts())
                .map(FindingWithFix::finding)
                .filteredOn(f -> f.safety() == Safety.SAFE)
                .allSatisfy(
                        (Finding f) -> {
                            assertThat(f.change()).isNull();
                            assertThat(f.what()).isEmpty();
                        });
    }

    @Test
    void aPlannedAnalysisCountsWhatTheReportDoesNotList() throws Exception {
        sameButCounted(
                "CREATE TABLE users (id bigint PRIMARY KEY, name varchar(10), email text);\n"
                        + "CREATE TABLE t (id int);\n"
                        + "CREATE INDEX users_name ON users (name);\n",
                Mode.AS_PLANNED);
    }

    @Test
    void aWrittenAnalysisCountsWhatTheReportDoesNotList() throws Exception {
        sameButCounted(
                V1
                        + "CREATE TABLE t (id int);\n"
                        + "ALTER TABLE users ADD COLUMN email text;\n"
                        + "CREATE INDEX users_name ON users (name);\n",
                Mode.AS_WRITTEN);
    }
}
