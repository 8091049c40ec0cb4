package ai.deeplake4j.ingest.jpeg;

import static ai.deeplake4j.ingest.media.MediaTestSupport.LIBJPEG_TURBO;
import static ai.deeplake4j.ingest.media.MediaTestSupport.assertJpeg;
import static ai.deeplake4j.ingest.media.MediaTestSupport.corpus;
import static ai.deeplake4j.ingest.media.MediaTestSupport.jpegCodec;
import static ai.deeplake4j.ingest.media.MediaTestSupport.withSystemProperty;
import static ai.deeplake4j.ingest.media.MediaTestSupport.withoutSegments;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TurboJpegTest {

    @Test
    void loadsFromDebiansRuntimePackagesWithoutFlagsWhereTheyAreInstalled() {
        boolean installed = Files.isRegularFile(Path.of(TurboJpeg.DEFAULT_JAR))
                && TurboJpegLoader.findNative(TurboJpegLoader.nativeDirectories()).isPresent();
        assumeTrue(installed, "libturbojpeg0 and libturbojpeg-java are not installed");
        assumeTrue(System.getProperty(TurboJpeg.JAR_PROPERTY) == null && System.getenv(TurboJpeg.JAR_ENV) == null,
                "the jar is configured explicitly");
        // A failure here means the packages are there but not used: the log line says why.
        assertTrue(TurboJpeg.configured().isPresent(), "libjpeg-turbo is installed but ImageIO is in use");
    }

    @Test
    void offOrAMissingOrForeignJarLeavesImageIo(@TempDir Path dir) throws Exception {
        assertEquals(Optional.empty(), withSystemProperty(TurboJpeg.JAR_PROPERTY, TurboJpeg.OFF, TurboJpeg::configured));
        assertEquals(Optional.empty(), withSystemProperty(TurboJpeg.JAR_PROPERTY, "", TurboJpeg::configured));
        String missing = dir.resolve("no-such-turbojpeg.jar").toString();
        assertEquals(Optional.empty(), withSystemProperty(TurboJpeg.JAR_PROPERTY, missing, TurboJpeg::configured));
        Path foreign = Files.write(dir.resolve("foreign.jar"), new byte[] {'P', 'K', 5, 6, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0});
        assertEquals(Optional.empty(), withSystemProperty(TurboJpeg.JAR_PROPERTY, foreign.toString(), TurboJpeg::configured));
    }

    @Test
    void theNativeLibraryIsFoundUnderTheRuntimePackagesVersionedName(@TempDir Path dir) throws Exception {
        Path empty = Files.createDirectory(dir.resolve("empty"));
        Path multiarch = Files.createDirectory(dir.resolve("x86_64-linux-gnu"));
        Path versioned = Files.createFile(multiarch.resolve("libturbojpeg.so.0"));
        assertEquals(Optional.of(versioned), TurboJpegLoader.findNative(List.of(empty, multiarch)));
        Path dev = Files.createFile(multiarch.resolve("libturbojpeg.so"));
        assertEquals(Optional.of(dev), TurboJpegLoader.findNative(List.of(empty, multiarch)));
        assertEquals(Optional.empty(), TurboJpegLoader.findNative(List.of(empty)));
    }

    @Test
    void iccProfiledOrUnreadableHeadersAreLeftToImageIo() throws Exception {
        assertFalse(TurboJpeg.needsImageIo(Files.readAllBytes(corpus("image/baboon.jpg"))), "plain JFIF");
        assertTrue(TurboJpeg.needsImageIo(Files.readAllBytes(corpus("image/rocket.jpg"))), "Adobe RGB profile");
        assertTrue(TurboJpeg.needsImageIo(Files.readAllBytes(corpus("image/cmyk.jpg"))), "CMYK profile");
        byte[] baboon = Files.readAllBytes(corpus("image/baboon.jpg"));
        assertTrue(TurboJpeg.needsImageIo(Arrays.copyOf(baboon, 100)), "cut before the first scan");
        assertTrue(TurboJpeg.needsImageIo(new byte[] {(byte) 0xFF, (byte) 0xD8, 'x', 'y', 'z', 'w'}), "not segments");
    }

    @Test
    void rgbAndBgrPixelOrdersEncodeTheSameImageToTheSameBytes() throws Exception {
        TurboJpeg turbo = jpegCodec(LIBJPEG_TURBO);
        int w = 40;
        int h = 24;
        byte[] rgb = new byte[3 * w * h];
        byte[] bgr = new byte[3 * w * h];
        for (int i = 0; i < w * h; i++) {
            int r = i % w < w / 2 ? 220 : 30;
            int g = 20 + i / w * 5;
            int b = i % w < w / 2 ? 40 : 210;
            rgb[3 * i] = (byte) r;
            rgb[3 * i + 1] = (byte) g;
            rgb[3 * i + 2] = (byte) b;
            bgr[3 * i] = (byte) b;
            bgr[3 * i + 1] = (byte) g;
            bgr[3 * i + 2] = (byte) r;
        }
        byte[] jpeg = turbo.encode(rgb, w, h, false, 85);
        assertArrayEquals(jpeg, turbo.encode(bgr, w, h, true, 85));
        BufferedImage decoded = assertJpeg(jpeg);
        assertEquals(w, decoded.getWidth());
        assertEquals(h, decoded.getHeight());
        Color left = new Color(decoded.getRGB(5, h / 2));
        Color right = new Color(decoded.getRGB(w - 5, h / 2));
        assertTrue(left.getRed() > 190 && left.getBlue() < 80, "left is " + left);
        assertTrue(right.getBlue() > 180 && right.getRed() < 70, "right is " + right);
    }

    @Test
    void largeJpegsAreReducedInTheDctByPowersOfTwoDownToTheBoundOrLeftToImageIo() throws Exception {
        TurboJpeg turbo = jpegCodec(LIBJPEG_TURBO);
        BufferedImage img = new BufferedImage(3000, 1500, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = img.createGraphics();
        g.setColor(new Color(40, 200, 60));
        g.fillRect(0, 0, 3000, 1500);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "jpg", out);
        byte[] jpeg = out.toByteArray();
        assertEquals("3000x1500", size(turbo.decode(jpeg, 2000)));
        assertEquals("1500x750", size(turbo.decode(jpeg, 1024)));
        assertEquals("750x375", size(turbo.decode(jpeg, 700)));
        assertEquals("375x188", size(turbo.decode(jpeg, 200)), "1/8 at most");
        assertNull(turbo.decode(jpeg, 100), "1/8 still over twice the bound: left to ImageIO's subsampling");
        Color c = new Color(turbo.decode(jpeg, 200).getRGB(100, 100));
        assertTrue(Math.abs(c.getRed() - 40) < 6 && Math.abs(c.getGreen() - 200) < 6 && Math.abs(c.getBlue() - 60) < 6, "colour " + c);
    }

    private static String size(BufferedImage image) {
        return image.getWidth() + "x" + image.getHeight();
    }

    @Test
    void cmykIsDeclinedAndATruncatedJpegIsAnError() throws Exception {
        TurboJpeg turbo = jpegCodec(LIBJPEG_TURBO);
        byte[] cmyk = Files.readAllBytes(corpus("image/cmyk.jpg"));
        // Its ICC profile alone sends it to ImageIO; without one, its colour space does.
        assertNull(turbo.decode(cmyk, 512));
        assertNull(turbo.decode(withoutSegments(cmyk, 0xE2), 512));
        byte[] baboon = Files.readAllBytes(corpus("image/baboon.jpg"));
        IOException e = assertThrows(IOException.class, () -> turbo.decode(Arrays.copyOf(baboon, baboon.length / 2), 512));
        assertTrue(e.getMessage().contains("libjpeg-turbo"), e.getMessage());
    }
}
