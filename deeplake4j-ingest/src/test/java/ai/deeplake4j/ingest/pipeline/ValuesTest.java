package ai.deeplake4j.ingest.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.deeplake4j.api.error.IngestException;
import ai.deeplake4j.api.schema.ColumnType;
import ai.deeplake4j.api.schema.TypeKind;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ValuesTest {

    @Test
    void inferenceFollowsTheDeeplakeRules() {
        assertEquals(ColumnType.of(TypeKind.BOOL), SchemaInference.infer("c", List.of(true)));
        assertEquals(ColumnType.of(TypeKind.INT64), SchemaInference.infer("c", List.of(1)));
        assertEquals(ColumnType.of(TypeKind.INT64), SchemaInference.infer("c", List.of(1L)));
        assertEquals(ColumnType.of(TypeKind.FLOAT64), SchemaInference.infer("c", List.of(1.5f)));
        assertEquals(ColumnType.of(TypeKind.TEXT), SchemaInference.infer("c", List.of("x")));
        assertEquals(ColumnType.of(TypeKind.BINARY), SchemaInference.infer("c", List.of(new byte[] {1})));
        assertEquals(ColumnType.embedding(3), SchemaInference.infer("c", List.of(List.of(1, 2.0, 3f))));
        assertEquals(ColumnType.embedding(2), SchemaInference.infer("c", List.of(new float[] {1, 2})));
        assertEquals(ColumnType.of(TypeKind.EMBEDDING_2D), SchemaInference.infer("c", List.of(List.of(List.of(1, 2), List.of(3, 4)))));
        assertEquals(ColumnType.of(TypeKind.JSONB), SchemaInference.infer("c", List.of(Map.of("a", 1))));
        assertEquals(ColumnType.of(TypeKind.INT64), SchemaInference.infer("c", Arrays.asList(null, 5)), "first non-null value decides");
        IngestException e = assertThrows(IngestException.class, () -> SchemaInference.infer("when", List.of(new Object())));
        assertTrue(e.getMessage().contains("'when'"));
    }

    @Test
    void valuesConvertToTheirStorageForm() {
        assertEquals(7, Values.toStorage(7L, ColumnType.of(TypeKind.INT32), "c", 0));
        assertEquals(7L, Values.toStorage(7, ColumnType.of(TypeKind.INT64), "c", 0));
        assertEquals(2.0, Values.toStorage(2, ColumnType.of(TypeKind.FLOAT64), "c", 0));
        assertEquals(0.5f, Values.toStorage(0.5, ColumnType.of(TypeKind.FLOAT32), "c", 0));
        assertArrayEquals(new float[] {1, 2}, (float[]) Values.toStorage(List.of(1, 2.0), ColumnType.embedding(2), "c", 0));
        assertEquals("{\"a\":1}", Values.toStorage(Map.of("a", 1), ColumnType.of(TypeKind.JSONB), "c", 0));
        assertEquals(null, Values.toStorage(null, ColumnType.of(TypeKind.IMAGE), "c", 0));
    }

    @Test
    void aValueThatDoesNotFitNamesColumnRowAndType() {
        IngestException e = assertThrows(IngestException.class,
                () -> Values.toStorage("abc", ColumnType.of(TypeKind.INT64), "count", 41));
        assertTrue(e.getMessage().contains("'count'") && e.getMessage().contains("row 41") && e.getMessage().contains("INT64"), e.getMessage());
        IngestException dim = assertThrows(IngestException.class,
                () -> Values.toStorage(List.of(1, 2, 3), ColumnType.embedding(4), "emb", 0));
        assertTrue(dim.getMessage().contains("expected 4 values, got 3"), dim.getMessage());
    }
}
