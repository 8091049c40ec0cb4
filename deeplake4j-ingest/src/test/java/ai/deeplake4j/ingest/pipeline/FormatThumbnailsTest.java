package ai.deeplake4j.ingest.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class FormatThumbnailsTest {
    /** The real sizes of the four thumbnails of a 40x20 (wide) and of a 20x40 (tall) image. */
    private static final List<String> WIDE = List.of("256x128", "128x64", "64x32", "32x16");
    private static final List<String> TALL = List.of("128x256", "64x128", "32x64", "16x32");

    private static byte[] png(int width, int height, Color colour) throws Exception {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = img.createGraphics();
        g.setColor(colour);
        g.fillRect(0, 0, width, height);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        return out.toByteArray();
    }

    private static List<String> ids(String prefix, int n) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add(prefix + i);
        }
        return ids;
    }

    @Test
    void rowsComeBackInSubmissionOrderFourPerImageSkippingWhatIsNoImage() throws Exception {
        byte[] red = png(40, 20, Color.RED);
        byte[] blue = png(20, 40, Color.BLUE);
        List<Object> images = Arrays.asList(red, "not bytes", null, "garbage".getBytes(), blue);
        try (FormatThumbnails thumbnails = new FormatThumbnails(List.of("image"), 2)) {
            thumbnails.submit(Map.of("image", images, "label", List.of(1, 2, 3, 4, 5)), ids("r", 5));
            thumbnails.submit(Map.of("image", List.of(red)), List.of("s0"));
            List<Object[]> rows = thumbnails.awaitAll();
            assertEquals(12, rows.size());
            List<String> fileIds = rows.stream().map(r -> (String) r[0]).toList();
            assertEquals(List.of("r0", "r0", "r0", "r0", "r4", "r4", "r4", "r4", "s0", "s0", "s0", "s0"), fileIds);
            for (int i = 0; i < rows.size(); i++) {
                assertEquals("image", rows.get(i)[1]);
                assertEquals((i / 4 == 1 ? TALL : WIDE).get(i % 4), rows.get(i)[2], "dimension is the real size");
            }
            BufferedImage blue256 = ImageIO.read(new ByteArrayInputStream((byte[]) rows.get(4)[3]));
            assertEquals(128, blue256.getWidth());
            assertEquals(256, blue256.getHeight());
            Color c = new Color(blue256.getRGB(64, 128));
            assertTrue(c.getBlue() > 230 && c.getRed() < 30, "blue thumbnail is " + c);
            assertEquals(List.of(), thumbnails.awaitAll());
        }
    }

    @Test
    void moreImagesThanMayBePendingAreAllMadeAndNoneLostBetweenFinishedAndAwaitAll() throws Exception {
        int n = FormatThumbnails.MAX_PENDING + 88;
        byte[] image = png(8, 8, Color.GREEN);
        List<byte[]> images = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            images.add(image);
        }
        try (FormatThumbnails thumbnails = new FormatThumbnails(List.of("img"), 2)) {
            List<Object[]> rows = new ArrayList<>();
            int half = n / 2;
            thumbnails.submit(Map.of("img", images.subList(0, half)), ids("a", half));
            rows.addAll(thumbnails.finished()); // whatever is done; never waits
            thumbnails.submit(Map.of("img", images.subList(half, n)), ids("b", n - half));
            rows.addAll(thumbnails.finished());
            rows.addAll(thumbnails.awaitAll());
            assertEquals(4 * n, rows.size());
            List<String> expected = new ArrayList<>();
            ids("a", half).forEach(id -> expected.addAll(List.of(id, id, id, id)));
            ids("b", n - half).forEach(id -> expected.addAll(List.of(id, id, id, id)));
            assertEquals(expected, rows.stream().map(r -> (String) r[0]).toList());
        }
    }
}
