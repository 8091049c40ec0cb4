package ai.deeplake4j.ingest.image;

import static ai.deeplake4j.ingest.media.MediaTestSupport.assertJpeg;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.deeplake4j.ingest.thumbnail.Thumbnail;
import ai.deeplake4j.ingest.thumbnail.ThumbnailMaker;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class ImageDecoderTest {

    /** Top half green, bottom half magenta, as a JPEG or PNG file. */
    private static byte[] greenOverMagenta(int width, int height, String format) throws Exception {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = img.createGraphics();
        g.setColor(new Color(40, 200, 60));
        g.fillRect(0, 0, width, height / 2);
        g.setColor(new Color(210, 30, 200));
        g.fillRect(0, height / 2, width, height - height / 2);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, format, out);
        return out.toByteArray();
    }

    @Test
    void largeImagesAreSubsampledButNotBelowTheRequestedLongerSide() throws Exception {
        ImageDecoder decoder = new ImageDecoder(512);
        BufferedImage jpeg = decoder.decodeFirstFrame(greenOverMagenta(3000, 1500, "jpg"));
        // Step 3000 / (2 * 512) = 2 (rounded down): every 2nd pixel, so the longer side stays >= 1024.
        assertEquals(1500, jpeg.getWidth());
        assertEquals(750, jpeg.getHeight());
        BufferedImage small = decoder.decodeFirstFrame(greenOverMagenta(900, 600, "png"));
        assertEquals(900, small.getWidth());
        assertEquals(600, small.getHeight());
    }

    @Test
    void thumbnailsOfASubsampledDecodeHaveExactSizesAndTheRightColours() throws Exception {
        BufferedImage decoded = new ImageDecoder(512).decodeFirstFrame(greenOverMagenta(4000, 2000, "jpg"));
        assertTrue(decoded.getWidth() < 4000, "subsampled: " + decoded.getWidth());
        for (Thumbnail t : ThumbnailMaker.defaults().make(decoded)) {
            BufferedImage img = assertJpeg(t.jpeg());
            assertEquals(t.box(), img.getWidth());
            assertEquals(t.box() / 2, img.getHeight());
            Color top = new Color(img.getRGB(img.getWidth() / 2, img.getHeight() / 8));
            Color bottom = new Color(img.getRGB(img.getWidth() / 2, img.getHeight() * 7 / 8));
            assertTrue(top.getGreen() > 170 && top.getRed() < 80 && top.getBlue() < 100, "top at " + t.box() + " is " + top);
            assertTrue(bottom.getRed() > 180 && bottom.getBlue() > 170 && bottom.getGreen() < 70, "bottom at " + t.box() + " is " + bottom);
        }
    }
}
