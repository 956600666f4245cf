package dev.evoplan.source.liquibase;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.regex.PatternSyntaxException;
import liquibase.changelog.IncludeAllFilter;

/**
 * Stands in for an includeAll {@code filter} class of the project that the user declared with a
 * glob ({@code include-all-filters} in {@code .evoplan.yaml}, {@code --include-all-filter
 * CLASS=GLOB}): evoplan does not run project code, so the user says what the class accepts. The
 * glob is applied where the includeAll's folder is listed ({@link RecordingAccessor}), which knows
 * which includeAll it lists; this class accepts what that listing kept.
 */
public final class DeclaredIncludeAllFilter implements IncludeAllFilter {
    @Override
    public boolean include(String changeLogPath) {
        return true;
    }

    /**
     * What is wrong with a declaration ({@code CLASS=GLOB}), or null: the class must be a Java
     * class name, the glob a glob over the changelog path as the filter is asked about it.
     */
    public static String problem(String className, String glob) {
        if (className == null
                || !className.matches(
                        "[\\p{javaJavaIdentifierStart}][\\p{javaJavaIdentifierPart}.$]*")) {
            return "not a Java class name: '" + className + "'";
        }
        if (glob == null || glob.isBlank()) {
            return "no glob for " + className + " (CLASS=GLOB, e.g. '**/module-master.xml')";
        }
        try {
            FileSystems.getDefault().getPathMatcher("glob:" + glob);
            return null;
        } catch (PatternSyntaxException e) {
            return "not a glob for " + className + ": '" + glob + "' (" + e.getDescription() + ")";
        }
    }

    /** Whether {@code glob} accepts the changelog path Liquibase would ask the filter about. */
    static PathMatcher matcher(String glob) {
        return FileSystems.getDefault().getPathMatcher("glob:" + glob);
    }

    static boolean accepts(PathMatcher matcher, String changeLogPath) {
        return matcher.matches(Path.of(changeLogPath));
    }

    /**
     * A declared glob that accepts none of the files its includeAll lists: most likely a typo, and
     * the folder's changesets would pass unread.
     */
    static final class AcceptsNothing extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final String folder;

        AcceptsNothing(String folder, String className, String glob, int listed) {
            super(
                    "include-all-filters glob '"
                            + glob
                            + "' for "
                            + className
                            + " accepts none of the "
                            + listed
                            + " files includeAll lists in "
                            + folder
                            + "; the glob is matched against the changelog path (db/module/a/module-master.xml)");
            this.folder = folder;
        }
    }
}
