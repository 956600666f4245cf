package dev.evoplan.render;

/** The CI formats of one report, the same for {@code plan}, {@code check} and {@code lint}. */
final class CiRenderers {
    private CiRenderers() {}

    /** Whether {@code format} is one CI systems read (rendered from a {@link CiReport}). */
    static boolean handles(Format format) {
        return switch (format) {
            case SARIF, GITHUB, GITLAB, JUNIT -> true;
            case TEXT, MARKDOWN, JSON -> false;
        };
    }

    static String render(Format format, CiReport report) {
        return switch (format) {
            case SARIF -> SarifRenderer.render(report);
            case GITHUB -> GithubRenderer.render(report);
            case GITLAB -> GitlabRenderer.render(report);
            case JUNIT -> JunitRenderer.render(report);
            case TEXT, MARKDOWN, JSON ->
                    throw new IllegalArgumentException(format + " is not a CI format");
        };
    }
}
