package ai.deeplake4j.formats.common;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

/**
 * Encodes a label map (one non-negative int per pixel, row-major) as a grayscale PNG: 8-bit when
 * every value is at most 255, else 16-bit (values up to 65535). Lossless, so the pixel values read
 * back are exactly the labels. Uses fast deflate with the PNG "Up" filter, which suits masks made of
 * flat regions. Thread-safe (stateless).
 */
public final class GrayPng {
    private static final byte[] SIGNATURE = {(byte) 137, 80, 78, 71, 13, 10, 26, 10};

    private GrayPng() {
    }

    /**
     * @param labels width x height values, row-major
     * @throws IllegalArgumentException when sizes disagree or a value is outside 0..65535
     */
    public static byte[] encode(int[] labels, int width, int height) {
        if (width <= 0 || height <= 0 || labels.length != width * height) {
            throw new IllegalArgumentException("label map of " + labels.length + " values is not " + width + "x" + height);
        }
        int max = 0;
        for (int v : labels) {
            if (v < 0 || v > 65535) {
                throw new IllegalArgumentException("label " + v + " is outside 0..65535");
            }
            max = Math.max(max, v);
        }
        int bytesPerPixel = max <= 255 ? 1 : 2;
        int stride = width * bytesPerPixel;
        byte[] raw = new byte[(stride + 1) * height];
        byte[] prev = new byte[stride];
        byte[] line = new byte[stride];
        int o = 0;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int v = labels[y * width + x];
                if (bytesPerPixel == 1) {
                    line[x] = (byte) v;
                } else {
                    line[2 * x] = (byte) (v >>> 8);
                    line[2 * x + 1] = (byte) v;
                }
            }
            raw[o++] = 2; // filter "Up": the difference to the row above, mostly zeros in a mask
            for (int i = 0; i < stride; i++) {
                raw[o++] = (byte) (line[i] - prev[i]);
            }
            byte[] t = prev;
            prev = line;
            line = t;
        }
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length / 8 + 64);
            out.write(SIGNATURE);
            ByteArrayOutputStream ihdr = new ByteArrayOutputStream();
            DataOutputStream h = new DataOutputStream(ihdr);
            h.writeInt(width);
            h.writeInt(height);
            h.writeByte(bytesPerPixel * 8); // bit depth
            h.writeByte(0); // colour type: grayscale
            h.writeByte(0);
            h.writeByte(0);
            h.writeByte(0);
            chunk(out, "IHDR", ihdr.toByteArray());
            ByteArrayOutputStream idat = new ByteArrayOutputStream(raw.length / 8 + 64);
            Deflater deflater = new Deflater(Deflater.BEST_SPEED);
            try (DeflaterOutputStream z = new DeflaterOutputStream(idat, deflater, 1 << 16)) {
                z.write(raw);
            } finally {
                deflater.end();
            }
            chunk(out, "IDAT", idat.toByteArray());
            chunk(out, "IEND", new byte[0]);
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException("in-memory PNG encoding failed", e);
        }
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) throws IOException {
        DataOutputStream d = new DataOutputStream(out);
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        d.writeInt(data.length);
        d.write(t);
        d.write(data);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        d.writeInt((int) crc.getValue());
    }
}
