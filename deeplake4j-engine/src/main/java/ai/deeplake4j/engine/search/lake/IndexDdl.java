package ai.deeplake4j.engine.search.lake;

import ai.deeplake4j.api.error.QueryException;
import ai.deeplake4j.engine.sql.Token;
import java.util.ArrayList;
import java.util.List;

/**
 * A parsed index statement:
 * {@code CREATE [UNIQUE] INDEX [IF NOT EXISTS] [name] ON table [USING deeplake_index] (column) [WITH (index_type = 'type')]}
 * or {@code DROP INDEX [IF EXISTS] name [, name ...]}.
 *
 * @param create    true for CREATE, false for DROP
 * @param ifClause  IF NOT EXISTS / IF EXISTS was given
 * @param names     the index name(s); for CREATE at most one, possibly none
 * @param table     CREATE: the table
 * @param column    CREATE: the column
 * @param indexType CREATE: the index_type option, or null for the column type's default
 */
record IndexDdl(boolean create, boolean ifClause, List<String> names, String table, String column, String indexType) {

    /**
     * @throws QueryException for a statement of another shape, saying which shape is accepted
     */
    static IndexDdl parse(List<Token> tokens) {
        List<Token> t = new ArrayList<>();
        for (Token tok : tokens) {
            if (!tok.isTrivia() && !tok.isSymbol(";")) {
                t.add(tok);
            }
        }
        int i = 0;
        boolean create = t.get(i++).is("CREATE");
        if (t.get(i).is("UNIQUE")) {
            i++;
        }
        i++; // INDEX
        boolean ifClause = false;
        if (i < t.size() && t.get(i).is("IF")) {
            ifClause = true;
            i += create ? 3 : 2;
        }
        if (!create) {
            List<String> names = new ArrayList<>();
            for (; i < t.size(); i++) {
                if (!t.get(i).isSymbol(",") && t.get(i).identifier() != null && !t.get(i).is("CASCADE") && !t.get(i).is("RESTRICT")) {
                    names.add(t.get(i).identifier());
                }
            }
            if (names.isEmpty()) {
                throw new QueryException("DROP INDEX needs an index name: DROP INDEX [IF EXISTS] name.");
            }
            return new IndexDdl(false, ifClause, names, null, null, null);
        }
        List<String> names = new ArrayList<>();
        if (i < t.size() && !t.get(i).is("ON")) {
            names.add(t.get(i++).identifier());
        }
        if (i >= t.size() || !t.get(i).is("ON")) {
            throw syntax();
        }
        i++;
        if (i < t.size() && t.get(i).is("ONLY")) {
            i++;
        }
        String table = t.get(i++).identifier();
        if (i < t.size() && t.get(i).is("USING")) {
            String method = t.get(i + 1).identifier();
            if (!"deeplake_index".equals(method)) {
                throw new QueryException("Index method " + method + " is not supported. Use USING deeplake_index.");
            }
            i += 2;
        }
        if (i >= t.size() || !t.get(i).isSymbol("(")) {
            throw syntax();
        }
        String column = t.get(i + 1).identifier();
        if (!t.get(i + 2).isSymbol(")")) {
            throw new QueryException("A deeplake_index covers one column: CREATE INDEX ... USING deeplake_index (column).");
        }
        i += 3;
        String type = null;
        if (i < t.size() && t.get(i).is("WITH")) {
            for (int j = i + 1; j + 2 < t.size(); j++) {
                if (t.get(j).is("index_type") && t.get(j + 1).isSymbol("=")) {
                    String v = t.get(j + 2).text();
                    type = v.startsWith("'") ? v.substring(1, v.length() - 1).replace("''", "'") : v;
                }
            }
        }
        return new IndexDdl(true, ifClause, names, table, column, type);
    }

    private static QueryException syntax() {
        return new QueryException("Use CREATE INDEX [IF NOT EXISTS] [name] ON table USING deeplake_index (column) "
                + "[WITH (index_type = '...')].");
    }
}
