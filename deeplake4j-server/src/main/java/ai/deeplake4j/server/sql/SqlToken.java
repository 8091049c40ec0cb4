package ai.deeplake4j.server.sql;

/**
 * One lexical token of a SQL statement.
 *
 * @param kind   what it is
 * @param text   the word (as written), the identifier or literal content (unquoted), or the symbol
 * @param offset character offset in the statement
 */
public record SqlToken(Kind kind, String text, int offset) {

    /** Token kinds; literals and quoted identifiers are kept apart from words. */
    public enum Kind { WORD, QUOTED_IDENTIFIER, STRING, NUMBER, PARAMETER, SYMBOL }

    /** True for a word equal to {@code keyword}, ignoring case. */
    public boolean is(String keyword) {
        return kind == Kind.WORD && text.equalsIgnoreCase(keyword);
    }

    /** True for the symbol {@code c}. */
    public boolean isSymbol(char c) {
        return kind == Kind.SYMBOL && text.length() == 1 && text.charAt(0) == c;
    }

    /** True for a word or a quoted identifier. */
    public boolean isIdentifier() {
        return kind == Kind.WORD || kind == Kind.QUOTED_IDENTIFIER;
    }
}
