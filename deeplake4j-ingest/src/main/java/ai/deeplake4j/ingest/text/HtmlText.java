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
 */
public final class HtmlText {
    private HtmlText() {
    }

    public static String extract(String html) {
        Document doc = Jsoup.parse(html);
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
