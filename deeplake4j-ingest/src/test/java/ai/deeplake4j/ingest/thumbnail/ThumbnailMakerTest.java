package ai.deeplake4j.ingest.thumbnail;

import static ai.deeplake4j.ingest.media.MediaTestSupport.assertJpeg;
import static ai.deeplake4j.ingest.media.MediaTestSupport.corpus;
import static ai.deeplake4j.ingest.media.MediaTestSupport.jpegCodec;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.deeplake4j.ingest.media.MediaTestSupport;
import ai.deeplake4j.ingest.media.MediaTestSupport.PixelDifference;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Image;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.IndexColorModel;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ThumbnailMakerTest {
    /**
     * How much further (mean absolute difference per channel, 0..255) a thumbnail may be from an
     * area-averaged reference than that reference's own JPEG is: bilinear-vs-box filtering (measured
     * 0.0 to 1.1 on the corpus photos; nearest neighbour 1.6 to 13).
     */
    private static final double MAX_EXTRA_DIFFERENCE = 1.5;

    @Test
    void makesFourJpegsWhoseLongerSideIsTheRequestedSizeWithAspectKept() throws Exception {
        BufferedImage wide = new BufferedImage(600, 400, BufferedImage.TYPE_INT_RGB);
        List<Thumbnail> thumbs = ThumbnailMaker.defaults().make(wide);
        assertEquals(List.of(256, 128, 64, 32), thumbs.stream().map(Thumbnail::box).toList());
        for (Thumbnail t : thumbs) {
            BufferedImage img = assertJpeg(t.jpeg());
            assertEquals(t.box(), img.getWidth());
            assertEquals(Math.round(t.box() * 400.0 / 600.0), img.getHeight());
            assertEquals(t.width() + "x" + t.height(), t.dimension(), "dimension is the real size");
            assertEquals(t.box(), Math.max(t.width(), t.height()));
        }
    }

    @Test
    void tallAndTinySourcesAreScaledUpToTheBox() throws Exception {
        BufferedImage tall = new BufferedImage(10, 20, BufferedImage.TYPE_INT_RGB);
        for (Thumbnail t : ThumbnailMaker.defaults().make(tall)) {
            BufferedImage img = assertJpeg(t.jpeg());
            assertEquals(t.box(), img.getHeight());
            assertEquals(t.box() / 2, img.getWidth());
        }
    }

    @Test
    void transparencyIsFlattenedOnWhite() throws Exception {
        BufferedImage argb = new BufferedImage(100, 100, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = argb.createGraphics();
        g.setColor(Color.RED);
        g.fillRect(40, 40, 20, 20); // the rest stays fully transparent
        g.dispose();
        BufferedImage img = assertJpeg(ThumbnailMaker.defaults().make(argb).getFirst().jpeg());
        Color corner = new Color(img.getRGB(2, 2));
        assertTrue(corner.getRed() > 245 && corner.getGreen() > 245 && corner.getBlue() > 245, "corner is " + corner);
        Color centre = new Color(img.getRGB(128, 128));
        assertTrue(centre.getRed() > 200 && centre.getGreen() < 60, "centre is " + centre);
    }

    @Test
    void aFailingSinkIsOnlyAWarning() {
        BufferedImage img = new BufferedImage(50, 50, BufferedImage.TYPE_INT_RGB);
        int delivered = ThumbnailMaker.defaults().emit(img, "f1", "image", (fileId, column, dim, jpeg) -> {
            throw new IllegalStateException("thumbnails table unavailable");
        });
        assertEquals(0, delivered);
    }

    /** Left half red, right half blue: a swapped channel order or a mirrored image would show. */
    private static BufferedImage redBlue(int width, int height, int type) {
        BufferedImage img = new BufferedImage(width, height, type);
        Graphics2D g = img.createGraphics();
        g.setColor(new Color(220, 30, 40));
        g.fillRect(0, 0, width / 2, height);
        g.setColor(new Color(30, 40, 220));
        g.fillRect(width / 2, 0, width - width / 2, height);
        g.dispose();
        return img;
    }

    private static void assertRedThenBlue(BufferedImage thumb, String what) {
        Color left = new Color(thumb.getRGB(thumb.getWidth() / 8, thumb.getHeight() / 2));
        Color right = new Color(thumb.getRGB(thumb.getWidth() * 7 / 8, thumb.getHeight() / 2));
        assertTrue(left.getRed() > 190 && left.getBlue() < 80, what + ": left is " + left);
        assertTrue(right.getBlue() > 190 && right.getRed() < 80, what + ": right is " + right);
    }

    @ParameterizedTest
    @ValueSource(strings = {MediaTestSupport.IMAGE_IO, MediaTestSupport.LIBJPEG_TURBO})
    void coloursAndOrientationSurviveEverySourceLayoutAndSize(String codec) throws Exception {
        ThumbnailMaker maker = new ThumbnailMaker(ThumbnailMaker.DEFAULT_SIZES, new JpegEncoder(JpegEncoder.DEFAULT_QUALITY, jpegCodec(codec)));
        int[] types = {BufferedImage.TYPE_3BYTE_BGR, BufferedImage.TYPE_INT_RGB, BufferedImage.TYPE_INT_ARGB,
                BufferedImage.TYPE_4BYTE_ABGR};
        for (int type : types) {
            for (int[] size : new int[][] {{640, 480}, {32, 32}, {300, 1000}}) {
                BufferedImage src = redBlue(size[0], size[1], type);
                for (Thumbnail t : maker.make(src)) {
                    BufferedImage img = assertJpeg(t.jpeg());
                    assertEquals(t.box(), Math.max(img.getWidth(), img.getHeight()));
                    assertRedThenBlue(img, "type " + type + " " + size[0] + "x" + size[1] + " at " + t.box());
                }
            }
        }
    }

    @Test
    void greyAndPaletteSourcesBecomeThreeChannelJpegsOfTheSameShade() throws Exception {
        BufferedImage grey = new BufferedImage(100, 50, BufferedImage.TYPE_BYTE_GRAY);
        Arrays.fill(((DataBufferByte) grey.getRaster().getDataBuffer()).getData(), (byte) 90);
        byte[] r = {(byte) 200, 0};
        byte[] gr = {(byte) 120, 0};
        byte[] b = {(byte) 10, 0};
        BufferedImage palette = new BufferedImage(40, 40, BufferedImage.TYPE_BYTE_INDEXED, new IndexColorModel(1, 2, r, gr, b));
        // Grey bytes count as sRGB-encoded, as viewers show a grey PNG (getRGB would treat them as linear).
        List<Color> shades = List.of(new Color(90, 90, 90), new Color(200, 120, 10));
        List<BufferedImage> sources = List.of(grey, palette);
        for (int i = 0; i < sources.size(); i++) {
            BufferedImage src = sources.get(i);
            Color expected = shades.get(i);
            for (Thumbnail t : ThumbnailMaker.defaults().make(src)) {
                Color c = new Color(assertJpeg(t.jpeg()).getRGB(t.width() / 2, t.height() / 2));
                assertEquals(expected.getRed(), c.getRed(), 4, "red at " + t.box());
                assertEquals(expected.getGreen(), c.getGreen(), 4, "green at " + t.box());
                assertEquals(expected.getBlue(), c.getBlue(), 6, "blue at " + t.box());
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"image/baboon.jpg", "image/rocket.jpg"})
    void photoThumbnailsAreAsCloseToAreaAveragingAsJpegAllows(String file) throws Exception {
        // baboon.jpg (512x512, fur and whiskers) halves exactly; rocket.jpg (640x427) needs the
        // final bilinear step. Nearest neighbour is 2-3x further from the reference on these.
        BufferedImage photo = ImageIO.read(corpus(file).toFile());
        for (Thumbnail t : ThumbnailMaker.defaults().make(photo)) {
            BufferedImage reference = new BufferedImage(t.width(), t.height(), BufferedImage.TYPE_INT_RGB);
            Graphics2D g = reference.createGraphics();
            g.drawImage(photo.getScaledInstance(t.width(), t.height(), Image.SCALE_AREA_AVERAGING), 0, 0, null);
            g.dispose();
            double jpegError = PixelDifference.between(assertJpeg(JpegEncoder.defaultQuality().encode(reference)), reference).mean();
            double diff = PixelDifference.between(assertJpeg(t.jpeg()), reference).mean();
            assertTrue(diff < jpegError + MAX_EXTRA_DIFFERENCE, file + " at " + t.box() + ": mean difference to area averaging "
                    + diff + ", the reference's own JPEG error " + jpegError);
        }
    }

    @Test
    void aSourceOfTheBoxSizeIsEncodedAsIsNotResampled() throws Exception {
        BufferedImage src = redBlue(32, 32, BufferedImage.TYPE_3BYTE_BGR);
        Thumbnail t32 = ThumbnailMaker.defaults().make(src).getLast();
        assertEquals(32, t32.box());
        assertArrayEquals(JpegEncoder.defaultQuality().encode(src), t32.jpeg(), "the 32 px thumbnail of a 32 px source is the source encoded");
    }
}
