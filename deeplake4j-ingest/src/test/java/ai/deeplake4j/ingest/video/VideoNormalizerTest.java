package ai.deeplake4j.ingest.video;

import static ai.deeplake4j.ingest.media.MediaTestSupport.assertJpeg;
import static ai.deeplake4j.ingest.media.MediaTestSupport.corpus;
import static ai.deeplake4j.ingest.media.MediaTestSupport.ffprobe;
import static ai.deeplake4j.ingest.media.MediaTestSupport.ffprobeDuration;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.deeplake4j.api.error.IngestException;
import ai.deeplake4j.api.ingest.IngestOptions;
import ai.deeplake4j.ingest.media.MediaTestSupport;
import ai.deeplake4j.ingest.media.MediaTestSupport.PixelDifference;
import ai.deeplake4j.ingest.media.MediaTestSupport.Rows;
import ai.deeplake4j.ingest.media.MediaTestSupport.Thumb;
import ai.deeplake4j.ingest.media.MediaTestSupport.Thumbs;
import ai.deeplake4j.ingest.normalize.NormalizeContext;
import ai.deeplake4j.ingest.normalize.SourceFile;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VideoNormalizerTest {
    /** A frame at the corpus' lowest rate (15 fps) plus container rounding. */
    private static final double FRAME = 0.07;

    private final VideoNormalizer normalizer = new VideoNormalizer();

    @TempDir
    static Path tmp;
    /** 25 s of H.264 + AAC with a keyframe every 1.5 s: stream copy must cut at 10.5 and 21.0. */
    private static Path keyframed;

    @BeforeAll
    static void needsFfmpegAndAGeneratedVideo() throws Exception {
        MediaTestSupport.requireFfmpeg();
        keyframed = tmp.resolve("keyframed.mp4");
        Process p = new ProcessBuilder("ffmpeg", "-nostdin", "-v", "error", "-y",
                "-f", "lavfi", "-i", "testsrc=size=320x240:rate=20", "-f", "lavfi", "-i", "sine=frequency=440",
                "-t", "25", "-c:v", "libx264", "-preset", "ultrafast", "-g", "30", "-keyint_min", "30",
                "-sc_threshold", "0", "-pix_fmt", "yuv420p", "-c:a", "aac", keyframed.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0, "could not generate the test video");
    }

    private record Result(List<Map<String, Object>> rows, List<Thumb> thumbs) {
    }

    private Result normalize(Path file) throws IOException {
        Rows rows = new Rows();
        Thumbs thumbs = new Thumbs();
        normalizer.normalize(new SourceFile(file, "vid-1"), new NormalizeContext(IngestOptions.defaults(), thumbs), rows);
        return new Result(rows.rows, thumbs.thumbs);
    }

    /** Checks the acceptance criteria of issue 3 on one file and returns the segment start times. */
    private static List<Double> assertSegmentsTileAndPlay(Path file, Result r) throws Exception {
        double duration = ffprobeDuration(file);
        List<Map<String, Object>> rows = r.rows();
        assertTrue(!rows.isEmpty());
        assertEquals(0.0, (double) rows.getFirst().get("start_time"), 1e-9);
        assertEquals(duration, (double) rows.getLast().get("end_time"), 1e-3, "last segment ends at the file's end");
        for (int i = 0; i < rows.size(); i++) {
            Map<String, Object> row = rows.get(i);
            assertEquals((long) i, row.get("chunk_index"));
            double start = (double) row.get("start_time");
            double end = (double) row.get("end_time");
            if (i + 1 < rows.size()) {
                assertEquals(end, (double) rows.get(i + 1).get("start_time"), FRAME, "gap or overlap after segment " + i);
            }
            assertTrue(end - start > 0 && end - start <= 20.0 + FRAME, "segment " + i + " lasts " + (end - start));
            // The segment is a playable MP4 of the right length: ffprobe decodes every frame without an error.
            Path seg = tmp.resolve(file.getFileName() + "-" + i + ".mp4");
            Files.write(seg, (byte[]) row.get("video_data"));
            int frames = Integer.parseInt(ffprobe(seg, "-count_frames", "-select_streams", "v:0",
                    "-show_entries", "stream=nb_read_frames", "-of", "csv=p=0"));
            assertTrue(frames > 0, "segment " + i + " has no frames");
            double segDuration = ffprobeDuration(seg);
            assertEquals(end - start, segDuration, 0.25, "segment " + i + " duration");
            BufferedImage thumb = assertJpeg((byte[]) row.get("thumbnail"));
            assertEquals(256, Math.max(thumb.getWidth(), thumb.getHeight()));
            assertTrue(row.containsKey("text"));
            assertNull(row.get("text"));
        }
        assertEquals(List.of(256, 128, 64, 32), r.thumbs().stream().map(t -> java.util.Arrays.stream(t.dimension().split("x"))
                .mapToInt(Integer::parseInt).max().orElseThrow()).toList(), "the four boxes, largest first");
        for (Thumb t : r.thumbs()) {
            assertEquals("vid-1", t.fileId());
            assertEquals(VideoNormalizer.VIDEO_COLUMN, t.column());
            BufferedImage img = assertJpeg(t.jpeg());
            assertEquals(img.getWidth() + "x" + img.getHeight(), t.dimension(), "dimension is the real size");
        }
        return rows.stream().map(row -> (Double) row.get("start_time")).toList();
    }

    @Test
    void streamCopyCutsAtTheRealKeyframes() throws Exception {
        Result r = normalize(keyframed);
        List<Double> starts = assertSegmentsTileAndPlay(keyframed, r);
        // Keyframes every 1.5 s: copy cuts at 10.5 and 21.0, not at 10 and 20.
        assertEquals(3, starts.size());
        assertEquals(10.5, starts.get(1), 1e-3);
        assertEquals(21.0, starts.get(2), 1e-3);
        // Each thumbnail is its own segment's first frame (the test pattern moves over time).
        for (Map<String, Object> row : r.rows()) {
            BufferedImage thumb = assertJpeg((byte[]) row.get("thumbnail"));
            BufferedImage own = frameAt(keyframed, (double) row.get("start_time"));
            BufferedImage other = frameAt(keyframed, (double) row.get("start_time") + 3);
            double toOwn = PixelDifference.between(thumb, own).mean();
            assertTrue(toOwn < 8 && toOwn < PixelDifference.between(thumb, other).mean(), "segment " + row.get("chunk_index")
                    + ": thumbnail differs from its first frame by " + toOwn);
        }
    }

    /** The frame at {@code seconds}, scaled as the normalizer scales its frames, grabbed by ffmpeg. */
    private static BufferedImage frameAt(Path video, double seconds) throws Exception {
        Path out = Files.createTempFile(tmp, "frame", ".bmp");
        Process p = new ProcessBuilder("ffmpeg", "-nostdin", "-v", "error", "-y", "-ss", String.valueOf(seconds),
                "-i", video.toString(), "-frames:v", "1", "-vf", FfmpegArgs.FRAME_SCALE, "-update", "1", out.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0);
        return javax.imageio.ImageIO.read(out.toFile());
    }

    @Test
    void shortMp4IsOneCopiedSegment() throws Exception {
        Path cup = corpus("video/cup.mp4");
        Result r = normalize(cup);
        assertSegmentsTileAndPlay(cup, r);
        assertEquals(1, r.rows().size(), "8.1 s is one segment");
        assertEquals("h264", ffprobeCodec((byte[]) r.rows().getFirst().get("video_data")));
    }

    @Test
    void cinepakAviIsReencodedIntoTenSecondMp4Segments() throws Exception {
        Path tree = corpus("video/tree.avi");
        Result r = normalize(tree);
        List<Double> starts = assertSegmentsTileAndPlay(tree, r);
        assertEquals(List.of(0.0, 10.0, 20.0), starts);
        for (Map<String, Object> row : r.rows()) {
            assertEquals("h264", ffprobeCodec((byte[]) row.get("video_data")));
        }
    }

    @Test
    void xvidAviWithoutTimestampsIsReencodedAndItsShortTailMerged() throws Exception {
        Path megamind = corpus("video/Megamind.avi");
        Result r = normalize(megamind);
        assertSegmentsTileAndPlay(megamind, r);
        assertEquals(1, r.rows().size(), "11.26 s: the 1.26 s tail joins the first segment");
        assertEquals("h264", ffprobeCodec((byte[]) r.rows().getFirst().get("video_data")));
    }

    /**
     * Containers and codecs that cannot all go into MP4 as they are: VP8/Vorbis WebM and
     * MJPEG/PCM QuickTime are re-encoded (cut at 10 s); H.264 in Matroska is copied (cut at the keyframe
     * at 10.5 s) with its PCM audio
     * re-encoded to AAC. Each gives two playable segments tiling 14 s.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "webm, 'libvpx -b:v 200k -c:a libvorbis', 10.0",
            "mkv, 'libx264 -preset ultrafast -g 35 -c:a pcm_s16le', 10.5", // copied: cut at the keyframe 10.5
            "mov, 'mjpeg -q:v 5 -c:a pcm_s16le', 10.0",
    })
    void otherContainersBecomePlayableMp4Segments(String extension, String codecArgs, double secondCut) throws Exception {
        Path file = tmp.resolve("small." + extension);
        List<String> cmd = new java.util.ArrayList<>(List.of("ffmpeg", "-nostdin", "-v", "error", "-y",
                "-f", "lavfi", "-i", "testsrc=size=160x120:rate=10", "-f", "lavfi", "-i", "sine", "-t", "14", "-c:v"));
        cmd.addAll(List.of(codecArgs.split(" ")));
        cmd.add(file.toString());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0, "could not generate " + file);
        Result r = normalize(file);
        List<Double> starts = assertSegmentsTileAndPlay(file, r);
        assertEquals(2, starts.size());
        assertEquals(secondCut, starts.get(1), 1e-3);
        for (Map<String, Object> row : r.rows()) {
            Path seg = Files.createTempFile(tmp, "seg", ".mp4");
            Files.write(seg, (byte[]) row.get("video_data"));
            assertEquals("aac", ffprobe(seg, "-select_streams", "a:0", "-show_entries", "stream=codec_name", "-of", "csv=p=0"));
        }
    }

    @Test
    void aFailingSinkStopsFfmpegAndLeavesNoTemporaryFiles() throws Exception {
        Path tmpDir = Path.of(System.getProperty("java.io.tmpdir"));
        long before = countVideoWorkDirs(tmpDir);
        RuntimeException e = assertThrows(RuntimeException.class, () -> normalizer.normalize(new SourceFile(keyframed, "v"),
                new NormalizeContext(IngestOptions.defaults()), row -> {
                    throw new IllegalStateException("writer closed");
                }));
        assertEquals("writer closed", e.getMessage());
        assertEquals(before, countVideoWorkDirs(tmpDir), "temporary segment directory left behind");
    }

    private static long countVideoWorkDirs(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().startsWith("deeplake4j-video-")).count();
        }
    }

    /**
     * A playable H.264 file with a flaw ffprobe reports ("error while decoding MB ...", like the
     * issue's "non-intra slice in an IDR NAL unit") but ffmpeg decodes every frame of: it is a
     * video, and ingests; only a file ffmpeg cannot decode is refused. The flaw is made with
     * ffmpeg's own {@code noise} bitstream filter, which is deterministic.
     */
    @Test
    void aPlayableVideoThatFfprobeComplainsAboutIngests() throws Exception {
        Path flawed = tmp.resolve("flawed.mp4");
        Process p = new ProcessBuilder("ffmpeg", "-nostdin", "-v", "error", "-y", "-i", corpus("video/cup.mp4").toString(),
                "-map", "0:v:0", "-c", "copy", "-bsf:v", "noise=amount=2000", flawed.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, "could not make the flawed copy");
        Process probe = new ProcessBuilder("ffprobe", "-v", "error", "-select_streams", "0", "-show_entries", "packet=flags",
                "-of", "csv=p=0", flawed.toString()).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String complaints = new String(probe.getErrorStream().readAllBytes()).strip();
        assertTrue(probe.waitFor(60, TimeUnit.SECONDS));
        assertTrue(!complaints.isEmpty(), "precondition: ffprobe reports the flaw");

        Result r = assertTimeoutPreemptively(Duration.ofSeconds(120), () -> normalize(flawed));
        assertEquals(1, r.rows().size(), "an 8 s video is one segment");
        assertEquals(8.1, (double) r.rows().getFirst().get("end_time"), 0.2);
    }

    @Test
    void truncatedMp4FailsWithTheReasonWithinTheTimeout() {
        IOException e = assertTimeoutPreemptively(Duration.ofSeconds(60),
                () -> assertThrows(IOException.class, () -> normalize(corpus("broken/truncated.mp4"))));
        assertTrue(e.getMessage().startsWith("damaged video"), e.getMessage());
    }

    @Test
    void aFileThatIsNotAVideoFailsClearly() throws Exception {
        Path fake = tmp.resolve("fake.mp4");
        Files.writeString(fake, "this is not a video");
        IOException e = assertTimeoutPreemptively(Duration.ofSeconds(60),
                () -> assertThrows(IOException.class, () -> normalize(fake)));
        assertTrue(e.getMessage().startsWith("not a readable video"), e.getMessage());
    }

    @Test
    void missingFfmpegIsAnIngestExceptionSayingSo() {
        VideoNormalizer noTools = new VideoNormalizer(new FfmpegTools("/nonexistent/ffmpeg", "/nonexistent/ffprobe"),
                10, Duration.ofSeconds(10));
        IngestException e = assertThrows(IngestException.class, () -> noTools.normalize(
                new SourceFile(corpus("video/cup.mp4"), "x"), new NormalizeContext(IngestOptions.defaults()), row -> { }));
        assertTrue(e.getMessage().startsWith("ffmpeg not found"), e.getMessage());
    }

    @Test
    void aToolOverItsTimeLimitIsKilled() {
        IOException e = assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> assertThrows(IOException.class, () -> ProcessRunner.run(List.of("sleep", "60"), Duration.ofMillis(300), null)));
        assertTrue(e.getMessage().contains("did not finish within"), e.getMessage());
    }

    private static String ffprobeCodec(byte[] mp4) throws Exception {
        Path f = Files.createTempFile(tmp, "codec", ".mp4");
        Files.write(f, mp4);
        return ffprobe(f, "-select_streams", "v:0", "-show_entries", "stream=codec_name", "-of", "csv=p=0");
    }
}
