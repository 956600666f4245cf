package dev.evoplan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's GitHub workflow ({@code docs/github-workflow.yml}) runs as written: its {@code
 * with:} inputs go through {@code action.yml} into {@code action/check.sh} exactly as the runner
 * would pass them, in a real git repository whose {@code main} is the sample's v1 and whose
 * pull-request commit makes it v2, with {@code origin/main} as {@code actions/checkout} leaves it.
 * Checked: the workflow commands point at lines of the pull request's files, the SARIF is valid
 * against the official 2.1.0 schema, the step summary fits GitHub's 65,536 characters, and the
 * gate's status reaches the Action's last step. Only the command that runs evoplan differs from a
 * runner's: the test classes instead of the jar (EVOPLAN), so this is a fast-tier test.
 */
class GithubWorkflowTest {
    private static final Path ROOT =
            Path.of(System.getProperty("evoplan.root", ".")).toAbsolutePath();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final PersonIdent AUTHOR = new PersonIdent("Test", "test@example.com");
    private static final Pattern ANNOTATION =
            Pattern.compile(
                    "^::(error|warning|notice) file=([^,:]+),line=(\\d+)(?:,col=(\\d+))?,title=([^:]+)::(.+)$");
    private static final Pattern EXPRESSION =
            Pattern.compile("\\$\\{\\{\\s*inputs\\.([a-z-]+)\\s*}}");

    @TempDir Path dir;

    @Test
    void theWorkflowAnnotatesThePullRequestUploadsValidSarifAndFillsTheStepSummary()
            throws Exception {
        JsonNode workflow = YAML.readTree(ROOT.resolve("docs/github-workflow.yml").toFile());
        JsonNode steps = workflow.get("jobs").get("evoplan").get("steps");
        JsonNode checkout = steps.get(0);
        assertThat(checkout.get("uses").asText()).startsWith("actions/checkout@");
        assertThat(checkout.get("with").get("fetch-depth").asInt())
                .as("the fork point must be fetched")
                .isZero();
        JsonNode evoplan = steps.get(1);
        assertThat(evoplan.get("uses").asText()).startsWith("evoplan/evoplan@");
        assertThat(workflow.get("permissions").get("security-events").asText()).isEqualTo("write");
        Map<String, String> with = new HashMap<>();
        evoplan.get("with").properties().forEach(e -> with.put(e.getKey(), e.getValue().asText()));

        Path repo = dir.resolve("repo");
        pullRequest(repo, with.get("path"));

        JsonNode action = YAML.readTree(ROOT.resolve("action.yml").toFile());
        assertThat(action.get("runs").get("using").asText()).isEqualTo("composite");
        Map<String, String> inputs = new HashMap<>();
        action.get("inputs")
                .properties()
                .forEach(
                        e ->
                                inputs.put(
                                        e.getKey(),
                                        with.getOrDefault(
                                                e.getKey(),
                                                e.getValue().path("default").asText(""))));
        JsonNode check = null;
        List<String> uses = new ArrayList<>();
        for (JsonNode step : action.get("runs").get("steps")) {
            if ("check".equals(step.path("id").asText())) {
                check = step;
            }
            if (step.has("uses")) {
                uses.add(step.get("uses").asText());
            }
        }
        assertThat(uses)
                .anyMatch(u -> u.startsWith("actions/setup-java@"))
                .anyMatch(u -> u.startsWith("github/codeql-action/upload-sarif@"));
        assertThat(check).as("action.yml has the step id: check").isNotNull();

        Path summary = dir.resolve("step-summary.md");
        Path output = dir.resolve("github-output");
        Files.writeString(summary, "");
        Files.writeString(output, "");
        Map<String, String> env = new HashMap<>();
        check.get("env")
                .properties()
                .forEach(e -> env.put(e.getKey(), substitute(e.getValue().asText(), inputs)));
        env.put("GITHUB_ACTION_PATH", ROOT.toString());
        env.put("GITHUB_BASE_REF", "main");
        env.put("GITHUB_STEP_SUMMARY", summary.toString());
        env.put("GITHUB_OUTPUT", output.toString());
        env.put("GITHUB_SERVER_URL", "https://github.com");
        env.put("GITHUB_REPOSITORY", "acme/crawler");
        env.put("GITHUB_RUN_ID", "42");
        env.put(
                "EVOPLAN",
                Path.of(System.getProperty("java.home"), "bin", "java")
                        + " -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -cp "
                        + System.getProperty("java.class.path")
                        + " "
                        + Main.class.getName());

        ProcessBuilder pb =
                new ProcessBuilder("bash", "-c", check.get("run").asText())
                        .directory(repo.toFile());
        pb.environment().putAll(env);
        pb.redirectError(dir.resolve("stderr").toFile());
        Process process = pb.start();
        String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(10, TimeUnit.MINUTES)).isTrue();
        String stderr = Files.readString(dir.resolve("stderr"));
        assertThat(process.exitValue()).as(stderr + stdout).isZero();
        assertThat(stderr).as("nothing but the report on the runner's log").isEmpty();

        // The gate: the sample's pull request has downtime, the default gate.
        assertThat(Files.readString(output)).isEqualTo("status=1\n");

