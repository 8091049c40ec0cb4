package ai.deeplake4j.ingest.normalize;

import ai.deeplake4j.api.schema.ColumnType;
import ai.deeplake4j.api.schema.TypeKind;
import ai.deeplake4j.ingest.text.HtmlText;
import ai.deeplake4j.ingest.text.TextChunker;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SequencedMap;
import java.util.Set;

/**
 * Text files (.txt .md .csv .json .xml .html): UTF-8 (ISO-8859-1 when the bytes are not UTF-8),
 * HTML reduced to its visible text, then chunked by {@link TextChunker} with the ingest's
 * {@code chunk_size} / {@code chunk_overlap}. Rows: {@code chunk_index} from 0, {@code text}.
 * An empty file is an error: it would silently make no rows.
 */
public final class TextNormalizer implements Normalizer {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(TextNormalizer.class);
    private static final Set<String> EXTENSIONS = Set.of("txt", "md", "csv", "json", "xml", "html", "htm");
    private static final SequencedMap<String, ColumnType> COLUMNS = Normalizer.columnsOf(
            "chunk_index", ColumnType.of(TypeKind.INT64),
            "text", ColumnType.of(TypeKind.TEXT));

    @Override
    public Set<String> extensions() {
        return EXTENSIONS;
    }

    @Override
    public SequencedMap<String, ColumnType> columns() {
        return COLUMNS;
    }

    /** The file's size over the chunk step (chunk size less overlap): exact for plain text, high for markup. */
    @Override
    public long estimateRows(java.nio.file.Path file, ai.deeplake4j.api.ingest.IngestOptions options) {
        try {
            long step = Math.max(1, options.chunkSize() - options.chunkOverlap());
            return Math.max(1, (java.nio.file.Files.size(file) + step - 1) / step);
        } catch (IOException | RuntimeException e) {
            return 1;
        }
    }

    @Override
    public void normalize(SourceFile file, NormalizeContext context, RowSink sink) throws IOException {
        String text = read(file);
        if (FileKinds.extension(file.path()).startsWith("htm")) {
            text = HtmlText.extract(text, warning -> LOG.warn("{}: {}", file.path().getFileName(), warning));
        }
        if (text.isEmpty()) {
            throw new IOException("file is empty (no text to ingest)");
        }
        TextChunker chunker = new TextChunker(context.options().chunkSize(), context.options().chunkOverlap());
        long index = 0;
        for (String chunk : chunker.chunk(text)) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("chunk_index", index++);
            row.put("text", chunk);
            sink.accept(row);
        }
    }

    private static String read(SourceFile file) throws IOException {
        byte[] bytes = Files.readAllBytes(file.path());
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString()
                    .replace("\uFEFF", "");
        } catch (CharacterCodingException e) {
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
    }

}
