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
     * The {@code dimension} value of the thumbnails table: the requested box {@code "NxN"}
     * (e.g. {@code "32x32"}), not the actual size, so a reader can ask for a size without
     * knowing the image's aspect ratio.
     */
    public String dimension() {
        return box + "x" + box;
    }
}
