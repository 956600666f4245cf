package dev.evoplan.cli;

import dev.evoplan.engine.Analysis;
import dev.evoplan.engine.AnalysisOptions;
import dev.evoplan.engine.Analyzer;
import dev.evoplan.model.LoadedSchema;
import dev.evoplan.model.QualifiedName;
import dev.evoplan.render.DataModelDocument;
import dev.evoplan.render.DocumentHtml;
import dev.evoplan.source.Sources;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code evoplan doc}: the data-model document of a schema, with its evolution plan from --from.
 */
@Command(
        name = "doc",
        mixinStandardHelpOptions = true,
        description =
                "Write the data-model document of a schema (the guide's template): ER diagram, entities, "
                        + "relationships, business rules, privacy, evolution plan (with --from) and open questions, "
                        + "the design advisories (EP6xx) among them.")
final class DocCommand implements Callable<Integer> {
    private static final Pattern DATABASE = Pattern.compile("^jdbc:postgresql://[^/]*/([^?]+)");

    /** File names that say nothing about the domain: the folder names it instead. */
    private static final Pattern GENERIC =
            Pattern.compile(
                    "(?i)(schema|changelog|db\\.changelog(-master)?|master|main|index|ddl|v\\d+|migrations?)");

    enum DocFormat {
        MARKDOWN,
        HTML,
        JSON
    }

    @Spec CommandSpec spec;

    @Parameters(
            index = "0",
            paramLabel = "SRC",
            description =
                    "The schema to document: a changelog, SQL file or folder, git:REF:PATH or a jdbc:postgresql: URL.")
    String source;

    @Option(
            names = "--from",
            paramLabel = "SRC",
            description =
                    "The schema as it is now: the Evolution Plan section is the staged plan from it to SRC.")
    String from;

    @Option(
            names = "--name",
            paramLabel = "NAME",
            description =
                    "The domain name in the title. Default: the changelog's or folder's name.")
    String name;

    @Option(
            names = "--tables",
            split = ",",
            paramLabel = "GLOB",
            description =
                    "Document only the tables matching one of these globs (name or schema.name, e.g. crawl*,audit.*).")
    List<String> tables = new ArrayList<>();

    @Option(
            names = {"-f", "--format"},
            paramLabel = "FORMAT",
            defaultValue = "markdown",
            description =
                    "markdown, html (one self-contained file, the diagram rendered by the bundled Mermaid) or json. "
                            + "Default: ${DEFAULT-VALUE}.")
    String format;

    @Option(
            names = {"-o", "--output"},
            paramLabel = "FILE",
            description =
                    "Write the document to FILE (replaced whole, never half-written) instead of standard output.")
    Path output;

    @Option(
            names = "--max-diagram-chars",
            paramLabel = "N",
            defaultValue = "" + DataModelDocument.MAX_DIAGRAM_CHARS,
            description =
                    "Split the ER diagram into blocks of at most N characters (Mermaid's maxTextSize is 50,000). "
                            + "Default: ${DEFAULT-VALUE}.")
    int maxDiagramChars;

    @Mixin SourceOptions sourceOptions;

    @Mixin JudgeOptions judgeOptions;

    @Mixin ConfigFileOption configFile;

    @Override
    public Integer call() {
        // The project's sizes, version and Liquibase settings hold here too; report formats are
        // plan/check/lint's.
        Configuration.resolving(spec, configFile, sourceOptions, judgeOptions);
        judgeOptions.requireValid(spec);
        DocFormat docFormat =
                switch (format.strip().toLowerCase(Locale.ROOT)) {
                    case "markdown", "md" -> DocFormat.MARKDOWN;
                    case "html" -> DocFormat.HTML;
                    case "json" -> DocFormat.JSON;
                    default ->
                            throw new picocli.CommandLine.ParameterException(
                                    spec.commandLine(),
                                    "unknown format '"
                                            + format
                                            + "' for doc (expected markdown, html or json)");
                };
        if (maxDiagramChars < 1_000) {
            throw new picocli.CommandLine.ParameterException(
                    spec.commandLine(), "--max-diagram-chars must be at least 1000");
        }
        LoadedSchema target = Sources.load(source, sourceOptions.settings());
        AnalysisOptions options = judgeOptions.analysisOptions();
        Analysis evolution = null;
        if (from != null) {
            evolution =
                    Analyzer.analyze(Sources.load(from, sourceOptions.settings()), target, options);
        }
        DataModelDocument doc =
                DataModelDocument.of(
                        name != null ? name : defaultName(source),
                        target.schema(),
                        tableFilter(tables),
                        options.stats().rows(),
                        evolution,
                        maxDiagramChars);
        String text =
                switch (docFormat) {
                    case MARKDOWN -> doc.markdown();
                    case HTML ->
                            DocumentHtml.page(
                                    UserText.safe("Data Model: " + doc.name()),
                                    UserText.safe(doc.markdown()));
                    case JSON -> doc.json();
                };
        if (docFormat == DocFormat.HTML) {
            Report.writeVerbatim(text, output, spec.commandLine().getOut());
        } else {
            Report.write(text, output, spec.commandLine().getOut());
        }
        return ExitCode.OK.code();
    }

    /**
     * The domain's name from how the source was given: the file's name, or its folder's when the
     * file's is generic.
     */
    static String defaultName(String spec) {
        Matcher db = DATABASE.matcher(spec);
        if (db.find()) {
            return db.group(1);
        }
        String path = spec.startsWith("git:") ? spec.substring(spec.indexOf(':', 4) + 1) : spec;
        Path p = Path.of(path).toAbsolutePath().normalize();
        while (p != null && p.getFileName() != null) {
            String base = p.getFileName().toString().replaceFirst("\\.(xml|ya?ml|json|sql)$", "");
            if (!GENERIC.matcher(base).matches()) {
                return base;
            }
            p = p.getParent();
        }
        return path;
    }

    /**
     * Tables whose name or schema.name matches one of the globs; every table when there is none.
     */
    static Predicate<QualifiedName> tableFilter(List<String> globs) {
        if (globs.isEmpty()) {
            return t -> true;
        }
        List<PathMatcher> matchers =
                globs.stream()
                        .map(String::strip)
                        .filter(g -> !g.isEmpty())
                        .map(g -> FileSystems.getDefault().getPathMatcher("glob:" + g))
                        .toList();
        return t ->
                matchers.stream()
                        .anyMatch(
                                m ->
                                        m.matches(Path.of(t.name()))
                                                || m.matches(Path.of(t.schema() + "." + t.name())));
    }
}
