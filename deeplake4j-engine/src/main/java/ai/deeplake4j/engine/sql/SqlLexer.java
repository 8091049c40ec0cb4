package ai.deeplake4j.engine.sql;

import ai.deeplake4j.api.error.QueryException;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits PostgreSQL-dialect SQL into tokens, respecting string literals ({@code '...'},
 * {@code E'...'}), dollar quotes ({@code $tag$...$tag$}), quoted identifiers, line and block
 * comments (nested, as PostgreSQL allows) and {@code $n} parameters. Concatenating the token
 * texts gives back the input exactly, so rewrites can splice text safely.
 */
public final class SqlLexer {
    private static final String OPERATOR_CHARS = "+-*/<>=~!@#%^&|`?:";

    private SqlLexer() {
    }

    /** @throws QueryException for an unterminated literal, identifier or comment, with its position */
    public static List<Token> lex(String sql) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            int start = i;
            Token.Kind kind;
            if (Character.isWhitespace(c)) {
                while (i < n && Character.isWhitespace(sql.charAt(i))) {
                    i++;
                }
                kind = Token.Kind.WHITESPACE;
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                while (i < n && sql.charAt(i) != '\n') {
                    i++;
                }
                kind = Token.Kind.COMMENT;
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                i = blockComment(sql, i);
                kind = Token.Kind.COMMENT;
            } else if (c == '\'') {
                i = quoted(sql, i, '\'', "string literal");
                kind = Token.Kind.STRING;
            } else if ((c == 'E' || c == 'e') && i + 1 < n && sql.charAt(i + 1) == '\'') {
                i = escapeString(sql, i + 1);
                kind = Token.Kind.STRING;
            } else if (c == '"') {
                i = quoted(sql, i, '"', "quoted identifier");
                kind = Token.Kind.QUOTED_IDENTIFIER;
            } else if (c == '$' && i + 1 < n && Character.isDigit(sql.charAt(i + 1))) {
                i++;
                while (i < n && Character.isDigit(sql.charAt(i))) {
                    i++;
                }
                kind = Token.Kind.PARAMETER;
            } else if (c == '$' && dollarTagEnd(sql, i) > 0) {
                int tagEnd = dollarTagEnd(sql, i);
                String tag = sql.substring(i, tagEnd);
                int close = sql.indexOf(tag, tagEnd);
                if (close < 0) {
                    throw new QueryException("Unterminated dollar-quoted string starting at position " + (i + 1) + ".");
                }
                i = close + tag.length();
                kind = Token.Kind.STRING;
            } else if (Character.isLetter(c) || c == '_') {
                while (i < n && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_' || sql.charAt(i) == '$')) {
                    i++;
                }
                kind = Token.Kind.WORD;
            } else if (Character.isDigit(c) || (c == '.' && i + 1 < n && Character.isDigit(sql.charAt(i + 1)))) {
                i = number(sql, i);
                kind = Token.Kind.NUMBER;
            } else if (OPERATOR_CHARS.indexOf(c) >= 0) {
                while (i < n && OPERATOR_CHARS.indexOf(sql.charAt(i)) >= 0
                        && !(sql.startsWith("--", i) || sql.startsWith("/*", i))) {
                    i++;
                }
                kind = Token.Kind.OPERATOR;
            } else {
                i++;
                kind = Token.Kind.PUNCTUATION;
            }
            out.add(new Token(kind, sql.substring(start, i), start));
        }
        return out;
    }

    private static int blockComment(String sql, int i) {
        int depth = 0;
        int n = sql.length();
        int start = i;
        while (i < n) {
            if (sql.startsWith("/*", i)) {
                depth++;
                i += 2;
            } else if (sql.startsWith("*/", i)) {
                depth--;
                i += 2;
                if (depth == 0) {
                    return i;
                }
            } else {
                i++;
            }
        }
        throw new QueryException("Unterminated comment starting at position " + (start + 1) + ".");
    }

    private static int quoted(String sql, int i, char q, String what) {
        int start = i;
        i++;
        int n = sql.length();
        while (i < n) {
            if (sql.charAt(i) == q) {
                if (i + 1 < n && sql.charAt(i + 1) == q) {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        throw new QueryException("Unterminated " + what + " starting at position " + (start + 1) + ".");
    }

    private static int escapeString(String sql, int quote) {
        int i = quote + 1;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (c == '\\') {
                i += 2;
            } else if (c == '\'') {
                if (i + 1 < n && sql.charAt(i + 1) == '\'') {
                    i += 2;
                } else {
                    return i + 1;
                }
            } else {
                i++;
            }
        }
        throw new QueryException("Unterminated string literal starting at position " + quote + ".");
    }

    /** End of a {@code $tag$} opener at i, or -1. */
    private static int dollarTagEnd(String sql, int i) {
        int j = i + 1;
        while (j < sql.length() && (Character.isLetterOrDigit(sql.charAt(j)) || sql.charAt(j) == '_')) {
            j++;
        }
        return j < sql.length() && sql.charAt(j) == '$' && (j == i + 1 || !Character.isDigit(sql.charAt(i + 1))) ? j + 1 : -1;
    }

    private static int number(String sql, int i) {
        int n = sql.length();
        while (i < n && (Character.isDigit(sql.charAt(i)) || sql.charAt(i) == '.' || sql.charAt(i) == '_')) {
            i++;
        }
        if (i < n && (sql.charAt(i) == 'e' || sql.charAt(i) == 'E')) {
            int j = i + 1;
            if (j < n && (sql.charAt(j) == '+' || sql.charAt(j) == '-')) {
                j++;
            }
            if (j < n && Character.isDigit(sql.charAt(j))) {
                i = j;
                while (i < n && Character.isDigit(sql.charAt(i))) {
                    i++;
                }
            }
        }
        return i;
    }

    /** Rebuilds SQL from tokens. */
    public static String join(List<Token> tokens) {
        StringBuilder sb = new StringBuilder();
        for (Token t : tokens) {
            sb.append(t.text());
        }
        return sb.toString();
    }
}
