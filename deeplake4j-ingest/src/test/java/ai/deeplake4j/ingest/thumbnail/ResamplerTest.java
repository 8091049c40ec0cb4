package ai.deeplake4j.ingest.thumbnail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

class ResamplerTest {

    /** Red, green and blue of pixel (x, y). */
    private static int[] rgb(BufferedImage image, int x, int y) {
        int p = image.getRGB(x, y);
        return new int[] {(p >> 16) & 0xFF, (p >> 8) & 0xFF, p & 0xFF};
    }

    private static BufferedImage filled(BufferedImage image, int rgb) {
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                image.setRGB(x, y, rgb);
            }
        }
        return image;
    }

    @Test
    void aFlatColourStaysExactlyThatColourUpAndDownFromEitherByteOrder() {
        int colour = 0x3C7AD2; // distinct channels: a swapped R/B would show
        BufferedImage bgr = filled(new BufferedImage(37, 23, BufferedImage.TYPE_3BYTE_BGR), colour);
        BufferedImage rgb = filled(OpaqueRgb.create(600, 333), colour);
        for (BufferedImage out : new BufferedImage[] {
                Resampler.resize(bgr, 256, 159), Resampler.resize(bgr, 20, 12), Resampler.resize(rgb, 256, 142),
                Resampler.resize(rgb, 32, 18)}) {
            for (int y = 0; y < out.getHeight(); y++) {
                for (int x = 0; x < out.getWidth(); x++) {
                    assertEquals(colour, out.getRGB(x, y) & 0xFFFFFF, "pixel " + x + "," + y + " of " + out.getWidth() + "x" + out.getHeight());
                }
            }
        }
    }

    @Test
    void resultHasTheExactSizeAndIsTheSourceWhenSizesMatch() {
        BufferedImage src = OpaqueRgb.create(640, 480);
        assertEquals(256, Resampler.resize(src, 256, 192).getWidth());
        assertEquals(192, Resampler.resize(src, 256, 192).getHeight());
        BufferedImage tiny = Resampler.resize(src, 1, 1);
        assertEquals(1, tiny.getWidth());
        assertEquals(1, tiny.getHeight());
        assertSame(src, Resampler.resize(src, 640, 480));
        assertEquals(255, Resampler.resize(OpaqueRgb.create(1, 1), 255, 3).getWidth());
    }

    @Test
    void upscalingInterpolatesSmoothlyBetweenPixels() {
        BufferedImage src = new BufferedImage(2, 1, BufferedImage.TYPE_3BYTE_BGR);
        src.setRGB(0, 0, 0x000000);
        src.setRGB(1, 0, 0xFFFFFF);
        BufferedImage out = Resampler.resize(src, 8, 1);
        int previous = -1;
        for (int x = 0; x < 8; x++) {
            int grey = rgb(out, x, 0)[0];
            assertTrue(grey >= previous, "not monotonic at " + x);
            assertEquals(255, grey + rgb(out, 7 - x, 0)[0], 1, "not symmetric at " + x);
            previous = grey;
        }
        assertEquals(0, rgb(out, 0, 0)[0]); // the outer quarter pixel is clamped to the edge pixel
        assertTrue(rgb(out, 3, 0)[0] > 60 && rgb(out, 3, 0)[0] < 128, "blend, not nearest neighbour: " + rgb(out, 3, 0)[0]);
    }

    @Test
    void downscalingAveragesFineDetailInsteadOfAliasingIt() {
        // A one-pixel checkerboard: nearest neighbour or a single bilinear step at 2.5x would give
        // black, white or stripes; area averaging gives an even grey.
        BufferedImage board = new BufferedImage(640, 480, BufferedImage.TYPE_3BYTE_BGR);
        for (int y = 0; y < 480; y++) {
            for (int x = 0; x < 640; x++) {
                board.setRGB(x, y, ((x + y) & 1) == 0 ? 0xFFFFFF : 0x000000);
            }
        }
        BufferedImage out = Resampler.resize(board, 256, 192);
        for (int y = 0; y < out.getHeight(); y++) {
            for (int x = 0; x < out.getWidth(); x++) {
                int[] c = rgb(out, x, y);
                assertEquals(128, c[0], 1, "pixel " + x + "," + y);
                assertEquals(c[0], c[2]);
            }
        }
    }

    @Test
    void halvingTakesTheRoundedMeanOfEachBlockAndDropsAnOddEdge() {
        BufferedImage src = new BufferedImage(5, 3, BufferedImage.TYPE_3BYTE_BGR);
        src.setRGB(0, 0, 0x0A0000);
        src.setRGB(1, 0, 0x140000);
        src.setRGB(0, 1, 0x1E0000);
        src.setRGB(1, 1, 0x290000); // 10, 20, 30, 41: mean 25.25
        BufferedImage out = Resampler.halve(src, true, true);
        assertEquals(2, out.getWidth());
        assertEquals(1, out.getHeight());
        assertEquals(25, rgb(out, 0, 0)[0]);
        BufferedImage onlyX = Resampler.halve(src, true, false);
        assertEquals(2, onlyX.getWidth());
        assertEquals(3, onlyX.getHeight());
        assertEquals(15, rgb(onlyX, 0, 0)[0]);
    }

    @Test
    void imagesOfAnotherLayoutAreRejectedWithTheReason() {
        BufferedImage argb = new BufferedImage(4, 4, BufferedImage.TYPE_INT_ARGB);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Resampler.resize(argb, 2, 2));
        assertTrue(e.getMessage().contains("opaque 8-bit interleaved RGB"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Resampler.resize(OpaqueRgb.create(4, 4), 0, 2));
    }
}
