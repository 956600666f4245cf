package dev.evoplan.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The document's Markdown as HTML, and the page around it (the browser tier renders it:
 * DocHtmlInChromiumTest).
 */
class DocumentHtmlTest {
    private static String body(String markdown) {
        StringBuilder out = new StringBuilder();
        DocumentHtml.body(markdown, out);
        return out.toString();
    }

    @Test
    void headingsListsAndInlineMarkup() {
        assertThat(body("# Data Model: a\\_b\n\n- **Purpose:** the `users` table\n- x \\< y\n"))
                .isEqualTo(
                        "<h1>Data Model: a_b</h1>\n<ul>\n<li><strong>Purpose:</strong> the <code>users</code> table</li>\n"
                                + "<li>x &lt; y</li>\n</ul>\n");
    }

    @Test
    void aTableCellsEscapedPipeIsAPipeEvenInACodeSpan() {
        assertThat(body("| Index | Predicate |\n|---|---|\n| `a_idx` | `x \\|\\| y` |\n"))
                .isEqualTo(
                        "<table>\n<thead><tr><th>Index</th><th>Predicate</th></tr></thead>\n<tbody>\n"
                                + "<tr><td><code>a_idx</code></td><td><code>x || y</code></td></tr>\n</tbody>\n</table>\n");
    }

    @Test
    void codeSpansKeepWhatTheyHoldAndLongerFencesHoldBackticks() {
        assertThat(DocumentHtml.inline("`a\\_b` and `` x`y `` and \\*not bold\\*"))
                .isEqualTo("<code>a\\_b</code> and <code>x`y</code> and *not bold*");
    }

    @Test
    void fencedBlocksAreEscapedAndMermaidBlocksAreLeftForMermaid() {
        assertThat(
                        body(
                                "```sql\nSELECT '<b>' & 1;\n```\n\n```mermaid\nerDiagram\n    a ||--o{ b : \"x\"\n```\n"))
                .isEqualTo(
                        "<pre><code class=\"language-sql\">SELECT '&lt;b&gt;' &amp; 1;\n</code></pre>\n"
                                + "<pre class=\"mermaid\">erDiagram\n    a ||--o{ b : &quot;x&quot;\n</pre>\n");
    }

    @Test
    void aNumberedStepKeepsItsIndentedSqlBlock() {
        assertThat(
                        body(
                                "1. Add column (lock: x)\n\n    ```sql\n    ALTER TABLE t\n      ADD c int;\n    ```\n2. Checkpoint: deploy\n\nAfter.\n"))
                .isEqualTo(
                        "<ol>\n<li>Add column (lock: x)\n<pre><code class=\"language-sql\">ALTER TABLE t\n  ADD c int;\n</code></pre>\n"
                                + "</li>\n<li>Checkpoint: deploy</li>\n</ol>\n<p>After.</p>\n");
    }

    @Test
    void thePageIsSelfContained() {
        String page = DocumentHtml.page("Data Model: <x>", "# t\n");
        assertThat(page)
                .startsWith("<!DOCTYPE html>")
                .contains("<title>Data Model: &lt;x&gt;</title>")
                .contains("Content-Security-Policy\" content=\"default-src 'none'")
                .contains("Mermaid " + DocumentHtml.mermaidVersion());
        // Nothing loaded from elsewhere: no external script, stylesheet or image in the page's own
        // markup
        // (Mermaid's code builds img tags for diagrams that ask for them; the policy above refuses
        // their fetch).
        String markup = page.substring(0, page.indexOf("<script>"));
        assertThat(
                        Pattern.compile(
                                        "<(script|link|img)[^>]+(src|href)=",
                                        Pattern.CASE_INSENSITIVE)
                                .matcher(markup)
                                .find())
                .isFalse();
        assertThat(page.toLowerCase(java.util.Locale.ROOT).split("</script", -1)).hasSize(3);
    }
}
