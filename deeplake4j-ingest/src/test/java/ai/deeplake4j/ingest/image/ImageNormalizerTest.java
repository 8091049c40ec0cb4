package ai.deeplake4j.ingest.image;

import static ai.deeplake4j.ingest.media.MediaTestSupport.assertJpeg;
import static ai.deeplake4j.ingest.media.MediaTestSupport.corpus;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.deeplake4j.api.ingest.IngestOptions;
import ai.deeplake4j.ingest.media.MediaTestSupport.Rows;
import ai.deeplake4j.ingest.media.MediaTestSupport.Thumb;
import ai.deeplake4j.ingest.media.MediaTestSupport.Thumbs;
import ai.deeplake4j.ingest.normalize.NormalizeContext;
import ai.deeplake4j.ingest.normalize.Normalizers;
import ai.deeplake4j.ingest.normalize.SourceFile;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ImageNormalizerTest {
    private final ImageNormalizer normalizer = new ImageNormalizer();

    private record Result(Map<String, Object> row, List<Thumb> thumbs) {
    }

    private Result normalize(Path file) throws IOException {
        Rows rows = new Rows();
        Thumbs thumbs = new Thumbs();
        normalizer.normalize(new SourceFile(file, "file-1"), new NormalizeContext(IngestOptions.defaults(), thumbs), rows);
        assertEquals(1, rows.rows.size(), "one row per image");
        return new Result(rows.rows.getFirst(), thumbs.thumbs);
    }

    @ParameterizedTest
    @ValueSource(strings = {"anim.gif", "anim.webp", "astronaut.png", "baboon.jpg", "cmyk.jpg", "coffee.png", "rocket.jpg", "wizard.png"})
    void everyCorpusImageGivesItsOriginalBytesAndFourThumbnails(String name) throws Exception {
        Path file = corpus("image/" + name);
        Result r = normalize(file);
        assertArrayEquals(Files.readAllBytes(file), (byte[]) r.row().get("image"));
        assertEquals(name, r.row().get("filename"));
        assertTrue(r.row().containsKey("text"));
        assertNull(r.row().get("text"));
        assertEquals(List.of(256, 128, 64, 32), r.thumbs().stream().map(t -> java.util.Arrays.stream(t.dimension().split("x"))
                .mapToInt(Integer::parseInt).max().orElseThrow()).toList(), "the four boxes, largest first");
        for (Thumb t : r.thumbs()) {
            assertEquals("file-1", t.fileId());
            assertEquals("image", t.column());
            BufferedImage img = assertJpeg(t.jpeg());
            assertEquals(img.getWidth() + "x" + img.getHeight(), t.dimension(), name + ": dimension is the real size");
        }
    }

    @Test
    void cmykJpegDecodesToItsRealColours() throws Exception {
        // cmyk.jpg is a CMYK scan of a title page (black text on white paper): decoded with the
        // wrong colour model it comes out inverted or tinted, so its mean must be near white and grey.
        BufferedImage thumb = assertJpeg(normalize(corpus("image/cmyk.jpg")).thumbs().getFirst().jpeg());
        double[] mean = meanRgb(thumb);
        assertTrue(mean[0] > 200 && mean[1] > 200 && mean[2] > 200, "mean RGB " + java.util.Arrays.toString(mean));
        assertTrue(Math.abs(mean[0] - mean[2]) < 15 && Math.abs(mean[0] - mean[1]) < 15, "tinted: " + java.util.Arrays.toString(mean));
    }

    @Test
    void transparentPngIsFlattenedOnWhite() throws Exception {
        BufferedImage thumb = assertJpeg(normalize(corpus("image/wizard.png")).thumbs().getFirst().jpeg());
        Color corner = new Color(thumb.getRGB(0, 0));
        assertTrue(corner.getRed() > 240 && corner.getGreen() > 240 && corner.getBlue() > 240, "corner " + corner);
    }

    @Test
    void textFileNamedJpgFailsClearly() {
        IOException e = assertThrows(IOException.class, () -> normalize(corpus("broken/not-an-image.jpg")));
        assertTrue(e.getMessage().startsWith("not a recognised image format"), e.getMessage());
    }

    @Test
    void truncatedJpegFailsClearly(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        byte[] bytes = Files.readAllBytes(corpus("image/baboon.jpg"));
        Path half = dir.resolve("half.jpg");
        Files.write(half, java.util.Arrays.copyOf(bytes, 600));
        IOException e = assertThrows(IOException.class, () -> normalize(half));
        assertTrue(e.getMessage().startsWith("cannot decode image"), e.getMessage());
    }

    @Test
    void registeredForEveryImageExtension() {
        for (String ext : List.of("jpg", "jpeg", "png", "gif", "bmp", "webp", "JPG")) {
            assertTrue(Normalizers.defaults().forFile(Path.of("a." + ext)) instanceof ImageNormalizer, ext);
        }
    }

    private static double[] meanRgb(BufferedImage img) {
        double[] sum = new double[3];
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int p = img.getRGB(x, y);
                sum[0] += p >> 16 & 255;
                sum[1] += p >> 8 & 255;
                sum[2] += p & 255;
            }
        }
        double n = (double) img.getWidth() * img.getHeight();
        return new double[] {sum[0] / n, sum[1] / n, sum[2] / n};
    }
}
