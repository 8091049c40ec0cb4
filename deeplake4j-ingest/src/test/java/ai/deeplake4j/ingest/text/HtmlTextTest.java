package ai.deeplake4j.ingest.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class HtmlTextTest {

    @Test
    void keepsVisibleTextWithParagraphBreaksAndDropsScripts() {
        String html = "<html><head><title>T</title><style>p{}</style></head><body>"
                + "<h1>Title</h1><p>First <b>bold</b> paragraph.</p><script>var x = 1;</script>"
                + "<p>Second<br>line</p><ul><li>one</li><li>two</li></ul></body></html>";
        assertEquals("Title\n\nFirst bold paragraph.\n\nSecond\nline\n\none\n\ntwo", HtmlText.extract(html));
    }

    /**
     * A self-closed {@code <iframe/>} starts raw text that runs to the end of the page: Chromium
     * 156 shows none of it (checked with {@code --dump-dom}), so neither does the extract, but the
     * loss is reported instead of passing in silence.
     */
    @Test
    void aSelfClosedIframeHidesTheRestOfThePageAsInABrowserAndSaysSo() {
        String rest = "<p>" + "After the frame, text that a browser does not show. ".repeat(10) + "</p>";
        String html = "<html><body><p>Before the frame.</p><iframe src=\"ad.html\"/>" + rest + "</body></html>";
        java.util.List<String> warnings = new java.util.ArrayList<>();
        assertEquals("Before the frame.", HtmlText.extract(html, warnings::add));
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.getFirst().contains("<iframe>") && warnings.getFirst().contains("</iframe>"), warnings.getFirst());

        java.util.List<String> none = new java.util.ArrayList<>();
        assertEquals("Before the frame.\n\nAfter.", HtmlText.extract("<p>Before the frame.</p><iframe src=\"ad.html\"></iframe><p>After.</p>",
                none::add));
        assertTrue(none.isEmpty(), "a closed, empty iframe is no loss");
    }

    @Test
    void realHtmlFileLosesItsMarkupButKeepsItsWords() throws Exception {
        String html = Files.readString(Path.of(System.getProperty("deeplake4j.corpus"), "text", "assert.html"));
        String text = HtmlText.extract(html);
        assertTrue(text.contains("assert.deepStrictEqual"));
        assertFalse(text.contains("<div"));
        assertFalse(text.contains("<script"));
        assertTrue(text.contains("\n\n"), "paragraph breaks kept");
        assertTrue(text.length() < html.length() / 2);
    }
}
