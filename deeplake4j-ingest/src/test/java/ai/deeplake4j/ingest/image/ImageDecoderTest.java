package ai.deeplake4j.ingest.image;

import static ai.deeplake4j.ingest.media.MediaTestSupport.IMAGE_IO;
import static ai.deeplake4j.ingest.media.MediaTestSupport.LIBJPEG_TURBO;
import static ai.deeplake4j.ingest.media.MediaTestSupport.assertJpeg;
import static ai.deeplake4j.ingest.media.MediaTestSupport.corpus;
import static ai.deeplake4j.ingest.media.MediaTestSupport.jpegCodec;
import static ai.deeplake4j.ingest.media.MediaTestSupport.withoutSegments;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.deeplake4j.ingest.media.MediaTestSupport.PixelDifference;
import ai.deeplake4j.ingest.thumbnail.Thumbnail;
import ai.deeplake4j.ingest.thumbnail.ThumbnailMaker;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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

    @ParameterizedTest
    @ValueSource(strings = {IMAGE_IO, LIBJPEG_TURBO})
    void largeImagesAreSubsampledButNotBelowTheRequestedLongerSide(String codec) throws Exception {
        ImageDecoder decoder = new ImageDecoder(512, jpegCodec(codec));
        BufferedImage jpeg = decoder.decodeFirstFrame(greenOverMagenta(3000, 1500, "jpg"));
        // Step 3000 / (2 * 512) = 2 (rounded down): every 2nd pixel, so the longer side stays >= 1024;
        // libjpeg-turbo reduces by 1/2 in the DCT, the same size.
        assertEquals(1500, jpeg.getWidth());
        assertEquals(750, jpeg.getHeight());
        BufferedImage small = decoder.decodeFirstFrame(greenOverMagenta(900, 600, "png"));
        assertEquals(900, small.getWidth());
        assertEquals(600, small.getHeight());
    }

    @ParameterizedTest
    @ValueSource(strings = {IMAGE_IO, LIBJPEG_TURBO})
    void thumbnailsOfASubsampledDecodeHaveExactSizesAndTheRightColours(String codec) throws Exception {
        BufferedImage decoded = new ImageDecoder(512, jpegCodec(codec)).decodeFirstFrame(greenOverMagenta(4000, 2000, "jpg"));
        // ImageIO every 3rd pixel (1334 px), libjpeg-turbo 1/2 in the DCT (2000 px): both >= 1024.
        assertTrue(decoded.getWidth() < 4000 && decoded.getWidth() >= 1024, "subsampled: " + decoded.getWidth());
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

    @Test
    void libjpegTurboDecodesAPhotoToImageIosPixels() throws Exception {
        byte[] jpeg = Files.readAllBytes(corpus("image/baboon.jpg"));
        BufferedImage turbo = new ImageDecoder(512, jpegCodec(LIBJPEG_TURBO)).decodeFirstFrame(jpeg);
        BufferedImage imageIo = new ImageDecoder(512, null).decodeFirstFrame(jpeg);
        assertEquals(BufferedImage.TYPE_3BYTE_BGR, turbo.getType());
        PixelDifference d = PixelDifference.between(turbo, imageIo);
        assertTrue(d.max() <= 2, "baboon.jpg: " + d);
    }

    @ParameterizedTest
    @ValueSource(strings = {"image/rocket.jpg", "image/cmyk.jpg"})
    void jpegsWithAnIccProfileOrCmykColourAreLeftToImageIo(String file) throws Exception {
        // rocket.jpg is Adobe RGB (TwelveMonkeys converts it to sRGB; libjpeg-turbo would not),
        // cmyk.jpg is CMYK with a profile; without the profile libjpeg-turbo still declines CMYK.
        byte[] jpeg = Files.readAllBytes(corpus(file));
        ImageDecoder turbo = new ImageDecoder(512, jpegCodec(LIBJPEG_TURBO));
        ImageDecoder imageIo = new ImageDecoder(512, null);
        assertEquals(0, PixelDifference.between(turbo.decodeFirstFrame(jpeg), imageIo.decodeFirstFrame(jpeg)).max(), file);
        byte[] withoutProfile = withoutSegments(jpeg, 0xE2);
        assertEquals(0, PixelDifference.between(turbo.decodeFirstFrame(withoutProfile), imageIo.decodeFirstFrame(withoutProfile)).max(),
                file + " without its ICC profile");
    }

    @Test
    void damagedJpegsGetImageIosVerdictWithLibjpegTurbo() throws Exception {
        byte[] jpeg = Files.readAllBytes(corpus("image/baboon.jpg"));
        ImageDecoder turbo = new ImageDecoder(512, jpegCodec(LIBJPEG_TURBO));
        ImageDecoder imageIo = new ImageDecoder(512, null);
        // Cut in half: libjpeg-turbo warns "premature end", ImageIO returns the top half and grey.
        byte[] half = Arrays.copyOf(jpeg, jpeg.length / 2);
        assertEquals(0, PixelDifference.between(turbo.decodeFirstFrame(half), imageIo.decodeFirstFrame(half)).max());
        // Cut inside the Huffman tables: an error, with ImageIO's message.
        byte[] header = Arrays.copyOf(jpeg, 300);
        IOException expected = assertThrows(IOException.class, () -> imageIo.decodeFirstFrame(header));
        assertEquals(expected.getMessage(), assertThrows(IOException.class, () -> turbo.decodeFirstFrame(header)).getMessage());
    }
}
