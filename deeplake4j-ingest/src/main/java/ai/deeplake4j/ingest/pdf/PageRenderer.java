package ai.deeplake4j.ingest.pdf;

import java.awt.image.BufferedImage;
import java.io.IOException;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;

/**
 * Renders the pages of one open document to PNG (opaque RGB on white paper; see
 * {@link PageImageEncoder} for why PNG) and extracts their text with PDFBox. Not thread-safe: PDFBox's renderer and text stripper keep per-document state; use one
 * instance per document and thread.
 */
public final class PageRenderer {
    private final PDDocument document;
    private final float dpi;
    private final PDFRenderer renderer;
    private final PDFTextStripper stripper;
    private final PageImageEncoder encoder = new PageImageEncoder();

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
        byte[] png = encoder.encode(image);
        stripper.setStartPage(index + 1);
        stripper.setEndPage(index + 1);
        String text = stripper.getText(document);
        return new PdfPage(index, png, text);
    }
}
