package ai.deeplake4j.ingest.image;

import ai.deeplake4j.ingest.jpeg.TurboJpeg;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes the first frame of an image file's bytes with {@code javax.imageio} and the installed
 * plugins (TwelveMonkeys adds CMYK/YCCK JPEG and WebP, animated included). Decoding is also the
 * validation: bytes no reader recognises, or that fail to decode, are an {@link IOException} that
 * says so. Large images are decoded with pixel subsampling so that memory and time follow the
 * size actually needed (the largest thumbnail), not the image's megapixels. Thread-safe.
 *
 * <p>JPEGs go to libjpeg-turbo first where {@link TurboJpeg#configured()} finds it (a 640x480
 * photo in about a third of the CPU); it reduces large ones by a power of two in the inverse DCT
 * instead of subsampling pixels, to the same bound. What it leaves (CMYK, ICC profiles, sides over
 * 16 x the bound) or does not decode cleanly goes to ImageIO as before, so ImageIO still decides
 * what is damaged.
 */
public final class ImageDecoder {
    private static final Logger LOG = LoggerFactory.getLogger(ImageDecoder.class);

    private final int minLongerSide;
    /** libjpeg-turbo, or null for ImageIO only. */
    private final TurboJpeg turbo;

    /**
     * A decoder on the configured JPEG codec ({@link TurboJpeg#configured()}, else ImageIO).
     *
     * @param minLongerSide the decoded image keeps its longer side at least this many pixels
     *                      (or the original size when smaller); subsampling never goes below it
     */
    public ImageDecoder(int minLongerSide) {
        this(minLongerSide, TurboJpeg.configured().orElse(null));
    }

    /**
     * @param minLongerSide as in {@link #ImageDecoder(int)}
     * @param turbo         libjpeg-turbo for JPEGs, or null to decode with ImageIO only
     */
    public ImageDecoder(int minLongerSide, TurboJpeg turbo) {
        if (minLongerSide <= 0) {
            throw new IllegalArgumentException("minLongerSide must be > 0, got " + minLongerSide);
        }
        this.minLongerSide = minLongerSide;
        this.turbo = turbo;
    }

    /**
     * @return the first frame, possibly subsampled (see {@link #ImageDecoder(int)})
     * @throws IOException "not a recognised image format" when no reader accepts the bytes, or
     *         "cannot decode image" with the reader's reason when decoding fails
     */
    public BufferedImage decodeFirstFrame(byte[] bytes) throws IOException {
        if (turbo != null && bytes.length > 3 && (bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xD8) {
            try {
                // ImageIO's subsampling step below keeps the longer side at 2 x minLongerSide at least.
                BufferedImage image = turbo.decode(bytes, 2 * minLongerSide);
                if (image != null) {
                    return image;
                }
            } catch (IOException e) {
                LOG.debug("libjpeg-turbo did not decode a JPEG of {} bytes, ImageIO will: {}", bytes.length, e.getMessage());
            }
        }
        // A memory-cached stream: ImageIO's default for streams is a temp-file cache, which is
        // slow and pointless for bytes already in memory.
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new IOException("not a recognised image format (no image reader accepts its "
                        + bytes.length + " bytes; supported: JPEG incl. CMYK, PNG, GIF, BMP, WebP)");
            }
            ImageReader reader = readers.next();
            BufferedImage image;
            try {
                reader.setInput(in, true, true);
                int width = reader.getWidth(0);
                int height = reader.getHeight(0);
                ImageReadParam param = reader.getDefaultReadParam();
                int step = Math.max(1, Math.max(width, height) / (2 * minLongerSide));
                if (step > 1) {
                    param.setSourceSubsampling(step, step, 0, 0);
                }
                image = reader.read(0, param);
            } catch (IOException | RuntimeException e) {
                // Readers signal damaged data with IIOException but also with runtime exceptions
                // (IndexOutOfBounds, IllegalArgument) deep in their decoders; both mean "damaged".
                throw new IOException("cannot decode image as " + formatName(reader) + ": " + e, e);
            } finally {
                reader.dispose();
            }
            if (image == null || image.getWidth() <= 0 || image.getHeight() <= 0) {
                throw new IOException("cannot decode image: the reader returned no pixels");
            }
            return image;
        }
    }

    private static String formatName(ImageReader reader) {
        try {
            return reader.getFormatName();
        } catch (IOException e) {
            return reader.getOriginatingProvider() == null ? "image" : reader.getOriginatingProvider().getFormatNames()[0];
        }
    }
}
