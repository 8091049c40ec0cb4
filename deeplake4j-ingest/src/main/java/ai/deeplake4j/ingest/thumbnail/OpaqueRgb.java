package ai.deeplake4j.ingest.thumbnail;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.PixelInterleavedSampleModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;

/**
 * The pixel layout the thumbnail path scales and encodes: opaque sRGB, one byte per channel,
 * three channels interleaved per pixel, rows packed ({@code 3 * width} bytes per row, no padding).
 * {@code TYPE_3BYTE_BGR} (what ImageIO's PNG and JPEG readers return for colour images) has this
 * layout in B, G, R order; {@link #create} makes it in R, G, B order, which the JDK's JPEG writer
 * copies row by row without reordering (about 10% faster to encode than BGR). Anything else (alpha,
 * grey, palette, 16-bit, INT-packed, other colour spaces) is first drawn onto a white canvas by
 * {@link #of}.
 */
final class OpaqueRgb {
    private static final ColorModel RGB = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_sRGB),
            false, false, ColorModel.OPAQUE, DataBuffer.TYPE_BYTE);
    private static final int[] RGB_OFFSETS = {0, 1, 2};

    private OpaqueRgb() {
    }

    /** A black {@code width x height} image in R, G, B byte order (each side at least 1). */
    static BufferedImage create(int width, int height) {
        WritableRaster raster = Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, width, height, 3 * width, 3, RGB_OFFSETS, null);
        return new BufferedImage(RGB, raster, false, null);
    }

    /**
     * {@code image} itself when it already has the layout (RGB or BGR order), otherwise a
     * {@code TYPE_3BYTE_BGR} copy drawn onto white: JPEG has no alpha, and flattening onto white is
     * what viewers show for transparent areas.
     */
    static BufferedImage of(BufferedImage image) {
        if (offsets(image) != null) {
            return image;
        }
        BufferedImage bgr = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = bgr.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, bgr.getWidth(), bgr.getHeight());
            g.drawImage(image, 0, 0, null);
        } finally {
            g.dispose();
        }
        return bgr;
    }

    /**
     * The byte offsets of red, green and blue within a pixel when {@code image} has the layout,
     * else null. Child rasters, padded rows and other colour spaces do not qualify.
     */
    static int[] offsets(BufferedImage image) {
        Raster raster = image.getRaster();
        ColorModel cm = image.getColorModel();
        if (!(raster.getSampleModel() instanceof PixelInterleavedSampleModel sm)
                || !(raster.getDataBuffer() instanceof DataBufferByte buffer)
                || !(cm instanceof ComponentColorModel) || cm.hasAlpha() || !cm.getColorSpace().isCS_sRGB()
                || sm.getNumBands() != 3 || sm.getPixelStride() != 3 || sm.getScanlineStride() != 3 * raster.getWidth()
                || buffer.getNumBanks() != 1 || buffer.getOffset() != 0
                || raster.getSampleModelTranslateX() != 0 || raster.getSampleModelTranslateY() != 0
                || raster.getMinX() != 0 || raster.getMinY() != 0) {
            return null;
        }
        for (int bits : sm.getSampleSize()) {
            if (bits != 8) {
                return null;
            }
        }
        int[] offsets = sm.getBandOffsets();
        int seen = 0;
        for (int o : offsets) {
            seen |= o >= 0 && o < 3 ? 1 << o : 8;
        }
        return seen == 7 ? offsets : null;
    }

    /** The pixel bytes of an image {@link #offsets} accepts (shared, not copied). */
    static byte[] bytes(BufferedImage image) {
        return ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
    }
}
