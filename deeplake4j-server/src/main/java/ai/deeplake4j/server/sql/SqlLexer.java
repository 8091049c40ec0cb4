package ai.deeplake4j.server.sql;

import ai.deeplake4j.api.error.QueryException;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits PostgreSQL text into tokens, skipping whitespace and comments ({@code --},
 * nested {@code /* *}{@code /}) and keeping string literals ({@code '...'}, {@code E'...'},
 * dollar quotes {@code $tag$...$tag$}) and quoted identifiers apart from words, so the guard
 * never mistakes a literal for a keyword or the reverse.
 */
public final class SqlLexer {

    private SqlLexer() {
    }

    /** @throws QueryException on an unterminated literal, identifier or comment */
    public static List<SqlToken> tokenize(String sql) {
        List<SqlToken> tokens = new ArrayList<>();
        int n = sql.length();
        int i = 0;
        while (i < n) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                while (i < n && sql.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                i = blockComment(sql, i);
            } else if (c == '\'') {
                i = quoted(sql, i, '\'', SqlToken.Kind.STRING, false, tokens);
            } else if ((c == 'E' || c == 'e') && i + 1 < n && sql.charAt(i + 1) == '\'') {
                i = quoted(sql, i + 1, '\'', SqlToken.Kind.STRING, true, tokens);
            } else if (c == '"') {
                i = quoted(sql, i, '"', SqlToken.Kind.QUOTED_IDENTIFIER, false, tokens);
            } else if (c == '$') {
                i = dollar(sql, i, tokens);
            } else if (Character.isDigit(c)) {
                int start = i;
                while (i < n && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '.' || sql.charAt(i) == '_')) {
                    i++;
                }
                tokens.add(new SqlToken(SqlToken.Kind.NUMBER, sql.substring(start, i), start));
            } else if (Character.isLetter(c) || c == '_') {
                int start = i;
                while (i < n && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_' || sql.charAt(i) == '$')) {
                    i++;
                }
                tokens.add(new SqlToken(SqlToken.Kind.WORD, sql.substring(start, i), start));
            } else {
                tokens.add(new SqlToken(SqlToken.Kind.SYMBOL, String.valueOf(c), i));
                i++;
            }
        }
        return tokens;
    }

    private static int blockComment(String sql, int start) {
        int depth = 0;
        int i = start;
        while (i < sql.length()) {
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

    private static int quoted(String sql, int start, char quote, SqlToken.Kind kind, boolean backslashEscapes,
                              List<SqlToken> tokens) {
        StringBuilder text = new StringBuilder();
        int i = start + 1;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (backslashEscapes && c == '\\' && i + 1 < sql.length()) {
                text.append(sql.charAt(i + 1));
                i += 2;
            } else if (c == quote) {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
                    text.append(quote);
                    i += 2;
                } else {
                    tokens.add(new SqlToken(kind, text.toString(), start));
                    return i + 1;
                }
            } else {
                text.append(c);
                i++;
            }
        }
        throw new QueryException("Unterminated " + (kind == SqlToken.Kind.STRING ? "string literal" : "quoted identifier")
                + " starting at position " + (start + 1) + ".");
    }

    private static int dollar(String sql, int start, List<SqlToken> tokens) {
        int i = start + 1;
        if (i < sql.length() && Character.isDigit(sql.charAt(i))) {
            while (i < sql.length() && Character.isDigit(sql.charAt(i))) {
                i++;
            }
            tokens.add(new SqlToken(SqlToken.Kind.PARAMETER, sql.substring(start, i), start));
            return i;
        }
        while (i < sql.length() && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_')) {
            i++;
        }
        if (i >= sql.length() || sql.charAt(i) != '$') {
            tokens.add(new SqlToken(SqlToken.Kind.SYMBOL, "$", start));
            return start + 1;
        }
        String tag = sql.substring(start, i + 1);
        int end = sql.indexOf(tag, i + 1);
        if (end < 0) {
            throw new QueryException("Unterminated dollar-quoted string " + tag + " starting at position " + (start + 1) + ".");
        }
        tokens.add(new SqlToken(SqlToken.Kind.STRING, sql.substring(i + 1, end), start));
        return end + tag.length();
    }
}
