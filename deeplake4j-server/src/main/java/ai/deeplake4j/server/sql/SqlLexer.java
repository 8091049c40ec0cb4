package ai.deeplake4j.server.sql;

import ai.deeplake4j.api.error.QueryException;
import ai.deeplake4j.engine.sql.Token;
import java.util.ArrayList;
import java.util.List;

/**
 * The guard's view of PostgreSQL text, built on the engine's lexer
 * ({@link ai.deeplake4j.engine.sql.SqlLexer}) so both read literals, quoted identifiers, dollar
 * quotes and comments the same way: whitespace and comments dropped, string literals and quoted
 * identifiers reduced to their content (so the guard sees the file path a literal names), and
 * operators split into one-character symbols.
 */
public final class SqlLexer {

    private SqlLexer() {
    }

    /** @throws QueryException on an unterminated literal, identifier or comment */
    public static List<SqlToken> tokenize(String sql) {
        List<SqlToken> out = new ArrayList<>();
        for (Token t : ai.deeplake4j.engine.sql.SqlLexer.lex(sql)) {
            switch (t.kind()) {
                case WHITESPACE, COMMENT -> { }
                case WORD -> out.add(new SqlToken(SqlToken.Kind.WORD, t.text(), t.start()));
                case NUMBER -> out.add(new SqlToken(SqlToken.Kind.NUMBER, t.text(), t.start()));
                case PARAMETER -> out.add(new SqlToken(SqlToken.Kind.PARAMETER, t.text(), t.start()));
                case QUOTED_IDENTIFIER -> out.add(new SqlToken(SqlToken.Kind.QUOTED_IDENTIFIER, t.identifier(), t.start()));
                case STRING -> out.add(new SqlToken(SqlToken.Kind.STRING, content(t.text()), t.start()));
                case OPERATOR, PUNCTUATION -> {
                    for (int i = 0; i < t.text().length(); i++) {
                        out.add(new SqlToken(SqlToken.Kind.SYMBOL, String.valueOf(t.text().charAt(i)), t.start() + i));
                    }
                }
            }
        }
        return out;
    }

    /** The value a string literal denotes: {@code '..'} with {@code ''}, {@code E'..'} with escapes, {@code $tag$..$tag$}. */
    private static String content(String literal) {
        if (literal.startsWith("$")) {
            int tagEnd = literal.indexOf('$', 1) + 1;
            return literal.substring(tagEnd, literal.length() - tagEnd);
        }
        boolean escapes = literal.charAt(0) == 'E' || literal.charAt(0) == 'e';
        String body = literal.substring(escapes ? 2 : 1, literal.length() - 1);
        StringBuilder text = new StringBuilder(body.length());
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (escapes && c == '\\' && i + 1 < body.length()) {
                text.append(body.charAt(++i));
            } else if (c == '\'' && i + 1 < body.length() && body.charAt(i + 1) == '\'') {
                text.append('\'');
                i++;
            } else {
                text.append(c);
            }
        }
        return text.toString();
    }
}
