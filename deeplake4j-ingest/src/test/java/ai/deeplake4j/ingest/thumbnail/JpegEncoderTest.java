package ai.deeplake4j.ingest.thumbnail;

import static ai.deeplake4j.ingest.media.MediaTestSupport.assertJpeg;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class JpegEncoderTest {

    private static BufferedImage gradient(int width, int height, int type, int seed) {
        BufferedImage img = new BufferedImage(width, height, type);
        Graphics2D g = img.createGraphics();
        g.setPaint(new GradientPaint(0, 0, new Color(seed * 40 % 256, 200, 30), width, height, new Color(10, seed * 70 % 256, 240)));
        g.fillRect(0, 0, width, height);
        g.dispose();
        return img;
    }

    @Test
    void rgbAndBgrByteOrderAndIntPixelsGiveTheSameJpeg() throws Exception {
        JpegEncoder encoder = JpegEncoder.defaultQuality();
        BufferedImage bgr = gradient(200, 120, BufferedImage.TYPE_3BYTE_BGR, 1);
        BufferedImage rgb = OpaqueRgb.create(200, 120);
        BufferedImage ints = new BufferedImage(200, 120, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 120; y++) {
            for (int x = 0; x < 200; x++) {
                rgb.setRGB(x, y, bgr.getRGB(x, y));
                ints.setRGB(x, y, bgr.getRGB(x, y));
            }
        }
        byte[] expected = encoder.encode(bgr);
        assertArrayEquals(expected, encoder.encode(rgb));
        assertArrayEquals(expected, encoder.encode(ints));
        BufferedImage decoded = assertJpeg(expected);
        Color in = new Color(bgr.getRGB(100, 60));
        Color out = new Color(decoded.getRGB(100, 60));
        assertEquals(in.getRed(), out.getRed(), 6);
        assertEquals(in.getGreen(), out.getGreen(), 6);
        assertEquals(in.getBlue(), out.getBlue(), 6);
    }

    @Test
    void threadsSharingOneEncoderGetTheBytesOfASingleThread() throws Exception {
        JpegEncoder encoder = JpegEncoder.defaultQuality();
        List<BufferedImage> images = new ArrayList<>();
        List<byte[]> expected = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            BufferedImage img = gradient(64 + 16 * i, 48 + 8 * i, BufferedImage.TYPE_3BYTE_BGR, i);
            images.add(img);
            expected.add(encoder.encode(img));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<byte[]>> results = new ArrayList<>();
            for (int round = 0; round < 10; round++) {
                for (BufferedImage img : images) {
                    results.add(pool.submit(() -> encoder.encode(img)));
                }
            }
            for (int i = 0; i < results.size(); i++) {
                assertArrayEquals(expected.get(i % images.size()), results.get(i).get(), "image " + i % images.size());
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
