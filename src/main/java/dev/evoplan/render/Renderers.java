package dev.evoplan.render;

import dev.evoplan.rules.Safety;

/** Picks the renderer of a format. */
public final class Renderers {
    private Renderers() {}

    /**
     * The renderer for {@code format}. {@code color} asks for ANSI colours and only the terminal
     * format honours it: escape codes in a pull-request comment or a JSON file are noise.
     */
    public static Renderer of(Format format, boolean color) {
        return of(format, color, CiContext.of("plan", Safety.DOWNTIME, true));
    }

    /**
     * Whether a report in {@code format} lists safe findings: JSON, SARIF and JUnit always, the
     * others with {@code showSafe}; when not, it only counts them.
     */
    public static boolean listsSafe(Format format, boolean showSafe) {
        return showSafe
                || format == Format.JSON
                || format == Format.SARIF
                || format == Format.JUNIT;
    }

    /** The one line {@code --quiet} prints: {@code evoplan check: DOWNTIME (12 downtime, ...)}. */
    public static String verdictLine(dev.evoplan.engine.Analysis analysis, CiContext context) {
        return CiReport.of(analysis, context).verdictLine() + "\n";
    }

    /**
     * The renderer for {@code format}; the CI formats take the command, gate and paths from {@code
     * context}.
     */
    public static Renderer of(Format format, boolean color, CiContext context) {
        return switch (format) {
            case TEXT -> new TextRenderer(color, context.showSafe());
            case MARKDOWN -> new MarkdownRenderer(context, CommentBudget.LIMIT);
            case JSON -> new JsonRenderer();
            case SARIF, GITHUB, GITLAB, JUNIT ->
                    analysis -> CiRenderers.render(format, CiReport.of(analysis, context));
        };
    }
}
