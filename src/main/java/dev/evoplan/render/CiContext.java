package dev.evoplan.render;

import dev.evoplan.rules.Safety;
import java.nio.file.Path;
import java.util.Objects;

/**
 * What a CI format needs beyond the findings: which command ran, the gate its exit code follows
 * (JUnit marks findings at or above it as failures), whether safe findings are shown (GitHub
 * notices), and the working folder that file paths are made relative to (code scanning and Code
 * Quality place a finding by its path from the repository root, where CI runs).
 *
 * @param command {@code plan}, {@code check} or {@code lint}
 * @param gate the {@code --fail-on} level; {@code plan} has none and uses the default, downtime
 * @param showSafe whether safe findings are listed where a format leaves them out by default
 * @param workingFolder the folder relative paths are read from and written against
 * @param reportUrl where the full report is (the CI run), named by a truncated pull-request
 *     comment; may be null
 */
public record CiContext(
        String command, Safety gate, boolean showSafe, Path workingFolder, String reportUrl) {
    public CiContext {
        Objects.requireNonNull(command, "command is null");
        Objects.requireNonNull(gate, "gate is null");
        workingFolder =
                Objects.requireNonNull(workingFolder, "workingFolder is null")
                        .toAbsolutePath()
                        .normalize();
    }

    /** The context of a command run from the process's working folder. */
    public static CiContext of(String command, Safety gate, boolean showSafe) {
        return new CiContext(command, gate, showSafe, Path.of(""), null);
    }

    /** A context for the same run that names where the full report is. */
    public CiContext withReportUrl(String url) {
        return new CiContext(command, gate, showSafe, workingFolder, url);
    }

    /** A context for a run in {@code folder} (tests). */
    CiContext(String command, Safety gate, boolean showSafe, Path folder) {
        this(command, gate, showSafe, folder, null);
    }
}
