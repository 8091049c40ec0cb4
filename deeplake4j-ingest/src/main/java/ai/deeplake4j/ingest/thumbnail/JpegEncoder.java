package ai.deeplake4j.ingest.thumbnail;

import java.awt.Color;
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

/**
 * Encodes images as baseline JPEG at a fixed quality. Transparent pixels are flattened onto
 * white first: JPEG has no alpha channel, and ImageIO would otherwise write an ARGB image as a
 * four-channel JPEG that most viewers show with wrong colours. Thread-safe (a writer per call).
 */
public final class JpegEncoder {
    /** The quality ARCHITECTURE 2.5 sets for thumbnails: 0.85 on ImageIO's 0..1 scale. */
    public static final float DEFAULT_QUALITY = 0.85f;

    private final float quality;

    /** @param quality ImageIO JPEG quality in (0, 1]; 0.85 is the thumbnail default */
    public JpegEncoder(float quality) {
        if (!(quality > 0f && quality <= 1f)) {
            throw new IllegalArgumentException("JPEG quality must be in (0, 1], got " + quality);
        }
        this.quality = quality;
    }

    /** An encoder at {@link #DEFAULT_QUALITY}. */
    public static JpegEncoder defaultQuality() {
        return new JpegEncoder(DEFAULT_QUALITY);
    }

    /**
     * Encodes {@code image} (any type; alpha is flattened onto white).
     *
     * @return the JPEG file bytes
     * @throws IOException when no JPEG writer is installed or encoding fails
     */
    public byte[] encode(BufferedImage image) throws IOException {
        BufferedImage rgb = toOpaqueRgb(image);
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("jpeg");
        if (!writers.hasNext()) {
            throw new IOException("no JPEG image writer is installed");
        }
        ImageWriter writer = writers.next();
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(1024, rgb.getWidth() * rgb.getHeight() / 4));
        try (ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(ios);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality);
            writer.write(null, new IIOImage(rgb, null, null), param);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    /**
     * The image as {@code TYPE_INT_RGB}: returned as is when it already is, otherwise drawn onto
     * a white canvas, which flattens transparency and converts grey, indexed and CMYK-derived
     * rasters to the three-channel form every JPEG decoder expects.
     */
    public static BufferedImage toOpaqueRgb(BufferedImage image) {
        if (image.getType() == BufferedImage.TYPE_INT_RGB) {
            return image;
        }
        BufferedImage rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = rgb.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, rgb.getWidth(), rgb.getHeight());
            g.drawImage(image, 0, 0, null);
        } finally {
            g.dispose();
        }
        return rgb;
    }
}
