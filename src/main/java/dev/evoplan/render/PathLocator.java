package dev.evoplan.render;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Turns the file a finding names into a path relative to the working folder, as code scanning, the
 * GitHub diff view and GitLab Code Quality expect (they resolve it from the repository root, where
 * CI runs). A changelog names its included files relative to its own folder ({@code
 * changes/120-crawls.yaml}); a migration folder names them as the user typed the folder. The first
 * candidate that exists on disk wins; a file only a git ref holds is placed beside the input that
 * named it.
 */
final class PathLocator {
    private static final Pattern GIT_SPEC = Pattern.compile("^git:[^:]*:");

    private final Path workingFolder;

    /**
     * The folders file names are read against, in order: the working folder, then each input's
     * folder.
     */
    private final List<Path> bases = new ArrayList<>();

    /**
     * {@code inputs} are source specs as the user gave them: files, folders or {@code
     * git:REF:PATH}; URLs are skipped.
     */
    PathLocator(Path workingFolder, List<String> inputs) {
        this.workingFolder = workingFolder.toAbsolutePath().normalize();
        bases.add(this.workingFolder);
        for (String input : inputs) {
            Path base = folderOf(input);
            if (base != null && !bases.contains(base)) {
                bases.add(base);
            }
        }
    }

    /** The path to show for {@code file}, with forward slashes; null when there is no file. */
    String locate(String file) {
        if (file == null || file.isBlank()) {
            return null;
        }
        Path named;
        try {
            named = Path.of(file);
        } catch (InvalidPathException e) {
            return file;
        }
        if (named.isAbsolute()) {
            return show(named.normalize());
        }
        for (Path base : bases) {
            Path candidate = base.resolve(named).normalize();
            if (Files.exists(candidate)) {
                return show(candidate);
            }
        }
        // Not on disk (a file only a git ref holds). A name that already starts with an input's
        // folder is read from the working folder; any other is placed beside the first input.
        Path fromWorkingFolder = workingFolder.resolve(named).normalize();
        for (Path base : bases.subList(1, bases.size())) {
            if (fromWorkingFolder.startsWith(base)) {
                return show(fromWorkingFolder);
            }
        }
        Path base = bases.size() > 1 ? bases.get(1) : workingFolder;
        return show(base.resolve(named).normalize());
    }

    /**
     * An input spec as a path relative to the working folder ({@code git:REF:} taken off; a URL as
     * it is).
     */
    String input(String spec) {
        if (spec == null || spec.startsWith("jdbc:")) {
            return spec;
        }
        try {
            return show(workingFolder.resolve(GIT_SPEC.matcher(spec).replaceFirst("")).normalize());
        } catch (InvalidPathException e) {
            return spec;
        }
    }

    /**
     * The input whose file or folder holds {@code path}, else the first input; null when there are
     * none.
     */
    static String inputOf(String path, List<String> inputs) {
        if (inputs.isEmpty()) {
            return null;
        }
        if (path != null) {
            for (String input : inputs) {
                String plain = slashes(GIT_SPEC.matcher(input).replaceFirst(""));
                String folder = plain.endsWith("/") ? plain : plain + "/";
                if (path.equals(plain) || path.startsWith(folder)) {
                    return input;
                }
            }
        }
        return inputs.get(0);
    }

    private Path folderOf(String input) {
        if (input == null || input.startsWith("jdbc:")) {
            return null;
        }
        String plain = GIT_SPEC.matcher(input).replaceFirst("");
        try {
            Path p = workingFolder.resolve(plain).normalize();
            boolean folder =
                    Files.isDirectory(p)
                            || (!Files.exists(p) && !p.getFileName().toString().contains("."));
            Path base = folder ? p : p.getParent();
            return base == null ? workingFolder : base;
        } catch (InvalidPathException e) {
            return null;
        }
    }

    private String show(Path absolute) {
        Path shown =
                absolute.startsWith(workingFolder) ? workingFolder.relativize(absolute) : absolute;
        return slashes(shown.toString());
    }

    private static String slashes(String path) {
        return path.replace('\\', '/');
    }
}
