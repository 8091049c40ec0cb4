package ai.deeplake4j.engine.search.sql;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.deeplake4j.api.error.QueryException;
import ai.deeplake4j.engine.search.VectorMath;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

class QueryValueTest {

    private static float[] vector(String sql) {
        return assertInstanceOf(QueryValue.Vector.class, QueryValue.parse(sql)).values();
    }

    @Test
    void everyAcceptedVectorFormParses() {
        float[] expected = {0.1f, -2f, 3e-2f};
        assertArrayEquals(expected, vector("[0.1,-2.0,0.03]::FLOAT[]"));
        assertArrayEquals(expected, vector("'{0.1, -2, 3e-2}'"));
        assertArrayEquals(expected, vector("'[0.1,-2,0.03]'::float4[]"));
        assertArrayEquals(expected, vector("ARRAY[0.1, -2, 0.03]"));
        assertArrayEquals(expected, vector("ARRAY[0.1, -2, 0.03]::float4[]"));
    }

    @Test
    void matricesAndTextParse() {
        float[][] m = assertInstanceOf(QueryValue.Matrix.class, QueryValue.parse("'{{1,0},{0,1}}'::float4[][]")).rows();
        assertEquals(2, m.length);
        assertArrayEquals(new float[] {0, 1}, m[1]);
        assertEquals(2, assertInstanceOf(QueryValue.Matrix.class, QueryValue.parse("ARRAY[ARRAY[1,0],ARRAY[0,1]]")).rows().length);
        assertEquals("it's a lake", assertInstanceOf(QueryValue.Text.class, QueryValue.parse("'it''s a lake'")).text());
    }

    @Test
    void malformedVectorIsAClearError() {
        QueryException e = assertThrows(QueryException.class, () -> QueryValue.parse("'{0.1, x}'"));
        assertTrue(e.getMessage().contains("Malformed query vector"), e.getMessage());
        e = assertThrows(QueryException.class, () -> QueryValue.parse("some_column"));
        assertTrue(e.getMessage().contains("right operand of <#>"), e.getMessage());
    }

    @Test
    void duckDbExactFragmentsEqualTheJavaFormulas() throws Exception {
        float[] a = {0.3f, -1.2f, 2.5f};
        float[] q = {1f, 0.5f, -0.25f};
        float[][] doc = {{1, 0, 0}, {0, 1, 1}, {0.5f, 0.5f, 0}};
        float[][] query = {{1, 1, 0}, {0, 0, 1}};
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT " + ExactSql.cosine(ExactSql.vector(a), q) + ", "
                    + ExactSql.maxSim(ExactSql.matrix(doc), query))) {
                rs.next();
                assertEquals(VectorMath.cosine(a, q), rs.getDouble(1), 1e-5);
                assertEquals(VectorMath.maxSim(query, doc), rs.getDouble(2), 1e-5);
            }
        }
    }
}
