package ai.deeplake4j.ingest.media;

import static ai.deeplake4j.ingest.media.MediaTestSupport.corpus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.deeplake4j.api.ingest.IngestOptions;
import ai.deeplake4j.ingest.normalize.NormalizeContext;
import ai.deeplake4j.ingest.normalize.Normalizer;
import ai.deeplake4j.ingest.normalize.Normalizers;
import ai.deeplake4j.ingest.normalize.SourceFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every damaged video, image or PDF of {@code corpus/broken}, dispatched as the pipeline does
 * (by extension through {@link Normalizers#defaults()}), fails with an IOException that states
 * the reason, and within a time limit.
 */
class BrokenMediaFilesTest {

    @BeforeAll
    static void needsFfmpeg() {
        MediaTestSupport.requireFfmpeg();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "broken/truncated.mp4, damaged video: ffmpeg decodes 41 of 217 frames",
            "broken/not-an-image.jpg, not a recognised image format",
            "broken/invalid.pdf, not a readable PDF",
    })
    void damagedFileFailsWithItsReason(String relative, String reason) {
        Path file = corpus(relative);
        Normalizer normalizer = Normalizers.defaults().forFile(file);
        IOException e = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> assertThrows(IOException.class,
                () -> normalizer.normalize(new SourceFile(file, "f"), new NormalizeContext(IngestOptions.defaults()), row -> { })));
        assertTrue(e.getMessage().startsWith(reason), relative + ": " + e.getMessage());
    }

    @ParameterizedTest(name = "empty .{0}")
    @CsvSource({"mp4, video file is empty", "jpg, image file is empty", "pdf, not a readable PDF"})
    void emptyMediaFileFailsClearly(String extension, String reason, @TempDir Path dir) throws Exception {
        Path file = Files.createFile(dir.resolve("empty." + extension));
        IOException e = assertThrows(IOException.class, () -> Normalizers.defaults().forFile(file)
                .normalize(new SourceFile(file, "f"), new NormalizeContext(IngestOptions.defaults()), row -> { }));
        assertTrue(e.getMessage().startsWith(reason), e.getMessage());
    }

    /**
     * Megamind_bugy.avi is not damaged: OpenCV ships it as a lower-quality re-encode of
     * Megamind.avi for its PSNR/SSIM tutorial, and ffmpeg decodes all 270 frames without an
     * error. Rejecting it would be a false alarm, so it ingests like any AVI (re-encoded).
     */
    @Test
    void megamindBugyIsALowQualityButValidVideoAndIngests() throws Exception {
        Path file = corpus("broken/Megamind_bugy.avi");
        List<Map<String, Object>> rows = new ArrayList<>();
        assertTimeoutPreemptively(Duration.ofSeconds(120), () -> Normalizers.defaults().forFile(file)
                .normalize(new SourceFile(file, "f"), new NormalizeContext(IngestOptions.defaults()), rows::add));
        assertEquals(1, rows.size());
        assertEquals(MediaTestSupport.ffprobeDuration(file), (double) rows.getFirst().get("end_time"), 1e-3);
    }
}
