package ai.deeplake4j.formats.huggingface;

import ai.deeplake4j.api.error.IngestException;
import ai.deeplake4j.api.ingest.Format;
import ai.deeplake4j.api.ingest.IngestOptions;
import ai.deeplake4j.api.ingest.SkippedFile;
import ai.deeplake4j.api.schema.ColumnType;
import ai.deeplake4j.api.schema.TypeKind;
import ai.deeplake4j.formats.common.DuckDb;
import ai.deeplake4j.formats.common.ParquetColumn;
import ai.deeplake4j.formats.common.ParquetSchemas;
import ai.deeplake4j.formats.common.FileBatches;
import ai.deeplake4j.formats.common.ResultBatches;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rows of a Hugging Face dataset split stored as Parquet files (the {@code datasets} library's
 * layout), read with DuckDB in file order. Column mapping, fixed by the first file:
 * <ul>
 * <li>an {@code Image} feature, or a column of type {@code struct{bytes, path}}: IMAGE holding the
 *     encoded bytes ({@code path}-only images, without bytes, are null); thumbnails are made;</li>
 * <li>a {@code ClassLabel} feature: CLASS_LABEL (the int label) <b>and</b> a TEXT column
 *     {@code <column>_name} with the label's name from the feature's {@code names} (null for -1 or
 *     an unknown label), so names are queryable without a lookup table;</li>
 * <li>integers INT64, FLOAT FLOAT32, DOUBLE FLOAT64, strings TEXT, booleans BOOL, binary BINARY,
 *     lists of numbers EMBEDDING, anything else (structs, maps, nested lists) JSONB.</li>
 * </ul>
 * Features come from the Parquet key-value metadata {@code "huggingface"} ({@link HubFeatures}).
 * A file whose columns differ from the first file's ("wrong Parquet schema") or that is not Parquet
 * is an {@link IngestException} naming it, or skipped with {@code skipFailedFiles}.
 */
public final class HuggingFaceParquet implements Format {
    /** Rows per batch. */
    public static final int BATCH_ROWS = 256;
    private static final String NAME_SUFFIX = "_name";

    private final List<Path> files;
    private final String dataset;
    private IngestOptions options = IngestOptions.defaults();
    private final List<SkippedFile> skipped = new ArrayList<>();
    private Connection db;
    private List<ParquetColumn> firstColumns;
    private Map<String, ColumnType> schema;
    private final List<String> images = new ArrayList<>();
    /** For each output column: the SQL expression and how to read it. */
    private final List<Plan> plan = new ArrayList<>();

    private record Plan(String column, String expression, TypeKind kind, List<String> labelNames) {
    }

    /**
     * @param files   the split's Parquet files, in order; at least one
     * @param dataset the dataset's name, for messages
     */
    public HuggingFaceParquet(List<Path> files, String dataset) {
        if (files.isEmpty()) {
            throw new IngestException("Hugging Face dataset " + dataset + " has no Parquet files to read.");
        }
        this.files = List.copyOf(files);
        this.dataset = dataset;
    }

    @Override
    public void configure(IngestOptions options) {
        this.options = options;
    }

    @Override
    public Map<String, ColumnType> schema() {
        plan();
        return schema;
    }

    @Override
    public List<String> imageColumns() {
        plan();
        return List.copyOf(images);
    }

    @Override
    public List<SkippedFile> skipped() {
        return List.copyOf(skipped);
    }

    private void plan() {
        if (schema != null) {
            return;
        }
        db = DuckDb.open();
        schema = new LinkedHashMap<>();
        Path first = files.getFirst();
        firstColumns = ParquetSchemas.columns(db, first);
        HubFeatures features = HubFeatures.parse(ParquetSchemas.keyValue(db, first, "huggingface"));
        for (ParquetColumn c : firstColumns) {
            String q = DuckDb.ident(c.name());
            List<String> names = features.classNames(c.name());
            if (features.isImage(c.name()) || isImageStruct(c.type())) {
                add(new Plan(c.name(), q + ".bytes", TypeKind.IMAGE, null));
                images.add(c.name());
            } else if (names != null) {
                add(new Plan(c.name(), q, TypeKind.CLASS_LABEL, null));
                add(new Plan(c.name() + NAME_SUFFIX, q, TypeKind.TEXT, names));
            } else if (c.isIntegral()) {
                add(new Plan(c.name(), q, TypeKind.INT64, null));
            } else if (c.type().equals("FLOAT")) {
                add(new Plan(c.name(), q, TypeKind.FLOAT32, null));
            } else if (c.isFloating()) {
                add(new Plan(c.name(), q, TypeKind.FLOAT64, null));
            } else if (c.type().equals("VARCHAR")) {
                add(new Plan(c.name(), q, TypeKind.TEXT, null));
            } else if (c.type().equals("BOOLEAN")) {
                add(new Plan(c.name(), q, TypeKind.BOOL, null));
            } else if (c.type().equals("BLOB")) {
                add(new Plan(c.name(), q, TypeKind.BINARY, null));
            } else if (c.isNumberList()) {
                add(new Plan(c.name(), q + "::DOUBLE[]", TypeKind.EMBEDDING, null));
            } else {
                add(new Plan(c.name(), "to_json(" + q + ")::VARCHAR", TypeKind.JSONB, null));
            }
        }
    }

