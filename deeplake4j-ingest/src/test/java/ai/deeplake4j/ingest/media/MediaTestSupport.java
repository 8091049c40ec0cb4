package ai.deeplake4j.ingest.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import ai.deeplake4j.ingest.normalize.RowSink;
import ai.deeplake4j.ingest.normalize.ThumbnailSink;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
