package ai.deeplake4j.formats.coco;

/**
 * One entry of a COCO {@code images} array.
 *
 * @param id       the image id
 * @param fileName the file name relative to the images directory
 * @param width    width in pixels as the JSON declares it
 * @param height   height in pixels as the JSON declares it
 */
public record CocoImage(long id, String fileName, int width, int height) {
}
