package ai.deeplake4j.ingest.pdf;

import static ai.deeplake4j.ingest.media.MediaTestSupport.assertPng;
import static ai.deeplake4j.ingest.media.MediaTestSupport.corpus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.deeplake4j.api.ingest.IngestOptions;
import ai.deeplake4j.ingest.media.MediaTestSupport.Rows;
import ai.deeplake4j.ingest.normalize.NormalizeContext;
import ai.deeplake4j.ingest.normalize.SourceFile;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PdfNormalizerTest {

    private static Rows normalize(PdfNormalizer normalizer, Path file, int dpi) throws IOException {
        Rows rows = new Rows();
        normalizer.normalize(new SourceFile(file, "f"), new NormalizeContext(IngestOptions.builder().pdfDpi(dpi).build()), rows);
        return rows;
    }

    @Test
    void oneRowPerPageRenderedAt150DpiWithThatPagesText() throws Exception {
        Rows rows = normalize(new PdfNormalizer(), corpus("pdf/shared-mime-info-spec.pdf"), IngestOptions.DEFAULT_PDF_DPI);
        assertEquals(17, rows.rows.size(), "pdfinfo says 17 pages");
        for (int i = 0; i < rows.rows.size(); i++) {
            Map<String, Object> row = rows.rows.get(i);
            assertEquals((long) i, row.get("page_index"));
            BufferedImage page = assertPng((byte[]) row.get("image"));
            // A4 or Letter at 150 DPI: 1240-1275 px wide, 1650-1754 px high.
            assertTrue(page.getWidth() >= 1230 && page.getWidth() <= 1280, "width " + page.getWidth());
            assertTrue(page.getHeight() >= 1640 && page.getHeight() <= 1760, "height " + page.getHeight());
        }
        String page2 = (String) rows.rows.get(1).get("text");
        assertTrue(page2.contains("Language used in this specification") && page2.contains("RECOMMENDED"), page2);
        assertTrue(!((String) rows.rows.get(0).get("text")).contains("RECOMMENDED"), "text of page 2 leaked into page 1");
    }

    @Test
    void longDocumentStreamsEveryPageInOrder() throws Exception {
        // Low DPI keeps the test quick; the page count and the text do not depend on it.
        Rows rows = normalize(new PdfNormalizer(), corpus("pdf/R-intro.pdf"), 24);
        assertEquals(113, rows.rows.size(), "pdfinfo says 113 pages");
        assertTrue(((String) rows.rows.get(0).get("text")).contains("An Introduction to R"));
        assertTrue(((String) rows.rows.get(9).get("text")).contains("save the data from your R session"));
        BufferedImage page = assertPng((byte[]) rows.rows.get(0).get("image"));
        assertTrue(page.getWidth() < 250, "rendered at 24 DPI, width " + page.getWidth());
    }

    @Test
    void libtasn1HasItsThirtySixPages() throws Exception {
        Rows rows = normalize(new PdfNormalizer(), corpus("pdf/libtasn1.pdf"), 24);
        assertEquals(36, rows.rows.size());
        assertTrue(((String) rows.rows.get(2).get("text")).contains("Table of Contents"));
    }

    @Test
    void invalidPdfFailsWithTheReasonWithinTheTimeout() {
        IOException e = assertTimeoutPreemptively(Duration.ofSeconds(60),
                () -> assertThrows(IOException.class, () -> normalize(new PdfNormalizer(), corpus("broken/invalid.pdf"), 150)));
        assertTrue(e.getMessage().startsWith("not a readable PDF") || e.getMessage().startsWith("PDF has no pages"), e.getMessage());
    }

    @Test
    void passwordProtectedPdfSaysSo(@TempDir Path dir) throws Exception {
        Path locked = dir.resolve("locked.pdf");
        try (PDDocument doc = new PDDocument()) {
            doc.addPage(new PDPage());
            StandardProtectionPolicy policy = new StandardProtectionPolicy("owner-secret", "user-secret", new AccessPermission());
            policy.setEncryptionKeyLength(128);
            doc.protect(policy);
            doc.save(locked.toFile());
        }
        IOException e = assertThrows(IOException.class, () -> normalize(new PdfNormalizer(), locked, 150));
        assertTrue(e.getMessage().startsWith("PDF is password-protected"), e.getMessage());
    }

    @Test
    void posterSizedPageIsRenderedWithinThePixelBudget(@TempDir Path dir) throws Exception {
        Path poster = dir.resolve("poster.pdf");
        try (PDDocument doc = new PDDocument()) {
            doc.addPage(new PDPage(new PDRectangle(200 * 72, 100 * 72))); // 200 x 100 inches
            doc.save(poster.toFile());
        }
        Rows rows = normalize(new PdfNormalizer(), poster, 150); // 30000 x 15000 px if not capped
        BufferedImage page = assertPng((byte[]) rows.rows.getFirst().get("image"));
        long pixels = (long) page.getWidth() * page.getHeight();
        assertTrue(pixels <= PageRenderer.MAX_PIXELS && pixels > PageRenderer.MAX_PIXELS * 0.95, "pixels " + pixels);
        assertEquals(2.0, (double) page.getWidth() / page.getHeight(), 0.01);
    }

    @Test
    void aStepOverItsTimeLimitFailsInsteadOfHanging() {
        PdfNormalizer impatient = new PdfNormalizer(Duration.ofMillis(1));
        IOException e = assertTimeoutPreemptively(Duration.ofSeconds(30),
                () -> assertThrows(IOException.class, () -> normalize(impatient, corpus("pdf/R-intro.pdf"), 600)));
        assertTrue(e.getMessage().contains("took longer than"), e.getMessage());
    }
}
