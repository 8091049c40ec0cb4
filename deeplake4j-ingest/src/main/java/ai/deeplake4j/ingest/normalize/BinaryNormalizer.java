package ai.deeplake4j.ingest.normalize;

import ai.deeplake4j.api.schema.ColumnType;
import ai.deeplake4j.api.schema.TypeKind;
import java.io.IOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SequencedMap;
import java.util.Set;

/** Any other file (ARCHITECTURE 2.5 "other"): one row with its bytes in {@code data} and its {@code filename}. */
public final class BinaryNormalizer implements Normalizer {
    private static final SequencedMap<String, ColumnType> COLUMNS = Normalizer.columnsOf(
            "data", ColumnType.of(TypeKind.BINARY),
            "filename", ColumnType.of(TypeKind.TEXT));

    @Override
    public Set<String> extensions() {
        return Set.of();
    }

    @Override
    public SequencedMap<String, ColumnType> columns() {
        return COLUMNS;
    }

    @Override
    public void normalize(SourceFile file, NormalizeContext context, RowSink sink) throws IOException {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("data", Files.readAllBytes(file.path()));
        row.put("filename", file.path().getFileName().toString());
        sink.accept(row);
    }
}
