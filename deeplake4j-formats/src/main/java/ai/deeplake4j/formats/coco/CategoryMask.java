package ai.deeplake4j.formats.coco;

import ai.deeplake4j.formats.common.GrayPng;
import com.fasterxml.jackson.databind.JsonNode;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;

/**
 * Builds the combined COCO mask of one image: one category id per pixel (0 = no object), annotations
 * painted in file order so a later one wins where they overlap. Polygons are filled with
 * {@code java.awt} (no anti-aliasing: a pixel is in when its centre is); RLE segmentations (list or
 * string counts) are decoded. The result is a grayscale PNG ({@link GrayPng}). Not thread-safe: use
 * one per thread.
 */
final class CategoryMask {
    private final int width;
    private final int height;
    private final int[] labels;
    private final BufferedImage scratch;
    private final byte[] scratchPixels;

    CategoryMask(int width, int height) {
        this.width = width;
        this.height = height;
        this.labels = new int[width * height];
        this.scratch = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        this.scratchPixels = ((DataBufferByte) scratch.getRaster().getDataBuffer()).getData();
    }

    /**
     * Paints one annotation's segmentation with its category id.
     *
     * @throws IllegalArgumentException on a malformed segmentation
     */
    void paint(JsonNode segmentation, int categoryId) {
        if (segmentation == null || segmentation.isNull()) {
            return;
        }
        if (segmentation.isArray()) {
            for (JsonNode polygon : segmentation) {
                fill(polygon, categoryId);
            }
        } else if (segmentation.isObject()) {
            JsonNode size = segmentation.get("size");
            if (size == null || size.size() != 2 || segmentation.get("counts") == null) {
                throw new IllegalArgumentException("RLE segmentation needs 'size' [h, w] and 'counts'");
            }
            Rle.paint(Rle.counts(segmentation.get("counts")), size.get(0).asInt(), size.get(1).asInt(),
                    labels, width, height, categoryId);
        } else {
            throw new IllegalArgumentException("segmentation must be a list of polygons or an RLE object");
        }
    }

    private void fill(JsonNode polygon, int categoryId) {
        if (polygon.size() < 6 || polygon.size() % 2 != 0) {
            throw new IllegalArgumentException("a polygon needs an even number (>= 6) of coordinates, got " + polygon.size());
        }
        Path2D.Double path = new Path2D.Double();
        path.moveTo(polygon.get(0).asDouble(), polygon.get(1).asDouble());
        for (int i = 2; i < polygon.size(); i += 2) {
            path.lineTo(polygon.get(i).asDouble(), polygon.get(i + 1).asDouble());
        }
        path.closePath();
        Rectangle box = path.getBounds().intersection(new Rectangle(0, 0, width, height));
        if (box.isEmpty()) {
            return;
        }
        Graphics2D g = scratch.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fill(path);
        } finally {
            g.dispose();
        }
        for (int y = box.y; y < box.y + box.height; y++) {
            int row = y * width;
            for (int x = box.x; x < box.x + box.width; x++) {
                if (scratchPixels[row + x] != 0) {
                    labels[row + x] = categoryId;
                    scratchPixels[row + x] = 0;
                }
            }
        }
    }

    /** The mask as PNG bytes: 8-bit gray when every category id is at most 255, else 16-bit. */
    byte[] png() {
        return GrayPng.encode(labels, width, height);
    }
}
