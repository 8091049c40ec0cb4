package ai.deeplake4j.ingest.pdf;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Encodes rendered pages as PNG with ImageIO's fastest useful deflate setting.
 *
 * <p>Why PNG and this setting (measured on R-intro.pdf at 150 DPI, CPU time per page, see
 * BENCHMARKS.md): PNG at compression quality 0.9 costs about 34 ms and 275 KiB, JPEG at quality
 * 0.9 about 38 ms and 290 KiB, PNG at ImageIO's default deflate level about 52 ms and 261 KiB.
 * So for text pages PNG is as fast as JPEG, smaller, and lossless (no ringing around glyphs, which
 * matters to OCR and vision models). Scanned pages compress worse as PNG; that is the trade-off.
 * Converting to 3-byte BGR first is faster than letting the writer convert int-packed pixels.
 * Thread-safe (a writer per call).
 */
public final class PageImageEncoder {
    /** ImageIO PNG compression quality: higher is faster with slightly larger output. */
    static final float PNG_COMPRESSION_QUALITY = 0.9f;

    /**
     * @return the PNG file bytes of {@code page}
     * @throws IOException when no PNG writer is installed or encoding fails
     */
    public byte[] encode(BufferedImage page) throws IOException {
        BufferedImage bgr = page;
        if (page.getType() != BufferedImage.TYPE_3BYTE_BGR) {
            bgr = new BufferedImage(page.getWidth(), page.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
            Graphics2D g = bgr.createGraphics();
            try {
                g.drawImage(page, 0, 0, null);
            } finally {
                g.dispose();
            }
        }
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("png");
        if (!writers.hasNext()) {
            throw new IOException("no PNG image writer is installed");
        }
        ImageWriter writer = writers.next();
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 * 1024);
        try (ImageOutputStream ios = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(ios);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(PNG_COMPRESSION_QUALITY);
            writer.write(null, new IIOImage(bgr, null, null), param);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }
}
