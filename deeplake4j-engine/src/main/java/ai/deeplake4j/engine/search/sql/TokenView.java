package ai.deeplake4j.engine.search.sql;

import ai.deeplake4j.engine.sql.Token;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;

/**
 * The significant (non-whitespace, non-comment) tokens of a statement with their matching
 * brackets, and a list of text edits applied at the end. Positions are indexes into the
 * significant tokens; edits replace the source text of a range of them.
 */
final class TokenView {
    private final List<Token> all;
    private final List<Integer> sig = new ArrayList<>();
    private final int[] match;
    private final int[] enclosing;
    private final List<Edit> edits = new ArrayList<>();

    private record Edit(int from, int to, String text) {
    }

    TokenView(List<Token> tokens) {
        this.all = tokens;
        for (int i = 0; i < tokens.size(); i++) {
            if (!tokens.get(i).isTrivia()) {
                sig.add(i);
            }
        }
        match = new int[sig.size()];
        enclosing = new int[sig.size()];
        Arrays.fill(match, -1);
        Deque<Integer> open = new ArrayDeque<>();
        for (int p = 0; p < sig.size(); p++) {
            enclosing[p] = open.isEmpty() ? -1 : open.peek();
            Token t = get(p);
            if (t.isSymbol("(") || t.isSymbol("[")) {
                open.push(p);
            } else if ((t.isSymbol(")") || t.isSymbol("]")) && !open.isEmpty()) {
                int o = open.pop();
                match[o] = p;
                match[p] = o;
                enclosing[p] = open.isEmpty() ? -1 : open.peek();
            }
        }
    }

    int size() {
        return sig.size();
    }

    Token get(int p) {
        return p >= 0 && p < sig.size() ? all.get(sig.get(p)) : null;
    }

    boolean is(int p, String word) {
        Token t = get(p);
        return t != null && t.is(word);
    }

    boolean isSymbol(int p, String symbol) {
        Token t = get(p);
        return t != null && t.isSymbol(symbol);
    }

    /** The position of the bracket matching the one at {@code p}, or -1. */
    int match(int p) {
        return match[p];
    }

    /** The position of the innermost open bracket enclosing {@code p}, or -1 at top level. */
    int enclosing(int p) {
        return enclosing[p];
    }

    /** True when {@code p} and {@code q} are directly inside the same brackets. */
    boolean sameLevel(int p, int q) {
        return enclosing[p] == enclosing[q];
    }

    /** The source text of positions {@code from..to} inclusive, whitespace and comments included. */
    String text(int from, int to) {
        StringBuilder sb = new StringBuilder();
        for (int i = sig.get(from); i <= sig.get(to); i++) {
            sb.append(all.get(i).text());
        }
        return sb.toString();
    }

    /** The text of a range with whitespace collapsed, to compare expressions. */
    String normalized(int from, int to) {
        StringBuilder sb = new StringBuilder();
        for (int p = from; p <= to; p++) {
            sb.append(get(p).text()).append(' ');
        }
        return sb.toString().trim();
    }

    /** Replaces positions {@code from..to} inclusive by {@code text} when {@link #render()} runs. */
    void replace(int from, int to, String text) {
        edits.add(new Edit(sig.get(from), sig.get(to) + 1, text));
    }

    /** The statement's text with the edits applied (edits must not overlap). */
    String render() {
        List<Edit> sorted = new ArrayList<>(edits);
        sorted.sort((a, b) -> Integer.compare(a.from, b.from));
        StringBuilder sb = new StringBuilder();
        int i = 0;
        for (Edit e : sorted) {
            while (i < e.from) {
                sb.append(all.get(i++).text());
            }
            sb.append(e.text);
            i = e.to;
        }
        while (i < all.size()) {
            sb.append(all.get(i++).text());
        }
        return sb.toString();
    }
}
