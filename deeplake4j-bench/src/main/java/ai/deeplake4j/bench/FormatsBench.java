package ai.deeplake4j.bench;

import ai.deeplake4j.api.ingest.IngestOptions;
import ai.deeplake4j.api.ingest.IngestResult;
import ai.deeplake4j.engine.EmbeddedClient;
import ai.deeplake4j.api.ingest.Format;
import ai.deeplake4j.formats.coco.Coco;
import ai.deeplake4j.formats.huggingface.HuggingFaceParquet;
import ai.deeplake4j.ingest.jpeg.TurboJpeg;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.imageio.ImageIO;

/**
 * Issue 6 benchmark: ingest rates of the dataset formats through the embedded client, thumbnails
 * included. (1) A Hugging Face image-classification split of HF_ROWS rows (32x32 PNG images in
 * {@code struct{bytes, path}}, a ClassLabel with 10 names), 4 Parquet files, read from a local
 * directory via {@code {"_huggingface": dir}}: rows/s. (2) COCO with COCO_IMAGES 640x480 JPEGs, 7
 * polygon annotations and 5 captions each: images/s (category mask rasterized and PNG-encoded per
 * image). Each case also without thumbnails (the format's own cost), then with them. Fixtures are
 * generated first and not timed. "per CPU s" divides rows by the process's CPU time, i.e. the rate
 * one idle core would give, which does not depend on the machine's load. The JPEG codec in use
 * (libjpeg-turbo or ImageIO) is printed first. Usage: {@code bin/bench formats [HF_ROWS [COCO_IMAGES]]}.
 */
public final class FormatsBench {
    public static void main(String[] args) throws Exception {
        int hfRows = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int cocoImages = args.length > 1 ? Integer.parseInt(args[1]) : 300;
        Path work = TempDirs.create("deeplake4j-bench-formats");
        Path hf = huggingFace(work.resolve("hf"), hfRows);
        Path coco = coco(work.resolve("coco"), cocoImages);
        List<Path> hfFiles;
        try (var s = Files.walk(hf)) {
            hfFiles = s.filter(p -> p.toString().endsWith(".parquet")).sorted().toList();
        }
        try (EmbeddedClient client = EmbeddedClient.open(work.resolve("lake"))) {
            // Warm-up (JIT, DuckDB, Iceberg) on the same files, not reported.
            client.ingest("warmup", null, IngestOptions.builder().format(new NoThumbnails(new HuggingFaceParquet(hfFiles, "bench"))).build());
            System.out.println("JPEG codec: " + TurboJpeg.configured().map(t -> "libjpeg-turbo (" + t + ")").orElse("ImageIO"));
            System.out.println();
            System.out.println("| case | rows | wall s | rate | per CPU s | target |");
            System.out.println("|---|---|---|---|---|---|");
            // Without thumbnails first: the format's own cost (read, convert, write, commit).
            row("Hugging Face Parquet, 32x32 PNG + ClassLabel, without thumbnails", "rows/s", "≥ 1,000 rows/s", () -> client.ingest("hf0", null,
                    IngestOptions.builder().format(new NoThumbnails(new HuggingFaceParquet(hfFiles, "bench"))).build()));
            row("Hugging Face Parquet, 32x32 PNG + ClassLabel, `{\"_huggingface\": dir}` with thumbnails", "rows/s", "≥ 1,000 rows/s",
                    () -> client.ingest("hf", Map.of("_huggingface", List.of(hf.toString()))));
            row("COCO instances + captions, 640x480 JPEG, 7 polygons/image, without thumbnails", "images/s", "≥ 50 images/s",
                    () -> client.ingest("coco0", null, IngestOptions.builder().format(new NoThumbnails(new Coco(coco.resolve("images"),
                            coco.resolve("instances.json"), coco.resolve("captions.json")))).build()));
            row("COCO instances + captions, 640x480 JPEG, 7 polygons/image, with thumbnails", "images/s", "≥ 50 images/s",
                    () -> client.ingest("coco", null, IngestOptions.builder().format(new Coco(coco.resolve("images"),
                            coco.resolve("instances.json"), coco.resolve("captions.json"))).build()));
        }
    }

    private static void row(String name, String unit, String target, java.util.function.Supplier<IngestResult> ingest) {
        var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long cpu = os.getProcessCpuTime();
        long t = System.nanoTime();
        IngestResult r = ingest.get();
        double seconds = (System.nanoTime() - t) / 1e9;
        double cpuSeconds = (os.getProcessCpuTime() - cpu) / 1e9;
        System.out.printf("| %s | %,d | %.1f | %,.0f %s | %,.0f | %s |%n", name, r.rowCount(), seconds, r.rowCount() / seconds, unit,
                r.rowCount() / cpuSeconds, target);
    }

    /** A format with its thumbnails turned off: {@link Format#imageColumns()} empty, the rest delegated. */
    private record NoThumbnails(Format format) implements Format {
        @Override public java.util.Iterator<Map<String, List<?>>> normalize() { return format.normalize(); }
        @Override public Map<String, ai.deeplake4j.api.schema.ColumnType> schema() { return format.schema(); }
        @Override public void configure(IngestOptions options) { format.configure(options); }
        @Override public void close() { format.close(); }
    }

