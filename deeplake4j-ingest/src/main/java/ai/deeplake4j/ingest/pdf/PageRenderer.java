package ai.deeplake4j.ingest.pdf;

import java.awt.image.BufferedImage;
import java.io.IOException;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renders the pages of one open document to PNG (opaque RGB on white paper; see
 * {@link PageImageEncoder} for why PNG) and extracts their text with PDFBox.
 *
 * <p>A page whose rendering at the requested DPI would exceed {@value #MAX_PIXELS} pixels (a
 * poster or a hostile page size) is rendered at the lower DPI that fits, with a warning: a
 * 200-inch page at 150 DPI would otherwise need gigabytes of heap. A Letter page at 150 DPI is
 * 2.1 megapixels, so ordinary documents are never affected below about 500 DPI.
 *
 * <p>Not thread-safe: PDFBox's renderer and text stripper keep per-document state; use one
 * instance per document and thread.
 */
public final class PageRenderer {
    /** Largest page image in pixels: 25 megapixels, 100 MB as an int-packed RGB raster. */
    public static final long MAX_PIXELS = 25_000_000L;

    private static final Logger LOG = LoggerFactory.getLogger(PageRenderer.class);

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
        BufferedImage image = renderer.renderImageWithDPI(index, dpiFor(index), ImageType.RGB);
        byte[] png = encoder.encode(image);
        stripper.setStartPage(index + 1);
        stripper.setEndPage(index + 1);
        String text = stripper.getText(document);
        return new PdfPage(index, png, text);
    }

    /** The requested DPI, or the lower one that keeps page {@code index} within {@link #MAX_PIXELS}. */
    float dpiFor(int index) {
        PDRectangle box = document.getPage(index).getCropBox();
        // Points are 1/72 inch; rotation swaps the sides but not the area.
        double pixels = (box.getWidth() / 72.0 * dpi) * (box.getHeight() / 72.0 * dpi);
        if (pixels <= MAX_PIXELS) {
            return dpi;
        }
        float reduced = (float) (dpi * Math.sqrt(MAX_PIXELS / pixels));
        LOG.warn("PDF page {} is {} x {} inches; rendered at {} DPI instead of {} to stay within {} pixels",
                index + 1, Math.round(box.getWidth() / 72), Math.round(box.getHeight() / 72), (int) reduced, (int) dpi, MAX_PIXELS);
        return reduced;
    }
}
