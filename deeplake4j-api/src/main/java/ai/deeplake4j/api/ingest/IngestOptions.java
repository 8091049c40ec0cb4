package ai.deeplake4j.api.ingest;

import ai.deeplake4j.api.schema.ColumnType;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Options of {@code ingest}, named as Deeplake's keyword arguments. Immutable; build with
 * {@link #builder()}. Defaults follow ARCHITECTURE 2.8.
 *
 * @param format               a dataset format; when set, the data argument is ignored
 * @param schema               explicit column types (win over format and inference); a
 *                             {@code FILE} column means its values are file paths to normalize
 * @param index                columns to index after the ingest, column to index type
 *                             (null type = the column type's default)
 * @param onProgress           progress callback, or null
 * @param chunkSize            text chunk length in characters (default 1000)
 * @param chunkOverlap         characters shared by consecutive chunks (default 200)
 * @param pdfDpi               PDF render resolution in dots per inch (default 150)
 * @param flushEvery           rows buffered before they are staged for writing (default 200)
 * @param commitEvery          rows per commit; a crash loses at most this many (default 2000)
 * @param normalizationWorkers threads normalizing files (default 4)
 * @param skipFailedFiles      skip a file that fails to normalize and report it, instead of
 *                             stopping with an {@code IngestException} (default false)
 */
public record IngestOptions(Format format, Map<String, ColumnType> schema, Map<String, String> index,
                            ProgressListener onProgress, int chunkSize, int chunkOverlap, int pdfDpi,
                            int flushEvery, int commitEvery, int normalizationWorkers, boolean skipFailedFiles) {

    /**
     * How an ingest error tells the caller to skip failing inputs, for both the Java API and the
     * CLI, e.g. {@code skipHint("files")}.
     */
    public static String skipHint(String what) {
        return "to skip such " + what + " instead, set skipFailedFiles(true), or --skip-failed on the command line";
    }

    public static final int DEFAULT_CHUNK_SIZE = 1000;
    public static final int DEFAULT_CHUNK_OVERLAP = 200;
    public static final int DEFAULT_PDF_DPI = 150;
    public static final int DEFAULT_FLUSH_EVERY = 200;
    public static final int DEFAULT_COMMIT_EVERY = 2000;
    public static final int DEFAULT_NORMALIZATION_WORKERS = 4;

    public IngestOptions {
        schema = schema == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(schema));
        index = index == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(index));
        positive("chunk_size", chunkSize);
        if (chunkOverlap < 0 || chunkOverlap >= chunkSize) {
            throw new IllegalArgumentException("chunk_overlap must be >= 0 and < chunk_size (" + chunkSize + "), got " + chunkOverlap);
        }
        positive("pdf_dpi", pdfDpi);
        positive("flush_every", flushEvery);
        positive("commit_every", commitEvery);
        positive("normalization_workers", normalizationWorkers);
    }

    private static void positive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be > 0, got " + value);
        }
    }

    /** All defaults. */
    public static IngestOptions defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these options. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.format = format;
        b.schema.putAll(schema);
        b.index.putAll(index);
        b.onProgress = onProgress;
        b.chunkSize = chunkSize;
        b.chunkOverlap = chunkOverlap;
        b.pdfDpi = pdfDpi;
        b.flushEvery = flushEvery;
        b.commitEvery = commitEvery;
        b.normalizationWorkers = normalizationWorkers;
        b.skipFailedFiles = skipFailedFiles;
        return b;
    }

    /** Mutable builder of {@link IngestOptions}. */
    public static final class Builder {
        private Format format;
        private final Map<String, ColumnType> schema = new LinkedHashMap<>();
        private final Map<String, String> index = new LinkedHashMap<>();
        private ProgressListener onProgress;
        private int chunkSize = DEFAULT_CHUNK_SIZE;
        private int chunkOverlap = DEFAULT_CHUNK_OVERLAP;
        private int pdfDpi = DEFAULT_PDF_DPI;
        private int flushEvery = DEFAULT_FLUSH_EVERY;
        private int commitEvery = DEFAULT_COMMIT_EVERY;
        private int normalizationWorkers = DEFAULT_NORMALIZATION_WORKERS;
        private boolean skipFailedFiles;

        public Builder format(Format format) { this.format = format; return this; }

        /** Declares a column type, e.g. {@code schema("path", "FILE")}, {@code schema("emb", "EMBEDDING(384)")}. */
        public Builder schema(String column, String type) { return schema(column, ColumnType.parse(type)); }

        public Builder schema(String column, ColumnType type) { schema.put(column, type); return this; }

        public Builder schema(Map<String, ColumnType> types) { schema.putAll(types); return this; }

        /** Indexes a column after the ingest with its type's default index. */
        public Builder index(String column) { index.put(column, null); return this; }

        /** Indexes a column after the ingest with the given index type. */
        public Builder index(String column, String indexType) { index.put(column, indexType); return this; }

        public Builder onProgress(ProgressListener listener) { this.onProgress = listener; return this; }

        public Builder chunkSize(int chars) { this.chunkSize = chars; return this; }

        public Builder chunkOverlap(int chars) { this.chunkOverlap = chars; return this; }

        public Builder pdfDpi(int dpi) { this.pdfDpi = dpi; return this; }

        public Builder flushEvery(int rows) { this.flushEvery = rows; return this; }

        public Builder commitEvery(int rows) { this.commitEvery = rows; return this; }

        public Builder normalizationWorkers(int threads) { this.normalizationWorkers = threads; return this; }

        public Builder skipFailedFiles(boolean skip) { this.skipFailedFiles = skip; return this; }

        /** @throws IllegalArgumentException naming the first invalid option */
        public IngestOptions build() {
            return new IngestOptions(format, schema, index, onProgress, chunkSize, chunkOverlap, pdfDpi,
                    flushEvery, commitEvery, normalizationWorkers, skipFailedFiles);
        }
    }
}
