package ai.deeplake4j.ingest.thumbnail;

import ai.deeplake4j.ingest.jpeg.TurboJpeg;
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
 * Encodes images as baseline JPEG (4:2:0) at a fixed quality. Transparent pixels are flattened
 * onto white first: JPEG has no alpha channel, and ImageIO would otherwise write an ARGB image as a
 * four-channel JPEG that most viewers show with wrong colours.
 *
 * <p>The codec is libjpeg-turbo where {@link TurboJpeg#configured()} finds it (a 256 px thumbnail
 * in 0.12 ms of CPU instead of 1.06 ms), else the JDK's ImageIO writer; both write the same
 * quantization tables, subsampling and DCT, so their JPEGs differ only by rounding.
 *
 * <p>Thread-safe. On ImageIO, each thread keeps one writer and reuses it (creating one per image cost
 * about 3% of a thumbnail's CPU), and writes into memory: {@code ImageIO.createImageOutputStream}
 * would back every JPEG with a temporary file, which cost about 20% more encoding CPU plus file system
 * waits. Images already in {@link OpaqueRgb}'s layout (what ImageIO's PNG and JPEG readers return,
 * and what the thumbnail scaler makes) are encoded without a conversion.
 */
public final class JpegEncoder {
    /** The quality ARCHITECTURE 2.5 sets for thumbnails: 0.85 on ImageIO's 0..1 scale. */
    public static final float DEFAULT_QUALITY = 0.85f;

    private final float quality;
    /** libjpeg-turbo, or null for ImageIO only. */
    private final TurboJpeg turbo;
    /** {@link #quality} on libjpeg's 1..100 scale, for {@link #turbo}. */
    private final int turboQuality;
    /** This thread's writer and its parameters; a thread that dies drops its entry with it. */
    private final ThreadLocal<Session> sessions = new ThreadLocal<>();

    /**
     * An encoder on the configured codec ({@link TurboJpeg#configured()}, else ImageIO).
     *
     * @param quality ImageIO JPEG quality in (0, 1]; 0.85 is the thumbnail default
     */
    public JpegEncoder(float quality) {
        this(quality, TurboJpeg.configured().orElse(null));
    }

    /**
     * @param quality ImageIO JPEG quality in (0, 1]; 0.85 is the thumbnail default. libjpeg-turbo
     *                gets it as {@code round(100 * quality)}, the same IJG scale.
     * @param turbo   libjpeg-turbo, or null to encode with ImageIO only
     */
    public JpegEncoder(float quality, TurboJpeg turbo) {
        if (!(quality > 0f && quality <= 1f)) {
            throw new IllegalArgumentException("JPEG quality must be in (0, 1], got " + quality);
        }
        this.quality = quality;
        this.turbo = turbo;
        this.turboQuality = Math.max(1, Math.round(100 * quality));
    }

    /** An encoder at {@link #DEFAULT_QUALITY} on the configured codec. */
    public static JpegEncoder defaultQuality() {
        return new JpegEncoder(DEFAULT_QUALITY);
    }

    /** {@code "libjpeg-turbo"} or {@code "ImageIO"}: the codec this encoder uses. */
    public String codec() {
        return turbo != null ? "libjpeg-turbo" : "ImageIO";
    }

    /**
     * Encodes {@code image} (any type; alpha is flattened onto white).
     *
     * @return the JPEG file bytes
     * @throws IOException when no JPEG writer is installed or encoding fails
     */
    public byte[] encode(BufferedImage image) throws IOException {
        BufferedImage pixels = OpaqueRgb.of(image);
        int[] order = OpaqueRgb.offsets(pixels);
        // libjpeg-turbo takes R, G, B or B, G, R; another order of the three bytes goes to ImageIO.
        if (turbo != null && order[1] == 1) {
            return turbo.encode(OpaqueRgb.bytes(pixels), pixels.getWidth(), pixels.getHeight(), order[0] == 2, turboQuality);
        }
        Session session = session();
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(1024, pixels.getWidth() * pixels.getHeight() / 4));
        ImageWriter writer = session.writer();
        try (ImageOutputStream ios = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(ios);
            writer.write(null, new IIOImage(pixels, null, null), session.param());
            writer.setOutput(null);
        } catch (IOException | RuntimeException e) {
            // A writer that failed half way may keep a broken state: the next call makes a new one.
            sessions.remove();
            writer.dispose();
            throw e;
        }
        return out.toByteArray(); // complete: closing the stream flushed it into out
    }

    private Session session() throws IOException {
        Session session = sessions.get();
        if (session == null) {
            Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("jpeg");
            if (!writers.hasNext()) {
                throw new IOException("no JPEG image writer is installed");
            }
            ImageWriter writer = writers.next();
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality);
            session = new Session(writer, param);
            sessions.set(session);
        }
        return session;
    }

    private record Session(ImageWriter writer, ImageWriteParam param) {
    }
}
