package ai.deeplake4j.ingest.image;

import ai.deeplake4j.api.schema.ColumnType;
import ai.deeplake4j.api.schema.TypeKind;
import ai.deeplake4j.ingest.normalize.NormalizeContext;
import ai.deeplake4j.ingest.normalize.Normalizer;
import ai.deeplake4j.ingest.normalize.RowSink;
import ai.deeplake4j.ingest.normalize.SourceFile;
import ai.deeplake4j.ingest.thumbnail.ThumbnailMaker;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SequencedMap;
import java.util.Set;

/**
 * Image files (.jpg .jpeg .png .gif .bmp .webp; ARCHITECTURE 2.5): one row with {@code image}
 * (the file's original bytes, IMAGE), {@code filename} (TEXT) and {@code text} (always NULL).
 * The first frame is decoded to validate the file (CMYK JPEG, transparency and animated GIF/WebP
 * are accepted) and to make the thumbnails 32, 64, 128 and 256 px, which go to the context's
 * {@code ThumbnailSink} under column {@code "image"} with dimension {@code "NxN"}. A file that
 * does not decode is an {@link IOException}; a thumbnail failure is only logged.
 */
public final class ImageNormalizer implements Normalizer {
    /** The column the image bytes and their thumbnails are filed under. */
    public static final String IMAGE_COLUMN = "image";

    private static final Set<String> EXTENSIONS = Set.of("jpg", "jpeg", "png", "gif", "bmp", "webp");
    private static final SequencedMap<String, ColumnType> COLUMNS = Normalizer.columnsOf(
            IMAGE_COLUMN, ColumnType.of(TypeKind.IMAGE),
            "filename", ColumnType.of(TypeKind.TEXT),
            "text", ColumnType.of(TypeKind.TEXT));

    private final ThumbnailMaker thumbnails;
    private final ImageDecoder decoder;

    /** With the default thumbnail sizes and quality. */
    public ImageNormalizer() {
        this(ThumbnailMaker.defaults());
    }

    /** @param thumbnails the thumbnail sizes and quality to produce */
    public ImageNormalizer(ThumbnailMaker thumbnails) {
        this.thumbnails = thumbnails;
        // Decode at twice the largest thumbnail at least, so the downscale stays sharp.
        this.decoder = new ImageDecoder(2 * ThumbnailMaker.DEFAULT_SIZES.getLast());
    }

    @Override
    public Set<String> extensions() {
        return EXTENSIONS;
    }

    @Override
    public SequencedMap<String, ColumnType> columns() {
        return COLUMNS;
    }

    /** @throws IOException when the file is empty, unreadable, or not a decodable image */
    @Override
    public void normalize(SourceFile file, NormalizeContext context, RowSink sink) throws IOException {
        byte[] bytes = Files.readAllBytes(file.path());
        if (bytes.length == 0) {
            throw new IOException("image file is empty (0 bytes)");
        }
        BufferedImage firstFrame = decoder.decodeFirstFrame(bytes);
        thumbnails.emit(firstFrame, file.fileId(), IMAGE_COLUMN, context.thumbnails());
        Map<String, Object> row = new LinkedHashMap<>();
        row.put(IMAGE_COLUMN, bytes);
        row.put("filename", file.path().getFileName().toString());
        row.put("text", null);
        sink.accept(row);
    }
}
