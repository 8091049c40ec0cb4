package ai.deeplake4j.engine.search.sql;

import ai.deeplake4j.api.error.QueryException;

/**
 * The right operand of {@code <#>}: a query vector, a query matrix (2-D, for MaxSim) or a query
 * text. Parsed from the SQL text of the operand after bound parameters were inlined, in any of
 * the accepted forms: {@code [0.1,0.2]::FLOAT[]} (a bound {@code float[]} or {@code List<Number>}),
 * {@code '{0.1,0.2}'} or {@code '[0.1,0.2]'} (with or without a {@code ::float4[]} cast),
 * {@code ARRAY[0.1, 0.2]}, nested forms for matrices ({@code '{{1,0},{0,1}}'},
 * {@code ARRAY[ARRAY[1,0],ARRAY[0,1]]}), or a string literal for text.
 */
public sealed interface QueryValue {

    /** A query vector. */
    record Vector(float[] values) implements QueryValue {
    }

    /** A query matrix (one vector per query token). */
    record Matrix(float[][] rows) implements QueryValue {
    }

    /** A query text. */
    record Text(String text) implements QueryValue {
    }

    /**
     * Parses an operand's SQL text.
     *
     * @throws QueryException when it is none of the accepted forms (the message quotes it)
     */
    static QueryValue parse(String sql) {
        String s = stripCasts(sql.trim());
        if (s.startsWith("'") && s.endsWith("'") && s.length() >= 2) {
            String content = s.substring(1, s.length() - 1).replace("''", "'");
            String c = content.trim();
            if ((c.startsWith("{") && c.endsWith("}")) || (c.startsWith("[") && c.endsWith("]"))) {
                return numbers(c, sql);
            }
            return new Text(content);
        }
        if (s.regionMatches(true, 0, "ARRAY", 0, 5)) {
            return numbers(s.replaceAll("(?i)\\bARRAY\\s*", ""), sql);
        }
        if (s.startsWith("[") || s.startsWith("{")) {
            return numbers(s, sql);
        }
        throw new QueryException("Cannot read the right operand of <#>: " + abbreviate(sql)
                + ". Use a bound float[] or List<Number>, '{0.1,0.2}', '[0.1,0.2]', ARRAY[0.1,0.2], or a text literal.");
    }

    /** Removes trailing {@code ::type} casts ({@code ::FLOAT[]}, {@code ::float4[][]}, ...). */
    private static String stripCasts(String s) {
        String out = s;
        while (true) {
            String next = out.replaceFirst("(?s)::\\s*[A-Za-z_][A-Za-z0-9_ ]*(\\s*\\[\\s*\\d*\\s*\\])*\\s*$", "").trim();
            if (next.equals(out)) {
                return out;
            }
            out = next;
        }
    }

    private static QueryValue numbers(String text, String original) {
        NumberArrayParser p = new NumberArrayParser(text, original);
        Object v = p.array();
        p.end();
        if (v instanceof float[] f) {
            return new Vector(f);
        }
        return new Matrix((float[][]) v);
    }

    static String abbreviate(String s) {
        String t = s.strip();
        return t.length() > 80 ? t.substring(0, 77) + "..." : t;
    }
}
