package ai.deeplake4j.ingest.pdf;

/**
 * One rendered PDF page.
 *
 * @param index the page index from 0
 * @param image the page rendered as an image file (see {@link PageRenderer} for the format)
 * @param text  the page's extracted text, "" when it has none (a scanned page)
 */
public record PdfPage(int index, byte[] image, String text) {
}
