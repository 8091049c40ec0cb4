package ai.deeplake4j.engine.sql;

import java.util.Locale;

/**
 * A lexical token of a SQL text.
 *
 * @param kind  what it is
 * @param text  the exact source text
 * @param start offset of its first char in the SQL
 */
public record Token(Kind kind, String text, int start) {

    /** Token kinds; comments and whitespace are kept so the text can be rebuilt exactly. */
    public enum Kind { WORD, QUOTED_IDENTIFIER, STRING, NUMBER, PARAMETER, OPERATOR, PUNCTUATION, WHITESPACE, COMMENT }

    public int end() {
        return start + text.length();
    }

    /** True for a keyword or bare identifier equal to {@code word}, ignoring case. */
    public boolean is(String word) {
        return kind == Kind.WORD && text.equalsIgnoreCase(word);
    }

    public boolean isSymbol(String symbol) {
        return (kind == Kind.OPERATOR || kind == Kind.PUNCTUATION) && text.equals(symbol);
    }

    /** True for whitespace and comments. */
    public boolean isTrivia() {
        return kind == Kind.WHITESPACE || kind == Kind.COMMENT;
    }

    /** The identifier this token names (unquoted, lower-cased when bare, as PostgreSQL folds), or null. */
    public String identifier() {
        return switch (kind) {
            case WORD -> text.toLowerCase(Locale.ROOT);
            case QUOTED_IDENTIFIER -> text.substring(1, text.length() - 1).replace("\"\"", "\"");
            default -> null;
        };
    }
}
