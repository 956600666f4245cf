package dev.evoplan.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --version} with what the jar was built from, and {@code completion bash|zsh} run by the
 * shell itself.
 */
class ReleaseCommandsTest {
    @TempDir Path dir;

    @Test
    void versionNamesTheVersionTheCommitAndTheBuildTimestampFromTheFilteredResource()
            throws Exception {
        CliRun run = CliRun.of("--version");
        assertThat(run.exitCode()).isZero();
        java.util.Properties build = new java.util.Properties();
        try (var in = Main.class.getResourceAsStream("build.properties")) {
            assertThat(in).as("Maven filtered src/main/resources-filtered").isNotNull();
            build.load(in);
        }
        assertThat(build.getProperty("version"))
                .as("filtered, not a placeholder")
                .doesNotStartWith("${")
                .isNotBlank();
        assertThat(run.out())
                .startsWith("evoplan " + build.getProperty("version") + "\n")
                .containsPattern("(?m)^commit ([0-9a-f]{7,40}|unknown)$")
                .contains(
                        "built "
                                + build.getProperty("outputTimestamp")
                                + " (project.build.outputTimestamp)")
                .containsPattern("(?m)^java 17|^java [0-9]+");
    }

    /**
     * The image runs the jar as the launcher does: its ENTRYPOINT's JVM flags are the launcher's
     * {@code jvm=(java ...)} line (which the class-data archives and bench/ read too).
     */
    @Test
    void theDockerImageStartsJavaWithTheLaunchersFlags() throws Exception {
        java.util.regex.Matcher launcher =
                java.util.regex.Pattern.compile("(?m)^jvm=\\(java ([^)]*)\\)$")
                        .matcher(Files.readString(Path.of("evoplan")));
        assertThat(launcher.find()).as("the launcher's jvm=(java ...) line").isTrue();
        java.util.regex.Matcher image =
                java.util.regex.Pattern.compile("(?m)^ENTRYPOINT \\[\"java\", (.*), \"-jar\"")
                        .matcher(Files.readString(Path.of("Dockerfile")));
        assertThat(image.find()).as("the Dockerfile's ENTRYPOINT").isTrue();
        assertThat(image.group(1).replace("\"", "").split(", "))
                .containsExactly(launcher.group(1).split(" "));
    }

    @Test
    void bashCompletesSubcommandsAndOptionsFromTheGeneratedScript() throws Exception {
        CliRun run = CliRun.of("completion", "bash");
        assertThat(run.exitCode()).as(run.err()).isZero();
        Path script = dir.resolve("evoplan_completion");
        Files.writeString(script, run.out());
        assertThat(complete("bash", script, "evoplan pl", 1))
                .contains("plan")
                .doesNotContain("lint");
        assertThat(complete("bash", script, "evoplan verify --d", 2)).contains("--db");
        assertThat(complete("bash", script, "evoplan completion ", 2)).contains("bash", "zsh");
    }

    @Test
    void zshLoadsTheSameScriptThroughBashcompinit() throws Exception {
        CliRun run = CliRun.of("completion", "zsh");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out())
                .isEqualTo(CliRun.of("completion", "bash").out())
                .contains("bashcompinit");
        boolean zsh =
                Files.isExecutable(Path.of("/bin/zsh"))
                        || Files.isExecutable(Path.of("/usr/bin/zsh"));
        if (!zsh) {
            System.out.println(
                    "ReleaseCommandsTest: zsh is not installed here; the script's zsh branch is not run");
        }
        assumeTrue(zsh, "zsh is not installed");
        Path script = dir.resolve("evoplan_completion");
        Files.writeString(script, run.out());
        Process p =
                new ProcessBuilder(
                                "zsh", "-c", "source " + script + " && whence -w _complete_evoplan")
                        .redirectErrorStream(true)
                        .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(out).contains("_complete_evoplan: function");
    }

    @Test
    void anUnknownShellIsAUsageError() {
        CliRun run = CliRun.of("completion", "fish");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("bash, zsh");
    }

    /** What bash offers for {@code line} with the cursor on word {@code index}. */
    private static String complete(String shell, Path script, String line, int index)
            throws Exception {
        String command =
                "source "
                        + script
                        + "; COMP_LINE='"
                        + line
                        + "'; COMP_WORDS=("
                        + line
                        + (line.endsWith(" ") ? "''" : "")
                        + "); COMP_CWORD="
                        + index
                        + "; COMP_POINT=${#COMP_LINE}; _complete_evoplan; printf '%s\\n' \"${COMPREPLY[@]}\"";
        Process p = new ProcessBuilder(shell, "-c", command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return out;
    }
}
