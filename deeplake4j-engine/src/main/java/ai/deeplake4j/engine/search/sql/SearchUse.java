package ai.deeplake4j.engine.search.sql;

import ai.deeplake4j.api.error.QueryException;
import ai.deeplake4j.engine.sql.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One use of {@code <#>} (or {@code @>}) in a statement: where its operands are and what they
 * say. The left operand is a column ({@code col} or {@code t.col}) or the hybrid pair
 * {@code (emb, text)::deeplake_hybrid_record}; the right operand is one primary expression (a
 * literal, {@code ARRAY[...]}, a bracketed expression or a function call) with optional casts.
 */
final class SearchUse {
    private static final Pattern NUMBER = Pattern.compile("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?");

    final String operator;
    final int position;
    int leftFrom;
    int rightTo;
    String qualifier;
    /** The column, or the vector column of a hybrid use. */
    String column;
    /** The text column of a hybrid use, else null. */
    String textColumn;
    String leftText;
    /** The right operand (for hybrid: the vector). */
    QueryValue value;
    /** Hybrid only: the query text and the weights. */
    String hybridText;
    double vectorWeight = 0.5;
    double textWeight = 0.5;
    /** Hybrid only: the fusion strategy's name (null: pg_deeplake's softmax fusion). */
    String fusion;
    /** The score column a top-k use was given by the rewriter. */
    String scoreColumn;

    private SearchUse(String operator, int position) {
        this.operator = operator;
        this.position = position;
    }

    boolean isHybrid() {
        return textColumn != null;
    }

    /** The whole expression's normalized text, to find it again in ORDER BY. */
    String normalized(TokenView v) {
        return v.normalized(leftFrom, rightTo);
    }

    static SearchUse parse(TokenView v, int p) {
        SearchUse u = new SearchUse(v.get(p).text(), p);
        u.parseLeft(v, p - 1);
        u.rightTo = endOfPrimary(v, p + 1);
        String right = v.text(p + 1, u.rightTo).trim();
        if (u.isHybrid()) {
            u.parseHybridRecord(v, p + 1, u.rightTo);
        } else if (u.operator.equals("<#>")) {
            u.value = QueryValue.parse(right);
        }
        return u;
    }

    private void parseLeft(TokenView v, int q) {
        Token t = v.get(q);
        if (t == null) {
            throw new QueryException("<#> at position " + (v.get(position).start() + 1) + " has no left operand.");
        }
        if (t.is("deeplake_hybrid_record") && v.isSymbol(q - 1, "::") && v.isSymbol(q - 2, ")")) {
            int open = v.match(q - 2);
            List<String> cols = identifiers(v, open + 1, q - 3);
            if (cols.size() != 2) {
                throw new QueryException("The left side of a hybrid <#> must be (embedding_column, text_column)::deeplake_hybrid_record.");
            }
            column = cols.get(0);
            textColumn = cols.get(1);
            leftFrom = open;
        } else if (t.identifier() != null && !t.isSymbol(")")) {
            column = t.identifier();
            leftFrom = q;
            if (v.isSymbol(q - 1, ".") && v.get(q - 2) != null && v.get(q - 2).identifier() != null) {
                qualifier = v.get(q - 2).identifier();
                leftFrom = q - 2;
            }
        } else {
            throw new QueryException("The left operand of " + operator + " at position " + (v.get(position).start() + 1)
                    + " must be a column (or (embedding, text)::deeplake_hybrid_record), found " + t.text() + ".");
        }
        leftText = v.text(leftFrom, q).trim();
    }

    /** Column names (last part of each, qualifiers dropped) separated by commas in {@code from..to}. */
    private static List<String> identifiers(TokenView v, int from, int to) {
        List<String> out = new ArrayList<>();
        String last = null;
        for (int p = from; p <= to; p++) {
            if (v.isSymbol(p, ",")) {
                out.add(last);
                last = null;
            } else if (!v.isSymbol(p, ".")) {
                last = v.get(p).identifier();
            }
        }
        out.add(last);
        return out;
    }

    private void parseHybridRecord(TokenView v, int from, int to) {
        if (!v.is(from, "deeplake_hybrid_record") || !v.isSymbol(from + 1, "(")) {
            throw new QueryException("The right side of a hybrid <#> must be deeplake_hybrid_record(vector, 'text'[, vector_weight, text_weight]).");
        }
        int close = v.match(from + 1);
        List<String> args = new ArrayList<>();
        int argStart = from + 2;
        for (int p = from + 2; p <= close; p++) {
            if ((v.isSymbol(p, ",") && v.enclosing(p) == from + 1) || p == close) {
                if (p > argStart) {
                    args.add(v.text(argStart, p - 1).trim());
                }
                argStart = p + 1;
            }
        }
        if (args.size() != 2 && args.size() != 4 && args.size() != 5) {
            throw new QueryException("deeplake_hybrid_record takes (vector, 'text'[, vector_weight, text_weight[, 'softmax' | 'rrf']]); got "
                    + args.size() + " arguments.");
        }
        value = QueryValue.parse(args.get(0));
        if (!(QueryValue.parse(args.get(1)) instanceof QueryValue.Text text)) {
            throw new QueryException("The second argument of deeplake_hybrid_record must be the query text, got " + args.get(1) + ".");
        }
        hybridText = text.text();
        if (args.size() >= 4) {
            vectorWeight = weight(args.get(2));
            textWeight = weight(args.get(3));
        }
        if (args.size() == 5) {
            if (!(QueryValue.parse(args.get(4)) instanceof QueryValue.Text name)) {
                throw new QueryException("The fifth argument of deeplake_hybrid_record names the fusion: 'softmax' or 'rrf'.");
            }
            fusion = name.text();
        }
    }

    private static double weight(String arg) {
        Matcher m = NUMBER.matcher(arg);
        if (!m.find()) {
            throw new QueryException("A hybrid weight must be a number, got " + arg + ".");
        }
        return Double.parseDouble(m.group());
    }

    /** The last position of the primary expression starting at {@code p}, casts included. */
    static int endOfPrimary(TokenView v, int p) {
        Token t = v.get(p);
        if (t == null) {
            throw new QueryException("<#> has no right operand.");
        }
        int end;
        if (t.isSymbol("(") || t.isSymbol("[")) {
            end = v.match(p);
        } else if ((t.is("ARRAY") && v.isSymbol(p + 1, "[")) || (t.kind() == Token.Kind.WORD && v.isSymbol(p + 1, "("))) {
            end = v.match(p + 1);
        } else if (t.isSymbol("-") || t.isSymbol("+")) {
            end = endOfPrimary(v, p + 1);
        } else {
            end = p;
        }
        if (end < 0) {
            throw new QueryException("Unbalanced brackets after <#>.");
        }
        while (v.isSymbol(end + 1, "::") && v.get(end + 2) != null && v.get(end + 2).kind() == Token.Kind.WORD) {
            end += 2;
            while (v.isSymbol(end + 1, "[") && v.match(end + 1) > 0) {
                end = v.match(end + 1);
            }
        }
        return end;
    }
}
