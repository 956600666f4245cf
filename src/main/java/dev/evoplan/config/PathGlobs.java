package dev.evoplan.config;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;

/**
 * Globs written in the configuration file ({@code db/legacy/**}), matched against the file a
 * finding names. A finding names its file as the source does (relative to the working folder for a
 * migration folder, a changelog's logical path for Liquibase), so a glob matches when it matches
 * that name as it is or that name taken from the config file's folder.
 */
public final class PathGlobs {
    private final List<String> globs;
    private final List<PathMatcher> matchers;
    private final Path folder;
    private final Path workingFolder;

    PathGlobs(List<String> globs, Path folder, Path workingFolder) {
        this.globs = List.copyOf(globs);
        this.matchers =
                globs.stream()
                        .map(g -> FileSystems.getDefault().getPathMatcher("glob:" + g))
                        .toList();
        this.folder = folder.toAbsolutePath().normalize();
        this.workingFolder = workingFolder.toAbsolutePath().normalize();
    }

    /** No globs: matches every file, including findings that name none. */
    public boolean everywhere() {
        return globs.isEmpty();
    }

    /** {@code db/legacy/**, x.sql}. */
    public String written() {
        return String.join(", ", globs);
    }

    /**
     * Whether {@code file} (as a finding names it; null when it names none) is one of the globs'
     * files.
     */
    public boolean matches(String file) {
        if (everywhere()) {
            return true;
        }
        if (file == null || file.isBlank()) {
            return false;
        }
        Path named;
        try {
            named = Path.of(file).normalize();
        } catch (java.nio.file.InvalidPathException e) {
            return false;
        }
        Path fromFolder = named;
        Path absolute = workingFolder.resolve(named).normalize();
        if (absolute.startsWith(folder)) {
            fromFolder = folder.relativize(absolute);
        }
        for (PathMatcher m : matchers) {
            if (m.matches(named) || m.matches(fromFolder)) {
                return true;
            }
        }
        return false;
    }
}
