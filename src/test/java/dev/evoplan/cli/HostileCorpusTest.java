package dev.evoplan.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile inputs, each run through the command line in-process: the exit code expected (0, 1 or 3),
 * for an input error one line naming file:line, and never a Java trace, a Java class name or a raw
 * terminal control. The small inputs are files in fixtures/hostile (listed with what is expected in
 * expected.tsv); the big ones are generated here.
 */
class HostileCorpusTest {
    static final Path CORPUS = Path.of("fixtures", "hostile");

    /**
     * A guard against hangs only: every input here finishes in seconds on an idle machine; ten
     * minutes leaves room for a CI machine loaded many times over.
     */
    private static final Duration HANG_GUARD = Duration.ofMinutes(10);

    @TempDir static Path generated;

    record Case(int exit, List<String> args, String says) {}

    static List<Case> manifest() throws IOException {
        List<Case> cases = new ArrayList<>();
        for (String line : Files.readAllLines(CORPUS.resolve("expected.tsv"))) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] cols = line.split("\t");
            List<String> args = new ArrayList<>();
            for (String a : cols[1].split(" ")) {
                args.add(Files.exists(CORPUS.resolve(a)) ? CORPUS.resolve(a).toString() : a);
            }
            cases.add(new Case(Integer.parseInt(cols[0]), args, cols[2]));
        }
        return cases;
    }

    /** Big inputs written by code: a fixture of megabytes would only be noise in the repository. */
    static List<Case> generatedCases() throws IOException {
        Path parens = generated.resolve("parentheses-10000.sql");
        Files.writeString(
                parens,
                "CREATE TABLE p (a int DEFAULT "
                        + "(".repeat(10_000)
                        + "1"
                        + ")".repeat(10_000)
                        + ");\n"
                        + "SELECT "
                        + "(".repeat(10_000)
                        + "1"
                        + ")".repeat(10_000)
                        + ";\n");
        StringBuilder yaml = new StringBuilder("databaseChangeLog:\n");
        for (int i = 1; i <= 10_000; i++) {
            yaml.append("  ".repeat(i)).append("- a:\n");
        }
        Path deepYaml = generated.resolve("yaml-10000-levels.yaml");
        Files.writeString(deepYaml, yaml);
        Path flowYaml = generated.resolve("yaml-10000-brackets.yaml");
        Files.writeString(
                flowYaml, "databaseChangeLog: " + "[".repeat(10_000) + "]".repeat(10_000) + "\n");
        Path comments = generated.resolve("comments-10000-nested.sql");
        Files.writeString(
                comments,
                "/*".repeat(10_000) + " x " + "*/".repeat(10_000) + "\nCREATE TABLE c (a int);\n");
        return List.of(
                new Case(1, List.of("lint", parens.toString()), "opaque-change-needs-review"),
                new Case(
                        3,
                        List.of("lint", deepYaml.toString()),
                        "yaml-10000-levels.yaml:26: nested deeper than 50 levels"),
                new Case(
                        3,
                        List.of("lint", flowYaml.toString()),
                        "yaml-10000-brackets.yaml:1: nested deeper than 50 levels"),
                new Case(0, List.of("lint", comments.toString()), "verdict: SAFE"));
    }

    @TestFactory
    Stream<DynamicTest> everyHostileInputIsAnsweredCleanly() throws IOException {
        List<Case> all = new ArrayList<>(manifest());
        all.addAll(generatedCases());
        return all.stream()
                .map(c -> DynamicTest.dynamicTest(String.join(" ", c.args()), () -> check(c)));
    }

    private static void check(Case c) {
        CliRun run =
                assertTimeoutPreemptively(
                        HANG_GUARD, () -> CliRun.of(c.args().toArray(String[]::new)));
        assertClean(run);
        assertThat(run.exitCode()).as(run.err() + run.out()).isEqualTo(c.exit());
        if (c.exit() == 3) {
            assertThat(run.err()).contains(c.says());
        } else {
            assertThat(run.out()).contains(c.says());
        }
    }

    /**
     * What every run must be: no trace, no Java names, no raw terminal control; an input error is
     * one line with file:line.
     */
    static void assertClean(CliRun run) {
        assertClean(run, true);
    }

    /**
     * As {@link #assertClean(CliRun)}; without {@code lineRequired} an input error need only name
     * the file (some of Liquibase's own refusals of mutated changelogs still carry no line).
     */
    static void assertClean(CliRun run, boolean lineRequired) {
        String err = run.err();
        assertThat(err)
                .as("no stack trace")
                .doesNotContain("\tat ")
                .doesNotContain("Exception in thread");
        assertThat(err)
                .as("no Java internals")
                .doesNotContainPattern("java\\.(lang|util|io|nio)\\.")
                .doesNotContain("Exception:")
                .doesNotContain("Error:");
        assertThat(run.out() + err)
                .as("no raw terminal control")
                .doesNotContainPattern("[\\x00-\\x08\\x0b-\\x1f\\x7f]");
        assertThat(run.exitCode()).as(err).isIn(0, 1, 3);
        if (run.exitCode() == 3) {
            assertThat(err.lines().toList()).as(err).hasSize(1);
            assertThat(err)
                    .as("file:line")
                    .containsPattern(
                            lineRequired ? "^evoplan: [^:]+:\\d+: " : "^evoplan: [^:]+(:\\d+)?: ");
        }
    }

    static List<String> args(String... args) {
        return Arrays.asList(args);
    }
}
