package ai.deeplake4j.engine.search.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The clauses of one SELECT (top level or in brackets) found at its own bracket level: the select
 * items, the single table of FROM (with its alias), WHERE, ORDER BY and LIMIT/OFFSET. Enough to
 * decide whether a {@code <#>} use is a top-k search ({@code ORDER BY score DESC LIMIT k}).
 */
final class SelectScope {
    private static final Set<String> CLAUSES = Set.of("SELECT", "FROM", "WHERE", "GROUP", "HAVING", "WINDOW", "QUALIFY",
            "ORDER", "LIMIT", "OFFSET", "UNION", "EXCEPT", "INTERSECT", "FETCH");

    final int start;
    final int end;
    final List<int[]> items = new ArrayList<>();
    int from = -1;
    int fromEnd = -1;
    String table;
    String alias;
    int whereStart = -1;
    int whereEnd = -1;
    int orderStart = -1;
    int orderEnd = -1;
    long limit = -1;
    long offset = 0;
    boolean setOperation;
    boolean grouped;

    /**
     * @param start position of SELECT
     * @param end   last position of the scope, inclusive
     */
    SelectScope(TokenView v, int start, int end) {
        this.start = start;
        this.end = end;
        List<Integer> marks = new ArrayList<>();
        for (int p = start; p <= end; p++) {
            if (v.sameLevel(p, start) && v.get(p).kind() == ai.deeplake4j.engine.sql.Token.Kind.WORD
                    && CLAUSES.contains(v.get(p).text().toUpperCase(Locale.ROOT))) {
                marks.add(p);
            }
        }
        marks.add(end + 1);
        for (int i = 0; i + 1 < marks.size(); i++) {
            int p = marks.get(i);
            int next = marks.get(i + 1) - 1;
            String kw = v.get(p).text().toUpperCase(Locale.ROOT);
            switch (kw) {
                case "SELECT" -> splitItems(v, p + 1, next);
                case "FROM" -> {
                    from = p + 1;
                    fromEnd = next;
                    simpleTable(v, p + 1, next);
                }
                case "WHERE" -> {
                    whereStart = p + 1;
                    whereEnd = next;
                }
                case "ORDER" -> {
                    orderStart = v.is(p + 1, "BY") ? p + 2 : p + 1;
                    orderEnd = next;
                }
                case "LIMIT" -> limit = number(v, p + 1, next);
                case "OFFSET" -> offset = Math.max(0, number(v, p + 1, next));
                case "UNION", "EXCEPT", "INTERSECT" -> setOperation = true;
                case "GROUP", "HAVING", "WINDOW", "QUALIFY" -> grouped = true;
                default -> {
                }
            }
        }
    }

    private void splitItems(TokenView v, int from, int to) {
        int itemStart = from;
        if (v.is(itemStart, "DISTINCT") || v.is(itemStart, "ALL")) {
            grouped |= v.is(itemStart, "DISTINCT");
            itemStart++;
        }
        for (int p = itemStart; p <= to; p++) {
            if (v.isSymbol(p, ",") && v.sameLevel(p, start)) {
                items.add(new int[] {itemStart, p - 1});
                itemStart = p + 1;
            }
        }
        if (itemStart <= to) {
            items.add(new int[] {itemStart, to});
        }
    }

    /** {@code name}, {@code name alias} or {@code name AS alias}. */
    private void simpleTable(TokenView v, int from, int to) {
        String name = v.get(from).identifier();
        if (name == null || v.get(from).is("SELECT")) {
            return;
        }
        int p = from + 1;
        if (p <= to && v.is(p, "AS")) {
            p++;
        }
        String a = null;
        if (p <= to) {
            a = v.get(p).identifier();
            if (a == null || p != to) {
                return;
            }
        }
        table = v.get(from).kind() == ai.deeplake4j.engine.sql.Token.Kind.WORD ? v.get(from).text() : name;
        alias = a;
    }

    private static long number(TokenView v, int from, int to) {
        if (from == to && v.get(from).kind() == ai.deeplake4j.engine.sql.Token.Kind.NUMBER) {
            try {
                return Long.parseLong(v.get(from).text());
            } catch (NumberFormatException e) {
                return -1;
            }
        }
        return -1;
    }

    /** The name the FROM table is referred to by in this scope. */
    String reference() {
        return alias != null ? alias : table;
    }
}
