package ai.deeplake4j.ingest.bench;

import ai.deeplake4j.api.ingest.IngestOptions;
import ai.deeplake4j.ingest.image.ImageNormalizer;
import ai.deeplake4j.ingest.normalize.NormalizeContext;
import ai.deeplake4j.ingest.normalize.Normalizer;
import ai.deeplake4j.ingest.normalize.SourceFile;
import ai.deeplake4j.ingest.normalize.ThumbnailSink;
import ai.deeplake4j.ingest.pdf.PageImageEncoder;
import ai.deeplake4j.ingest.pdf.PdfNormalizer;
import ai.deeplake4j.ingest.thumbnail.JpegEncoder;
import ai.deeplake4j.ingest.video.VideoNormalizer;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.multipdf.PDFMergerUtility;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;

/**
 * Throughput of the media normalizers as issue 3 states its targets: PDF pages/s at 150 DPI with
 * text, 1-megapixel images/s with the four thumbnails, video segments/s by stream copy, each with
 * 1 and 2 workers (a fixed pool over several files, as the ingest pipeline runs them), plus the
 * peak Java heap for a 339-page PDF and a 10-minute 720p video, and PNG vs JPEG page encoding
 * (in thread CPU time).
 * Prints a Markdown section for BENCHMARKS.md.
 *
 * <p>Usage: {@code NormalizeBench [corpusDir] [workDir] [--heavy-only]}; generated inputs (1-MP images, the
 * merged PDF, the 720p videos made with ffmpeg) are cached in workDir. Run with {@code -Xmx1g}
 * so the heap figure is also a check.
 */
public final class NormalizeBench {
    private NormalizeBench() {
    }

    /**
     * A measured run.
     *
     * @param cpuSeconds      CPU time of this JVM during the run
     * @param childCpuSeconds CPU time of the finished child processes (ffmpeg, ffprobe)
     */
    private record Run(String what, int workers, long units, double seconds, double cpuSeconds, double childCpuSeconds) {
        double rate() {
            return units / seconds;
        }
    }

