package ai.deeplake4j.ingest.video;

import ai.deeplake4j.api.schema.ColumnType;
import ai.deeplake4j.api.schema.TypeKind;
import ai.deeplake4j.ingest.normalize.NormalizeContext;
import ai.deeplake4j.ingest.normalize.Normalizer;
import ai.deeplake4j.ingest.normalize.RowSink;
import ai.deeplake4j.ingest.normalize.SourceFile;
import ai.deeplake4j.ingest.thumbnail.JpegEncoder;
import ai.deeplake4j.ingest.thumbnail.ThumbnailMaker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Video files (.mp4 .mov .avi .mkv .webm; ARCHITECTURE 2.5, D6) cut into segments of about 10 s
 * with the system {@code ffmpeg}/{@code ffprobe}. One row per segment, in order:
 * <ul>
 *   <li>{@code chunk_index} INT64 from 0;</li>
 *   <li>{@code start_time}, {@code end_time} FLOAT64 seconds from the file's start: the real cut
 *       points (keyframes when stream-copying), tiling the file from 0 to its duration;</li>
 *   <li>{@code video_data} VIDEO: the segment as a standalone, playable MP4, stream-copied when
 *       the keyframes and codecs allow it, otherwise re-encoded to H.264/AAC
 *       (see {@link SegmentPlanner});</li>
 *   <li>{@code thumbnail} IMAGE: the segment's first frame as JPEG (quality 0.85), longer side
 *       256 px;</li>
 *   <li>{@code text} TEXT: NULL (no transcript is made).</li>
 * </ul>
 * The file's thumbnails (32, 64, 128, 256 px, from the first segment's frame) go to the
 * context's {@code ThumbnailSink} under column {@code "video_data"}, the column they preview.
 *
 * <p>Rows are streamed: each segment is read from a private temporary directory, handed on and
 * deleted, so memory holds one segment at a time. Copied segments come from one ffmpeg run per
 * file (which may run ahead of a slow consumer on disk, up to the size of the video);
 * re-encoded ones from one run per segment. Every ffmpeg and ffprobe run has a time limit
 * (default 300 s; a whole-file copy run 300 s plus one second per second of video) after which
 * it is killed: a damaged file fails with an {@link IOException} instead of hanging. A missing ffmpeg is an
 * {@code IngestException} whose message starts with "ffmpeg not found". Thread-safe.
 */
public final class VideoNormalizer implements Normalizer {
    /** The column segments are stored in and thumbnails are filed under. */
    public static final String VIDEO_COLUMN = "video_data";
    /** ARCHITECTURE 2.8: segments of 10 s. */
    public static final double DEFAULT_SEGMENT_SECONDS = 10.0;
    /** Limit for each ffprobe or ffmpeg run. */
    public static final Duration DEFAULT_TOOL_TIMEOUT = Duration.ofSeconds(300);

    private static final Logger LOG = LoggerFactory.getLogger(VideoNormalizer.class);
    private static final Set<String> EXTENSIONS = Set.of("mp4", "mov", "avi", "mkv", "webm");
    private static final SequencedMap<String, ColumnType> COLUMNS = Normalizer.columnsOf(
            "chunk_index", ColumnType.of(TypeKind.INT64),
            "start_time", ColumnType.of(TypeKind.FLOAT64),
            "end_time", ColumnType.of(TypeKind.FLOAT64),
            VIDEO_COLUMN, ColumnType.of(TypeKind.VIDEO),
            "thumbnail", ColumnType.of(TypeKind.IMAGE),
            "text", ColumnType.of(TypeKind.TEXT));

    private final VideoProber prober;
    private final double segmentSeconds;
    private final SegmentPlanner planner;
    private final CopySegmenter copier;
    private final SegmentEncoder encoder;
    private final ThumbnailMaker thumbnails = ThumbnailMaker.defaults();
    private final JpegEncoder jpeg = JpegEncoder.defaultQuality();

