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
