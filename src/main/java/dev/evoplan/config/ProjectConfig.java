package dev.evoplan.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.evoplan.model.InputException;
import dev.evoplan.rules.RuleCatalogue;
import dev.evoplan.rules.Safety;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * The project configuration, {@code .evoplan.yaml}: defaults for the options the commands take,
 * rule control, path excludes and table sizes. Every value keeps the line it was written on;
 * anything the file says that evoplan does not know (a key, a rule, a level) is an input error
 * naming {@code file:line}, so a typo never silently leaves a gate where it was.
 *
 * <p>Paths in the file (schema, migrations, search-path) are relative to the file's folder; globs
 * (exclude, a rule's paths) are matched against finding paths relative to that folder.
 */
public final class ProjectConfig {
    /** The file name looked for. */
    public static final String FILE_NAME = ".evoplan.yaml";

    /** A value with where it came from ({@code .evoplan.yaml:4}). */
    public record Value<T>(T value, String source) {}

    /** The kinds of value a key holds, which decide how it is read and checked. */
    private enum Type {
        PG_VERSION,
        COUNT,
        POSITIVE,
        STRING,
        JDBC,
        DURATION,
        GATE,
        BOOLEAN,
        PATH,
        PATHS,
        STRINGS,
        STRING_MAP,
        FILTER_MAP,
        COUNT_MAP,
        TABLES,
        FORMAT,
        RULES
    }

    private static final Map<String, Type> KEYS =
            new TreeMap<>(
                    Map.ofEntries(
                            Map.entry("pg-version", Type.PG_VERSION),
                            Map.entry("table-rows", Type.COUNT_MAP),
                            Map.entry("tables", Type.TABLES),
                            Map.entry("stats-from", Type.JDBC),
                            Map.entry("small-table-rows", Type.COUNT),
                            Map.entry("batch-size", Type.POSITIVE),
                            Map.entry("lock-timeout", Type.DURATION),
                            Map.entry("fail-on", Type.GATE),
                            Map.entry("assume-lock-timeout", Type.DURATION),
                            Map.entry("assume-in-transaction", Type.BOOLEAN),
                            Map.entry("schema", Type.PATH),
                            Map.entry("migrations", Type.PATHS),
                            Map.entry("contexts", Type.STRINGS),
                            Map.entry("labels", Type.STRINGS),
                            Map.entry("properties", Type.STRING_MAP),
                            Map.entry("search-path", Type.PATHS),
                            Map.entry("include-all-filters", Type.FILTER_MAP),
                            Map.entry("format", Type.FORMAT),
                            Map.entry("show-safe", Type.BOOLEAN),
                            Map.entry("show-advice", Type.BOOLEAN),
                            Map.entry("shadow", Type.BOOLEAN),
                            Map.entry("exclude", Type.STRINGS),
                            Map.entry("rules", Type.RULES)));

    private static final Pattern DURATION = Pattern.compile("\\d+(ms|s|min|h)?");
    private static final List<String> FORMATS =
            List.of("text", "txt", "markdown", "md", "json", "sarif", "github", "gitlab", "junit");

    private final Path file;
    private final String shown;
    private final Path folder;
    private final Path workingFolder;
    private final Map<String, ConfigNode.Key> keys;
    private final Map<String, ConfigNode> values;

    private ProjectConfig(Path file, String shown, Path workingFolder, ConfigNode.Mapping root) {
        this.file = file;
        this.shown = shown;
        this.folder = file == null ? workingFolder : file.toAbsolutePath().normalize().getParent();
        this.workingFolder = workingFolder.toAbsolutePath().normalize();
        this.keys = new LinkedHashMap<>();
        this.values = new LinkedHashMap<>();
        root.entries()
                .forEach(
                        (k, v) -> {
                            keys.put(k.name(), k);
                            values.put(k.name(), v);
                        });
    }

    /** No configuration file: every value is the command's default. */
    public static ProjectConfig none(Path workingFolder) {
        return new ProjectConfig(null, null, workingFolder, new ConfigNode.Mapping(Map.of(), 0));
    }

    /**
     * The configuration file that applies in {@code start}: {@value #FILE_NAME} in it or the
     * nearest folder above it, looking no further than the root of the git repository that holds
     * {@code start} (a folder with a {@code .git}), or the filesystem root outside one. A project's
     * settings thus never leak in from a folder above the repository.
     */
    public static Optional<Path> find(Path start) {
        for (Path dir = start.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(FILE_NAME);
            if (Files.isRegularFile(candidate)) {
                return Optional.of(candidate);
            }
            if (Files.exists(dir.resolve(".git"))) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /**
     * The configuration that applies to a command run in {@code workingFolder}: {@code explicit}
     * (from {@code --config}) when given, else the file {@link #find} finds, else none.
     */
    public static ProjectConfig resolve(Path explicit, Path workingFolder) {
        if (explicit != null) {
            if (!Files.isRegularFile(explicit)) {
                throw new InputException(explicit.toString(), 0, "no such configuration file");
            }
            return load(explicit, workingFolder);
        }
        return find(workingFolder)
                .map(f -> load(f, workingFolder))
                .orElseGet(() -> none(workingFolder));
    }

    /** Reads and checks {@code file}; anything wrong is an InputException with its line. */
    public static ProjectConfig load(Path file, Path workingFolder) {
        String shown = shown(file, workingFolder);
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new InputException(
                    shown, 0, "cannot read the configuration file: " + e.getMessage(), e);
        }
        ConfigNode root = parse(text, shown);
        if (root == null) {
            root = new ConfigNode.Mapping(Map.of(), 1);
        }
        if (!(root instanceof ConfigNode.Mapping mapping)) {
            throw new InputException(
                    shown,
                    root.line(),
                    "the configuration must be a mapping of keys (pg-version: 16, rules: ...)");
        }
        ProjectConfig config = new ProjectConfig(file, shown, workingFolder, mapping);
        config.check();
        return config;
    }

    private static String shown(Path file, Path workingFolder) {
        Path abs = file.toAbsolutePath().normalize();
        Path wd = workingFolder.toAbsolutePath().normalize();
        return abs.startsWith(wd) ? wd.relativize(abs).toString() : file.toString();
    }

    /** Whether a file was read. */
    public boolean present() {
        return file != null;
    }

    /** The file as messages name it, or null. */
    public String shown() {
        return shown;
    }

    /** {@code .evoplan.yaml:4}. */
    private String place(int line) {
        return shown + ":" + line;
    }

    private InputException error(int line, String message) {
        return new InputException(shown, line, message);
    }

    /**
     * Reads every key once, so that an error anywhere fails every command, not only the one that
     * reads it.
     */
    private void check() {
        for (Map.Entry<String, ConfigNode.Key> e : keys.entrySet()) {
            Type type = KEYS.get(e.getKey());
            if (type == null) {
                throw error(
                        e.getValue().line(),
                        "unknown key '"
                                + e.getKey()
                                + "' (known: "
                                + String.join(", ", KEYS.keySet())
                                + ")");
            }
            read(e.getKey(), type);
        }
    }

    private Object read(String key, Type type) {
        return switch (type) {
            case PG_VERSION -> pgVersion().orElseThrow().value();
            case COUNT -> count(key).orElseThrow().value();
            case POSITIVE -> positive(key).orElseThrow().value();
            case STRING -> string(key).orElseThrow().value();
            case JDBC -> jdbcUrl(key).orElseThrow().value();
            case DURATION -> duration(key).orElseThrow().value();
            case GATE -> gate(key).orElseThrow().value();
            case BOOLEAN -> bool(key).orElseThrow().value();
            case PATH -> path(key).orElseThrow().value();
            case PATHS -> paths(key).orElseThrow().value();
            case STRINGS -> strings(key).orElseThrow().value();
            case STRING_MAP -> stringMap(key).orElseThrow().value();
            case FILTER_MAP -> includeAllFilters();
            case COUNT_MAP, TABLES -> tableRows();
            case FORMAT -> format().orElseThrow().value();
            case RULES -> rules();
        };
    }

    // ---- typed values ------------------------------------------------------------------------

    private Optional<ConfigNode> node(String key) {
        if (!KEYS.containsKey(key)) {
            throw new IllegalArgumentException("not a configuration key: " + key);
        }
        return Optional.ofNullable(values.get(key));
    }

    private String scalar(String key, ConfigNode node) {
        if (!(node instanceof ConfigNode.Scalar s) || s.text() == null || s.text().isBlank()) {
            throw error(node.line(), key + " needs a single value");
        }
        return s.text().strip();
    }

    private <T> Value<T> value(T value, ConfigNode node) {
        return new Value<>(value, place(node.line()));
    }

    public Optional<Value<Integer>> pgVersion() {
        return node("pg-version")
                .map(
                        n -> {
                            String text = scalar("pg-version", n);
                            if (!text.matches("\\d{1,2}")
                                    || Integer.parseInt(text) < 10
                                    || Integer.parseInt(text) > 18) {
                                throw error(
                                        n.line(),
                                        "pg-version must be a PostgreSQL major between 10 and 18, not "
                                                + text);
                            }
                            return value(Integer.parseInt(text), n);
                        });
    }

    public Optional<Value<Long>> count(String key) {
        return node(key).map(n -> value(rows(key, n), n));
    }

    private long rows(String what, ConfigNode n) {
        String text = scalar(what, n).replace("_", "");
        if (!text.matches("\\d{1,18}")) {
            throw error(
                    n.line(),
                    what + " must be a whole number of rows, 0 or more, not " + scalar(what, n));
        }
        return Long.parseLong(text);
    }

    public Optional<Value<Integer>> positive(String key) {
        return node(key)
                .map(
                        n -> {
                            String text = scalar(key, n).replace("_", "");
                            if (!text.matches("\\d{1,9}") || Integer.parseInt(text) == 0) {
                                throw error(
                                        n.line(),
                                        key
                                                + " must be a positive whole number, not "
                                                + scalar(key, n));
                            }
                            return value(Integer.parseInt(text), n);
                        });
    }

    public Optional<Value<String>> string(String key) {
        return node(key).map(n -> value(scalar(key, n), n));
    }

    public Optional<Value<String>> jdbcUrl(String key) {
        return node(key)
                .map(
                        n -> {
                            String text = scalar(key, n);
                            if (!text.startsWith("jdbc:postgresql:")) {
                                throw error(n.line(), key + " needs a jdbc:postgresql: URL");
                            }
                            return value(text, n);
                        });
    }

    /** A duration as the options take it: {@code 5s}, {@code 500ms}, {@code 1min}, {@code 0}. */
    public Optional<Value<String>> duration(String key) {
        return node(key)
                .map(
                        n -> {
                            String text = scalar(key, n);
                            if (!DURATION.matcher(text).matches()) {
                                throw error(
                                        n.line(),
                                        key + " must look like 5s, 500ms or 1min, not " + text);
                            }
                            return value(text, n);
                        });
    }

    /** A gate level: advice, multi-step or downtime. */
    public Optional<Value<Safety>> gate(String key) {
        return node(key)
                .map(
                        n -> {
                            String text = scalar(key, n);
                            Safety level =
                                    switch (text.toLowerCase(Locale.ROOT).replace('_', '-')) {
                                        case "advice" -> Safety.ADVICE;
                                        case "multi-step", "multistep" -> Safety.MULTI_STEP;
                                        case "downtime" -> Safety.DOWNTIME;
                                        default ->
                                                throw error(
                                                        n.line(),
                                                        key
                                                                + " must be advice, multi-step or downtime, not "
                                                                + text);
                                    };
                            return value(level, n);
                        });
    }

    public Optional<Value<Boolean>> bool(String key) {
        return node(key)
                .map(
                        n -> {
                            String text = scalar(key, n).toLowerCase(Locale.ROOT);
                            return switch (text) {
                                case "true", "yes", "on" -> value(Boolean.TRUE, n);
                                case "false", "no", "off" -> value(Boolean.FALSE, n);
                                default ->
                                        throw error(
                                                n.line(),
                                                key + " must be true or false, not " + text);
                            };
                        });
    }

    /** A path, made relative to the working folder from the file's folder. */
    public Optional<Value<String>> path(String key) {
        return node(key).map(n -> value(located(scalar(key, n)), n));
    }

    /**
     * One path or a list of them, each made relative to the working folder from the file's folder.
     */
    public Optional<Value<List<String>>> paths(String key) {
        return strings(key)
                .map(v -> new Value<>(v.value().stream().map(this::located).toList(), v.source()));
    }

    /** One string or a list of them. */
    public Optional<Value<List<String>>> strings(String key) {
        return node(key)
                .map(
                        n -> {
                            List<String> out = new ArrayList<>();
                            if (n instanceof ConfigNode.Sequence seq) {
                                for (ConfigNode item : seq.items()) {
                                    out.add(scalar(key, item));
                                }
                            } else {
                                out.add(scalar(key, n));
                            }
                            return value(List.copyOf(out), n);
                        });
    }

    public Optional<Value<Map<String, String>>> stringMap(String key) {
        return node(key)
                .map(
                        n -> {
                            Map<String, String> out = new LinkedHashMap<>();
                            mapping(key, n)
                                    .entries()
                                    .forEach(
                                            (k, v) ->
                                                    out.put(
                                                            k.name(),
                                                            scalar(key + "." + k.name(), v)));
                            return value(out, n);
                        });
    }

    /**
     * What the project's includeAll filter classes accept: {@code include-all-filters: {CLASS:
     * GLOB}}, a glob over the changelog path, by class name, each with the line it is on.
     */
    public Map<String, Value<String>> includeAllFilters() {
        Map<String, Value<String>> out = new TreeMap<>();
        node("include-all-filters")
                .ifPresent(
                        n ->
                                mapping("include-all-filters", n)
                                        .entries()
                                        .forEach(
                                                (k, v) -> {
                                                    String glob =
                                                            scalar(
                                                                    "include-all-filters."
                                                                            + k.name(),
                                                                    v);
                                                    String problem =
                                                            dev.evoplan.source.liquibase
                                                                    .DeclaredIncludeAllFilter
                                                                    .problem(k.name(), glob);
                                                    if (problem != null) {
                                                        throw error(
                                                                k.line(),
                                                                "include-all-filters: " + problem);
                                                    }
                                                    out.put(
                                                            k.name(),
                                                            new Value<>(glob, place(k.line())));
                                                }));
        return out;
    }

    public Optional<Value<String>> format() {
        return node("format")
                .map(
                        n -> {
                            String text = scalar("format", n).toLowerCase(Locale.ROOT);
                            if (!FORMATS.contains(text)) {
                                throw error(
                                        n.line(),
                                        "format must be text, markdown, json, sarif, github, gitlab or junit, not "
                                                + text);
                            }
                            return value(text, n);
                        });
    }

    private ConfigNode.Mapping mapping(String key, ConfigNode n) {
        if (!(n instanceof ConfigNode.Mapping m)) {
            throw error(n.line(), key + " needs a mapping (name: value)");
        }
        return m;
    }

    /**
     * Table sizes from {@code table-rows: {orders: 50000000}} and {@code tables: {orders: {rows:
     * 50000000}}}, by table name as written, each with the line it is on.
     */
    public Map<String, Value<Long>> tableRows() {
        Map<String, Value<Long>> out = new TreeMap<>();
        node("table-rows")
                .ifPresent(
                        n ->
                                mapping("table-rows", n)
                                        .entries()
                                        .forEach(
                                                (k, v) ->
                                                        out.put(
                                                                k.name(),
                                                                value(
                                                                        rows(
                                                                                "table-rows."
                                                                                        + k.name(),
                                                                                v),
                                                                        v))));
        node("tables")
                .ifPresent(
                        n ->
                                mapping("tables", n)
                                        .entries()
                                        .forEach(
                                                (table, v) -> {
                                                    for (Map.Entry<ConfigNode.Key, ConfigNode>
                                                            setting :
                                                                    mapping(
                                                                                    "tables."
                                                                                            + table
                                                                                                    .name(),
                                                                                    v)
                                                                            .entries()
                                                                            .entrySet()) {
                                                        if (!setting.getKey()
                                                                .name()
                                                                .equals("rows")) {
                                                            throw error(
                                                                    setting.getKey().line(),
                                                                    "unknown key '"
                                                                            + setting.getKey()
                                                                                    .name()
                                                                            + "' under tables."
                                                                            + table.name()
                                                                            + " (known: rows)");
                                                        }
                                                        out.put(
                                                                table.name(),
                                                                value(
                                                                        rows(
                                                                                "tables."
                                                                                        + table
                                                                                                .name()
                                                                                        + ".rows",
                                                                                setting.getValue()),
                                                                        setting.getValue()));
                                                    }
                                                }));
        return out;
    }

    /**
     * The rule control of {@code rules:}: each entry {@code RULE: LEVEL} or {@code RULE: {level:
     * LEVEL, paths: [GLOB...]}}, the rule named by id or code.
     */
    public List<RuleSetting> rules() {
        List<RuleSetting> out = new ArrayList<>();
        node("rules")
                .ifPresent(
                        n ->
                                mapping("rules", n)
                                        .entries()
                                        .forEach(
                                                (rule, v) -> {
                                                    String id =
                                                            RuleCatalogue.byIdOrCode(rule.name())
                                                                    .map(r -> r.info().id())
                                                                    .orElseThrow(
                                                                            () ->
                                                                                    error(
                                                                                            rule
                                                                                                    .line(),
                                                                                            "unknown rule '"
                                                                                                    + rule
                                                                                                            .name()
                                                                                                    + "' under rules (evoplan rules lists them)"));
                                                    RuleLevel level = null;
                                                    List<String> paths = List.of();
                                                    int line = rule.line();
                                                    if (v instanceof ConfigNode.Mapping m) {
                                                        for (Map.Entry<ConfigNode.Key, ConfigNode>
                                                                e : m.entries().entrySet()) {
                                                            switch (e.getKey().name()) {
                                                                case "level" ->
                                                                        level = level(e.getValue());
                                                                case "paths" ->
                                                                        paths =
                                                                                globs(
                                                                                        "rules."
                                                                                                + rule
                                                                                                        .name()
                                                                                                + ".paths",
                                                                                        e
                                                                                                .getValue());
                                                                default ->
                                                                        throw error(
                                                                                e.getKey().line(),
                                                                                "unknown key '"
                                                                                        + e.getKey()
                                                                                                .name()
                                                                                        + "' under rules."
                                                                                        + rule
                                                                                                .name()
                                                                                        + " (known: level, paths)");
                                                            }
                                                        }
                                                        if (level == null) {
                                                            throw error(
                                                                    line,
                                                                    "rules."
                                                                            + rule.name()
                                                                            + " needs a level ("
                                                                            + RuleLevel.WORDS
                                                                            + ")");
                                                        }
                                                    } else {
                                                        level = level(v);
                                                    }
                                                    out.add(
                                                            new RuleSetting(
                                                                    id, level, paths, place(line)));
                                                }));
        return out;
    }

    private RuleLevel level(ConfigNode n) {
        String text = n instanceof ConfigNode.Scalar s && s.text() != null ? s.text().strip() : "";
        return RuleLevel.parse(text)
                .orElseThrow(
                        () ->
                                error(
                                        n.line(),
                                        "unknown rule level '"
                                                + text
                                                + "' (expected "
                                                + RuleLevel.WORDS
                                                + ")"));
    }

    private List<String> globs(String key, ConfigNode n) {
        List<String> out = new ArrayList<>();
        if (n instanceof ConfigNode.Sequence seq) {
            seq.items().forEach(item -> out.add(scalar(key, item)));
        } else {
            out.add(scalar(key, n));
        }
        return out;
    }

    /** The path globs of {@code exclude:} with their line. */
    public Optional<Value<List<String>>> excludes() {
        return strings("exclude");
    }

    /** Matches finding paths against globs written in this file. */
    public PathGlobs globs(List<String> globs) {
        return new PathGlobs(globs, folder, workingFolder);
    }

    /** A path written in the file, as the working folder reaches it. */
    private String located(String written) {
        Path p = Path.of(written);
        if (p.isAbsolute() || folder.equals(workingFolder)) {
            return written;
        }
        String relative = workingFolder.relativize(folder.resolve(p).normalize()).toString();
        return relative.isEmpty() ? "." : relative;
    }

    // ---- parsing ----------------------------------------------------------------------------

    private static ConfigNode parse(String text, String shown) {
        LoaderOptions limits = new LoaderOptions();
        limits.setMaxAliasesForCollections(20);
        limits.setNestingDepthLimit(50);
        limits.setCodePointLimit(1 << 20);
        YAMLFactory factory = YAMLFactory.builder().loaderOptions(limits).build();
        try (JsonParser parser = factory.createParser(text)) {
            if (parser.nextToken() == null) {
                return null;
            }
            return node(parser, shown);
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new InputException(shown, line, "not valid YAML: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new InputException(
                    shown, 0, "cannot read the configuration file: " + e.getMessage(), e);
        }
    }

    private static ConfigNode node(JsonParser parser, String shown) throws IOException {
        JsonToken token = parser.currentToken();
        int line = parser.currentTokenLocation().getLineNr();
        if (token == JsonToken.START_OBJECT) {
            Map<ConfigNode.Key, ConfigNode> entries = new LinkedHashMap<>();
            java.util.Set<String> names = new java.util.HashSet<>();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                int keyLine = parser.currentTokenLocation().getLineNr();
                if (!names.add(name)) {
                    throw new InputException(shown, keyLine, "key '" + name + "' is written twice");
                }
                parser.nextToken();
                entries.put(new ConfigNode.Key(name, keyLine), node(parser, shown));
            }
            return new ConfigNode.Mapping(entries, line);
        }
        if (token == JsonToken.START_ARRAY) {
            List<ConfigNode> items = new ArrayList<>();
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                items.add(node(parser, shown));
            }
            return new ConfigNode.Sequence(items, line);
        }
        return new ConfigNode.Scalar(token == JsonToken.VALUE_NULL ? null : parser.getText(), line);
    }
}
