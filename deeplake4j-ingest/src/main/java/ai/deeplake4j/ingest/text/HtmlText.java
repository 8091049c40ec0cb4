package ai.deeplake4j.ingest.text;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/**
 * The visible text of an HTML document (jsoup), with a blank line between blocks (paragraphs,
 * headings, list items, table rows) and a line break for {@code <br>}; scripts, styles and
 * other invisible elements are dropped.
 *
 * <p>Like a browser, the HTML parser reads the content of an {@code <iframe>}, {@code <noembed>},
 * {@code <noframes>} or {@code <xmp>} as raw text up to its end tag, and none of it is shown: an
 * unclosed one, often a self-closed {@code <iframe .../>} (the slash means nothing in HTML), takes
 * the rest of the page with it. Checked against Chromium 156 ({@code --dump-dom}), which hides the
 * same text. Such an element holding markup is reported to the warning sink, so the loss is not silent.
 */
public final class HtmlText {
    /** Raw-text elements whose content a browser never shows. */
    private static final String HIDDEN_RAW_TEXT = "iframe, noembed, noframes, xmp";
    /** Characters of markup inside one of them before it is worth a warning. */
    private static final int SWALLOWED_MIN_CHARS = 200;

    private HtmlText() {
    }

    /** The visible text of {@code html}. */
    public static String extract(String html) {
        return extract(html, warning -> { });
    }

    /**
     * The visible text of {@code html}; {@code warnings} receives one message per raw-text element
     * that swallowed at least {@value #SWALLOWED_MIN_CHARS} characters of markup.
     */
    public static String extract(String html, java.util.function.Consumer<String> warnings) {
        Document doc = Jsoup.parse(html);
        for (Element e : doc.select(HIDDEN_RAW_TEXT)) {
            String inside = e.data().isEmpty() ? e.wholeText() : e.data();
            if (inside.length() >= SWALLOWED_MIN_CHARS && inside.indexOf('<') >= 0) {
                warnings.accept("an <" + e.tagName() + "> holds " + inside.length() + " characters of markup that a browser does not"
                        + " show either (an <" + e.tagName() + "> without </" + e.tagName() + ">, e.g. a self-closed <" + e.tagName()
                        + "/>, takes the rest of the page); they are not ingested");
            }
        }
        doc.select("script, style, noscript, template, head, svg").remove();
        StringBuilder out = new StringBuilder(html.length() / 2);
        NodeTraversor.traverse(new NodeVisitor() {
            // depth of enclosing <pre> elements, tracked here rather than looked up per text node
            private int pre;

            @Override
            public void head(Node node, int depth) {
                if (node instanceof Element e && e.nameIs("pre")) {
                    pre++;
                }
                if (node instanceof TextNode t) {
                    if (pre > 0) {
                        out.append(t.getWholeText());
                    } else if (!t.isBlank()) {
                        String s = t.text();
                        if (!out.isEmpty() && !Character.isWhitespace(out.charAt(out.length() - 1))
                                && Character.isWhitespace(t.getWholeText().charAt(0))) {
                            out.append(' ');
                        }
                        out.append(s.strip());
                        if (Character.isWhitespace(t.getWholeText().charAt(t.getWholeText().length() - 1))) {
                            out.append(' ');
                        }
                    }
                } else if (node instanceof Element e && e.nameIs("br")) {
                    trimTrailingSpace(out);
                    out.append('\n');
                } else if (node instanceof Element e && e.isBlock()) {
                    breakParagraph(out);
                }
            }

            @Override
            public void tail(Node node, int depth) {
                if (node instanceof Element e && e.nameIs("pre")) {
                    pre--;
                }
                if (node instanceof Element e && e.isBlock()) {
                    breakParagraph(out);
                }
            }
        }, doc.body());
        return out.toString().strip();
    }

    private static void trimTrailingSpace(StringBuilder out) {
        while (!out.isEmpty() && out.charAt(out.length() - 1) == ' ') {
            out.setLength(out.length() - 1);
        }
    }

    private static void breakParagraph(StringBuilder out) {
        trimTrailingSpace(out);
        if (out.isEmpty()) {
            return;
        }
        int newlines = 0;
        for (int i = out.length() - 1; i >= 0 && out.charAt(i) == '\n'; i--) {
            newlines++;
        }
        out.append("\n".repeat(Math.max(0, 2 - newlines)));
    }
}
