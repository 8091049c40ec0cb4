package ai.deeplake4j.ingest.pipeline;

import ai.deeplake4j.api.Names;
import ai.deeplake4j.api.error.IngestException;
import ai.deeplake4j.api.error.ManagedServiceException;
import ai.deeplake4j.api.ingest.Format;
import ai.deeplake4j.api.ingest.IngestOptions;
import ai.deeplake4j.api.ingest.IngestResult;
import ai.deeplake4j.api.ingest.Progress;
import ai.deeplake4j.api.ingest.SkippedFile;
import ai.deeplake4j.api.schema.ColumnType;
import ai.deeplake4j.api.schema.TypeKind;
import ai.deeplake4j.ingest.normalize.NormalizeContext;
import ai.deeplake4j.ingest.normalize.Normalizer;
import ai.deeplake4j.ingest.normalize.Normalizers;
import ai.deeplake4j.ingest.normalize.SourceFile;
import ai.deeplake4j.ingest.normalize.ThumbnailSink;
import ai.deeplake4j.ingest.write.TableSchema;
import ai.deeplake4j.ingest.write.TableStore;
import ai.deeplake4j.ingest.write.TableWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The ingest pipeline (ARCHITECTURE D5): dispatches an {@code ingest} call, normalizes files on a
 * bounded pool, appends rows to a {@link TableWriter}, flushes every {@code flush_every} rows and
 * commits every {@code commit_every} rows and at the end.
 *
 * <p>Dispatch (ARCHITECTURE 2.1): a format wins; else a data key of a {@link DatasetSource} such as
 * {@code {"_huggingface": name}} (sources come from {@link ServiceLoader}: deeplake4j-formats
 * registers the Hugging Face one), read as a format; else columns typed FILE hold file paths; else
 * column data. A format's image columns get thumbnails like image files. For files, commits fall on file boundaries (once
 * {@code commit_every} rows or {@value #COMMIT_BYTES} bytes are pending), so a failing file
 * never leaves part of itself committed; earlier commits always stay. A failed call discards its
 * writers ({@link TableWriter#discard()}), so a table it created and never committed to goes again.
 */
public final class IngestPipeline {
    /** Pending bytes that force a commit at the next file boundary, bounding memory for media. */
    static final long COMMIT_BYTES = 256L << 20;
    public static final String THUMBNAILS_TABLE = "thumbnails";
    private static final String HUGGINGFACE_KEY = "_huggingface";

    /** Column added to format rows with image columns when the format has none: keys their thumbnails. */
    public static final String FILE_ID = "file_id";

    private final TableStore store;
    private final Normalizers normalizers;
    private final List<DatasetSource> sources;

    /** With the {@link DatasetSource}s found by {@link ServiceLoader} on the class path. */
    public IngestPipeline(TableStore store, Normalizers normalizers) {
        this(store, normalizers, ServiceLoader.load(DatasetSource.class, IngestPipeline.class.getClassLoader())
                .stream().map(ServiceLoader.Provider::get).toList());
    }

    /** @param sources the named-dataset readers ({@code {"_huggingface": ...}}) to dispatch to */
    public IngestPipeline(TableStore store, Normalizers normalizers, List<DatasetSource> sources) {
        this.store = store;
        this.normalizers = normalizers;
        this.sources = List.copyOf(sources);
    }

    /**
     * Runs one ingest call.
     *
     * @throws IngestException on bad data (NaN or infinite embedding values included) or a failing
     *         file (naming it); earlier commits stay, and a table this call created and never
     *         committed to is removed again
     * @throws ai.deeplake4j.api.error.TableException on an incompatible existing table, or a table or
     *         column name (schema and index keys, data keys) that breaks its rule ({@link Names}),
     *         before any file is read
     */
    public IngestResult ingest(String table, Map<String, ? extends List<?>> data, IngestOptions options) {
        Names.table(table);
        options.schema().keySet().forEach(Names::column);
        options.index().keySet().forEach(Names::column);
        if (options.format() != null) {
            return ingestFormat(table, options.format(), options);
        }
        if (data == null) {
            throw new IngestException("Nothing to ingest into '" + table + "': give data (a map of column to values) or a format.");
        }
        for (DatasetSource source : sources) {
            if (data.containsKey(source.key())) {
                return ingestFormat(table, source.open(data, options), options);
            }
        }
        if (data.containsKey(HUGGINGFACE_KEY)) {
            throw new IngestException("Hugging Face datasets ({\"_huggingface\": name}) need the deeplake4j-formats module"
                    + " on the class path; add the dependency ai.deeplake4j:deeplake4j-formats.");
        }
        List<String> fileColumns = options.schema().entrySet().stream()
                .filter(e -> e.getValue().kind() == TypeKind.FILE).map(Map.Entry::getKey).toList();
        if (!fileColumns.isEmpty()) {
            return ingestFiles(table, data, fileColumns, options);
        }
        return ingestColumns(table, data, options);
    }

    private IngestResult ingestColumns(String table, Map<String, ? extends List<?>> data, IngestOptions options) {
        data.keySet().forEach(Names::column);
        int rows = ColumnBatches.rowCount(table, data);
        Map<String, ColumnType> types = ColumnBatches.types(data, options.schema(), Map.of());
        TableWriter writer = store.openWriter(table, TableSchema.of(types));
        boolean done = false;
        try {
            RowCounter counter = new RowCounter(writer, options, rows, 0);
            appendColumns(writer, data, rows, counter);
            long written = finish(writer, counter);
            done = true;
            return new IngestResult(table, written, store.datasetPath(table), List.of());
        } finally {
            end(done, writer, null);
        }
    }

    /**
     * Closes the writers of an ingest; when it failed ({@code !done}), discards them instead, so a
     * table (or thumbnails table) this ingest created and never committed to is removed again.
     * A failure while discarding is dropped: the ingest's own failure is the one the caller sees.
     */
    private static void end(boolean done, TableWriter writer, ThumbnailWriter thumbs) {
        try {
            if (thumbs != null) {
                if (done) {
                    thumbs.close();
                } else {
                    quietly(thumbs::discard);
                }
            }
        } finally {
            if (writer != null) {
                if (done) {
                    writer.close();
                } else {
                    quietly(writer::discard);
                }
            }
        }
    }

    private static void quietly(Runnable discard) {
        try {
            discard.run();
        } catch (RuntimeException e) {
            // the ingest already failed; that failure is the one to report
        }
    }

    /**
     * Writes a format's batches. Image columns ({@link Format#imageColumns()}) get thumbnails in
     * the workspace's thumbnails table like image files do, keyed by the row's {@value #FILE_ID}
     * column, which is added (a random UUID per row) when the format has none.
     */
    private IngestResult ingestFormat(String table, Format format, IngestOptions options) {
        try (format) {
            FormatBatches batches = FormatBatches.start(format, table, options);
            List<String> imageColumns = format.imageColumns();
            TableWriter writer = null;
            RowCounter counter = null;
            ThumbnailWriter thumbs = new ThumbnailWriter(store);
            boolean done = false;
            try (FormatThumbnails maker = imageColumns.isEmpty() ? null
                         : new FormatThumbnails(imageColumns, options.normalizationWorkers())) {
                Map<String, List<?>> batch;
                while ((batch = batches.next()) != null) {
                    int rows = ColumnBatches.rowCount(table, batch);
                    if (maker != null) {
                        batch = withFileIds(batch, rows);
                    }
                    if (writer == null) {
                        Map<String, ColumnType> types = ColumnBatches.types(batch, options.schema(), format.schema());
                        writer = store.openWriter(table, TableSchema.of(types));
                        counter = new RowCounter(writer, options, -1, 0);
                    }
                    if (maker != null) {
                        // Made in the background while this batch is appended and the next one read.
                        maker.submit(batch, batch.get(FILE_ID).stream().map(String::valueOf).toList());
                    }
                    long committedBefore = counter.commits;
                    appendColumns(writer, batch, rows, counter);
                    if (maker != null) {
                        thumbs.write(maker.finished());
                    }
                    if (counter.commits != committedBefore) {
                        if (maker != null) {
                            thumbs.write(maker.awaitAll()); // the committed rows' thumbnails commit with them
                        }
                        thumbs.commit();
                    }
                }
                if (writer == null) {
                    throw new IngestException("Format " + format.getClass().getSimpleName() + " produced no rows for '" + table + "'.");
                }
                long written = finish(writer, counter);
                if (maker != null) {
                    thumbs.write(maker.awaitAll());
                }
                thumbs.commit();
                thumbs.sync();
                done = true;
                return new IngestResult(table, written, store.datasetPath(table), format.skipped());
            } finally {
                end(done, writer, thumbs);
            }
        }
    }

    private static Map<String, List<?>> withFileIds(Map<String, List<?>> batch, int rows) {
        if (batch.containsKey(FILE_ID)) {
            return batch;
        }
        Map<String, List<?>> out = new LinkedHashMap<>(batch);
        List<String> ids = new ArrayList<>(rows);
        for (int r = 0; r < rows; r++) {
            ids.add(UUID.randomUUID().toString());
        }
        out.put(FILE_ID, ids);
        return out;
    }

    private static void appendColumns(TableWriter writer, Map<String, ? extends List<?>> data, int rows, RowCounter counter) {
        TableSchema schema = writer.columns();
        List<String> names = new ArrayList<>(data.keySet());
        int[] positions = new int[names.size()];
        ColumnType[] types = new ColumnType[names.size()];
        List<?>[] columns = new List<?>[names.size()];
        for (int c = 0; c < names.size(); c++) {
            positions[c] = schema.indexOf(names.get(c));
            types[c] = schema.get(positions[c]).type();
            columns[c] = data.get(names.get(c));
        }
        for (int r = 0; r < rows; r++) {
            Object[] row = new Object[schema.size()];
            for (int c = 0; c < positions.length; c++) {
                row[positions[c]] = Values.toStorage(columns[c].get(r), types[c], names.get(c), counter.rows);
            }
            writer.append(row);
            counter.rowAdded();
        }
    }

    private IngestResult ingestFiles(String table, Map<String, ? extends List<?>> data, List<String> fileColumns,
                                     IngestOptions options) {
        if (fileColumns.size() > 1) {
            throw new IngestException("Only one FILE column per ingest, got " + fileColumns + ".");
        }
        String fileColumn = fileColumns.getFirst();
        List<?> paths = data.get(fileColumn);
        if (paths == null) {
            throw new IngestException("Schema types '" + fileColumn + "' as FILE but the data has no such column. Columns: " + data.keySet());
        }
        int dataRows = ColumnBatches.rowCount(table, data);
        List<FileInputs.Input> inputs = FileInputs.resolve(fileColumn, paths);

        // Columns: id, file_id, each normalizer's columns in order of first use, then per-file metadata columns.
        Map<String, ColumnType> types = new LinkedHashMap<>();
        types.put("id", ColumnType.of(TypeKind.TEXT));
        types.put("file_id", ColumnType.of(TypeKind.TEXT));
        List<OrderedNormalization.Pending> pending = new ArrayList<>();
        long[] estimates = new long[inputs.size()];
        for (int i = 0; i < inputs.size(); i++) {
            Normalizer n = normalizers.forFile(inputs.get(i).path());
            estimates[i] = n.estimateRows(inputs.get(i).path(), options);
            n.columns().forEach((name, type) -> {
                ColumnType had = types.putIfAbsent(name, type);
                if (had != null && !had.equals(type)) {
                    throw new IngestException("Column '" + name + "' would be both " + had + " and " + type + " for the files of this call.");
                }
            });
            pending.add(new OrderedNormalization.Pending(
                    new SourceFile(inputs.get(i).path(), UUID.randomUUID().toString()), i, n));
        }
        Map<String, List<?>> metadata = new LinkedHashMap<>(data);
        metadata.remove(fileColumn);
        Map<String, ColumnType> metaTypes = metadata.isEmpty() ? Map.of() : ColumnBatches.types(metadata, withoutFile(options), Map.of());
        metaTypes.forEach((name, type) -> {
            if (types.putIfAbsent(name, type) != null) {
                throw new IngestException("Column '" + name + "' of the data clashes with a column made from the files; rename it.");
            }
        });

        ConcurrentLinkedQueue<Object[]> thumbnails = new ConcurrentLinkedQueue<>();
        ThumbnailSink thumbnailSink = (fileId, column, dimension, jpeg) -> thumbnails.add(new Object[] {fileId, column, dimension, jpeg});
        NormalizeContext context = new NormalizeContext(options, thumbnailSink);
        List<SkippedFile> skipped = new ArrayList<>();
        TableWriter writer = store.openWriter(table, TableSchema.of(types));
        ThumbnailWriter thumbs = new ThumbnailWriter(store);
        boolean done = false;
        try (OrderedNormalization work = new OrderedNormalization(pending, context, options.normalizationWorkers())) {
            TableSchema schema = writer.columns();
            RowCounter counter = RowCounter.forFiles(writer, options, estimates);
            int idPos = schema.indexOf("id");
            int fileIdPos = schema.indexOf("file_id");
            OrderedNormalization.Job job;
            while ((job = work.next()) != null) {
                long mark = writer.mark();
                long rowsBefore = counter.rows;
                int dataRow = inputs.get(job.inputIndex()).dataRow();
                Throwable failure = drain(job, writer, schema, counter, idPos, fileIdPos, metadata, metaTypes, dataRow);
                if (failure != null) {
                    String reason = reason(failure);
                    if (!options.skipFailedFiles()) {
                        writer.abort();
                        long kept = writer.sync();
                        throw new IngestException("Failed to ingest file " + job.file().path() + ": " + reason
                                + " (" + (kept == 0 ? "nothing was committed to '" + table + "'"
                                : kept + " rows of earlier files stay committed in '" + table + "'")
                                + "; " + IngestOptions.skipHint("files") + ")", failure);
                    }
                    writer.rollbackTo(mark);
                    counter.rows = rowsBefore;
                    skipped.add(new SkippedFile(job.file().path().toString(), reason));
                    String failedId = job.file().fileId();
                    thumbnails.removeIf(t -> t[0].equals(failedId));
                } else {
                    thumbs.write(thumbnails);
                }
                counter.fileDone();
                if (writer.pendingRows() >= options.commitEvery() || writer.pendingBytes() >= COMMIT_BYTES) {
                    writer.commit();
                    thumbs.commit();
                }
            }
            long written = finish(writer, counter);
            thumbs.commit();
            thumbs.sync();
            done = true;
            return new IngestResult(table, written, store.datasetPath(table), skipped);
        } finally {
            end(done, writer, thumbs);
        }
    }

    private static Map<String, ColumnType> withoutFile(IngestOptions options) {
        Map<String, ColumnType> m = new LinkedHashMap<>(options.schema());
        m.values().removeIf(t -> t.kind() == TypeKind.FILE);
        return m;
    }

    /** Appends a file's rows; returns its failure, or null when it completed. */
    private static Throwable drain(OrderedNormalization.Job job, TableWriter writer, TableSchema schema, RowCounter counter,
                                   int idPos, int fileIdPos, Map<String, List<?>> metadata,
                                   Map<String, ColumnType> metaTypes, int dataRow) {
        while (true) {
            OrderedNormalization.Item item;
            try {
                item = job.next();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IngestException("Ingest interrupted while reading " + job.file().path(), e);
            }
            switch (item) {
                case OrderedNormalization.End end -> {
                    return null;
                }
                case OrderedNormalization.Failure f -> {
                    return f.error();
                }
                case OrderedNormalization.Row r -> {
                    Object[] row = new Object[schema.size()];
                    try {
                        r.values().forEach((name, value) -> {
                            int pos = schema.indexOf(name);
                            if (pos < 0) {
                                throw new IllegalStateException("normalizer produced unknown column '" + name + "'");
                            }
                            row[pos] = Values.toStorage(value, schema.get(pos).type(), name, counter.rows);
                        });
                    } catch (RuntimeException e) {
                        job.task().cancel(true);
                        return e;
                    }
                    row[idPos] = UUID.randomUUID().toString();
                    row[fileIdPos] = job.file().fileId();
                    metaTypes.forEach((name, type) -> {
                        int pos = schema.indexOf(name);
                        row[pos] = Values.toStorage(metadata.get(name).get(dataRow), type, name, dataRow);
                    });
                    writer.append(row);
                    counter.rowAdded();
                }
            }
        }
    }

    private static String reason(Throwable t) {
        String m = t.getMessage();
        if (t instanceof ManagedServiceException || t instanceof java.io.IOException) {
            return m == null ? t.getClass().getSimpleName() : m;
        }
        return t.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    }

    private static long finish(TableWriter writer, RowCounter counter) {
        writer.flush();
        writer.commit();
        long written = writer.sync();
        counter.report();
        return written;
    }

    /**
     * Counts rows, flushes and commits on schedule, and reports progress. For files the total is
     * the rows of the files done (exact) plus the estimates of the files to come ({@link
     * Normalizer#estimateRows}), never less than the rows written: it firms up file by file and
     * equals the rows written once the last file is done, so progress ends at 100%.
     */
    private static final class RowCounter {
        private final TableWriter writer;
        private final IngestOptions options;
        private final long totalRows;
        private final int filesTotal;
        private final long[] estimates;
        long rows;
        long commits;
        private int filesDone;
        private long rowsOfDoneFiles;
        private long estimatedToCome;

        RowCounter(TableWriter writer, IngestOptions options, long totalRows, int filesTotal) {
            this(writer, options, totalRows, filesTotal, new long[0]);
        }

        private RowCounter(TableWriter writer, IngestOptions options, long totalRows, int filesTotal, long[] estimates) {
            this.writer = writer;
            this.options = options;
            this.totalRows = totalRows;
            this.filesTotal = filesTotal;
            this.estimates = estimates;
            for (long e : estimates) {
                estimatedToCome += e;
            }
        }

        static RowCounter forFiles(TableWriter writer, IngestOptions options, long[] estimates) {
            return new RowCounter(writer, options, -1, estimates.length, estimates);
        }

        /** The expected total: known for column data, firmed up file by file for files. */
        long total() {
            return filesTotal == 0 ? totalRows : Math.max(rows, rowsOfDoneFiles + estimatedToCome);
        }

        void rowAdded() {
            rows++;
            if (rows % options.flushEvery() == 0) {
                writer.flush();
                report();
            }
            if (filesTotal == 0 && writer.pendingRows() >= options.commitEvery()) {
                writer.commit();
                commits++;
            }
        }

        void fileDone() {
            if (filesDone < estimates.length) {
                estimatedToCome -= estimates[filesDone];
            }
            filesDone++;
            rowsOfDoneFiles = rows;
            report();
        }

        void report() {
            if (options.onProgress() != null) {
                options.onProgress().onProgress(new Progress(rows, total(), filesDone, filesTotal));
            }
        }
    }
}
