package ai.deeplake4j.formats;

import ai.deeplake4j.api.ingest.Format;
import ai.deeplake4j.api.ingest.IngestOptions;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

/** Test helpers: small images, PNG decoding, and draining a format into rows. */
public final class FormatTestSupport {
    private FormatTestSupport() {
    }

    /** A w x h image filled with one colour and a diagonal, encoded as {@code format} (png, jpg). */
    public static byte[] image(int w, int h, Color color, String format) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(color);
        g.fillRect(0, 0, w, h);
        g.setColor(Color.BLACK);
        g.drawLine(0, 0, w - 1, h - 1);
        g.dispose();
        return encode(img, format);
    }

    public static byte[] encode(BufferedImage img, String format) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (!ImageIO.write(img, format, out)) {
                throw new IllegalStateException("no writer for " + format);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static BufferedImage decode(byte[] bytes) {
        try {
            return ImageIO.read(new ByteArrayInputStream(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Path write(Path file, byte[] bytes) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.write(file, bytes);
    }

    public static Path write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }

    /** Every row the format yields, after configuring it with {@code options}. */
    public static List<Map<String, Object>> rows(Format format, IngestOptions options) {
        format.configure(options);
        List<Map<String, Object>> rows = new ArrayList<>();
        Iterator<Map<String, List<?>>> it = format.normalize();
        while (it.hasNext()) {
            Map<String, List<?>> batch = it.next();
            int n = batch.values().iterator().next().size();
            for (int r = 0; r < n; r++) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (Map.Entry<String, List<?>> e : batch.entrySet()) {
                    row.put(e.getKey(), e.getValue().get(r));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    public static List<Map<String, Object>> rows(Format format) {
        return rows(format, IngestOptions.defaults());
    }

    public static IngestOptions skipping() {
        return IngestOptions.builder().skipFailedFiles(true).build();
    }
}
