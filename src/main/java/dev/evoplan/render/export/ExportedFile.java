package dev.evoplan.render.export;

import java.util.Objects;

/** One file of an export: its path inside the export folder ({@code /}-separated) and its text. */
public record ExportedFile(String path, String content) {
    public ExportedFile {
        Objects.requireNonNull(path, "path is null");
        Objects.requireNonNull(content, "content is null");
        if (path.startsWith("/") || path.contains("..")) {
            throw new IllegalArgumentException("not a relative path inside the export: " + path);
        }
    }
}
