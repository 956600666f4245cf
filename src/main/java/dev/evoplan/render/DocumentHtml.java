package dev.evoplan.render;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The data-model document as one self-contained HTML file: the document's own Markdown turned into
 * HTML (so both formats say the same thing from one source), with the Mermaid bundled into the jar
 * at build time inlined, so the diagram renders with no network.
 *
 * <p>The converter reads the subset of Markdown {@link DataModelDocument#markdown()} writes:
 * headings, paragraphs, {@code -} and numbered lists, pipe tables, fenced blocks (indented under a
 * list item too), code spans, {@code **bold**} and backslash escapes. It is not a general Markdown
 * renderer.
 */
public final class DocumentHtml {
    /** Where the build puts Mermaid (pom.xml, execution bundle-mermaid). */
    static final String MERMAID_RESOURCE = "mermaid/mermaid.min.js";

    static final String MERMAID_VERSION_RESOURCE = "mermaid/VERSION";

    /** The element the page writes render and script errors into; empty when all went well. */
    public static final String ERRORS_ID = "evoplan-render-errors";

    private static final Pattern FENCE = Pattern.compile("^( *)(`{3,})([A-Za-z]*)$");
    private static final Pattern HEADING = Pattern.compile("^(#{1,6}) (.*)$");
    private static final Pattern NUMBERED = Pattern.compile("^(\\d+)\\. (.*)$");
    private static final Pattern BACKTICKS = Pattern.compile("`+");
    private static final Pattern ESCAPED = Pattern.compile("\\\\([!-/:-@\\[-`{-~])");
    private static final Pattern BOLD = Pattern.compile("\\*\\*(.+?)\\*\\*");

    private DocumentHtml() {}

    /** The page for a document whose Markdown is {@code markdown}, titled {@code title}. */
    public static String page(String title, String markdown) {
        String mermaid = resource(MERMAID_RESOURCE);
        String version = resource(MERMAID_VERSION_RESOURCE).strip();
        StringBuilder out = new StringBuilder(mermaid.length() + markdown.length() * 2 + 4_096);
        out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                // Nothing may be fetched: the page is the whole document. A blocked fetch is a
                // console error.
                .append(
                        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; ")
                .append(
                        "script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:; font-src data:\">\n")
                .append("<meta name=\"generator\" content=\"evoplan doc, Mermaid ")
                .append(escape(version))
                .append("\">\n")
                .append("<title>")
                .append(escape(title))
                .append("</title>\n<style>\n")
                .append(STYLE)
                .append("</style>\n")
                .append("</head>\n<body>\n<main>\n");
        body(markdown, out);
        out.append("</main>\n<pre id=\"").append(ERRORS_ID).append("\"></pre>\n");
        // Inline script: "</script" inside it would end the element early; in JavaScript strings
        // and regular expressions "<\/script" means the same.
        out.append("<script>\n")
                .append(mermaid.replaceAll("(?i)</script", "<\\\\/script"))
                .append("\n</script>\n");
        out.append("<script>\n").append(START).append("</script>\n</body>\n</html>\n");
        return out.toString();
    }

    /** The bundled Mermaid's version, as pinned in pom.xml. */
    public static String mermaidVersion() {
        return resource(MERMAID_VERSION_RESOURCE).strip();
    }

    private static String resource(String name) {
        try (InputStream in = DocumentHtml.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(
                        "this build of evoplan has no bundled Mermaid ("
                                + name
                                + " is missing from the jar; build it with Maven, which bundles it)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ------------------------------------------------------------------ Markdown to HTML

    /** Converts {@code markdown} (the subset the document writes) into {@code out}. */
    static void body(String markdown, StringBuilder out) {
        List<String> lines = markdown.lines().toList();
        int i = 0;
        while (i < lines.size()) {
            String line = lines.get(i);
            Matcher fence;
            Matcher heading;
            if (line.isBlank()) {
                i++;
            } else if ((fence = FENCE.matcher(line)).matches()) {
                i = fenced(lines, i, fence, out);
            } else if ((heading = HEADING.matcher(line)).matches()) {
                int level = heading.group(1).length();
                out.append("<h")
                        .append(level)
                        .append('>')
                        .append(inline(heading.group(2)))
                        .append("</h")
                        .append(level)
                        .append(">\n");
                i++;
            } else if (line.startsWith("| ")) {
                i = table(lines, i, out);
            } else if (line.startsWith("- ")) {
                out.append("<ul>\n");
                while (i < lines.size() && lines.get(i).startsWith("- ")) {
                    out.append("<li>").append(inline(lines.get(i).substring(2))).append("</li>\n");
                    i++;
                }
                out.append("</ul>\n");
            } else if (NUMBERED.matcher(line).matches()) {
                i = numbered(lines, i, out);
            } else {
                List<String> paragraph = new ArrayList<>();
                while (i < lines.size() && !lines.get(i).isBlank() && !startsBlock(lines.get(i))) {
                    paragraph.add(inline(lines.get(i)));
                    i++;
                }
                out.append("<p>").append(String.join("\n", paragraph)).append("</p>\n");
            }
        }
    }

    private static boolean startsBlock(String line) {
        return FENCE.matcher(line).matches()
                || HEADING.matcher(line).matches()
                || line.startsWith("| ")
                || line.startsWith("- ")
                || NUMBERED.matcher(line).matches();
    }

    /** A fenced block from {@code lines[start]} to its closing fence; returns the line after it. */
    private static int fenced(List<String> lines, int start, Matcher open, StringBuilder out) {
        String indent = open.group(1);
        String closing = indent + open.group(2);
        String language = open.group(3);
        StringBuilder text = new StringBuilder();
        int i = start + 1;
        while (i < lines.size() && !lines.get(i).equals(closing)) {
            String l = lines.get(i);
            text.append(l.startsWith(indent) ? l.substring(indent.length()) : l.stripLeading())
                    .append('\n');
            i++;
        }
        if (language.equals("mermaid")) {
            out.append("<pre class=\"mermaid\">")
                    .append(escape(text.toString()))
                    .append("</pre>\n");
        } else {
            out.append("<pre><code")
                    .append(language.isEmpty() ? "" : " class=\"language-" + language + "\"")
                    .append('>')
                    .append(escape(text.toString()))
                    .append("</code></pre>\n");
        }
        return Math.min(i + 1, lines.size());
    }

    private static int table(List<String> lines, int start, StringBuilder out) {
        out.append("<table>\n<thead><tr>");
        cells(lines.get(start)).forEach(c -> out.append("<th>").append(inline(c)).append("</th>"));
        out.append("</tr></thead>\n<tbody>\n");
        int i = start + 1;
        if (i < lines.size() && lines.get(i).startsWith("|-")
                || i < lines.size() && lines.get(i).startsWith("|:")) {
            i++;
        }
        while (i < lines.size() && lines.get(i).startsWith("| ")) {
            out.append("<tr>");
            cells(lines.get(i)).forEach(c -> out.append("<td>").append(inline(c)).append("</td>"));
            out.append("</tr>\n");
            i++;
        }
        out.append("</tbody>\n</table>\n");
        return i;
    }

    /**
     * A row's cells: split on pipes not escaped; an escaped pipe is a pipe (GitHub reads it so even
     * in code spans).
     */
    static List<String> cells(String row) {
        String inner = row.strip();
        inner =
                inner.substring(
                        1,
                        inner.endsWith("|") && !inner.endsWith("\\|")
                                ? inner.length() - 1
                                : inner.length());
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        for (int k = 0; k < inner.length(); k++) {
            char c = inner.charAt(k);
            if (c == '\\' && k + 1 < inner.length() && inner.charAt(k + 1) == '|') {
                cell.append('|');
                k++;
            } else if (c == '|') {
                cells.add(cell.toString().strip());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        cells.add(cell.toString().strip());
        return cells;
    }

    /** A numbered list: items, each with the indented blocks (a fenced SQL block) under it. */
    private static int numbered(List<String> lines, int start, StringBuilder out) {
        out.append("<ol>\n");
        int i = start;
        while (i < lines.size()) {
            Matcher item = NUMBERED.matcher(lines.get(i));
            if (!item.matches()) {
                break;
            }
            out.append("<li>").append(inline(item.group(2)));
            i++;
            while (true) {
                int next = i;
                while (next < lines.size() && lines.get(next).isBlank()) {
                    next++;
                }
                Matcher fence = next < lines.size() ? FENCE.matcher(lines.get(next)) : null;
                if (fence == null || !fence.matches() || fence.group(1).isEmpty()) {
                    break;
                }
                out.append('\n');
                i = fenced(lines, next, fence, out);
            }
            out.append("</li>\n");
            int next = i;
            while (next < lines.size() && lines.get(next).isBlank()) {
                next++;
            }
            if (next < lines.size() && NUMBERED.matcher(lines.get(next)).matches()) {
                i = next;
            } else {
                break;
            }
        }
        out.append("</ol>\n");
        return i;
    }

    /** Inline Markdown: code spans as written, then escapes and bold in the text between them. */
    static String inline(String s) {
        StringBuilder out = new StringBuilder();
        int at = 0;
        Matcher open = BACKTICKS.matcher(s);
        while (open.find(at)) {
            String fence = open.group();
            int close = closingRun(s, open.end(), fence.length());
            if (close < 0) {
                out.append(text(s.substring(at, open.end())));
                at = open.end();
                continue;
            }
            out.append(text(s.substring(at, open.start())));
            String code = s.substring(open.end(), close);
            if (code.length() > 1
                    && code.startsWith(" ")
                    && code.endsWith(" ")
                    && !code.isBlank()) {
                code = code.substring(1, code.length() - 1);
            }
            out.append("<code>").append(escape(code)).append("</code>");
            at = close + fence.length();
        }
        out.append(text(s.substring(at)));
        return out.toString();
    }

    /** The index of the backtick run of exactly {@code length} that closes a code span, or -1. */
    private static int closingRun(String s, int from, int length) {
        Matcher m = BACKTICKS.matcher(s);
        int at = from;
        while (m.find(at)) {
            if (m.group().length() == length) {
                return m.start();
            }
            at = m.end();
        }
        return -1;
    }

    /** Text outside code spans: bold, then backslash escapes undone; everything HTML-escaped. */
    private static String text(String s) {
        StringBuilder out = new StringBuilder();
        Matcher bold = BOLD.matcher(s);
        int at = 0;
        while (bold.find()) {
            out.append(plain(s.substring(at, bold.start())))
                    .append("<strong>")
                    .append(plain(bold.group(1)))
                    .append("</strong>");
            at = bold.end();
        }
        return out.append(plain(s.substring(at))).toString();
    }

    private static String plain(String s) {
        return escape(ESCAPED.matcher(s).replaceAll(m -> Matcher.quoteReplacement(m.group(1))));
    }

    static String escape(String s) {
        return s.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;");
    }

    private static final String STYLE =
            """
            body { font-family: -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; line-height: 1.5;
                   color: #1f2328; max-width: 1100px; margin: 2em auto; padding: 0 1em; }
            h1, h2 { border-bottom: 1px solid #d1d9e0; padding-bottom: .3em; }
            code, pre { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 85%; }
            code { background: #eff1f3; padding: .1em .3em; border-radius: 4px; }
            pre { background: #f6f8fa; padding: 1em; overflow: auto; border-radius: 6px; }
            pre code { background: none; padding: 0; }
            pre.mermaid { background: none; text-align: center; }
            table { border-collapse: collapse; margin: 1em 0; display: block; overflow: auto; }
            th, td { border: 1px solid #d1d9e0; padding: .3em .7em; vertical-align: top; }
            th { background: #f6f8fa; }
            #evoplan-render-errors:empty { display: none; }
            #evoplan-render-errors { color: #b00020; background: #fff0f0; }
            """;

    /**
     * Renders every diagram once the page has loaded. Errors of any kind (a diagram Mermaid
     * refuses, a script error, a console error) are written into the errors element, so a reader
     * sees them and a headless browser's dumped DOM shows them; {@code data-rendered} on the body
     * says the rendering finished.
     */
    private static final String START =
            """
            (function () {
              var errors = document.getElementById("%s");
              function report(message) { errors.textContent += String(message) + "\\n"; }
              var consoleError = console.error;
              console.error = function () {
                report(Array.prototype.map.call(arguments, String).join(" "));
                consoleError.apply(console, arguments);
              };
              window.addEventListener("error", function (e) { report("Uncaught " + e.message); });
              window.addEventListener("unhandledrejection", function (e) { report("Unhandled " + e.reason); });
              var mermaid = globalThis.mermaid || (globalThis.__esbuild_esm_mermaid_nm || {}).mermaid;
              if (mermaid && mermaid.default) { mermaid = mermaid.default; }
              if (!mermaid) { report("Mermaid did not load"); document.body.setAttribute("data-rendered", "failed"); return; }
              mermaid.initialize({ startOnLoad: false, securityLevel: "strict", maxTextSize: 50000, er: { useMaxWidth: true } });
              mermaid.run({ querySelector: "pre.mermaid" })
                .then(function () { document.body.setAttribute("data-rendered", "done"); })
                .catch(function (e) { report(e && e.message ? e.message : e); document.body.setAttribute("data-rendered", "failed"); });
            })();
            """
                    .formatted(ERRORS_ID);
}
