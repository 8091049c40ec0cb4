package ai.deeplake4j.client.ingest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.deeplake4j.api.error.IngestException;
import ai.deeplake4j.api.schema.ColumnType;
import ai.deeplake4j.ingest.remote.RowFrameReader;
import ai.deeplake4j.ingest.remote.RowFrameWriter;
import ai.deeplake4j.ingest.write.TableSchema;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RowFrameRoundTripTest {

    private static TableSchema schema() {
        Map<String, ColumnType> t = new LinkedHashMap<>();
        for (String s : List.of("TEXT", "INT32", "INT64", "FLOAT32", "FLOAT64", "BOOL", "BINARY", "EMBEDDING(3)", "EMBEDDING_2D", "JSONB")) {
            t.put("c_" + s.replaceAll("\\W", ""), ColumnType.parse(s));
        }
        return TableSchema.of(t);
    }

    @Test
    void everyStorageFormSurvivesTheStream() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Object[] row = {"héllo", 7, 1L << 40, 1.5f, 2.25, true, new byte[] {1, 2, 3}, new float[] {1, 2, 3},
                new float[][] {{1, 2}, {3, 4}}, "{\"a\":1}"};
        try (RowFrameWriter w = new RowFrameWriter(bytes, schema(), 42)) {
            w.row(row);
            w.mark(43);
            w.row(new Object[] {null, null, null, null, null, null, null, List.of(0.5, 1, 2), null, null});
            w.rollback(43);
            w.commit(1);
        }
        RowFrameReader r = new RowFrameReader(new ByteArrayInputStream(bytes.toByteArray()), 1 << 20);
        assertEquals(42, r.startPosition());
        assertEquals(schema(), r.schema());
        Object[] back = ((RowFrameReader.Row) r.next()).values();
        assertEquals(Arrays.asList(row).subList(0, 6), Arrays.asList(back).subList(0, 6));
        assertArrayEquals((byte[]) row[6], (byte[]) back[6]);
        assertArrayEquals((float[]) row[7], (float[]) back[7]);
        assertArrayEquals((float[][]) row[8], (float[][]) back[8]);
        assertEquals(new RowFrameReader.Mark(43), r.next());
        Object[] nulls = ((RowFrameReader.Row) r.next()).values();
        assertArrayEquals(new float[] {0.5f, 1, 2}, (float[]) nulls[7]);
        assertEquals(new RowFrameReader.Rollback(43), r.next());
        assertEquals(new RowFrameReader.Commit(1), r.next());
        assertThrows(EOFException.class, r::next);
    }

    @Test
    void oversizedValueIsRefusedBeforeAllocation() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        TableSchema s = TableSchema.of(Map.of("b", ColumnType.parse("BINARY")));
        try (RowFrameWriter w = new RowFrameWriter(bytes, s, 0)) {
            w.row(new Object[] {new byte[1000]});
        }
        RowFrameReader r = new RowFrameReader(new ByteArrayInputStream(bytes.toByteArray()), 100);
        assertInstanceOf(IngestException.class, assertThrows(IngestException.class, r::next));
    }

    @Test
    void valueOfTheWrongTypeNamesTheColumn() {
        TableSchema s = TableSchema.of(Map.of("n", ColumnType.parse("INT64")));
        RowFrameWriter w = new RowFrameWriter(new ByteArrayOutputStream(), s, 0);
        IngestException e = assertThrows(IngestException.class, () -> w.row(new Object[] {"x"}));
        assertEquals(true, e.getMessage().contains("n (INT64)"), e.getMessage());
    }
}
