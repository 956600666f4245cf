package dev.evoplan.fix;

import java.util.List;
import java.util.Objects;

/**
 * What the fixes do to one file: its text before and after, and the files they add beside it (a
 * Flyway split: the new version and its {@code .conf}).
 *
 * @param path the file as lint named it
 */
public record FileFix(String path, String before, String after, List<NewFile> added) {
    public FileFix {
        Objects.requireNonNull(path, "path is null");
        added = List.copyOf(added);
    }

    /** A file the fix creates. */
    public record NewFile(String path, String content) {}

    public boolean changes() {
        return !before.equals(after) || !added.isEmpty();
    }
}
