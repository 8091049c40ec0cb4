package ai.deeplake4j.ingest.pdf;

import ai.deeplake4j.ingest.thumbnail.JpegEncoder;
import java.awt.image.BufferedImage;
import java.io.IOException;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;

/**
 * Renders the pages of one open document to JPEG and extracts their text with PDFBox. JPEG at
 * quality 0.90 was chosen over PNG because it encodes a 150 DPI page several times faster (see
 * BENCHMARKS.md) and is a third of the size, while text stays legible at that quality. Pages
 * are rendered opaque RGB (white paper), so nothing is lost by JPEG's lack of alpha.
 * Not thread-safe: PDFBox's renderer and text stripper keep per-document state; use one
 * instance per document and thread.
 */
public final class PageRenderer {
    /** JPEG quality for rendered pages. */
    public static final float PAGE_JPEG_QUALITY = 0.90f;

    private final PDDocument document;
    private final float dpi;
    private final PDFRenderer renderer;
    private final PDFTextStripper stripper;
    private final JpegEncoder encoder = new JpegEncoder(PAGE_JPEG_QUALITY);

    /**
     * @param document an open document, owned by the caller
     * @param dpi      render resolution in dots per inch, > 0 (the ingest option {@code pdf_dpi})
     */
    public PageRenderer(PDDocument document, int dpi) {
        if (dpi <= 0) {
            throw new IllegalArgumentException("pdf_dpi must be > 0, got " + dpi);
        }
        this.document = document;
        this.dpi = dpi;
        this.renderer = new PDFRenderer(document);
        // Images inside the page may be decoded at the output resolution instead of their own,
        // which is much faster for scans and indistinguishable at the DPI we render at.
        this.renderer.setSubsamplingAllowed(true);
        this.stripper = new PDFTextStripper();
    }

    /**
     * Renders page {@code index} (from 0) and extracts its text.
     *
     * @throws IOException when the page's content cannot be parsed or rendered
     */
    public PdfPage render(int index) throws IOException {
        BufferedImage image = renderer.renderImageWithDPI(index, dpi, ImageType.RGB);
        byte[] jpeg = encoder.encode(image);
        stripper.setStartPage(index + 1);
        stripper.setEndPage(index + 1);
        String text = stripper.getText(document);
        return new PdfPage(index, jpeg, text);
    }
}