    private static byte[] encode(BufferedImage img, String format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, format, out);
        return out.toByteArray();
    }

    /** A picture-like image: a gradient, some shapes and noise, so JPEG/PNG sizes are realistic. */
    private static BufferedImage picture(int w, int h, Random r) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setPaint(new GradientPaint(0, 0, new Color(r.nextInt()), w, h, new Color(r.nextInt())));
        g.fillRect(0, 0, w, h);
        for (int i = 0; i < 8; i++) {
            g.setColor(new Color(r.nextInt()));
            g.fillOval(r.nextInt(w), r.nextInt(h), 1 + r.nextInt(w / 2), 1 + r.nextInt(h / 2));
        }
        g.dispose();
        for (int i = 0; i < w * h / 20; i++) {
            img.setRGB(r.nextInt(w), r.nextInt(h), r.nextInt());
        }
        return img;
    }

    private static Path huggingFace(Path dir, int rows) throws Exception {
        Random r = new Random(1);
        String features = "{\"info\": {\"features\": {\"img\": {\"_type\": \"Image\"}, \"label\": {\"names\": "
                + "[\"airplane\", \"automobile\", \"bird\", \"cat\", \"deer\", \"dog\", \"frog\", \"horse\", \"ship\", \"truck\"],"
                + " \"_type\": \"ClassLabel\"}}}}";
        Files.createDirectories(dir.resolve("plain_text"));
        int files = 4;
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement s = db.createStatement()) {
            for (int f = 0; f < files; f++) {
                s.execute("CREATE OR REPLACE TABLE t (img STRUCT(bytes BLOB, path VARCHAR), label BIGINT)");
                try (PreparedStatement p = db.prepareStatement("INSERT INTO t SELECT {'bytes': ?::BLOB, 'path': NULL}, ?")) {
                    for (int i = f * rows / files; i < (f + 1) * rows / files; i++) {
                        p.setBytes(1, encode(picture(32, 32, r), "png"));
                        p.setLong(2, i % 10);
                        p.addBatch();
                    }
                    p.executeBatch();
                }
                s.execute("COPY t TO '" + dir.resolve(String.format("plain_text/train-%05d-of-%05d.parquet", f, files))
                        + "' (FORMAT parquet, KV_METADATA {huggingface: '" + features + "'})");
            }
        }
        return dir;
    }

    private static Path coco(Path dir, int images) throws Exception {
        Random r = new Random(2);
        Path imageDir = Files.createDirectories(dir.resolve("images"));
        StringBuilder imgs = new StringBuilder();
        StringBuilder anns = new StringBuilder();
        StringBuilder caps = new StringBuilder();
        int annId = 0;
        for (int i = 1; i <= images; i++) {
            String name = String.format("%012d.jpg", i);
            Files.write(imageDir.resolve(name), encode(picture(640, 480, r), "jpg"));
            imgs.append(i > 1 ? "," : "").append("{\"id\":").append(i).append(",\"file_name\":\"").append(name)
                    .append("\",\"width\":640,\"height\":480}");
            for (int a = 0; a < 7; a++) {
                int x = r.nextInt(500);
                int y = r.nextInt(350);
                int w = 20 + r.nextInt(120);
                int h = 20 + r.nextInt(120);
                StringBuilder poly = new StringBuilder();
                for (int k = 0; k < 12; k++) {
                    double angle = 2 * Math.PI * k / 12;
                    poly.append(k > 0 ? "," : "").append(String.format("%.1f,%.1f",
                            x + w / 2.0 + Math.cos(angle) * w / 2.0 * (0.7 + 0.3 * r.nextDouble()),
                            y + h / 2.0 + Math.sin(angle) * h / 2.0 * (0.7 + 0.3 * r.nextDouble())));
                }
                anns.append(annId > 0 ? "," : "").append("{\"id\":").append(++annId).append(",\"image_id\":").append(i)
                        .append(",\"category_id\":").append(1 + r.nextInt(90)).append(",\"iscrowd\":0,\"area\":").append(w * h)
                        .append(",\"bbox\":[").append(x).append(',').append(y).append(',').append(w).append(',').append(h)
                        .append("],\"segmentation\":[[").append(poly).append("]]}");
            }
            for (int c = 0; c < 5; c++) {
                caps.append(caps.isEmpty() ? "" : ",").append("{\"id\":").append(i * 10 + c).append(",\"image_id\":").append(i)
                        .append(",\"caption\":\"A picture number ").append(i).append(" with shapes, caption ").append(c).append(".\"}");
            }
        }
        StringBuilder cats = new StringBuilder();
        for (int c = 1; c <= 90; c++) {
            cats.append(c > 1 ? "," : "").append("{\"id\":").append(c).append(",\"name\":\"c").append(c).append("\"}");
        }
        Files.writeString(dir.resolve("instances.json"), "{\"images\":[" + imgs + "],\"annotations\":[" + anns
                + "],\"categories\":[" + cats + "]}");
        Files.writeString(dir.resolve("captions.json"), "{\"images\":[" + imgs + "],\"annotations\":[" + caps + "]}");
        return dir;
    }
}
