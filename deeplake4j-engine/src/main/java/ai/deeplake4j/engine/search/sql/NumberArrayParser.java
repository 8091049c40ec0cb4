package ai.deeplake4j.engine.search.sql;

import ai.deeplake4j.api.error.QueryException;
import java.util.ArrayList;
import java.util.List;

/** Recursive descent over {@code [..]} / {@code {..}} nests of numbers: a float[] or a float[][]. */
final class NumberArrayParser {
    private final String s;
    private final String original;
    private int i;

    NumberArrayParser(String s, String original) {
        this.s = s;
        this.original = original;
    }

    Object array() {
        skip();
        char open = peek();
        if (open != '[' && open != '{') {
            throw error();
        }
        char close = open == '[' ? ']' : '}';
        i++;
        skip();
        List<Object> items = new ArrayList<>();
        if (peek() != close) {
            while (true) {
                skip();
                items.add(peek() == '[' || peek() == '{' ? array() : number());
                skip();
                if (peek() == ',') {
                    i++;
                } else if (peek() == close) {
                    break;
                } else {
                    throw error();
                }
            }
        }
        i++;
        if (items.stream().allMatch(x -> x instanceof Float)) {
            float[] f = new float[items.size()];
            for (int j = 0; j < f.length; j++) {
                f[j] = (Float) items.get(j);
            }
            return f;
        }
        if (items.stream().allMatch(x -> x instanceof float[])) {
            return items.toArray(new float[0][]);
        }
        throw error();
    }

    private Float number() {
        int start = i;
        while (i < s.length() && "+-.0123456789eE".indexOf(peek()) >= 0) {
            i++;
        }
        try {
            return Float.parseFloat(s.substring(start, i));
        } catch (NumberFormatException e) {
            throw error();
        }
    }

    void end() {
        skip();
        if (i != s.length()) {
            throw error();
        }
    }

    private void skip() {
        while (i < s.length() && Character.isWhitespace(peek())) {
            i++;
        }
    }

    private char peek() {
        return i < s.length() ? s.charAt(i) : '\0';
    }

    private QueryException error() {
        return new QueryException("Malformed query vector at character " + (i + 1) + " of " + QueryValue.abbreviate(original)
                + ". Use numbers in [..] or {..}, e.g. '[0.1,0.2]' or ARRAY[0.1,0.2].");
    }
}