    private void add(Plan p) {
        if (schema.putIfAbsent(p.column(), ColumnType.of(p.kind())) != null) {
            throw new IngestException("Hugging Face dataset " + dataset + ": column '" + p.column()
                    + "' would be written twice (a ClassLabel's name column clashes with a column of the data).");
        }
        plan.add(p);
    }

    static boolean isImageStruct(String type) {
        String t = type.replace("\"", "").replace(" ", "").toUpperCase(java.util.Locale.ROOT);
        return t.equals("STRUCT(BYTESBLOB,PATHVARCHAR)");
    }

    @Override
    public Iterator<Map<String, List<?>>> normalize() {
        plan();
        return new FileBatches(files, this::open, (batch, file) -> batch, BATCH_ROWS);
    }

    /** The file's rows, or null when it is skipped. */
    private ResultBatches open(Path file) {
        List<ParquetColumn> cols;
        try {
            cols = ParquetSchemas.columns(db, file);
        } catch (IngestException e) {
            return fail(file, e.getMessage());
        }
        if (!cols.equals(firstColumns)) {
            return fail(file, "Wrong Parquet schema in " + file + " of Hugging Face dataset " + dataset + ": columns "
                    + describe(cols) + " differ from the first file's " + describe(firstColumns));
        }
        StringBuilder sql = new StringBuilder("SELECT ");
        Map<String, ResultBatches.Reader> readers = new LinkedHashMap<>();
        for (int i = 0; i < plan.size(); i++) {
            Plan p = plan.get(i);
            sql.append(i == 0 ? "" : ", ").append(p.expression());
            int pos = i + 1;
            readers.put(p.column(), reader(p, pos));
        }
        sql.append(" FROM read_parquet(").append(DuckDb.literal(file)).append(")");
        return new ResultBatches(db, sql.toString(), readers, file.toString());
    }

    private static ResultBatches.Reader reader(Plan p, int pos) {
        return switch (p.kind()) {
            case IMAGE, BINARY -> rs -> rs.getBytes(pos);
            case INT64 -> rs -> nullable(rs, rs.getLong(pos));
            case CLASS_LABEL -> rs -> nullable(rs, rs.getInt(pos));
            case FLOAT32 -> rs -> nullable(rs, rs.getFloat(pos));
            case FLOAT64 -> rs -> nullable(rs, rs.getDouble(pos));
            case BOOL -> rs -> nullable(rs, rs.getBoolean(pos));
            case EMBEDDING -> rs -> floats(rs.getArray(pos));
            case TEXT -> p.labelNames() == null ? rs -> rs.getString(pos) : rs -> {
                int label = rs.getInt(pos);
                return rs.wasNull() || label < 0 || label >= p.labelNames().size() ? null : p.labelNames().get(label);
            };
            default -> rs -> rs.getString(pos);
        };
    }

    private static Object nullable(ResultSet rs, Object v) throws SQLException {
        return rs.wasNull() ? null : v;
    }

    private static float[] floats(Array a) throws SQLException {
        if (a == null) {
            return null;
        }
        Object[] values = (Object[]) a.getArray();
        float[] out = new float[values.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = values[i] == null ? Float.NaN : ((Number) values[i]).floatValue();
        }
        return out;
    }

    private ResultBatches fail(Path file, String reason) {
        if (!options.skipFailedFiles()) {
            throw new IngestException(reason + " (" + IngestOptions.skipHint("files") + ")");
        }
        skipped.add(new SkippedFile(file.toString(), reason));
        return null;
    }

    private static List<String> describe(List<ParquetColumn> cols) {
        return cols.stream().map(c -> c.name() + " " + c.type()).toList();
    }

    @Override
    public void close() {
        if (db != null) {
            try {
                db.close();
            } catch (SQLException ignored) {
                // in-memory database: nothing to lose
            }
        }
    }
}
