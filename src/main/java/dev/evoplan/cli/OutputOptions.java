package dev.evoplan.cli;

import dev.evoplan.render.Format;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where and how to write the report. */
public final class OutputOptions {
    @Option(
            names = {"-f", "--format"},
            paramLabel = "FORMAT",
            defaultValue = "text",
            converter = FormatConverter.class,
            description =
                    "text, markdown or json; plan, check and lint also write sarif, github (workflow "
                            + "commands), gitlab (Code Quality) and junit. Default: ${DEFAULT-VALUE}.")
    Format format;

    @Option(
            names = {"-o", "--output"},
            paramLabel = "FILE",
            description =
                    "Write the report to FILE (replaced whole, never half-written) instead of standard output.")
    Path output;

    @Option(
            names = "--color",
            negatable = true,
            paramLabel = "",
            description = "Colour the text report. Default: on when writing text to a terminal.")
    Boolean color;

    /** Takes the config file's format when the command line gives none. */
    void configure(Configuration c) {
        format =
                c.value(
                        "format",
                        "--format",
                        format,
                        f ->
                                f.format()
                                        .map(
                                                v ->
                                                        new dev.evoplan.config.ProjectConfig
                                                                .Value<>(
                                                                new FormatConverter()
                                                                        .convert(v.value()),
                                                                v.source())));
    }

    /**
     * The format of a command that writes only text, markdown or json; a CI format is a usage
     * error.
     */
    Format documentFormat(picocli.CommandLine.Model.CommandSpec spec) {
        return switch (format) {
            case TEXT, MARKDOWN, JSON -> format;
            case SARIF, GITHUB, GITLAB, JUNIT ->
                    throw new picocli.CommandLine.ParameterException(
                            spec.commandLine(),
                            "--format "
                                    + format.name().toLowerCase(java.util.Locale.ROOT)
                                    + " is for plan, check and lint (expected text, markdown or json)");
        };
    }

    /** Colour only for text on a terminal unless asked for. */
    boolean useColor() {
        if (color != null) {
            return color && format == Format.TEXT;
        }
        return format == Format.TEXT
                && output == null
                && System.console() != null
                && System.getenv("NO_COLOR") == null;
    }

    /** Reads format names case-insensitively, with {@code md} as a short form. */
    static final class FormatConverter implements picocli.CommandLine.ITypeConverter<Format> {
        @Override
        public Format convert(String value) {
            String v = value.strip().toLowerCase(java.util.Locale.ROOT);
            return switch (v) {
                case "text", "txt" -> Format.TEXT;
                case "markdown", "md" -> Format.MARKDOWN;
                case "json" -> Format.JSON;
                case "sarif" -> Format.SARIF;
                case "github" -> Format.GITHUB;
                case "gitlab" -> Format.GITLAB;
                case "junit" -> Format.JUNIT;
                default ->
                        throw new picocli.CommandLine.TypeConversionException(
                                "unknown format '"
                                        + value
                                        + "' (expected text, markdown, json, sarif, github, gitlab or junit)");
            };
        }
    }
}
