package dev.evoplan.cli;

import dev.evoplan.config.ProjectConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The one place options meet the project configuration: each option takes the command line's value
 * when given, else the config file's, else its default, and remembers which (for {@code evoplan
 * config}). Precedence: default &lt; file &lt; flag.
 */
final class Configuration {
    /**
     * An option's value in force and where it came from: {@code .evoplan.yaml:4}, {@code
     * --pg-version}, {@code default}.
     */
    record Effective(String key, String value, String source) {}

    private final CommandSpec spec;
    private final ProjectConfig file;
    private final Map<String, Effective> effective = new LinkedHashMap<>();

    private Configuration(CommandSpec spec, ProjectConfig file) {
        this.spec = spec;
        this.file = file;
    }

    /**
     * The configuration for a command: {@code --config FILE}, or the file found upward from the
     * working folder.
     */
    static Configuration of(CommandSpec spec, ConfigFileOption option) {
        return new Configuration(
                spec, ProjectConfig.resolve(option == null ? null : option.file, Path.of("")));
    }

    /**
     * The configuration with the options every reading command shares (sources, judging) resolved
     * against it: flag &gt; file &gt; default. A command resolves its own options after this.
     */
    static Configuration resolving(
            CommandSpec spec, ConfigFileOption option, SourceOptions source, JudgeOptions judge) {
        Configuration c = of(spec, option);
        source.configure(c);
        judge.configure(c);
        return c;
    }

    ProjectConfig file() {
        return file;
    }

    /** Whether the command line gave {@code option}. */
    boolean given(String option) {
        var parsed = spec.commandLine().getParseResult();
        return parsed != null && parsed.hasMatchedOption(option);
    }

    /** The value of one option: the flag's, else the file's, else {@code current} (its default). */
    <T> T value(
            String key,
            String option,
            T current,
            Function<ProjectConfig, Optional<ProjectConfig.Value<T>>> read) {
        if (given(option)) {
            remember(key, current, option);
            return current;
        }
        Optional<ProjectConfig.Value<T>> fromFile = read.apply(file);
        if (fromFile.isPresent()) {
            remember(key, fromFile.get().value(), fromFile.get().source());
            return fromFile.get().value();
        }
        remember(key, current, "default");
        return current;
    }

    /**
     * Entries by name (table sizes, changelog properties): the file's, then the command line's on
     * top, entry by entry, so a flag for one table leaves the file's other tables standing.
     */
    <V> Map<String, V> entries(
            String key,
            String option,
            Map<String, V> flags,
            Map<String, ProjectConfig.Value<V>> fromFile) {
        Map<String, V> out = new LinkedHashMap<>();
        fromFile.forEach(
                (name, v) -> {
                    out.put(name, v.value());
                    remember(key + "." + name, v.value(), v.source());
                });
        flags.forEach(
                (name, v) -> {
                    out.put(name, v);
                    remember(key + "." + name, v, option);
                });
        if (out.isEmpty()) {
            remember(key, "(none)", "default");
        }
        return out;
    }

    /** A bad option value as the command's usage error (exit 2). */
    picocli.CommandLine.ParameterException usageError(String message) {
        return new picocli.CommandLine.ParameterException(spec.commandLine(), message);
    }

    /** A flag that is on when given; the file may turn it on. */
    boolean flag(String key, String option, boolean current) {
        return value(key, option, current, f -> f.bool(key));
    }

    private void remember(String key, Object value, String source) {
        effective.put(key, new Effective(key, shown(value), source));
    }

    private static String shown(Object value) {
        if (value == null) {
            return "(none)";
        }
        if (value instanceof Collection<?> c) {
            return c.isEmpty()
                    ? "(none)"
                    : c.stream().map(String::valueOf).collect(Collectors.joining(","));
        }
        if (value instanceof Map<?, ?> m) {
            return m.isEmpty()
                    ? "(none)"
                    : m.entrySet().stream()
                            .map(e -> e.getKey() + "=" + e.getValue())
                            .collect(Collectors.joining(","));
        }
        if (value instanceof Enum<?> e) {
            return e.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
        return String.valueOf(value);
    }

    /** Every value resolved so far, in the order the options were resolved. */
    List<Effective> effective() {
        return new ArrayList<>(effective.values());
    }
}
