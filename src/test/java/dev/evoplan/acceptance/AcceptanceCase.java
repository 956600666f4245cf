package dev.evoplan.acceptance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.evoplan.engine.AnalysisOptions;
import dev.evoplan.model.QualifiedName;
import dev.evoplan.plan.PlanOptions;
import dev.evoplan.rules.JudgeContext;
import dev.evoplan.rules.TableStats;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * One table-driven case of {@code fixtures/cases/<name>/}: two changelogs and what evoplan must
 * say.
 */
record AcceptanceCase(
        String name,
        Path dir,
        String row,
        int pgVersion,
        Map<QualifiedName, Long> tableRows,
        String mode,
        String worst,
        List<ExpectedFinding> findings,
        List<ExpectedStep> plan) {

    /**
     * A finding by rule id, safety label, lock enum name and table ({@code null} = not checked).
     */
    record ExpectedFinding(String rule, String safety, String lock, String table) {
        @Override
        public String toString() {
            return rule + " " + safety + " " + lock + " " + table;
        }
    }

    /**
     * A plan step that must appear (in this order): its stage and an SQL substring or a checkpoint.
     */
    record ExpectedStep(String stage, String sql, boolean checkpoint) {}

    static Path root() {
        return Path.of(System.getProperty("evoplan.root", ".")).resolve("fixtures/cases");
    }

    static List<AcceptanceCase> all() {
        try (Stream<Path> dirs = Files.list(root())) {
            return dirs.filter(d -> Files.exists(d.resolve("expected.yaml")))
                    .sorted()
                    .map(AcceptanceCase::read)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static AcceptanceCase read(Path dir) {
        try {
            JsonNode n =
                    new ObjectMapper(new YAMLFactory())
                            .readTree(dir.resolve("expected.yaml").toFile());
            Map<QualifiedName, Long> rows = new TreeMap<>();
            n.path("tableRows")
                    .fields()
                    .forEachRemaining(
                            e -> rows.put(QualifiedName.parse(e.getKey()), e.getValue().asLong()));
            List<ExpectedFinding> findings = new ArrayList<>();
            n.path("findings")
                    .forEach(
                            f ->
                                    findings.add(
                                            new ExpectedFinding(
                                                    f.path("rule").asText(),
                                                    f.path("safety").asText(),
                                                    text(f, "lock"),
                                                    text(f, "table"))));
            List<ExpectedStep> plan = new ArrayList<>();
            n.path("plan")
                    .forEach(
                            s ->
                                    plan.add(
                                            new ExpectedStep(
                                                    s.path("stage").asText(),
                                                    text(s, "sql"),
                                                    s.path("checkpoint").asBoolean(false))));
            return new AcceptanceCase(
                    dir.getFileName().toString(),
                    dir,
                    n.path("row").asText(),
                    n.path("pgVersion").asInt(JudgeContext.DEFAULT_PG_VERSION),
                    rows,
                    n.path("mode").asText(),
                    n.path("worst").asText(),
                    findings,
                    plan);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dir, e);
        }
    }

    private static String text(JsonNode n, String field) {
        return n.hasNonNull(field) ? n.get(field).asText() : null;
    }

    AnalysisOptions options() {
        return options(pgVersion);
    }

    AnalysisOptions options(int version) {
        return new AnalysisOptions(
                version,
                new TableStats(tableRows, TableStats.DEFAULT_SMALL_TABLE_ROWS),
                PlanOptions.DEFAULT_BATCH_SIZE,
                PlanOptions.DEFAULT_LOCK_TIMEOUT);
    }

    Path from() {
        return dir.resolve("from.yaml");
    }

    Path to() {
        return dir.resolve("to.yaml");
    }

    @Override
    public String toString() {
        return name;
    }
}
