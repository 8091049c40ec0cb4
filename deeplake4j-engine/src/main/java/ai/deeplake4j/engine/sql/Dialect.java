package ai.deeplake4j.engine.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Rewrites the PostgreSQL forms DuckDB does not accept (ARCHITECTURE D1), token by token so that
 * literals, quoted identifiers and comments are never touched:
 * <ul>
 *   <li>array literals {@code '{0.1,0.2}'::float4[]} become {@code '[0.1,0.2]'::float4[]};</li>
 *   <li>{@code ::jsonb} and {@code CAST(x AS jsonb)} become JSON;</li>
 *   <li>{@code '\x0102'::bytea} (PostgreSQL hex bytea) becomes {@code from_hex('0102')}.</li>
 * </ul>
 */
public final class Dialect {
    private static final Pattern NUMERIC_ARRAY = Pattern.compile("'\\{[\\s0-9.eE+\\-,{}]*\\}'");
    private static final Pattern HEX_BYTEA = Pattern.compile("'\\\\x([0-9A-Fa-f]*)'");

    private Dialect() {
    }

    public static List<Token> rewrite(List<Token> tokens) {
        List<Token> out = new ArrayList<>(tokens);
        for (int i = 0; i < out.size(); i++) {
            Token t = out.get(i);
            if (t.kind() == Token.Kind.STRING) {
                int cast = next(out, i);
                if (cast >= 0 && out.get(cast).isSymbol("::")) {
                    int type = next(out, cast);
                    if (type >= 0 && isArrayType(out, type) && t.text().startsWith("'{")) {
                        out.set(i, new Token(Token.Kind.STRING, t.text().replace('{', '[').replace('}', ']'), t.start()));
                    } else if (type >= 0 && out.get(type).is("bytea") && HEX_BYTEA.matcher(t.text()).matches()) {
                        String hex = t.text().substring(3, t.text().length() - 1);
                        out.set(i, new Token(Token.Kind.STRING, "from_hex('" + hex + "')", t.start()));
                        removeRange(out, i + 1, type + 1);
                    }
                }
            } else if (t.is("jsonb")) {
                int prev = previous(out, i);
                if (prev >= 0 && (out.get(prev).isSymbol("::") || out.get(prev).is("AS"))) {
                    out.set(i, new Token(Token.Kind.WORD, "JSON", t.start()));
                }
            }
        }
        return out;
    }

    /**
     * A PostgreSQL numeric array literal ({@code '{0.1,0.2}'}, nested for 2-D) as DuckDB's list text
     * ({@code '[0.1,0.2]'}), or null when {@code literal} is not one. Used where the target column
     * is known to be a vector, as PostgreSQL casts such literals implicitly.
     */
    public static String numericArrayLiteral(String literal) {
        return NUMERIC_ARRAY.matcher(literal).matches() ? literal.replace('{', '[').replace('}', ']') : null;
    }

    /** True when the type starting at {@code i} ends with {@code []}. */
    private static boolean isArrayType(List<Token> tokens, int i) {
        int j = i;
        while (j < tokens.size() && (tokens.get(j).kind() == Token.Kind.WORD || tokens.get(j).kind() == Token.Kind.WHITESPACE)) {
            j++;
        }
        return j < tokens.size() && tokens.get(j).isSymbol("[");
    }

    private static void removeRange(List<Token> tokens, int from, int to) {
        tokens.subList(from, to).clear();
    }

    /** Index of the next non-trivia token after i, or -1. */
    static int next(List<Token> tokens, int i) {
        for (int j = i + 1; j < tokens.size(); j++) {
            if (!tokens.get(j).isTrivia()) {
                return j;
            }
        }
        return -1;
    }

    /** Index of the previous non-trivia token before i, or -1. */
    static int previous(List<Token> tokens, int i) {
        for (int j = i - 1; j >= 0; j--) {
            if (!tokens.get(j).isTrivia()) {
                return j;
            }
        }
        return -1;
    }
}
