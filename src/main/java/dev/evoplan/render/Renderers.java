package dev.evoplan.render;

/** Picks the renderer of a format. */
public final class Renderers {
    private Renderers() {}

    /**
     * The renderer for {@code format}. {@code color} asks for ANSI colours and only the terminal
     * format honours it: escape codes in a pull-request comment or a JSON file are noise.
     */
    public static Renderer of(Format format, boolean color) {
        return switch (format) {
            case TEXT -> new TextRenderer(color);
            case MARKDOWN -> new MarkdownRenderer();
            case JSON -> new JsonRenderer();
        };
    }
}