    private static double processCpuSeconds() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime() / 1e9;
    }

    /**
     * User + system CPU seconds of this process's finished children, from /proc/self/stat
     * (fields cutime and cstime, in clock ticks of 1/100 s on Linux); 0 elsewhere.
     */
    private static double childCpuSeconds() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // After "pid (comm) ", field 3 (state) is f[0]; cutime and cstime are fields 16 and 17.
            return (Long.parseLong(f[13]) + Long.parseLong(f[14])) / 100.0;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (IOException e) {
            return "unknown";
        }
    }

    public static void main(String[] args) throws Exception {
        Path corpus = Path.of(args.length > 0 ? args[0] : System.getProperty("deeplake4j.corpus", "../shared/corpus"));
        Path work = Path.of(args.length > 1 ? args[1] : "target/bench-data");
        boolean heavyOnly = args.length > 2 && args[2].equals("--heavy-only");
        Files.createDirectories(work);
        List<String> out = new ArrayList<>();
        out.add("Machine: " + Runtime.getRuntime().availableProcessors() + " cores, Java " + System.getProperty("java.version")
                + ", -Xmx " + (Runtime.getRuntime().maxMemory() >> 20) + " MiB; load average at start: " + loadAverage());
        out.add("");
        Path rIntro = corpus.resolve("pdf/R-intro.pdf");
        if (!heavyOnly) {
            measureThroughput(corpus, work, out);
        }
        heavy(rIntro, ensureVideo(work), work, out);
        out.add("");
        out.add("Load average at end: " + loadAverage());
        System.out.println();
        out.forEach(System.out::println);
    }

    private static void measureThroughput(Path corpus, Path work, List<String> out) throws Exception {
        // --- PDF: two copies of the 113-page R-intro, so two workers have a document each.
        Path rIntro = corpus.resolve("pdf/R-intro.pdf");
        PdfNormalizer pdf = new PdfNormalizer();
        run(pdf, List.of(corpus.resolve("pdf/shared-mime-info-spec.pdf")), 1); // warm-up: JIT, font cache
        List<Run> runs = new ArrayList<>();
        for (int w : new int[] {1, 2}) {
            runs.add(run("PDF pages at 150 DPI incl. text (2 x R-intro.pdf, 226 pages)", pdf, List.of(rIntro, rIntro), w));
        }

        // --- Images: 1-megapixel JPEGs and PNGs made from the corpus images.
        List<Path> images = megapixelImages(corpus, work);
        List<Path> imageJobs = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            imageJobs.addAll(images);
        }
        ImageNormalizer image = new ImageNormalizer();
        run(image, images, 1);
        for (int w : new int[] {1, 2}) {
            runs.add(run("1-MP images incl. 4 thumbnails (" + imageJobs.size() + " files, JPEG+PNG)", image, imageJobs, w));
        }

        // --- Video: 2-minute 720p30 H.264/AAC files, keyframe every 2 s: 12 copied segments each.
        Path video = ensureVideo(work);
        VideoNormalizer videos = new VideoNormalizer();
        run(videos, List.of(corpus.resolve("video/cup.mp4")), 1);
        for (int w : new int[] {1, 2}) {
            runs.add(run("video segments by stream copy (2 x 120 s 720p H.264, 24 segments)", videos, List.of(video, video), w));
        }

        out.add("| workload | workers | rows | wall s | rows/s | speed-up 1 -> 2 | JVM CPU s | ffmpeg CPU s | rows per CPU s |");
        out.add("|---|---|---|---|---|---|---|---|---|");
        for (int i = 0; i < runs.size(); i++) {
            Run r = runs.get(i);
            String speedup = r.workers() == 2 ? String.format(Locale.ROOT, "%.2fx", r.rate() / runs.get(i - 1).rate()) : "";
            double cpu = r.cpuSeconds() + r.childCpuSeconds();
            out.add(String.format(Locale.ROOT, "| %s | %d | %d | %.1f | %.1f | %s | %.1f | %.1f | %.1f |", r.what(), r.workers(),
                    r.units(), r.seconds(), r.rate(), speedup, r.cpuSeconds(), r.childCpuSeconds(), r.units() / cpu));
        }

        // --- Why PNG for pages: encode the same rendered pages both ways.
        out.add("");
        out.add(pageEncodingComparison(rIntro));
    }

    private static void heavy(Path rIntro, Path video, Path work, List<String> out) throws Exception {
        // --- Peak heap: a 339-page PDF and a 10-minute 720p video normalized at once (2 workers).
        Path bigPdf = mergedPdf(rIntro, work, 3);
        Path longVideo = longVideo(video, work, 5);
        System.gc();
        resetPeaks();
        Run heavy = run("339-page PDF + 10-min 720p video", null, List.of(bigPdf, longVideo), 2);
        out.add("");
        out.add(String.format(Locale.ROOT, "Peak Java heap while normalizing a 339-page PDF and a 10-minute 720p video "
                        + "together (2 workers, %d rows in %.1f s): %d MiB used of a %d MiB maximum (-Xmx).",
                heavy.units(), heavy.seconds(), peakHeapMiB(), Runtime.getRuntime().maxMemory() >> 20));
    }

    private static Run run(String what, Normalizer normalizer, List<Path> files, int workers) throws Exception {
        AtomicLong rows = new AtomicLong();
        AtomicLong thumbs = new AtomicLong();
        ThumbnailSink thumbSink = (f, c, d, jpeg) -> thumbs.incrementAndGet();
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        long t0 = System.nanoTime();
        double cpu0 = processCpuSeconds();
        double child0 = childCpuSeconds();
        try {
            List<Future<?>> done = new ArrayList<>();
            for (Path file : files) {
                Normalizer n = normalizer != null ? normalizer : ai.deeplake4j.ingest.normalize.Normalizers.defaults().forFile(file);
                done.add(pool.submit(() -> {
                    n.normalize(new SourceFile(file, file.getFileName().toString()),
                            new NormalizeContext(IngestOptions.defaults(), thumbSink), row -> rows.incrementAndGet());
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
            pool.awaitTermination(1, TimeUnit.MINUTES);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        Run r = new Run(what, workers, rows.get(), seconds, processCpuSeconds() - cpu0, childCpuSeconds() - child0);
        System.err.printf(Locale.ROOT, "%s, %d worker(s): %d rows, %d thumbnails in %.2f s = %.1f/s%n",
                what, workers, rows.get(), thumbs.get(), seconds, r.rate());
        return r;
    }

    private static void run(Normalizer normalizer, List<Path> files, int workers) throws Exception {
        run("warm-up", normalizer, files, workers);
    }

    /** Corpus images rescaled to about 1,000,000 pixels, written as JPEG (from JPEGs) or PNG. */
    private static List<Path> megapixelImages(Path corpus, Path work) throws IOException {
        List<Path> made = new ArrayList<>();
        for (String name : List.of("rocket.jpg", "baboon.jpg", "cmyk.jpg", "coffee.png", "astronaut.png", "wizard.png")) {
            String format = name.endsWith(".png") ? "png" : "jpg";
            Path target = work.resolve("1mp-" + name.substring(0, name.lastIndexOf('.')) + "." + format);
            if (!Files.exists(target)) {
                BufferedImage src = ImageIO.read(corpus.resolve("image/" + name).toFile());
                double scale = Math.sqrt(1_000_000.0 / ((double) src.getWidth() * src.getHeight()));
                int w = (int) Math.round(src.getWidth() * scale);
                int h = (int) Math.round(src.getHeight() * scale);
                BufferedImage dst = new BufferedImage(w, h, format.equals("png") && src.getColorModel().hasAlpha()
                        ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
                Graphics2D g = dst.createGraphics();
                g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
                g.drawImage(src, 0, 0, w, h, null);
                g.dispose();
                if (format.equals("png")) {
                    ImageIO.write(dst, "png", target.toFile());
                } else {
                    Files.write(target, new JpegEncoder(0.9f).encode(dst));
                }
            }
            made.add(target);
        }
        return made;
    }

    private static Path ensureVideo(Path work) throws Exception {
        Path video = work.resolve("720p-120s.mp4");
        if (!Files.exists(video)) {
            ffmpeg("-f", "lavfi", "-i", "testsrc2=size=1280x720:rate=30", "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000",
                    "-t", "120", "-c:v", "libx264", "-preset", "ultrafast", "-g", "60", "-pix_fmt", "yuv420p",
                    "-c:a", "aac", "-b:a", "96k", video.toString());
        }
        return video;
    }

    /** {@code copies} x the video, joined by stream copy (no re-encoding). */
    private static Path longVideo(Path video, Path work, int copies) throws Exception {
        Path target = work.resolve("720p-" + (120 * copies) + "s.mp4");
        if (!Files.exists(target)) {
            Path list = work.resolve("concat.txt");
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < copies; i++) {
                sb.append("file '").append(video.toAbsolutePath()).append("'\n");
            }
            Files.writeString(list, sb);
            ffmpeg("-f", "concat", "-safe", "0", "-i", list.toString(), "-c", "copy", target.toString());
        }
        return target;
    }

    private static Path mergedPdf(Path pdf, Path work, int copies) throws IOException {
        Path target = work.resolve("merged-" + copies + "x.pdf");
        if (!Files.exists(target)) {
            PDFMergerUtility merger = new PDFMergerUtility();
            for (int i = 0; i < copies; i++) {
                merger.addSource(pdf.toFile());
            }
            merger.setDestinationFileName(target.toString());
            merger.mergeDocuments(null);
        }
        return target;
    }

    private static void ffmpeg(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("ffmpeg", "-nostdin", "-v", "error", "-y"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).inheritIO().start();
        if (p.waitFor() != 0) {
            throw new IOException("ffmpeg failed: " + cmd);
        }
    }

    private static void resetPeaks() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
    }

    /** Sum of the heap pools' peaks: an upper bound of the heap in use at any one time. */
    private static long peakHeapMiB() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum >> 20;
    }

    /** CPU time of the calling thread, so the comparison holds even on a busy machine. */
    private static long cpu() {
        return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }

    private static String pageEncodingComparison(Path pdfFile) throws IOException {
        int pages = 20;
        long[] nanos = new long[5];
        long[] bytes = new long[5];
        JpegEncoder jpeg = new JpegEncoder(0.90f);
        PageImageEncoder png = new PageImageEncoder();
        try (PDDocument doc = Loader.loadPDF(pdfFile.toFile())) {
            PDFRenderer renderer = new PDFRenderer(doc);
            PDFTextStripper stripper = new PDFTextStripper();
            for (int pass = 0; pass < 2; pass++) { // the first pass warms up the JIT
                java.util.Arrays.fill(nanos, 0);
                java.util.Arrays.fill(bytes, 0);
                for (int i = 0; i < pages; i++) {
                    long t0 = cpu();
                    BufferedImage img = renderer.renderImageWithDPI(i, 150, ImageType.RGB);
                    long t1 = cpu();
                    stripper.setStartPage(i + 1);
                    stripper.setEndPage(i + 1);
                    stripper.getText(doc);
                    long t2 = cpu();
                    byte[] p = png.encode(img);
                    long t3 = cpu();
                    ByteArrayOutputStream bos = new ByteArrayOutputStream();
                    ImageIO.write(img, "png", bos);
                    long t4 = cpu();
                    byte[] j = jpeg.encode(img);
                    long t5 = cpu();
                    nanos[0] += t1 - t0;
                    nanos[1] += t2 - t1;
                    nanos[2] += t3 - t2;
                    nanos[3] += t4 - t3;
                    nanos[4] += t5 - t4;
                    bytes[2] += p.length;
                    bytes[3] += bos.size();
                    bytes[4] += j.length;
                }
            }
        }
        return String.format(Locale.ROOT, "Per page, first %d pages of R-intro.pdf at 150 DPI, CPU ms of one thread: "
                        + "render %.0f, text %.0f; PNG fast deflate (chosen) %.0f ms / %d KiB; PNG default deflate %.0f ms / %d KiB; "
                        + "JPEG q0.90 %.0f ms / %d KiB.",
                pages, nanos[0] / 1e6 / pages, nanos[1] / 1e6 / pages, nanos[2] / 1e6 / pages, bytes[2] / 1024 / pages,
                nanos[3] / 1e6 / pages, bytes[3] / 1024 / pages, nanos[4] / 1e6 / pages, bytes[4] / 1024 / pages);
    }
}
