package ai.deeplake4j.ingest.thumbnail;

import static ai.deeplake4j.ingest.media.MediaTestSupport.IMAGE_IO;
import static ai.deeplake4j.ingest.media.MediaTestSupport.LIBJPEG_TURBO;
import static ai.deeplake4j.ingest.media.MediaTestSupport.assertJpeg;
import static ai.deeplake4j.ingest.media.MediaTestSupport.corpus;
import static ai.deeplake4j.ingest.media.MediaTestSupport.jpegCodec;
import static ai.deeplake4j.ingest.media.MediaTestSupport.withSystemProperty;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.deeplake4j.ingest.jpeg.TurboJpeg;
import ai.deeplake4j.ingest.media.MediaTestSupport.PixelDifference;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JpegEncoderTest {

    private static BufferedImage gradient(int width, int height, int type, int seed) {
        BufferedImage img = new BufferedImage(width, height, type);
        Graphics2D g = img.createGraphics();
        g.setPaint(new GradientPaint(0, 0, new Color(seed * 40 % 256, 200, 30), width, height, new Color(10, seed * 70 % 256, 240)));
        g.fillRect(0, 0, width, height);
        g.dispose();
        return img;
    }

    private static JpegEncoder encoder(String codec) {
        return new JpegEncoder(JpegEncoder.DEFAULT_QUALITY, jpegCodec(codec));
    }

    @ParameterizedTest
    @ValueSource(strings = {IMAGE_IO, LIBJPEG_TURBO})
    void rgbAndBgrByteOrderAndIntPixelsGiveTheSameJpeg(String codec) throws Exception {
        JpegEncoder encoder = encoder(codec);
        assertEquals(codec, encoder.codec());
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
        assertEquals(200, decoded.getWidth());
        assertEquals(120, decoded.getHeight());
        Color in = new Color(bgr.getRGB(100, 60));
        Color out = new Color(decoded.getRGB(100, 60));
        assertEquals(in.getRed(), out.getRed(), 6);
        assertEquals(in.getGreen(), out.getGreen(), 6);
        assertEquals(in.getBlue(), out.getBlue(), 6);
    }

    @ParameterizedTest
    @ValueSource(strings = {IMAGE_IO, LIBJPEG_TURBO})
    void threadsSharingOneEncoderGetTheBytesOfASingleThread(String codec) throws Exception {
        JpegEncoder encoder = encoder(codec);
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

    @Test
    void turningLibjpegTurboOffBySystemPropertyEncodesWithImageIo() throws Exception {
        JpegEncoder encoder = withSystemProperty(TurboJpeg.JAR_PROPERTY, TurboJpeg.OFF, JpegEncoder::defaultQuality);
        assertEquals(IMAGE_IO, encoder.codec());
        BufferedImage argb = new BufferedImage(90, 30, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = argb.createGraphics();
        g.setColor(new Color(30, 40, 220));
        g.fillRect(0, 0, 45, 30); // the right half stays transparent
        g.dispose();
        BufferedImage decoded = assertJpeg(encoder.encode(argb));
        assertEquals(90, decoded.getWidth());
        assertEquals(30, decoded.getHeight());
        Color left = new Color(decoded.getRGB(10, 15));
        Color right = new Color(decoded.getRGB(80, 15));
        assertTrue(left.getBlue() > 190 && left.getRed() < 60, "left is " + left);
        assertTrue(right.getRed() > 245 && right.getGreen() > 245 && right.getBlue() > 245, "transparent right is " + right);
    }

    @ParameterizedTest
    @ValueSource(strings = {"image/baboon.jpg", "image/rocket.jpg"})
    void libjpegTurboAndImageIoJpegsDecodeToNearlyTheSamePixels(String file) throws Exception {
        JpegEncoder turbo = encoder(LIBJPEG_TURBO);
        JpegEncoder imageIo = encoder(IMAGE_IO);
        BufferedImage photo = ImageIO.read(corpus(file).toFile());
        List<BufferedImage> sources = List.of(photo, gradient(256, 171, BufferedImage.TYPE_3BYTE_BGR, 3),
                photo.getSubimage(100, 100, 32, 32));
        for (BufferedImage source : sources) {
            byte[] a = turbo.encode(source);
            byte[] b = imageIo.encode(source);
            // Same quantization tables, subsampling and DCT: only rounding differs (measured: none at
            // 256 px, mean 0.5 and at most 6 levels on a noisy 32 px image).
            PixelDifference d = PixelDifference.between(assertJpeg(a), assertJpeg(b));
            String what = file + " " + source.getWidth() + "x" + source.getHeight();
            assertTrue(d.mean() < 1.0 && d.max() <= 12, what + ": " + d);
            assertTrue(Math.abs(a.length - b.length) < 0.05 * b.length, what + ": " + a.length + " vs " + b.length + " bytes");
        }
    }
}