    /** The system ffmpeg, 10-s segments, 300-s tool time limit. */
    public VideoNormalizer() {
        this(FfmpegTools.system(), DEFAULT_SEGMENT_SECONDS, DEFAULT_TOOL_TIMEOUT);
    }

    /**
     * @param tools          the ffmpeg and ffprobe executables
     * @param segmentSeconds target segment length in seconds, > 0
     * @param toolTimeout    limit for each ffprobe/ffmpeg run, > 0
     */
    public VideoNormalizer(FfmpegTools tools, double segmentSeconds, Duration toolTimeout) {
        if (toolTimeout.isNegative() || toolTimeout.isZero()) {
            throw new IllegalArgumentException("toolTimeout must be > 0, got " + toolTimeout);
        }
        this.prober = new VideoProber(tools, toolTimeout);
        this.segmentSeconds = segmentSeconds;
        this.planner = new SegmentPlanner(segmentSeconds);
        this.copier = new CopySegmenter(tools, toolTimeout);
        this.encoder = new SegmentEncoder(tools, toolTimeout);
    }

    /** The container's duration over the segment length (one ffprobe call on the header). */
    @Override
    public long estimateRows(Path file, ai.deeplake4j.api.ingest.IngestOptions options) {
        double seconds = prober.containerDuration(file);
        return seconds > 0 ? Math.max(1, (long) Math.ceil(seconds / segmentSeconds)) : 1;
    }

    @Override
    public Set<String> extensions() {
        return EXTENSIONS;
    }

    @Override
    public SequencedMap<String, ColumnType> columns() {
        return COLUMNS;
    }

    /**
     * @throws IOException when the file is not a readable video, is damaged, or ffmpeg fails or
     *         times out on a segment
     * @throws ai.deeplake4j.api.error.IngestException "ffmpeg not found ..." without ffmpeg
     */
    @Override
    public void normalize(SourceFile file, NormalizeContext context, RowSink sink) throws IOException {
        if (Files.size(file.path()) == 0) {
            throw new IOException("video file is empty (0 bytes)");
        }
        VideoProbe probe = prober.probe(file.path());
        boolean copyable = probe.hasTimestamps() && Mp4Compatibility.videoCopyable(probe.videoCodec());
        List<Segment> segments = planner.plan(probe.duration(), probe.keyframes(), copyable);
        LOG.debug("{}: {} {}x{}, {} s, {} segments by {}", file.path(), probe.videoCodec(), probe.width(),
                probe.height(), probe.duration(), segments.size(), segments.getFirst().streamCopy() ? "stream copy" : "re-encoding");
        Path workDir = Files.createTempDirectory("deeplake4j-video-");
        try {
            if (segments.getFirst().streamCopy()) {
                copier.cut(file.path(), probe, segments, workDir, cut -> emit(file, context, sink, cut));
            } else {
                for (Segment segment : segments) {
                    emit(file, context, sink, encoder.encode(file.path(), probe, segment, workDir));
                }
            }
        } finally {
            deleteTree(workDir);
        }
    }

    private void emit(SourceFile file, NormalizeContext context, RowSink sink, CutSegment cut) throws IOException {
        Segment segment = cut.segment();
        byte[] thumbnail = null;
        if (cut.frame() != null) {
            thumbnail = jpeg.encode(cut.frame());
            if (segment.index() == 0) {
                thumbnails.emit(cut.frame(), file.fileId(), VIDEO_COLUMN, context.thumbnails());
            }
        } else {
            LOG.warn("{}: segment {} has no decodable frame; its thumbnail is NULL", file.path(), segment.index());
        }
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("chunk_index", (long) segment.index());
        row.put("start_time", segment.start());
        row.put("end_time", segment.end());
        row.put(VIDEO_COLUMN, cut.mp4());
        row.put("thumbnail", thumbnail);
        row.put("text", null);
        sink.accept(row);
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