        // Annotations: each on a line of a file of the pull request, which the pull request
        // changed.
        List<String> lines = stdout.lines().toList();
        assertThat(lines.get(lines.size() - 1)).startsWith("evoplan check: DOWNTIME (");
        List<String> annotations = lines.subList(0, lines.size() - 1);
        assertThat(annotations).hasSizeGreaterThan(3);
        for (String annotation : annotations) {
            Matcher m = ANNOTATION.matcher(annotation);
            assertThat(m.matches()).as(annotation).isTrue();
            Path file = repo.resolve(m.group(2));
            assertThat(file).as(annotation).isRegularFile();
            List<String> fileLines = Files.readAllLines(file);
            int line = Integer.parseInt(m.group(3));
            assertThat(line).as(annotation).isBetween(1, fileLines.size());
            assertThat(fileLines.get(line - 1)).as(annotation).isNotBlank();
            assertThat(changedByThePullRequest(repo, m.group(2))).as(annotation).isTrue();
        }

        // SARIF, as upload-sarif reads it: valid, and every location a file of the repository.
        Path sarifFile = repo.resolve(inputs.get("sarif"));
        JsonNode sarif = JSON.readTree(sarifFile.toFile());
        assertThat(CiReportsTest.sarifSchema().validate(sarif)).isEmpty();
        JsonNode results = sarif.get("runs").get(0).get("results");
        assertThat(results.size()).isGreaterThanOrEqualTo(annotations.size());
        for (JsonNode result : results) {
            JsonNode location = result.get("locations").get(0).get("physicalLocation");
            Path file = repo.resolve(location.get("artifactLocation").get("uri").asText());
            assertThat(file).isRegularFile();
            assertThat(location.get("region").get("startLine").asInt())
                    .isBetween(1, Files.readAllLines(file).size());
        }

        // The step summary: the Markdown report, within GitHub's limit.
        String markdown = Files.readString(summary);
        assertThat(markdown.length()).isPositive().isLessThan(65_536);
        assertThat(markdown).startsWith("## evoplan: DOWNTIME").contains("| **DOWNTIME** | 12 |");
    }

    /**
     * ${{ inputs.x }} as the runner expands it in action.yml; no other expression is used in the
     * check step's env.
     */
    private static String substitute(String value, Map<String, String> inputs) {
        Matcher m = EXPRESSION.matcher(value);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            assertThat(inputs)
                    .as("action.yml declares input " + m.group(1))
                    .containsKey(m.group(1));
            m.appendReplacement(sb, Matcher.quoteReplacement(inputs.get(m.group(1))));
        }
        m.appendTail(sb);
        assertThat(sb.toString())
                .as("only ${{ inputs.* }} and ${{ steps.jar.* }} in the check step")
                .satisfiesAnyOf(
                        s -> assertThat(s).doesNotContain("${{"),
                        s -> assertThat(s).contains("steps.jar.outputs.path"));
        return sb.toString();
    }

    /**
     * main = the sample's v1 at PATH's folder; the checked-out branch adds v2's commit; origin/main
     * as a fetch leaves it.
     */
    private static void pullRequest(Path repo, String path) throws Exception {
        Path folder = Path.of(path).getParent();
        try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
            copy(ROOT.resolve("changelogs/crawler/v1"), repo.resolve(folder));
            RevCommit base = commit(git, "schema v1");
            RefUpdate origin = git.getRepository().updateRef("refs/remotes/origin/main");
            origin.setNewObjectId(base);
            origin.forceUpdate();
            git.checkout().setCreateBranch(true).setName("pr").call();
            deleteTree(repo.resolve(folder));
            copy(ROOT.resolve("changelogs/crawler/v2"), repo.resolve(folder));
            commit(git, "schema v2");
        }
        assertThat(repo.resolve(path)).isRegularFile();
    }

    private static boolean changedByThePullRequest(Path repo, String file) throws Exception {
        try (Git git = Git.open(repo.toFile())) {
            var diffs =
                    git.diff()
                            .setOldTree(tree(git, "refs/remotes/origin/main"))
                            .setNewTree(tree(git, "HEAD"))
                            .call();
            return diffs.stream().anyMatch(d -> file.equals(d.getNewPath()));
        }
    }

    private static org.eclipse.jgit.treewalk.AbstractTreeIterator tree(Git git, String ref)
            throws IOException {
        var repository = git.getRepository();
        try (var walk = new org.eclipse.jgit.revwalk.RevWalk(repository);
                var reader = repository.newObjectReader()) {
            var parser = new org.eclipse.jgit.treewalk.CanonicalTreeParser();
            parser.reset(reader, walk.parseCommit(repository.resolve(ref)).getTree().getId());
            return parser;
        }
    }

    private static RevCommit commit(Git git, String message) throws Exception {
        git.add().addFilepattern(".").call();
        git.add().addFilepattern(".").setUpdate(true).call();
        return git.commit().setMessage(message).setAuthor(AUTHOR).setCommitter(AUTHOR).call();
    }

    private static void copy(Path from, Path to) {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Path dest = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(dest);
                } else {
                    Files.createDirectories(dest.getParent());
                    Files.copy(f, dest, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(f);
            }
        }
    }
}
