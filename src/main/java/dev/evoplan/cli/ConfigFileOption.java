package dev.evoplan.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * {@code --config FILE}: the project configuration to use instead of the {@code .evoplan.yaml}
 * found upward.
 */
final class ConfigFileOption {
    @Option(
            names = "--config",
            paramLabel = "FILE",
            description =
                    "The project configuration (defaults for options, rule control, excludes, table sizes). "
                            + "Default: .evoplan.yaml in the working folder or the nearest folder above it, up to the git "
                            + "repository's root. Command-line options win over it.")
    Path file;
}
