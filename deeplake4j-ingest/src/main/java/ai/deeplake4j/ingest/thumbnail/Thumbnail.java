package ai.deeplake4j.ingest.thumbnail;

/**
 * One thumbnail as stored in the workspace's {@code thumbnails} table.
 *
 * @param box    the requested size N in pixels: the longer side of the thumbnail is exactly N
 * @param width  the actual width in pixels (aspect kept, at least 1)
 * @param height the actual height in pixels (aspect kept, at least 1)
 * @param jpeg   JPEG bytes at quality 0.85, opaque (transparency flattened onto white)
 */
public record Thumbnail(int box, int width, int height, byte[] jpeg) {

    /**
     * The {@code dimension} value of the thumbnails table: the thumbnail's real size {@code
     * "WxH"} (e.g. {@code "256x223"} for the 256 box of a landscape image), as the Deeplake docs
     * describe it. The requested box is the larger of the two numbers.
     */
    public String dimension() {
        return width + "x" + height;
    }
}
