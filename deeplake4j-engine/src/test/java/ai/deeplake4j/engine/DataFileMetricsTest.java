package ai.deeplake4j.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.deeplake4j.api.schema.ColumnType;
import ai.deeplake4j.api.schema.TypeKind;
import ai.deeplake4j.engine.table.LakeTable;
import ai.deeplake4j.ingest.write.TableSchema;
import ai.deeplake4j.ingest.write.TableWriter;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.expressions.Expression;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.types.Conversions;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Data files are registered with column metrics, so Iceberg engines prune files by value (issue 11, point 7). */
class DataFileMetricsTest {
    @TempDir
    Path lake;

    private static final String LONG_PREFIX = "x".repeat(40);

    /** Three commits, one data file each: ids 0-999, 1000-1999, 2000-2999. */
    private static LakeTable threeFiles(EmbeddedClient client) {
        Map<String, ColumnType> schema = new LinkedHashMap<>();
        schema.put("id", ColumnType.of(TypeKind.INT64));
        schema.put("label", ColumnType.of(TypeKind.CLASS_LABEL));
        schema.put("name", ColumnType.of(TypeKind.TEXT));
        schema.put("score", ColumnType.of(TypeKind.FLOAT64));
        schema.put("emb", ColumnType.embedding(2));
        schema.put("raw", ColumnType.of(TypeKind.BINARY));
        try (TableWriter w = client.engine().store().openWriter("t", TableSchema.of(schema))) {
            for (long id = 0; id < 3_000; id++) {
                String name = id % 10 == 0 ? null : LONG_PREFIX + id; // longer than the 16-character string bounds
                w.append(new Object[] {id, (int) (id % 7), name, id / 3.0, new float[] {id, 1f}, new byte[] {(byte) id}});
                if (id % 1_000 == 999) {
                    w.commit();
                    w.sync();
                }
            }
        }
        return client.engine().table("t");
    }

    private static int fieldId(Table t, String column) {
        return t.schema().findField(column).fieldId();
    }

    private static List<DataFile> addedFiles(Table t) {
        List<DataFile> files = new ArrayList<>();
        for (Snapshot s : t.snapshots()) {
            s.addedDataFiles(t.io()).forEach(files::add);
        }
        files.sort(java.util.Comparator.comparing(f -> (Long) Conversions.fromByteBuffer(Types.LongType.get(), f.lowerBounds().get(fieldId(t, "id")))));
        return files;
    }

    private static int plannedFiles(Table t, Expression filter) throws Exception {
        int n = 0;
        try (CloseableIterable<FileScanTask> tasks = t.newScan().filter(filter).planFiles()) {
            for (FileScanTask ignored : tasks) {
                n++;
            }
        }
        return n;
    }

    @Test
    void dataFilesCarryCountsAndBoundsOfTheirColumns() {
        try (EmbeddedClient client = EmbeddedClient.open(lake)) {
            Table t = threeFiles(client).iceberg();
            List<DataFile> files = addedFiles(t);
            assertEquals(3, files.size());
            int id = fieldId(t, "id");
            int label = fieldId(t, "label");
            int name = fieldId(t, "name");
            for (int i = 0; i < 3; i++) {
                DataFile f = files.get(i);
                assertEquals(1_000L, f.valueCounts().get(id));
                assertEquals(0L, f.nullValueCounts().get(id));
                assertEquals(i * 1_000L, (Long) Conversions.fromByteBuffer(Types.LongType.get(), f.lowerBounds().get(id)));
                assertEquals(i * 1_000L + 999, (Long) Conversions.fromByteBuffer(Types.LongType.get(), f.upperBounds().get(id)));
                assertEquals(0, (Integer) Conversions.fromByteBuffer(Types.IntegerType.get(), f.lowerBounds().get(label)));
                assertEquals(6, (Integer) Conversions.fromByteBuffer(Types.IntegerType.get(), f.upperBounds().get(label)));
                assertEquals(100L, f.nullValueCounts().get(name), "every tenth name is NULL");
                assertNotNull(f.lowerBounds().get(fieldId(t, "_id")), "_id bounds let lookups by row id skip files");
                assertTrue(f.columnSizes().get(id) > 0);
                // string bounds are truncated to 16 characters, the upper one rounded up so it still bounds
                String lower = Conversions.fromByteBuffer(Types.StringType.get(), f.lowerBounds().get(name)).toString();
                String upper = Conversions.fromByteBuffer(Types.StringType.get(), f.upperBounds().get(name)).toString();
                assertEquals(16, lower.length());
                assertTrue(LONG_PREFIX.startsWith(lower), lower);
                assertTrue(upper.compareTo(LONG_PREFIX + "999") > 0, upper);
                // no bounds where Iceberg could not use them correctly
                for (String column : List.of("score", "emb", "raw")) {
                    assertFalse(f.lowerBounds().containsKey(fieldId(t, column)), column);
                    assertFalse(f.upperBounds().containsKey(fieldId(t, column)), column);
                }
            }
        }
    }

    @Test
    void icebergPlanningSkipsFilesByValue() throws Exception {
        try (EmbeddedClient client = EmbeddedClient.open(lake)) {
            Table t = threeFiles(client).iceberg();
            assertEquals(3, plannedFiles(t, Expressions.alwaysTrue()));
            assertEquals(1, plannedFiles(t, Expressions.greaterThan("id", 2_500L)));
            assertEquals(1, plannedFiles(t, Expressions.equal("id", 1_234L)));
            assertEquals(0, plannedFiles(t, Expressions.greaterThan("id", 5_000L)));
            assertEquals(3, plannedFiles(t, Expressions.equal("name", LONG_PREFIX + "1234")), "truncated bounds still admit every file that may match");
            assertEquals(3, plannedFiles(t, Expressions.isNull("name")));
            // same answer as reading the rows: no file holding a match was skipped
            long rows = ((Number) client.query("SELECT count(*) AS n FROM t WHERE id > 2500").getFirst().get("n")).longValue();
            assertEquals(499, rows);
        }
    }
}
