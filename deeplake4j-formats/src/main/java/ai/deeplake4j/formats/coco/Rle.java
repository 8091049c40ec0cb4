package ai.deeplake4j.formats.coco;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * COCO run-length encoded masks ({@code {"size": [h, w], "counts": ...}}): runs over the pixels in
 * column-major order, alternating background and foreground, starting with background. {@code counts}
 * is either a list of run lengths (uncompressed, used for crowd annotations) or the compact string
 * form of the COCO API: each run is a signed number in 5-bit groups (character = group + 48, bit 0x20
 * = more groups follow, bit 0x10 of the last group = negative), and from the third run on, runs are
 * stored as the difference to the run two places before.
 */
final class Rle {
    private Rle() {
    }

    /** The run lengths. @throws IllegalArgumentException on a malformed counts value */
    static long[] counts(JsonNode counts) {
        if (counts.isArray()) {
            long[] out = new long[counts.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = counts.get(i).asLong();
            }
            return out;
        }
        if (counts.isTextual()) {
            return decodeString(counts.asText());
        }
        throw new IllegalArgumentException("RLE counts must be a list or a string");
    }

    static long[] decodeString(String s) {
        long[] out = new long[s.length()];
        int n = 0;
        int p = 0;
        while (p < s.length()) {
            long x = 0;
            int k = 0;
            boolean more = true;
            while (more) {
                if (p >= s.length()) {
                    throw new IllegalArgumentException("RLE string ends inside a number");
                }
                int c = s.charAt(p++) - 48;
                x |= (long) (c & 0x1f) << (5 * k);
                more = (c & 0x20) != 0;
                k++;
                if (!more && (c & 0x10) != 0) {
                    x |= -1L << (5 * k);
                }
            }
            if (n > 2) {
                x += out[n - 2];
            }
            out[n++] = x;
        }
        return java.util.Arrays.copyOf(out, n);
    }

    /**
     * Sets {@code value} in the row-major {@code labels} (width x height) wherever the mask is on.
     *
     * @throws IllegalArgumentException when the runs cover more pixels than the image has
     */
    static void paint(long[] counts, int maskHeight, int maskWidth, int[] labels, int width, int height, int value) {
        long pos = 0;
        long total = (long) maskHeight * maskWidth;
        for (int i = 0; i < counts.length; i++) {
            long run = counts[i];
            if (run < 0 || pos + run > total) {
                throw new IllegalArgumentException("RLE runs exceed the " + maskWidth + "x" + maskHeight + " mask");
            }
            if ((i & 1) == 1) {
                for (long q = pos; q < pos + run; q++) {
                    int x = (int) (q / maskHeight);
                    int y = (int) (q % maskHeight);
                    if (x < width && y < height) {
                        labels[y * width + x] = value;
                    }
                }
            }
            pos += run;
        }
    }
}
