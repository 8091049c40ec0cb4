package ai.deeplake4j.ingest.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.deeplake4j.ingest.jpeg.TurboJpeg;
import ai.deeplake4j.ingest.normalize.RowSink;
import ai.deeplake4j.ingest.normalize.ThumbnailSink;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;

/** Shared helpers of the media normalizer tests: the corpus, sinks that record, ffprobe checks. */
public final class MediaTestSupport {
    private MediaTestSupport() {
    }

    /** A file of the shared test corpus (system property {@code deeplake4j.corpus}, set by surefire). */
    public static Path corpus(String relative) {
        String dir = System.getProperty("deeplake4j.corpus");
        Path base = dir != null ? Path.of(dir) : Path.of("../../shared/corpus");
        Path file = base.resolve(relative).normalize();
        if (!Files.isRegularFile(file)) {
            fail("corpus file missing: " + file + " (set -Ddeeplake4j.corpus=/path/to/shared/corpus)");
        }
        return file;
    }

    /** Records rows in order. */
    public static final class Rows implements RowSink {
        public final List<Map<String, Object>> rows = new ArrayList<>();

        @Override
        public void accept(Map<String, Object> row) {
            rows.add(row);
        }
    }

    /** A thumbnail as handed to the sink. */
    public record Thumb(String fileId, String column, String dimension, byte[] jpeg) {
    }

    /** Records thumbnails in order. */
    public static final class Thumbs implements ThumbnailSink {
        public final List<Thumb> thumbs = new ArrayList<>();

        @Override
        public synchronized void accept(String fileId, String columnName, String dimension, byte[] jpeg) {
            thumbs.add(new Thumb(fileId, columnName, dimension, jpeg));
        }
    }

    /** Asserts {@code bytes} are a JPEG file (SOI marker, decodes) and returns the image. */
    public static BufferedImage assertJpeg(byte[] bytes) throws IOException {
        assertTrue(bytes != null && bytes.length > 4, "no JPEG bytes");
        assertEquals(0xFF, bytes[0] & 0xFF, "JPEG SOI marker");
        assertEquals(0xD8, bytes[1] & 0xFF, "JPEG SOI marker");
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
        assertTrue(image != null, "JPEG does not decode");
        return image;
    }

    /** Asserts {@code bytes} are a PNG file (signature, decodes) and returns the image. */
    public static BufferedImage assertPng(byte[] bytes) throws IOException {
        assertTrue(bytes != null && bytes.length > 8, "no PNG bytes");
        assertEquals(0x89, bytes[0] & 0xFF, "PNG signature");
        assertEquals('P', bytes[1]);
        assertEquals('N', bytes[2]);
        assertEquals('G', bytes[3]);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
        assertTrue(image != null, "PNG does not decode");
        return image;
    }

    /** How far apart two images of one size are, per channel on 0..255: the mean and the largest difference. */
    public record PixelDifference(double mean, int max) {
        /** Compares the sRGB values ({@code getRGB}) of every pixel; fails when the sizes differ. */
        public static PixelDifference between(BufferedImage a, BufferedImage b) {
            assertEquals(a.getWidth() + "x" + a.getHeight(), b.getWidth() + "x" + b.getHeight(), "image sizes");
            long sum = 0;
            int max = 0;
            for (int y = 0; y < a.getHeight(); y++) {
                for (int x = 0; x < a.getWidth(); x++) {
                    int p = a.getRGB(x, y);
                    int q = b.getRGB(x, y);
                    for (int shift = 0; shift <= 16; shift += 8) {
                        int d = Math.abs(((p >> shift) & 0xFF) - ((q >> shift) & 0xFF));
                        sum += d;
                        max = Math.max(max, d);
                    }
                }
            }
            return new PixelDifference(sum / (3.0 * a.getWidth() * a.getHeight()), max);
        }
    }

    /** {@link #jpegCodec} name of the JDK's ImageIO codec, always there. */
    public static final String IMAGE_IO = "ImageIO";
    /** {@link #jpegCodec} name of libjpeg-turbo, where installed. */
    public static final String LIBJPEG_TURBO = "libjpeg-turbo";

    /**
     * The accelerator to give an encoder or decoder for codec {@code name}: null for
     * {@value #IMAGE_IO}; for {@value #LIBJPEG_TURBO} the configured one, skipping the calling test
     * (an assumption, not a failure) where it is not installed. CI installs it (.ci/run).
     */
    public static TurboJpeg jpegCodec(String name) {
        if (name.equals(IMAGE_IO)) {
            return null;
        }
        assertEquals(LIBJPEG_TURBO, name, "codec name");
        TurboJpeg turbo = TurboJpeg.configured().orElse(null);
        assumeTrue(turbo != null, "libjpeg-turbo is not installed (apt-get install libturbojpeg0 libturbojpeg-java)");
        return turbo;
    }

    /** Calls {@code body} with system property {@code key} set to {@code value}, then restores it. */
    public static <T> T withSystemProperty(String key, String value, Callable<T> body) throws Exception {
        String previous = System.getProperty(key);
        System.setProperty(key, value);
        try {
            return body.call();
        } finally {
            if (previous == null) {
                System.clearProperty(key);
            } else {
                System.setProperty(key, previous);
            }
        }
    }

    /** The JPEG without its header segments of type {@code marker} (0xE2: ICC profile chunks). */
    public static byte[] withoutSegments(byte[] jpeg, int marker) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, 2);
        int i = 2;
        while ((jpeg[i + 1] & 0xFF) != 0xDA) {
            int length = 2 + ((jpeg[i + 2] & 0xFF) << 8 | jpeg[i + 3] & 0xFF);
            if ((jpeg[i + 1] & 0xFF) != marker) {
                out.write(jpeg, i, length);
            }
            i += length;
        }
        out.write(jpeg, i, jpeg.length - i);
        return out.toByteArray();
    }

    /** Fails with an install hint unless ffmpeg and ffprobe run: CI installs them, tests must not skip. */
    public static void requireFfmpeg() {
        for (String tool : List.of("ffmpeg", "ffprobe")) {
            try {
                Process p = new ProcessBuilder(tool, "-version").redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                    fail(tool + " -version failed; install ffmpeg (apt-get install ffmpeg)");
                }
            } catch (IOException e) {
                fail(tool + " not found on PATH; these tests need the system ffmpeg (apt-get install ffmpeg): " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted");
            }
        }
    }

    /** Runs ffprobe with {@code args} plus the file and returns stdout; fails on a non-zero exit or stderr output. */
    public static String ffprobe(Path file, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("ffprobe", "-v", "error"));
        cmd.addAll(List.of(args));
        cmd.add(file.toString());
        Path err = Files.createTempFile("ffprobe", ".err");
        try {
            Process p = new ProcessBuilder(cmd).redirectError(err.toFile()).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "ffprobe hung on " + file);
            String stderr = Files.readString(err).strip();
            assertEquals(0, p.exitValue(), "ffprobe failed on " + file + ": " + stderr);
            assertEquals("", stderr, "ffprobe reported errors on " + file);
            return out.strip();
        } finally {
            Files.deleteIfExists(err);
        }
    }

    /** The container duration in seconds per ffprobe. */
    public static double ffprobeDuration(Path file) throws IOException, InterruptedException {
        return Double.parseDouble(ffprobe(file, "-show_entries", "format=duration", "-of", "csv=p=0"));
    }
}
